"""Arbitrary files into every importer: LinkedIn, Google and Outlook CSV, vCard, and the
JSON restore (docs/RELIABILITY.md).

A file is imported, or refused with a message saying why; a row that cannot be used
is reported, never half-saved; nothing takes longer than anyone would wait.
"""

import csv
import io
import json
import random

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from coffeechat.errors import Invalid
from coffeechat.people.models import Person
from coffeechat.transfer import archive, importers, importing
from coffeechat.transfer.models import ImportJob, JobState
from coffeechat.transfer.services import import_contacts

from .fuzzing import (
    SPECIAL,
    changed_tables,
    fuzz_settings,
    nasty_text,
    rolled_back,
    snapshot,
    time_limit,
)
from .workspace import workspace

pytestmark = pytest.mark.django_db

FUZZ = fuzz_settings(25)
FORMATS = [None, "linkedin", "google", "outlook", "vcard"]
HEADERS = {
    "linkedin": [
        "First Name",
        "Last Name",
        "URL",
        "Email Address",
        "Company",
        "Position",
        "Connected On",
    ],
    "google": [
        "First Name",
        "Middle Name",
        "Last Name",
        "Nickname",
        "Organization Name",
        "Organization Title",
        "Birthday",
        "Notes",
        "Labels",
        "E-mail 1 - Value",
        "E-mail 2 - Value",
        "Phone 1 - Value",
        "Website 1 - Value",
        "Address 1 - City",
    ],
    "outlook": [
        "Title",
        "First Name",
        "Middle Name",
        "Last Name",
        "Suffix",
        "Company",
        "Job Title",
        "Business City",
        "Birthday",
        "Categories",
        "E-mail Address",
        "E-mail Display Name",
        "E-mail 2 Address",
        "Mobile Phone",
        "Web Page",
        "Notes",
    ],
}
CELL = st.one_of(
    nasty_text(80),
    st.sampled_from(
        [
            "Ada",
            "Lovelace",
            "ada@example.org",
            "https://www.linkedin.com/in/ada",
            "12 Mar 2024",
            "3/15/1990",
            "--03-15",
            "* myContacts ::: Mentors",
            "a ::: b ::: c",
            "Alumni;Mentors",
            "/o=ExchangeLabs/ou=x/cn=Recipients/cn=ada",
            "Ada (ada@example.org)",
            "+1 555 0100",
            "31 Dec 9999",
            "01 Jan 0001",
            "12/31/9999",
            "0001-01-01",
            '"quoted, with comma"',
            "line\nbreak",
            "\r\n",
            '"',
            '=HYPERLINK("x")',
        ]
    ),
)


@st.composite
def csv_files(draw) -> bytes:
    layout = draw(st.sampled_from(sorted(HEADERS)))
    header = draw(st.permutations(HEADERS[layout]))
    rows = draw(
        st.lists(st.lists(CELL, min_size=len(header) - 1, max_size=len(header) + 1), max_size=6)
    )
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    out = io.StringIO()
    if layout == "linkedin" and draw(st.booleans()):
        out.write(
            'Notes:\n"When exporting your connection data, you may notice that some '
            'of the email addresses are missing."\n\n'
        )
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    text = out.getvalue()
    if draw(st.booleans()):  # a damaged file: a few bytes cut or changed
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(['"', "\x00", "", "\ufffd", ","])) + text[at:]
    return encode(text, draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])))


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace" if encoding == "cp1252" else "surrogatepass")


PROPERTIES = [
    "FN",
    "N",
    "ORG",
    "TITLE",
    "EMAIL",
    "TEL",
    "URL",
    "NOTE",
    "BDAY",
    "CATEGORIES",
    "UID",
    "ADR",
    "NICKNAME",
    "PHOTO",
    "X-UNKNOWN",
    "item1.EMAIL",
]
PARAMETERS = [
    "",
    ";TYPE=pref",
    ";PREF=1",
    ";PREF",
    ";TYPE=WORK,INTERNET",
    ";CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE",
    ";ENCODING=b",
    ";VALUE=uri",
    ";LANGUAGE=\u202e",
    ";=;;",
]


@st.composite
def vcard_files(draw) -> bytes:
    cards = []
    for _ in range(draw(st.integers(1, 4))):
        version = draw(st.sampled_from(["2.1", "3.0", "4.0", "9.9", ""]))
        lines = ["BEGIN:VCARD", f"VERSION:{version}"]
        for _ in range(draw(st.integers(0, 8))):
            value = (
                draw(CELL)
                .replace("\r", "")
                .replace("\n", draw(st.sampled_from(["\\n", "=0D=0A=\n", "\n ", " "])))
            )
            lines.append(
                f"{draw(st.sampled_from(PROPERTIES))}{draw(st.sampled_from(PARAMETERS))}:{value}"
            )
        if draw(st.integers(0, 9)):
            lines.append("END:VCARD")
        cards.append("\r\n".join(lines))
    return encode("\r\n".join(cards) + "\r\n", draw(st.sampled_from(["utf-8", "utf-16"])))


def read_or_refuse(data: bytes, format: str | None):
    """The file's rows, or None when it was refused with a message."""
    try:
        with time_limit(20):
            return importers.read(data, format)
    except Invalid as refused:
        assert refused.message.strip() and refused.field in ("file", "format")
        return None


def check_rows(parsed) -> None:
    for row in parsed.rows:
        assert row.problem or row.contact, row
        if row.problem:
            continue
        values = importers.person_values(row.contact)
        assert 0 < len(values["name"]) <= 200 and "\x00" not in repr(values)
        assert len(values["email"]) <= 254 and len(values["profile_url"]) <= 200
        assert all(len(values[f]) <= 200 for f in ("title", "location"))


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from(FORMATS))
def test_any_bytes_are_read_or_refused_with_a_message(data, format):
    parsed = read_or_refuse(data, format)
    if parsed:
        check_rows(parsed)


@FUZZ
@given(csv_files(), st.sampled_from(FORMATS))
def test_contacts_csv_files_of_any_content_are_read_or_refused(data, format):
    parsed = read_or_refuse(data, format)
    if parsed:
        check_rows(parsed)


@FUZZ
@given(vcard_files())
def test_vcards_of_any_content_are_read_or_refused(data):
    parsed = read_or_refuse(data, None)
    if parsed:
        check_rows(parsed)


@pytest.fixture
def ids(me):
    return workspace(me)


def test_importing_any_file_saves_all_of_it_or_nothing(me, ids):
    """The whole import in one transaction, with the workspace of the form fuzzer as the
    people already there: every row planned as new is added, and a refusal adds nothing."""

    @FUZZ
    @given(st.one_of(csv_files(), vcard_files()), st.sampled_from(["merge", "new", "skip"]))
    def run(data, default):
        with rolled_back():
            before = Person.objects.count()
            try:
                with time_limit(30):
                    _, planned, summary = import_contacts(
                        me, data, default=importing.Choice(default)
                    )
            except Invalid:
                assert Person.objects.count() == before
                return
            new = [row for row in planned if row.status == importing.Status.NEW]
            assert summary.added >= len(new)
            assert Person.objects.count() == before + summary.added
            names = set(Person.objects.filter(owner=me).values_list("name", flat=True))
            assert {row.name for row in new} <= names
            check_deferred_constraints()

    run()


# The tests' transaction never commits, so a background import would never start.
@override_settings(COFFEECHAT_IMPORT_INLINE_BYTES=100 * 1024 * 1024)
def test_the_import_pages_take_any_file_and_end_imported_or_refused(client, me, ids):
    @FUZZ
    @given(
        st.one_of(csv_files(), vcard_files(), st.binary(max_size=500)),
        st.sampled_from(["", "linkedin", "google", "outlook", "vcard", "excel"]),
        st.sampled_from(
            [
                "contacts.csv",
                "c.vcf",
                "\u202eexe.csv",
                "😀" * 100,
                "a" * 300,
                "nul\x00.csv",
                "../../etc/passwd",
            ]
        ),
    )
    def run(data, format, file_name):
        with rolled_back():
            before = snapshot(me)
            with time_limit(60):
                upload = client.post(
                    "/data/import/", {"file": SimpleUploadedFile(file_name, data), "format": format}
                )
            assert upload.status_code in (302, 400), upload.status_code
            if upload.status_code == 400:
                assert b'role="alert"' in upload.content
                assert not changed_tables(before, snapshot(me))
                return
            job = ImportJob.objects.get(pk=upload["Location"].rstrip("/").rsplit("/", 1)[1])
            assert client.get(upload["Location"]).status_code == 200
            if job.state == JobState.FAILED:
                assert job.error
                return
            with time_limit(60):
                commit = client.post(f"/data/import/{job.pk}/commit/")
            assert commit.status_code == 302
            job.refresh_from_db()
            assert job.state in (JobState.DONE, JobState.FAILED)
            if job.state == JobState.FAILED:
                assert job.error and "unexpected" not in job.error, job.error
                assert Person.objects.count() == len(before["people.person"])
            assert client.get("/people/").status_code == 200
            check_deferred_constraints()

    run()


# ---- the JSON restore ---------------------------------------------------------------

WEIRD = [
    None,
    -1,
    0,
    2**63,
    2**70,
    1.5,
    float("inf"),
    "",
    "x" * 300,
    "\x00",
    [],
    {},
    True,
    "0001-01-01",
    "9999-12-31",
    "9999-12-31T23:59:59Z",
    "2026-02-30",
    "not a date",
    {"nested": [1]},
    "\u202e😀",
] + SPECIAL[:8]


def mutate(export: dict, rng: random.Random, edits: int) -> dict:
    """Change a few values, ids, rows or tables of a real export."""
    tables = export["tables"]
    for _ in range(edits):
        label = rng.choice(sorted(tables))
        rows = tables[label]
        action = rng.randrange(6)
        if action == 0 or not isinstance(rows, list) or not rows:
            tables[label] = rng.choice([[], None, "rows", [1, 2], [{"id": 1}]])
        elif action == 1:
            row = rng.choice(rows)
            if isinstance(row, dict) and row:
                row[rng.choice(sorted(row))] = rng.choice(WEIRD)
        elif action == 2:
            rows.append(dict(rng.choice(rows)) if isinstance(rows[0], dict) else {})
        elif action == 3:
            row = rng.choice(rows)
            if isinstance(row, dict):
                row.pop(rng.choice(sorted(row) or ["id"]), None)
        elif action == 4:
            row = rng.choice(rows)
            if isinstance(row, dict):
                row[rng.choice(["unknown", "owner", "pk", "\x00"])] = rng.choice(WEIRD)
        else:
            tables[rng.choice(["people.unknown", "auth.user", "", "x" * 100])] = []
    if rng.random() < 0.1:
        export[rng.choice(["format", "schema_version", "tables"])] = rng.choice(WEIRD)
    return export


def test_restoring_any_damaged_export_restores_everything_or_nothing(client, me):
    """A real export with a few things broken: restored, or refused with a message and
    the empty workspace left as it was."""
    with rolled_back():  # its rows would clash with the restored ids
        owner = get_user_model().objects.create_user("source")
        workspace(owner)
        original = archive.dumps(archive.export_workspace(owner))

    @FUZZ
    @given(
        st.randoms(use_true_random=False),
        st.integers(0, 4),
        st.sampled_from(["json", "truncated", "bytes"]),
    )
    def run(rng, edits, shape):
        body = json.dumps(mutate(json.loads(original), rng, edits), default=str)
        if shape == "truncated":
            body = body[: rng.randrange(len(body))]
        data = body.encode() if shape != "bytes" else body.encode("utf-16")
        with rolled_back():
            before = snapshot(me)
            with time_limit(60):
                response = client.post(
                    "/data/restore/", {"file": SimpleUploadedFile("export.json", data)}
                )
            assert response.status_code in (200, 400), response.status_code
            if response.status_code == 400:
                assert b'role="alert"' in response.content
                assert not changed_tables(before, snapshot(me))
                return
            check_deferred_constraints()
            for page in ("/", "/people/", "/explorations/", "/data/export/json/"):
                assert client.get(page).status_code == 200, page

    run()


def check_deferred_constraints() -> None:
    """What the commit would check: the tests' transaction never commits, so ask now."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    else:
        connection.check_constraints()


def test_a_restore_that_points_at_rows_it_lacks_is_refused_before_the_commit(client, me):
    """Found by the fuzzer: foreign keys are only checked at commit, after "restored"."""
    with rolled_back():
        owner = get_user_model().objects.create_user("source")
        workspace(owner)
        export = archive.export_workspace(owner)
    export["tables"]["conversations.conversation"] = []  # the events now point nowhere
    response = client.post(
        "/data/restore/",
        {"file": SimpleUploadedFile("export.json", archive.dumps(export).encode())},
    )
    assert response.status_code == 400
    assert "which is not in this file" in response.content.decode()
    assert not Person.objects.filter(owner=me).exists()
