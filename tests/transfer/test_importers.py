"""Every quirk of the files people really have, read without a database (SPEC D1)."""

import pytest

from coffeechat.errors import Invalid
from coffeechat.transfer.importers import person_values, read, sniff

from .helpers import file_bytes, names, refused, rows_by_line


def read_file(name, **options):
    return read(file_bytes(name), **options)


# ---- LinkedIn ----------------------------------------------------------------------


def test_linkedin_header_is_found_below_the_notes_lines():
    parsed = read_file("linkedin_connections.csv")
    assert parsed.format == "linkedin"
    assert names(parsed) == [
        "Ada Lovelace",
        "Grace Hopper",
        "Alan Turing",
        "Katherine Johnson",
        "Margaret Hamilton",
    ]
    assert [row.line for row in parsed.rows] == [5, 6, 7, 8, 9]


def test_linkedin_quoted_commas_missing_emails_urls_and_dates():
    rows = rows_by_line(read_file("linkedin_connections.csv"))
    ada = rows[5].contact
    assert ada.organization == "Analytical Engines, Ltd"
    assert rows[8].contact.title == "Mathematician, Flight Research"
    values = person_values(ada)
    assert values["email"] == "" and values["how_found"] == "online_profile"
    assert values["profile_url"] == "https://www.linkedin.com/in/AdaLovelace"
    assert values["notes"] == "Connected on LinkedIn: 12 March 2024"
    assert person_values(rows[6].contact)["notes"] == "Connected on LinkedIn: 1 February 2023"
    assert rows[7].contact.urls == ["https://www.LinkedIn.com/in/Alan-Turing/"]


def test_broken_linkedin_rows_are_kept_and_flagged_one_by_one():
    parsed = read_file("linkedin_broken.csv")
    assert refused(parsed) == {}
    rows = rows_by_line(parsed)
    assert (
        rows[5]
        .warnings[0]
        .startswith("8 values for 7 columns (a comma inside a value that is not in quotes?)")
    )
    assert rows[5].contact.name == "Ada Lovelace"
    assert rows[6].review and rows[6].contact.name == "Nobody"  # from linkedin.com/in/nobody
    assert rows[6].warnings == ["no name: named “Nobody” after the profile address; check it"]
    grace = rows[7]
    assert grace.contact.name == "Grace Hopper" and grace.contact.emails == []
    assert grace.warnings == [
        "Connected on LinkedIn: “31 Foo 2023” is not a date this importer understands; left out",
        "“not-an-email” is not an email address: left out",
    ]
    assert names(parsed) == ["Ada Lovelace", "Nobody", "Grace Hopper", "Alan Turing"]


# ---- Google ------------------------------------------------------------------------


def test_google_current_layout_splits_multiple_values_and_drops_system_groups():
    parsed = read_file("google_current.csv")
    assert parsed.format == "google"
    priya, tomas, sunny = (row.contact for row in parsed.rows)
    assert priya.emails == ["priya@acme.example", "priya.raman@home.example"]
    assert priya.phones == ["+1 555 0100", "+1 555 0101"]
    assert priya.tags == ["Mentors", "starred"]
    assert (priya.organization, priya.title, priya.location) == (
        "Acme Research, Inc.",
        "Head of Research",
        "Chicago",
    )
    notes = person_values(priya)["notes"]
    assert notes.startswith("Met at the UX meetup.\nLikes hiking.")
    assert "Birthday: 15 March" in notes and "Other email addresses: priya.raman@home" in notes
    assert tomas.name == "Tomás J. Ortega" and tomas.tags == []
    assert "Birthday: 2 July 1988" in person_values(tomas)["notes"]
    assert (sunny.name, sunny.tags) == ("Sunny", ["Alumni"])


def test_google_legacy_layout():
    parsed = read_file("google_legacy.csv")
    assert parsed.format == "google"
    priya, wen = (row.contact for row in parsed.rows)
    assert priya.name == "Priya Raman" and priya.tags == ["Mentors"]
    assert priya.emails == ["priya@acme.example", "p.raman@acme.example"]
    assert person_values(priya)["profile_url"] == "https://linkedin.com/in/priyaraman"
    assert (wen.name, wen.tags, wen.notes) == (
        "Wen Li",
        ["Starred"],
        ["Career changer, ex-teacher"],
    )


def test_broken_google_rows():
    parsed = read_file("google_broken.csv")
    assert refused(parsed) == {}
    rows = rows_by_line(parsed)
    assert (rows[3].contact.name, rows[3].review) == ("Nobody", True)  # nobody@example.com
    assert rows[3].moved == []
    assert rows[2].warnings == [
        "Birthday: “15th of March” is not a date this importer understands; left out"
    ]
    assert rows[4].contact.emails == ["lee@wong.example"]
    assert rows[4].warnings == ["“lee at example dot com” is not an email address: left out"]


# ---- Outlook -----------------------------------------------------------------------


def test_outlook_desktop_in_windows_1252_with_exchange_paths():
    parsed = read_file("outlook_desktop.csv")
    assert (parsed.format, parsed.encoding) == ("outlook", "windows-1252")
    jurgen, dana, fox = (row.contact for row in parsed.rows)
    assert (jurgen.name, jurgen.organization, jurgen.title) == (
        "Jürgen Müller",
        "Café Zürich GmbH",
        "Geschäftsführer",
    )  # "Dr." is not the job
    assert jurgen.tags == ["Mentors", "Alumni"]
    assert "Birthday" not in person_values(jurgen)["notes"]  # 0/0/00 is no date
    assert dana.emails == ["dana.scully@fbi.example"]  # recovered from the display name
    assert "Birthday: 23 February 1964" in person_values(dana)["notes"]
    assert fox.emails == [] and fox.urls == ["https://www.example.org/mulder"]
    assert parsed.rows[2].warnings == [
        "an Exchange directory path instead of an email address: left out"
    ]


def test_outlook_com_layout_reads_dates_month_first():
    parsed = read_file("outlook_com.csv")
    ngozi, ken = (row.contact for row in parsed.rows)
    assert (ngozi.name, ngozi.title, ngozi.location) == ("Ngozi Okafor", "Data Analyst", "Lagos")
    assert "Birthday: 5 November 1990" in person_values(ngozi)["notes"]
    assert person_values(ken)["profile_url"] == "https://www.linkedin.com/in/kenadams"


def test_broken_outlook_rows():
    parsed = read_file("outlook_broken.csv")
    assert refused(parsed) == {}
    rows = rows_by_line(parsed)
    # info@ is the team's address: the organization names the contact better
    assert (rows[3].contact.name, rows[3].review) == ("Nameless Corp", True)
    assert rows[4].warnings == [
        "3 values for 92 columns (the line is cut short?): the missing ones are left empty"
    ]
    assert parsed.rows[0].warnings == [
        "Birthday: “13/45/1964” is not a real date (month first: M/D/YYYY); left out"
    ]


def test_semicolon_separated_outlook_export():
    text = file_bytes("outlook_com.csv").decode().replace(",", ";")
    parsed = read(text.encode())
    assert names(parsed) == ["Ngozi Okafor", "Ken Adams"]


# ---- vCard -------------------------------------------------------------------------


def test_vcard_21_quoted_printable_with_soft_line_breaks_and_a_photo():
    parsed = read_file("vcard21.vcf")
    assert parsed.format == "vcard"
    jurgen, ngozi = (row.contact for row in parsed.rows)
    assert (jurgen.name, jurgen.organization) == ("Dr. Jürgen Müller", "Café Zürich GmbH")
    assert jurgen.emails[0] == "juergen@cafe.example"  # the bare PREF wins
    assert jurgen.phones[0] == "+41 79 000 00 00"
    notes = person_values(jurgen)["notes"]
    assert notes.startswith(
        "Knows everyone in the Zürich coffee scene. Ask about the "
        "roastery side of the business\nand the opening hours."
    )
    assert "Birthday: 15 March" in notes
    assert (ngozi.name, ngozi.location) == ("Ngozi Okafor", "Lagos")


def test_vcard_30_folding_groups_type_pref_and_no_given_name():
    grace, smith = (row.contact for row in read_file("vcard30.vcf").rows)
    assert grace.emails == ["grace.hopper@home.example", "grace@navy.example"]
    assert grace.urls == ["https://www.linkedin.com/in/GraceHopper/"]
    assert grace.organization == "US Navy" and grace.tags == ["Mentors", "Navy"]
    assert grace.uid == "4D5A4E2B-1F0B-4C4B-9C4B-2D1E3F4A5B6C"
    assert "folded by the exporting address book at seventy-five octets, as RFC" in grace.notes[0]
    assert "Birthday: 9 December 1906" in person_values(grace)["notes"]
    assert (smith.name, smith.organization) == ("Smith", "Acme")


def test_vcard_40_pref_numbers_uri_phones_and_a_data_uri_photo():
    [katherine] = [row.contact for row in read_file("vcard40.vcf").rows]
    assert katherine.emails == ["katherine@home.example", "kjohnson@nasa.example"]
    assert katherine.phones == ["+1-757-555-0199"]
    assert katherine.uid == "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"
    assert (katherine.location, katherine.tags) == ("Hampton", ["Mentors"])
    assert "Birthday: 26 August" in person_values(katherine)["notes"]


def test_broken_vcards_keep_their_people_and_say_what_was_dropped():
    parsed = read_file("vcard_broken.vcf")
    assert names(parsed) == ["Good Card", "Never Ended", "Broken Property", "Nameless", "Cut Short"]
    assert refused(parsed) == {}
    rows = rows_by_line(parsed)
    assert (
        rows[6].warnings
        == rows[18].warnings
        == ["the card has no END:VCARD (the file may be cut short)"]
    )
    assert rows[9].warnings == [
        "line 12: “THIS LINE IS NOT A PROPERTY” is not a property (no colon); left out"
    ]
    assert rows[14].review and rows[14].contact.emails == ["nameless@example.com"]


# ---- encodings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "prefix", "detected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8"),
        ("utf-16", b"", "utf-16"),  # Python writes a BOM
        ("utf-16-le", b"", "utf-16-le"),
        ("utf-16-be", b"", "utf-16-be"),
        ("cp1252", b"", "windows-1252"),
    ],
)
def test_every_encoding_reads_the_same(encoding, prefix, detected):
    text = file_bytes("linkedin_connections.csv").decode().replace("Ada,Lovelace", "Ada,Lövelace")
    parsed = read(prefix + text.encode(encoding))
    assert parsed.encoding == detected
    assert names(parsed)[0] == "Ada Lövelace" and len(parsed.rows) == 5


def test_damaged_utf8_flags_only_the_damaged_row_and_keeps_it():
    data = file_bytes("google_current.csv").replace(b"Priya,", "Príya,".encode())
    parsed = read(data.replace(b"Tom\xc3\xa1s", b"Tom\xa1s"))  # a lost lead byte
    assert parsed.encoding == "utf-8"
    assert refused(parsed) == {}
    assert names(parsed) == ["Príya Raman", "Tom\ufffds J. Ortega", "Sunny"]
    assert [
        row.line for row in parsed.rows if any("could not be read" in w for w in row.warnings)
    ] == [4]


def test_a_byte_windows_1252_leaves_undefined_flags_its_row_only():
    lines = ["Name,Email"] + [f"Person {n},p{n}@example.com" for n in range(300)]
    lines[204] = "Caf\x8d Owner,owner@example.com"
    parsed = read("\n".join(lines).encode("latin-1").replace(b"\xe9", b"\xe9"))
    assert parsed.format == "csv" and len(parsed.rows) == 300 and refused(parsed) == {}
    flagged = [row for row in parsed.rows if row.warnings]
    assert [row.line for row in flagged] == [205]
    assert flagged[0].contact.name == "Caf\ufffd Owner"


# ---- files that are not contacts ---------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"PK\x03\x04rest-of-a-workbook", "This is a ZIP archive or an Excel/Numbers workbook"),
        (b"%PDF-1.7\n...", "This is a PDF document"),
        (b"\x00\x01\x02binary\x00\x00\x00\x05", "This is not a text file"),
        (
            b"id,amount\n1,2\n",
            "it needs a header row naming a name (“Name”, or “First Name” "
            "and “Last Name”), an “Email” or a “Phone” column. The first line "
            "reads: 'id, amount'",
        ),
        (b"\xff\xfeA\x00\x00\xd8", "The file says it is UTF-16 but is not valid UTF-16"),
    ],
)
def test_a_file_that_is_not_contacts_gets_a_clear_message(data, message):
    with pytest.raises(Invalid) as error:
        read(data)
    assert message in error.value.message


def test_a_forced_format_must_match():
    with pytest.raises(Invalid, match="This is not a vCard file"):
        read(file_bytes("linkedin_connections.csv"), format="vcard")
    with pytest.raises(Invalid, match="This is not a LinkedIn connections file"):
        sniff(file_bytes("google_current.csv"), format="linkedin")
    assert sniff(file_bytes("vcard40.vcf")) == "vcard"


# ---- checks kept cheap -------------------------------------------------------------

URLS = [
    "https://www.linkedin.com/in/ada-lovelace/",
    "http://example.org:8080/a?b=c#d",
    "https://xn--bcher-kva.example/",
    "https://bücher.example/",
    "https://localhost/",
    "https://user:pw@example.org/",
    "https://192.168.0.1/",
    "https://[::1]/",
    "https://example.org./",
    "httpſ://example.org/",
    "https://-bad-.example/",
    "https://example.c/",
    "https://example.org/a b",
    "https://exa_mple.org/",
    "https://example.org/é",
    "ftp://example.org/",
    "https://" + "a" * 300 + ".org/",
]


@pytest.mark.parametrize("url", URLS)
def test_web_addresses_are_kept_or_refused_as_djangos_validator_says(url):
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    from coffeechat.transfer.importers.contact import URL_MAX, _urls

    try:
        URLValidator(schemes=["http", "https"])(url)
        valid = len(url) <= URL_MAX
    except ValidationError:
        valid = False
    warnings = []
    assert _urls([url], warnings) == ([url] if valid else [])
    assert bool(warnings) != valid


def test_a_bad_date_is_reported_on_every_row_that_has_it():
    header = "First Name,Last Name,Company,Position,Connected On\n"
    parsed = read(f"{header}Ada,L,X,Y,31 Foo 2023\nAlan,T,X,Y,31 Foo 2023\n".encode())
    assert [len(row.warnings) for row in parsed.rows] == [1, 1]


PROFILES = [
    "https://www.LinkedIn.com/in/Ada-Lovelace/",
    "http://linkedin.com/in/x//",
    "https://www.linkedin.com",
    "https://www.linkedin.com/",
    "linkedin.com/in/ada",
    "https://www.linkedin.com/in/ada?trk=x",
    "https://www.linkedin.com/in/ada#top",
    "https://user@www.linkedin.com/in/ada",
    "https://www.linkedin.com:443/in/ada",
    "https://www.linkedin.com/in/j%C3%BCrgen",
    "https://www.linkedin.com/in/jürgen",
    " https://www.linkedin.com/in/ada ",
    "HTTPS://WWW.LINKEDIN.COM/IN/ADA",
    "",
    "https://www.linkedin.com/in/K\u212a",
    "ftp://www.example.org/a",
]


@pytest.mark.parametrize("url", PROFILES)
def test_profile_urls_are_compared_as_the_duplicate_rule_compares_them(url):
    from coffeechat.domain.duplicates import normal_profile_url as rule
    from coffeechat.transfer.matching import normal_profile_url

    assert normal_profile_url(url) == rule(url)
