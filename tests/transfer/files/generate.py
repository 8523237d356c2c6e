# ruff: noqa: E501  (file contents, kept as the exporters write them, one row a line)
"""Write the quirk files of tests/transfer/files/ (issue 27) that are easier made than typed:
CR CR LF line ends, Windows-1252 and UTF-16 bytes, a folded photo. Deterministic: run it
again and `git diff` shows nothing.

    python tests/transfer/files/generate.py
"""

import base64
import random
from pathlib import Path

OUT = Path(__file__).parent


def crlf(text):
    return text.strip("\n").replace("\n", "\r\n") + "\r\n"


def fold(line, width=75):
    out = [line[:width]]
    rest = line[width:]
    while rest:
        out.append(" " + rest[: width - 1])
        rest = rest[width - 1 :]
    return "\n".join(out)


rng = random.Random(27)
photo = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(6000))).decode()

iphone = f"""BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//iPhone OS 17.4//EN
N:Okonkwo;Chiamaka;;;
FN:Chiamaka Okonkwo
NICKNAME:Chi
ORG:Lagos Fintech Ltd;Platform Engineering
TITLE:Staff Engineer
item1.EMAIL;type=INTERNET;type=pref:chiamaka@lagosfintech.example
item1.X-ABLabel:_$!<Work>!$_
EMAIL;type=INTERNET;type=HOME:chi.okonkwo@mail.example
TEL;type=CELL;type=VOICE;type=pref:+234 803 555 0101
TEL;type=WORK;type=VOICE:+234 1 555 0199
item2.ADR;type=WORK;type=pref:;;12 Marina Road;Lagos;LA;101001;Nigeria
item2.X-ABADR:ng
item3.URL;type=pref:https://lagosfintech.example
item3.X-ABLabel:_$!<HomePage>!$_
X-SOCIALPROFILE;type=linkedin;x-user=chiamaka-okonkwo:https://www.linkedin.com/in/chiamaka-okonkwo
BDAY;VALUE=date:1604-05-09
{fold("PHOTO;ENCODING=b;TYPE=JPEG:" + photo)}
NOTE:Met at the Lagos payments meetup, talked about hiring, on-call and remote work.
X-ABUID:8C1F3E52-55A0-4F1B-9D57-3C9E1A7F0B21:ABPerson
END:VCARD
BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//iPhone OS 17.4//EN
N:;;;;
FN:
ORG:Lagos Fintech Ltd;
TEL;type=WORK;type=VOICE:+234 1 555 0100
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Babatunde;Femi;;;
FN:Femi Babatunde
ORG:Lagos Fintech Ltd;
TITLE:Designer
item1.URL;type=pref:https://lagosfintech.example
item1.X-ABLabel:_$!<HomePage>!$_
TEL;type=CELL:+234 803 555 0177
END:VCARD
"""
(OUT / "iphone.vcf").write_bytes(crlf(iphone).encode())


# Android 2.1: QP names, N only, phone-only card, email-only card, base64 photo ending in a
# blank line, a repeated contact with another phone.
def qp(text):
    return "".join(f"={b:02X}" for b in text.encode())


android = f"""BEGIN:VCARD
VERSION:2.1
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp("Müller")};{qp("Jürgen")};;;
TEL;CELL;PREF:+49 151 5550 1234
EMAIL;HOME:juergen.mueller@mail.example
X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Jogi;1;;;;;;;;;;;;;
PHOTO;ENCODING=BASE64;JPEG:{photo[:76]}
 {photo[76:152]}
 {photo[152:228]}

END:VCARD
BEGIN:VCARD
VERSION:2.1
TEL;CELL:+49 170 5550 9876
END:VCARD
BEGIN:VCARD
VERSION:2.1
EMAIL;PREF:lena.novak@studio.example
END:VCARD
BEGIN:VCARD
VERSION:2.1
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp("Müller")};{qp("Jürgen")};;;
TEL;WORK:+49 30 5550 4321
EMAIL;HOME:juergen.mueller@mail.example
END:VCARD
"""
(OUT / "android.vcf").write_bytes(crlf(android).encode())

long_note = (
    "Introduced by Sam, who worked with him at the bank. Ask about: the move from "
    "audit to product, what a day looks like, how they hire, whether a portfolio "
    "matters, and which courses, if any, helped. He prefers calls on Tuesdays, "
    "mornings only, and said, twice, that cold emails are fine. "
) * 3


def qp_soft(text, width=73):
    encoded = "".join(
        c
        if (c.isascii() and c.isalnum()) or c in " .,:;-()"
        else "".join(f"={b:02X}" for b in c.encode("cp1252"))
        for c in text
    )
    lines, line = [], ""
    for ch in encoded:
        line += ch
        if len(line) >= width and not line.endswith(
            (
                "=",
                "=0",
                "=1",
                "=2",
                "=3",
                "=4",
                "=5",
                "=6",
                "=7",
                "=8",
                "=9",
                "=A",
                "=B",
                "=C",
                "=D",
                "=E",
                "=F",
            )
        ):
            lines.append(line + "=")
            line = ""
    lines.append(line)
    return "\n".join(lines)


outlook = f"""BEGIN:VCARD
VERSION:2.1
N;LANGUAGE=en-us:Doe;John;;;III
FN:John Doe III
ORG:Company, The;Sales, EMEA
TITLE:Head of Sales, EMEA
TEL;WORK;VOICE:(020) 7946 0018
EMAIL;PREF;INTERNET:jdoe@company-the.example
ADR;WORK;PREF:;;1 Main Street;London;;EC1A 1BB;United Kingdom
LABEL;WORK;PREF;ENCODING=QUOTED-PRINTABLE:1 Main Street=0D=0ALondon EC1A 1BB=0D=0AUnited Kingdom
NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=Windows-1252:{qp_soft(long_note + "Café, naïve – fine.")}
X-MS-OL-DEFAULT-POSTAL-ADDRESS:2
X-MS-MANAGER:Jane Roe
REV:20240301T101010Z
END:VCARD
BEGIN:VCARD
VERSION:2.1
FN:Ana Ruiz
EMAIL;INTERNET:ana.ruiz@example.org
note;quoted-printable:Lowercase =
quoted-printable, with =E9 in Latin-1=0D=0Asecond line
END:VCARD
"""
(OUT / "outlook21.vcf").write_bytes(crlf(outlook).encode("cp1252"))

gmail = """BEGIN:VCARD
VERSION:3.0
FN:Doe, Jane
N:Doe;Jane;;;
EMAIL;TYPE=INTERNET;TYPE=WORK:jane.doe@agency.example
TEL;TYPE=CELL:(555) 010-2233
TITLE:Director, Research, Strategy
ORG:Agency, Inc.
item1.URL:https\\://www.linkedin.com/in/jane-doe-0a1b2c3
item1.X-ABLabel:PROFILE
item2.URL:https://agency.example
item2.X-ABLabel:Work
NOTE:Met at a conference, then again at the alumni dinner, and she said, kindly, to write.
CATEGORIES:myContacts,Mentors
END:VCARD
"""
(OUT / "gmail.vcf").write_bytes(crlf(gmail).encode())

crcr = """BEGIN:VCARD
VERSION:3.0
PROFILE:VCard
NAME:Exported contacts
SOURCE:ldap://ldap.example
FN:Priyanka Sharma
N:Sharma;Priyanka;;;
EMAIL;TYPE=internet:priyanka.sharma@example.net
NOTE:Folded across lines with CR CR LF endings, which one old exporter
  writes; the note must come back whole.
UID:crcrlf-0001
END:VCARD
"""
(OUT / "crcrlf_profile.vcf").write_bytes(crcr.replace("\n", "\r\r\n").encode())

lotus = """BEGIN:VCARD
VERSION:3.0
PRODID:-//Lotus Development Corporation//NONSGML Notes 8.5//EN
FN:Olusegun Adeyemi
N:Adeyemi;Olusegun;;;
ORG:Notes Consulting
EMAIL;TYPE=INTERNET:segun@notes.example
AGENT:
BEGIN:VCARD
VERSION:3.0
FN:Mary Assistant
TEL;TYPE=WORK:+1 212 555 0134
END:VCARD
END:VCARD
"""
(OUT / "lotus_nested.vcf").write_bytes(crlf(lotus).encode())

radicale = """BEGIN:VCARD
VERSION:4.0
UID:7f0cbd1c-radicale-data-uri
FN:Wei Zhang
N:Zhang;Wei;;;
EMAIL;PREF=1:wei.zhang@example.cn
PHOTO:data:image/png;base64,iVBORw0KGgo!!!this is not base64!!!
BDAY:--0512
END:VCARD
"""
(OUT / "radicale_data_uri.vcf").write_bytes(crlf(radicale).encode())

latin = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström\r\nEMAIL:zoe@example.se\r\nEND:VCARD\r\n"
).encode() + (
    "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:José Peña\r\n"
    "ORG:Café Olé\r\nTEL:+34 91 555 0101\r\nEND:VCARD\r\n"
).encode("latin-1")
(OUT / "latin1_no_charset.vcf").write_bytes(latin)

utf16 = """BEGIN:VCARD
VERSION:3.0
FN:Søren Kierkegaard
N:Kierkegaard;Søren;;;
TEL;TYPE=HOME:+45 33 55 01 01
END:VCARD
"""
(OUT / "utf16.vcf").write_bytes(crlf(utf16).encode("utf-16"))

korean = """BEGIN:VCARD
VERSION:3.0
N:김;민준;;;
FN:김민준
ORG:서울 데이터 주식회사
TEL;TYPE=CELL:010-5555-0101
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:이;서연;;;
FN:이서연
TEL;TYPE=CELL:010-5555-0202
END:VCARD
"""
(OUT / "korean.vcf").write_bytes(crlf(korean).encode())

monica = """BEGIN:VCARD
VERSION:4.0
PRODID:-//Sabre//Sabre VObject 4.5.4//EN
UID:5b4f9a0e-monica-stub
SOURCE:https://monica.example/dav/addressbooks/me/contacts/5b4f9a0e
FN:Tomasz
N:;Tomasz;;;
GENDER:O
END:VCARD
"""
(OUT / "monica_stub.vcf").write_bytes(crlf(monica).encode())

thunderbird_vcf = """BEGIN:VCARD
VERSION:4.0
N:Lindqvist;Astrid;;;
FN:Astrid Lindqvist
EMAIL;PREF=1:astrid@lindqvist.example
EMAIL:astrid.l@work.example
TEL;TYPE=work;VALUE=TEXT:+46 8 555 010 10
ADR;TYPE=home:;;Storgatan 1;Stockholm;;111 22;Sweden
IMPP:xmpp:astrid@chat.example
NOTE:Knows the Stockholm design scene.
UID:c3f1e9a4-0000-4d5e-9a8b-thunderbird
END:VCARD
"""
(OUT / "thunderbird.vcf").write_bytes(crlf(thunderbird_vcf).encode())

shared = """BEGIN:VCARD
VERSION:3.0
FN:Marco Bianchi
EMAIL:marco@studio-rossi.example
TEL:+39 02 5550 1111
TITLE:Architect
URL:https://www.studio-rossi.example
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Giulia Verdi
EMAIL:giulia@studio-rossi.example
TEL:+39 02 5550 2222
TITLE:Partner
URL:https://www.studio-rossi.example/
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Luca Neri
TITLE:Intern
URL:https://studio-rossi.example
END:VCARD
"""
(OUT / "shared_website.vcf").write_bytes(crlf(shared).encode())

tb_csv = (
    "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,"
    "Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,Home Address,"
    "Home Address 2,Home City,Home State,Home ZipCode,Home Country,Work Address,"
    "Work Address 2,Work City,Work State,Work ZipCode,Work Country,Job Title,Department,"
    "Organization,Web Page 1,Web Page 2,Birth Year,Birth Month,Birth Day,Custom 1,"
    "Custom 2,Custom 3,Custom 4,Notes,\n"
    "Astrid,Lindqvist,Astrid Lindqvist,Asti,astrid@lindqvist.example,astrid.l@work.example,"
    "astrid_l,+46 8 555 010 10,,,,+46 70 555 01 01,Storgatan 1,,Stockholm,,111 22,Sweden,"
    ",,,,,,UX Lead,Design Systems,Nordic Design AB,https://nordicdesign.example,,,04,23,"
    ',,,,"Met at the design meetup, wants to mentor.",\n'
    ",,,,newsletter@nordicdesign.example,,,,,,,,,,,,,,,,,,,,,,Nordic Design AB,,,,,,,,,,,\n"
    "Erik,Holm,Erik Holm,,,,,,,,,+46 70 555 02 02,,,,,,,,,,,,,,,,,,1979,11,02,,,,,,\n"
)
(OUT / "thunderbird.csv").write_bytes(tb_csv.encode())

headerless = (
    'Ada,Lovelace,ada@engines.example,"Analytical Engines, Ltd",Mathematician,12 Mar 2018\n'
    "Alan,Turing,,Bletchley Park,Cryptanalyst,7 Nov 2017\n"
    "Grace,Hopper,grace@navy.example,US Navy,Rear Admiral,01 Feb 2016\n"
)
(OUT / "linkedin_headerless.csv").write_bytes(headerless.encode())

linkedin2018 = (
    "First Name,Last Name,Email Address,Company,Position,Connected On\n"
    "Mei,Tanaka,,Kyoto Robotics,Engineer,14 Jun 2018\n"
    "Lucas,Sato,,,,03 Jan 2018\n"
    "Mei,Tanaka,,Kyoto Robotics,Engineer,14 Jun 2018\n"
)
(OUT / "linkedin_2018.csv").write_bytes(linkedin2018.encode())

outlook_emails = (
    '"E-mail Address","E-mail Display Name"\n'
    '"fatima@souk.example","Fatima Zahra (fatima@souk.example)"\n'
    '"omar.haddad@souk.example","omar.haddad@souk.example"\n'
)
(OUT / "outlook_emails_only.csv").write_bytes(outlook_emails.encode())

google_nameless = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,"
    "Address 1 - Label,Address 1 - Formatted,Website 1 - Label,Website 1 - Value\n"
    ",,,,,,,,,,,,,,,,* myContacts,* Other,sam.lee@example.org,,,,,,\n"
    ",,,,,,,,,,,,,,,,* myContacts,,,Mobile,+1 415 555 0123,,,,\n"
    ",,,,,,,,,,Blue Bottle Roasters,,,,,,* myContacts,,,Work,+1 510 555 0000,,,,\n"
    'Priya,,Raman,,,,,,Pri,,"Acme Research, Inc.",Head of Research,Labs,1604-03-15,,'
    ',* myContacts,* Work,priya@acme.example,Mobile,+1 555 0100,Home,"1 Elm St, Chicago",'
    "Blog,https://priya.example\n"
    "Priya,,Raman,,,,,,,,,,,,,,* myContacts,,,Home,+1 555 0199,,,,\n"
)
(OUT / "google_nameless.csv").write_bytes(google_nameless.encode())

rows = ["First Name,Last Name,E-mail Address,Company,Job Title"]
for n in range(1, 301):
    rows.append(f"Person{n},Family{n},p{n}@example.com,Company {n % 7},Engineer")
rows[204] = "Caf\x8d,Owner,owner@cafe.example,Café du Nord,Owner"
data = "\r\n".join(rows).encode("latin-1").replace(b"Caf\xc2\x8d", b"Caf\x8d")
(OUT / "cp1252_stray_byte.csv").write_bytes(data)

sheet = (
    "Full Name;E-mail;Mobile;Company;Role;Tags;Met at\n"
    "Nadia Petrova;nadia@example.bg;+359 88 555 0101;Sofia Labs;Researcher;mentor, ai;Meetup\n"
    ";;+359 88 555 0202;;;;\n"
)
(OUT / "spreadsheet_semicolons.csv").write_bytes(sheet.encode())
