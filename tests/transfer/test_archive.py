"""The full JSON export, its restore, and the CSV and vCard exports (SPEC D2)."""

import csv
import io
import itertools
import json
import re
from datetime import date, time

import pytest
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coffeechat.conversations.services import log_event, schedule
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.errors import Invalid
from coffeechat.explorations.services import add_option, add_point, set_target
from coffeechat.people.models import Person
from coffeechat.people.services import add_note, set_tags
from coffeechat.search.services import search_for
from coffeechat.transfer import archive, exports, services
from tests.conftest import make_ask, make_exploration, make_organization, make_person
from tests.transfer.helpers import without_ids

pytestmark = pytest.mark.django_db

TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00")
    | st.sampled_from("\n\t,;\"'=@+-"),
    max_size=30,
)
NAME = st.from_regex(r"[A-Za-zÀ-ÿ][\w .,'&-]{0,29}", fullmatch=True).map(str.strip)
PERSON = st.fixed_dictionaries(
    {
        "name": NAME,
        "title": TEXT,
        "notes": TEXT,
        "priority": st.integers(1, 3),
        "level": st.sampled_from(["above", "same", "below", "unknown"]),
        "tags": st.lists(NAME.map(lambda t: t[:50]), max_size=3, unique=True),
        "note": NAME,
        "asked": st.booleans(),
        "met": st.booleans(),
    }
)
WORKSPACE = st.fixed_dictionaries(
    {
        "exploration": NAME,
        "organization": NAME,
        "people": st.lists(PERSON, max_size=4),
        "option": NAME,
    }
)
users = itertools.count()


def build(owner, workspace) -> None:
    exploration = make_exploration(owner, title=workspace["exploration"])
    organization = make_organization(owner, name=workspace["organization"][:200])
    set_target(owner, exploration, organization, advocacy=True, motivation=2, postings=3)
    option = add_option(owner, exploration, workspace["option"])
    add_point(owner, option.pk, "pro", workspace["option"])
    previous = None
    for values in workspace["people"]:
        person = make_person(
            owner,
            name=values["name"][:200],
            title=values["title"][:200],
            notes=values["notes"],
            priority=values["priority"],
            level=values["level"],
            organization=organization,
            found_via_person=previous,
            exploration=exploration,
        )
        set_tags(owner, person, values["tags"])
        add_note(owner, person, values["note"])
        if values["asked"]:
            conversation = make_ask(owner, person=person, exploration=exploration)
            if values["met"]:
                log_event(
                    owner,
                    conversation,
                    EventKind.REPLIED,
                    on=date(2026, 11, 21),
                    outcome=Outcome.ACCEPTED,
                )
                schedule(
                    owner,
                    conversation,
                    on=date(2026, 11, 21),
                    meeting_date=date(2026, 11, 27),
                    meeting_time=time(9, 30),
                    time_zone="Europe/Berlin",
                    minutes=20,
                    mode="video",
                    link="https://meet.example/x",
                )
        previous = person


def erase_everything(owner) -> None:
    for model, field in reversed(archive.owned_models()):
        model._base_manager.filter(**{field: owner}).delete()


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
@given(workspace=WORKSPACE)
def test_restore_gives_back_exactly_what_was_exported(db, workspace):
    owner = get_user_model().objects.create_user(f"explorer{next(users)}")
    build(owner, workspace)
    exported = json.loads(archive.dumps(archive.export_workspace(owner)))
    erase_everything(owner)
    assert archive.export_workspace(owner)["tables"]["people.person"] == []
    archive.restore(owner, archive.loads(json.dumps(exported)))
    again = json.loads(archive.dumps(archive.export_workspace(owner)))
    assert without_ids(again) == without_ids(exported)


def test_the_export_is_versioned_and_names_every_table(me):
    build(
        me,
        {
            "exploration": "UX?",
            "organization": "Acme",
            "option": "MSc",
            "people": [
                {
                    "name": "Ada",
                    "title": "",
                    "notes": "",
                    "priority": 2,
                    "level": "same",
                    "tags": ["a"],
                    "note": "hi",
                    "asked": True,
                    "met": True,
                }
            ],
        },
    )
    export = archive.export_workspace(me)
    assert (export["format"], export["schema_version"]) == ("coffeechat-export", 2)
    tables = export["tables"]
    assert len(tables["people.person"]) == 1 and "owner" not in tables["people.person"][0]
    assert tables["people.person"][0]["tags"] == [tables["people.tag"][0]["id"]]
    assert len(tables["conversations.event"]) == 3
    assert "transfer.importjob" not in tables


def test_background_jobs_are_not_part_of_the_export(me):
    from coffeechat.jobs.services import enqueue
    from tests.jobs.sample import count

    enqueue(count, 3, owner=me)
    assert "jobs.job" not in archive.export_workspace(me)["tables"]


def test_every_table_of_the_app_belongs_to_someone_so_the_export_carries_it():
    assert archive.unowned_models() == []


def test_restored_records_are_searchable_and_get_fresh_ids(me, charlie):
    build(
        charlie,
        {
            "exploration": "UX?",
            "organization": "Acme",
            "option": "MSc",
            "people": [
                {
                    "name": "Grace Hopper",
                    "title": "",
                    "notes": "",
                    "priority": 2,
                    "level": "same",
                    "tags": [],
                    "note": "compilers",
                    "asked": False,
                    "met": False,
                }
            ],
        },
    )
    export = json.loads(archive.dumps(archive.export_workspace(charlie)))
    erase_everything(charlie)
    archive.restore(me, export)
    assert sorted(hit.title for hit in search_for(me, "grace")) == [
        "Grace Hopper",
        "Note on Grace Hopper",
    ]
    restored = Person.objects.get(owner=me)
    assert restored.pk not in {row["id"] for row in export["tables"]["people.person"]}
    assert make_person(me, name="Someone new").pk > restored.pk


def test_restore_refuses_a_workspace_that_is_not_empty(me):
    make_person(me, name="Already here")
    export = archive.export_workspace(me)
    with pytest.raises(Invalid, match="Restore needs an empty workspace"):
        archive.restore(me, export)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not valid JSON"),
        ('{"format": "something-else"}', "This is not a coffeechat export"),
        (
            '{"format": "coffeechat-export", "schema_version": 99, "tables": {}}',
            "schema version 99",
        ),
        (
            '{"format": "coffeechat-export", "schema_version": {"nested": [1]}, "tables": {}}',
            "schema version \\{'nested': \\[1\\]\\}",
        ),
        (
            '{"format": "coffeechat-export", "schema_version": true, "tables": {}}',
            "schema version True",
        ),
        (
            '{"format": "coffeechat-export", "schema_version": 1, "tables": {"x.y": []}}',
            "tables this version does not know: x.y",
        ),
    ],
)
def test_a_file_that_is_not_an_export_is_refused(me, text, message):
    with pytest.raises(Invalid, match=message):
        archive.restore(me, archive.loads(text))


def test_restore_through_the_web(client, me, charlie):
    make_person(charlie, name="Grace Hopper")
    export = archive.dumps(archive.export_workspace(charlie))
    erase_everything(charlie)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/data/restore/", {"file": SimpleUploadedFile("e.json", export.encode())}
    )
    assert response.status_code == 200 and "Restored" in response.content.decode()
    assert Person.objects.get().owner == me
    again = client.post("/data/restore/", {"file": SimpleUploadedFile("e.json", export.encode())})
    assert again.status_code == 400 and "Restore needs an empty workspace" in again.content.decode()


# ---- CSV and vCard -----------------------------------------------------------------


@pytest.mark.parametrize(
    "dangerous", ['=HYPERLINK("http://x")', "+1 555 0100", "-2+3", "@SUM(A1)", "\tA", "\rB"]
)
def test_csv_cells_cannot_run_as_formulas(me, dangerous):
    make_person(me, name=dangerous, notes=dangerous, phone=dangerous[:50])
    rows = list(csv.DictReader(io.StringIO(exports.people_csv(me))))
    assert rows[0]["name"] == "'" + dangerous
    assert rows[0]["phone"] == "'" + dangerous[:50]


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("x;=1+1", "x;'=1+1"),
        ("a, @SUM(A1)", "a, '@SUM(A1)"),
        ("one|+two", "one|'+two"),
        ("line\n-3", "line\n'-3"),
        ("Smith; Jones", "Smith; Jones"),
    ],
)
def test_no_dialect_can_split_a_cell_into_a_formula(me, typed, written):
    """Every cell is quoted, and a formula start after a separator is neutralised too:
    read with semicolons (or split by a careless reader), `x;=1+1` never runs."""
    make_person(me, name="Ada", notes=typed)
    text = exports.people_csv(me)
    [header, row] = text.split("\r\n", 1)[0], text.split("\r\n", 1)[1]
    assert header == ",".join(f'"{column}"' for column in exports.PEOPLE_COLUMNS)
    assert row.startswith('"') and row.endswith('"\r\n')
    assert f'"{written}"' in row
    for piece in re.split(r'[,;|\r\n"]', text):
        assert not piece.strip(" ").startswith(("=", "+", "@")), piece
        assert not re.match(r"\s*-\D", piece), piece
    [parsed] = csv.DictReader(io.StringIO(text))
    assert parsed["notes"] == written


def test_people_and_conversations_csv(client, me):
    ask = make_ask(
        me,
        person=make_person(
            me, name="Ada Lovelace", organization=make_organization(me, name="Acme")
        ),
    )
    people = client.get("/data/export/people-csv/")
    assert people["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in people["Content-Disposition"]
    [row] = csv.DictReader(io.StringIO(people.content.decode()))
    assert (row["name"], row["organization"]) == ("Ada Lovelace", "Acme")
    [row] = csv.DictReader(
        io.StringIO(client.get("/data/export/conversations-csv/").content.decode())
    )
    assert (row["id"], row["person"], row["asked_on"], row["events"]) == (
        str(ask.pk),
        "Ada Lovelace",
        "2026-11-20",
        "1",
    )


def test_the_vcard_export_reads_back_as_the_same_people(me, charlie):
    person = make_person(
        me,
        name='Grace Hopper; "Amazing", Grace',
        email="grace@navy.example",
        title="Rear Admiral",
        notes="Line one\nLine two, with commas; and "
        "semicolons, long enough to be folded across lines by the exporter.",
        organization=make_organization(me, name="US Navy"),
    )
    set_tags(me, person, ["navy", "mentors"])
    vcf = exports.people_vcf(me).encode()
    assert b"VERSION:4.0" in vcf and all(len(line) <= 75 for line in vcf.split(b"\r\n"))
    parsed, planned, summary = services.import_contacts(charlie, vcf)
    copy = Person.objects.get(owner=charlie)
    assert (copy.name, copy.email, copy.title, copy.organization.name, copy.notes) == (
        person.name,
        person.email,
        person.title,
        "US Navy",
        person.notes,
    )
    assert sorted(t.name for t in copy.tags.all()) == ["mentors", "navy"]
    _, _, again = services.import_contacts(charlie, vcf)
    assert again.added == 0


def test_the_json_export_downloads(client, me):
    make_person(me, name="Ada")
    response = client.get("/data/export/json/")
    body = b"".join(response.streaming_content)  # streamed (issue 27)
    assert json.loads(body)["tables"]["people.person"][0]["name"] == "Ada"
    assert client.get("/data/export/nonsense/").status_code == 400


def test_timestamps_under_a_millisecond_survive_the_round_trip(me):
    from datetime import UTC, datetime

    from coffeechat.people.models import Organization

    stamp = datetime(2026, 11, 22, 9, 32, 8, 123, tzinfo=UTC)  # 0.000123 s past the second
    organization = Organization.objects.create(owner=me, name="Acme")
    Organization.objects.filter(pk=organization.pk).update(created_at=stamp, updated_at=stamp)
    exported = json.loads(archive.dumps(archive.export_workspace(me)))
    erase_everything(me)
    archive.restore(me, archive.loads(json.dumps(exported)))
    again = json.loads(archive.dumps(archive.export_workspace(me)))
    assert without_ids(again)["people.organization"] == without_ids(exported)["people.organization"]
    assert Organization.objects.get().created_at == stamp
