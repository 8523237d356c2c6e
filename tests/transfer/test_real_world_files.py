"""Issue 27: the quirks of files other programs write (tests/transfer/files/README.md says
which file reproduces which), read without losing a person or a value."""

import pytest

from coffeechat.people.models import Person
from coffeechat.transfer import services
from coffeechat.transfer.importers import person_values, read
from coffeechat.transfer.importers.vcard import MAX_VALUE, cards
from coffeechat.transfer.importing import REVIEW_TAG, Status
from tests.conftest import make_person

from .helpers import file_bytes, names, refused, rows_by_line


def contacts(name):
    return [row.contact for row in read(file_bytes(name)).rows]


# ---- point 2: one bad property never costs the person ----------------------------


def test_an_iphone_card_with_an_embedded_photo_keeps_its_person_and_every_value():
    chiamaka = contacts("iphone.vcf")[0]
    assert (chiamaka.name, chiamaka.organization, chiamaka.title) == (
        "Chiamaka Okonkwo",
        "Lagos Fintech Ltd",
        "Staff Engineer",
    )
    assert chiamaka.emails[0] == "chiamaka@lagosfintech.example"  # item1 …;type=pref
    values = person_values(chiamaka)
    assert values["profile_url"] == "https://www.linkedin.com/in/chiamaka-okonkwo"
    assert "Department: Platform Engineering" in values["notes"]
    assert "Nickname: Chi" in values["notes"]
    assert "Address (work): 12 Marina Road, Lagos, LA 101001, Nigeria" in values["notes"]
    assert values["location"] == "Lagos"


def test_a_nested_card_is_read_as_its_own_person():
    assert names(read(file_bytes("lotus_nested.vcf"))) == ["Olusegun Adeyemi", "Mary Assistant"]


def test_a_photo_with_bad_base64_in_a_data_uri_is_skipped_and_the_person_kept():
    [wei] = contacts("radicale_data_uri.vcf")
    assert (wei.name, wei.emails, wei.uid) == (
        "Wei Zhang",
        ["wei.zhang@example.cn"],
        "7f0cbd1c-radicale-data-uri",
    )


def test_a_latin_1_card_without_charset_in_a_utf_8_file():
    parsed = read(file_bytes("latin1_no_charset.vcf"))
    assert names(parsed) == ["Zoë Ångström", "José Peña"]
    assert parsed.rows[1].contact.organization == "Café Olé"


def test_utf_16_and_korean_cards():
    assert names(read(file_bytes("utf16.vcf"))) == ["Søren Kierkegaard"]
    assert names(read(file_bytes("korean.vcf"))) == ["김민준", "이서연"]


# ---- point 6: whole values ---------------------------------------------------------


def test_unescaped_commas_stay_in_fn_title_note_and_org():
    [jane] = contacts("gmail.vcf")
    assert jane.name == "Doe, Jane"
    assert jane.title == "Director, Research, Strategy"
    assert jane.organization == "Agency, Inc."
    assert jane.notes[0] == (
        "Met at a conference, then again at the alumni dinner, and she said, kindly, to write."
    )


def test_an_outlook_21_note_in_quoted_printable_comes_back_whole():
    john, ana = contacts("outlook21.vcf")
    assert john.organization == "Company, The"  # ORG:Company, The
    assert ("Department", "Sales, EMEA") in john.extra
    assert john.title == "Head of Sales, EMEA"
    assert len(john.notes[0]) > 700 and john.notes[0].endswith("Café, naïve – fine.")
    assert john.notes[0].count("cold emails are fine") == 3
    # lowercase `note;quoted-printable`, with a soft line break
    assert ana.notes == ["Lowercase quoted-printable, with é in Latin-1\nsecond line"]


def test_cr_cr_lf_line_ends_and_a_profile_line():
    [priyanka] = contacts("crcrlf_profile.vcf")
    assert priyanka.name == "Priyanka Sharma"
    assert priyanka.notes == [
        "Folded across lines with CR CR LF endings, which one old "
        "exporter writes; the note must come back whole."
    ]


# ---- points 10: binary properties are never collected, other values are capped ------


def test_a_huge_folded_photo_is_skipped_without_being_collected():
    photo = (
        "PHOTO;ENCODING=b;TYPE=JPEG:"
        + "QUJD" * 18
        + "\r\n"
        + (" " + "QUJD" * 18 + "\r\n") * 200_000
    )  # about 15 MB of folded base64
    card = (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Photo\r\n{photo}EMAIL:b@example.org\r\nEND:VCARD\r\n"
    )
    [found] = cards(card)
    assert [prop.name for prop in found.properties] == ["VERSION", "FN", "EMAIL"]
    assert found.warnings == []


def test_an_oversized_text_value_is_left_out_with_a_warning():
    note = "NOTE:" + "x" * 70 + "\r\n" + (" " + "x" * 74 + "\r\n") * (MAX_VALUE // 70)
    parsed = read(f"BEGIN:VCARD\r\nFN:Long Note\r\n{note}END:VCARD\r\n".encode())
    [row] = parsed.rows
    assert row.contact.name == "Long Note" and row.contact.notes == []
    assert row.warnings == [f"line 3: NOTE longer than {MAX_VALUE:,} characters; left out"]


# ---- point 3: formats recognised ---------------------------------------------------


def test_thunderbird_csv():
    parsed = read(file_bytes("thunderbird.csv"))
    assert (parsed.format, names(parsed)) == (
        "thunderbird",
        ["Astrid Lindqvist", "Newsletter", "Erik Holm"],
    )
    astrid = parsed.rows[0].contact
    assert astrid.emails == ["astrid@lindqvist.example", "astrid.l@work.example"]
    assert (astrid.organization, astrid.title, astrid.location) == (
        "Nordic Design AB",
        "UX Lead",
        "Stockholm",
    )
    notes = person_values(astrid)["notes"]
    assert "Birthday: 23 April" in notes and "Department: Design Systems" in notes
    assert "Birthday: 2 November 1979" in person_values(parsed.rows[2].contact)["notes"]


def test_linkedin_connections_without_a_header_row():
    parsed = read(file_bytes("linkedin_headerless.csv"))
    assert parsed.format == "linkedin" and refused(parsed) == {}
    ada = parsed.rows[0].contact
    assert (ada.name, ada.organization, ada.emails) == (
        "Ada Lovelace",
        "Analytical Engines, Ltd",
        ["ada@engines.example"],
    )
    assert "Connected on LinkedIn: 12 March 2018" in person_values(ada)["notes"]


def test_outlook_csv_with_only_e_mail_columns():
    parsed = read(file_bytes("outlook_emails_only.csv"))
    assert parsed.format == "outlook"
    assert names(parsed) == ["Fatima Zahra", "Omar Haddad"]
    assert parsed.rows[1].review and not parsed.rows[0].review


def test_columns_mapped_by_hand():
    data = b"Wer,Adresse,Firma\nAnna Schmidt,anna@example.de,Bahn AG\n"
    with pytest.raises(Exception, match="it needs a header row naming a name"):
        read(data)
    parsed = read(data, columns={"name": "Wer", "email": "Adresse", "organization": "Firma"})
    [anna] = [row.contact for row in parsed.rows]
    assert (anna.name, anna.emails, anna.organization) == (
        "Anna Schmidt",
        ["anna@example.de"],
        "Bahn AG",
    )


# ---- points 4, 5, 9 ----------------------------------------------------------------


def test_one_undefined_windows_1252_byte_flags_only_its_row():
    parsed = read(file_bytes("cp1252_stray_byte.csv"))
    assert len(parsed.rows) == 300 and refused(parsed) == {}
    flagged = {row.line: row for row in parsed.rows if row.warnings}
    assert list(flagged) == [205]
    assert rows_by_line(parsed)[206].contact.name == "Person205 Family205"


def test_rows_without_a_name_are_named_for_review_not_refused():
    rows = read(file_bytes("google_nameless.csv")).rows
    assert [(row.contact.name, row.review) for row in rows[:3]] == [
        ("Sam Lee", True),
        ("+1 415 555 0123", True),
        ("Blue Bottle Roasters", True),
    ]
    assert rows[0].warnings == ["no name: named “Sam Lee” after the email address; check it"]


def test_the_no_year_birthday_sentinel_is_no_year():
    priya = read(file_bytes("google_nameless.csv")).rows[3].contact
    assert "Birthday: 15 March" in priya.notes and "1604" not in " ".join(priya.notes)
    chiamaka = contacts("iphone.vcf")[0]
    assert "Birthday: 9 May" in chiamaka.notes


def test_the_report_says_where_each_value_without_a_field_went():
    rows = read(file_bytes("google_nameless.csv")).rows
    assert rows[3].moved == ["Nickname → notes", "Department → notes", "Address (home) → notes"]


# ---- with the database: points 1, 5, 7, 8 ------------------------------------------


@pytest.mark.django_db
def test_a_company_website_neither_identifies_nor_merges_its_people(me):
    _, planned, summary = services.import_contacts(me, file_bytes("shared_website.vcf"))
    assert summary.added == 3 and [row.status for row in planned] == [Status.NEW] * 3
    people = {person.name: person for person in Person.objects.filter(owner=me)}
    assert {p.profile_url for p in people.values()} == {""}
    assert people["Giulia Verdi"].email == "giulia@studio-rossi.example"
    assert "Web addresses: https://www.studio-rossi.example" in people["Marco Bianchi"].notes


@pytest.mark.django_db
def test_a_merge_never_overwrites_and_reports_what_differs(me):
    make_person(me, name="Jane Doe", title="Analyst", email="jane.doe@agency.example")
    _, planned, summary = services.import_contacts(me, file_bytes("gmail.vcf"))
    [row] = planned
    assert row.status == Status.SAME and summary.updated == 1
    assert "title: kept “Analyst”, the file has “Director, Research, Strategy”" in row.conflicts
    jane = Person.objects.get()
    assert (jane.name, jane.title) == ("Jane Doe", "Analyst")
    assert jane.phone == "(555) 010-2233"  # a blank is filled


@pytest.mark.django_db
def test_a_made_up_name_is_tagged_for_review(me):
    services.import_contacts(me, file_bytes("android.vcf"))
    nameless = Person.objects.get(phone="+49 170 5550 9876")
    assert nameless.name == "+49 170 5550 9876"
    assert [tag.name for tag in nameless.tags.all()] == [REVIEW_TAG]


@pytest.mark.django_db
def test_repeats_inside_an_android_file_are_merged_with_both_phones(me):
    _, planned, summary = services.import_contacts(me, file_bytes("android.vcf"))
    assert summary.added == 3
    jurgen = Person.objects.get(name="Jürgen Müller")
    assert jurgen.phone == "+49 151 5550 1234"
    assert "Other phone numbers: +49 30 5550 4321" in jurgen.notes


@pytest.mark.django_db
def test_a_row_imported_before_is_found_by_phone_and_name_in_another_file(me):
    services.import_contacts(me, file_bytes("korean.vcf"))
    data = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:이서연\r\nTEL:+82 10-5555-0202\r\nEND:VCARD\r\n"
    _, planned, summary = services.import_contacts(me, data.encode())
    assert planned[0].reason == "same phone number and name" and summary.added == 0


def test_linkedin_2018_dates_with_a_time_and_rows_a_spreadsheet_quoted_whole():
    data = (
        b"Raoul,Ortado,,Capgemini,Lead Business Analyst,11 Jun 2021\n"
        b'"Laura,Herbst,,Interhyp Gruppe, ""Digital Products & Technology, Working '
        b'Student"",07 May 2021"\n'
        b'Name,Doe,jo@doe.example,Acme,Engineer,"1/8/18, 6:14 PM"\n'
    )
    parsed = read(data)
    assert parsed.format == "linkedin" and refused(parsed) == {}
    laura = parsed.rows[1].contact
    assert (laura.name, laura.organization, laura.title) == (
        "Laura Herbst",
        "Interhyp Gruppe",
        "Digital Products & Technology, Working Student",
    )
    assert parsed.rows[1].warnings == []
    # a data row whose first cell is "Name" is not taken for a header: it holds an address
    assert parsed.rows[2].contact.notes == ["Connected on LinkedIn: 8 January 2018"]


def test_8_bit_vcard_values_in_the_charset_they_declare():
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=EUC-KR:"
        + "김;민준;;;".encode("euc-kr")
        + b"\r\nFN;CHARSET=EUC-KR:"
        + "김민준".encode("euc-kr")
        + b"\r\nORG;CHARSET=SHIFT_JIS:"
        + "東京データ".encode("shift_jis")
        + b"\r\nTEL:010-5555-0101\r\nEND:VCARD\r\n"
    )
    [row] = read(data).rows
    assert (row.contact.name, row.contact.organization) == ("김민준", "東京データ")
    assert row.warnings == []


def test_a_contact_group_card_tags_its_members_and_is_no_person():
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada L\r\nUID:a1\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alan T\r\nUID:urn:uuid:B2\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mentors\r\nX-ADDRESSBOOKSERVER-KIND:group\r\n"
        b"X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:a1\r\n"
        b"X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:b2\r\nEND:VCARD\r\n"
    )
    parsed = read(data)
    assert [row.contact.tags for row in parsed.rows[:2]] == [["Mentors"], ["Mentors"]]
    assert refused(parsed) == {
        11: "a contact group, not a person: “Mentors” is a tag of its 2 members in this file"
    }


def test_outlook_csv_of_e_mail_addresses_only_and_a_day_first_date():
    parsed = read(
        b"E-mail Address,E-mail 2 Address,E-mail 3 Address\n"
        b"test1@domain.tld,test2@domain.tld,test3@domain.tld\n"
    )
    assert parsed.format == "outlook"
    [row] = parsed.rows
    assert row.contact.emails == ["test1@domain.tld", "test2@domain.tld", "test3@domain.tld"]
    assert row.review and row.contact.name == "Test1"
    from coffeechat.transfer.importers.dates import parse_day

    assert str(parse_day("20/01/1991")) == "20 January 1991"  # only day first is a date


COMPANY_CARDS = b"""BEGIN:VCARD
VERSION:3.0
FN:Rosa Ibarra
ORG:Tallis Works
EMAIL:rosa@tallisworks.example
URL:https://www.tallisworks.example/
URL:https://www.linkedin.com/in/rosa-ibarra
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Ivo Marek
ORG:Brightline
URL:brightline-transit.example
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Kemal Oz
ORG:Brightline
EMAIL:kemal@gmail.example
URL:https://kemal-oz.example/blog
END:VCARD
"""


@pytest.mark.django_db
def test_a_company_website_goes_to_its_organization_and_never_overwrites(me):
    from coffeechat.people.models import Organization
    from coffeechat.people.services import create_organization

    create_organization(me, name="Brightline", website="https://brightline.example/")
    services.import_contacts(me, COMPANY_CARDS)
    sites = dict(Organization.objects.filter(owner=me).values_list("name", "website"))
    assert sites == {
        "Tallis Works": "https://www.tallisworks.example/",
        "Brightline": "https://brightline.example/",
    }  # kept as it was
    rosa = Person.objects.get(name="Rosa Ibarra")
    assert rosa.profile_url == "https://www.linkedin.com/in/rosa-ibarra"
    versions = dict(Organization.objects.filter(owner=me).values_list("name", "version"))
    _, _, again = services.import_contacts(me, COMPANY_CARDS)
    assert (again.added, again.updated) == (0, 0)
    assert dict(Organization.objects.filter(owner=me).values_list("name", "version")) == versions


@pytest.mark.django_db
def test_an_organization_without_a_website_gets_the_one_named_like_it(me):
    from coffeechat.people.models import Organization

    cards = COMPANY_CARDS.replace(b"ORG:Brightline", b"ORG:Brightline Transit")
    services.import_contacts(me, cards)
    sites = dict(Organization.objects.filter(owner=me).values_list("name", "website"))
    # Named like the organization; a blog on a mail provider's person is nobody's company site.
    assert sites["Brightline Transit"] == "https://brightline-transit.example"
