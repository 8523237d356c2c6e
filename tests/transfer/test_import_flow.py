"""Preview, then commit all-or-nothing; duplicates per P5; the same file twice adds nothing."""

import pytest

from coffeechat.people.models import Organization, Person
from coffeechat.people.services import index_person
from coffeechat.search.models import Kind, SearchDocument
from coffeechat.search.services import search_for
from coffeechat.transfer import importing, services
from coffeechat.transfer.importing import Status
from coffeechat.transfer.models import ExternalId, ImportJob
from tests.conftest import make_organization, make_person

from .helpers import FILES, file_bytes

pytestmark = pytest.mark.django_db

EXPECTED = {  # file -> (people added, rows refused)
    "linkedin_connections.csv": (5, 0),
    "linkedin_broken.csv": (4, 0),
    "google_current.csv": (3, 0),
    "google_legacy.csv": (2, 0),
    "google_broken.csv": (3, 0),
    "outlook_desktop.csv": (3, 0),
    "outlook_com.csv": (2, 0),
    "outlook_broken.csv": (3, 0),
    "vcard21.vcf": (2, 0),
    "vcard30.vcf": (2, 0),
    "vcard40.vcf": (1, 0),
    "vcard_broken.vcf": (5, 0),
}
CORPUS = sorted(path.name for path in FILES.iterdir() if path.suffix in {".csv", ".vcf"})


def import_file(user, name, **options):
    return services.import_contacts(user, file_bytes(name), **options)


@pytest.mark.parametrize(("name", "expected"), EXPECTED.items())
def test_each_file_imports_with_the_expected_counts(me, name, expected):
    _, planned, summary = import_file(me, name)
    assert (summary.added, summary.rejected) == expected
    assert Person.objects.filter(owner=me).count() == expected[0]
    assert all(row.reason for row in planned if row.status == Status.REJECTED)


@pytest.mark.parametrize("name", CORPUS)
def test_importing_the_same_file_twice_adds_nothing_and_changes_nothing(me, name):
    _, _, first = import_file(me, name)
    assert first.added > 0
    before = list(
        Person.objects.values_list("pk", "version", "notes", "tags__name").order_by(
            "pk", "tags__name"
        )
    )
    _, planned, summary = import_file(me, name)
    assert (summary.added, summary.updated) == (0, 0)
    assert all(row.status in {Status.SAME, Status.REPEAT, Status.REJECTED} for row in planned)
    assert (
        list(
            Person.objects.values_list("pk", "version", "notes", "tags__name").order_by(
                "pk", "tags__name"
            )
        )
        == before
    )


def test_profile_urls_match_whatever_their_case_and_slash(me):
    import_file(me, "linkedin_connections.csv")
    _, planned, summary = import_file(me, "linkedin_again.csv")
    assert [(row.status, row.reason) for row in planned] == [
        (Status.SAME, "same profile URL"),
        (Status.SAME, "same email (grace@navy.example)"),
        (Status.SAME, "same profile URL"),
    ]
    assert summary.added == 0


def test_a_vcard_uid_finds_the_person_even_after_they_changed_name_and_email(me):
    import_file(me, "vcard30.vcf")
    changed = file_bytes("vcard30.vcf").replace(b"FN:Grace Hopper", b"FN:Grace B. Hopper")
    changed = changed.replace(b"grace", b"admiral")
    _, planned, summary = services.import_contacts(me, changed)
    assert planned[0].status == Status.SAME and planned[0].reason == "same vCard UID"
    assert summary.added == 0
    assert ExternalId.objects.filter(owner=me, source="vcard").count() == 2


def test_a_known_person_gets_only_their_blanks_filled(me):
    acme = make_organization(me, name="US Navy")
    grace = make_person(
        me, name="Grace Hopper", title="Admiral", email="grace@navy.example", organization=acme
    )
    _, planned, summary = import_file(me, "linkedin_connections.csv")
    row = next(row for row in planned if row.name == "Grace Hopper")
    assert row.status == Status.SAME and row.fills == ["notes", "profile_url"]
    grace.refresh_from_db()
    assert grace.title == "Admiral"  # never overwritten
    assert grace.profile_url == "https://www.linkedin.com/in/gracehopper/"
    assert (summary.added, summary.updated) == (4, 1)


@pytest.mark.parametrize(
    ("choice", "people", "title"),
    [
        ("merge", 1, "Research Mathematician"),
        ("new", 2, ""),
        ("skip", 1, ""),
    ],
)
def test_a_close_name_at_the_same_organization_is_the_users_call(me, choice, people, title):
    nasa = make_organization(me, name="NASA")
    make_person(me, name="Katherine G. Johnson", organization=nasa)
    parsed, planned = services.preview(me, file_bytes("vcard40.vcf"))
    assert planned[0].status == Status.POSSIBLE
    assert planned[0].reason == "a very similar name at the same organization"
    importing.commit(me, planned, {1: choice})
    assert Person.objects.count() == people
    assert Person.objects.filter(title=title).exists()


def test_repeated_rows_in_one_file_are_merged_into_the_first(me):
    data = file_bytes("outlook_com.csv")
    data += data.splitlines(keepends=True)[1]
    _, planned, summary = services.import_contacts(me, data)
    assert planned[-1].status == Status.REPEAT
    assert planned[-1].reason == "the same person as line 2: merged into it"
    assert (summary.added, summary.skipped) == (2, 1)


def test_a_repeat_inside_one_file_keeps_its_other_phone_numbers(me):
    data = (
        b"Name,Email,Phone,Job Title\n"
        b"Ada Lovelace,ada@example.org,+44 20 7946 0018,Analyst\n"
        b"Ada Lovelace,ada@example.org,+44 7700 900123,Countess\n"
    )
    _, planned, summary = services.import_contacts(me, data)
    assert [row.status for row in planned] == [Status.NEW, Status.REPEAT]
    ada = Person.objects.get()
    assert (ada.phone, ada.title) == ("+44 20 7946 0018", "Analyst")  # the first row's
    assert "Other phone numbers: +44 7700 900123" in ada.notes
    assert "Other title: Countess" in ada.notes
    assert planned[0].conflicts == ["title: kept “Analyst”; line 3 has “Countess” (in the notes)"]


def test_imported_people_are_searchable_and_their_organizations_reused(me):
    make_organization(me, name="us navy")
    import_file(me, "linkedin_connections.csv")
    assert Organization.objects.filter(name__iexact="US Navy").count() == 1
    assert sorted(hit.title for hit in search_for(me, "bletchley")) == [
        "Alan Turing",
        "Bletchley Park, Hut 8",
    ]


def test_imported_people_are_indexed_as_an_edit_would_index_them(me):
    navy = make_organization(me, name="US Navy")
    make_person(me, name="Grace Hopper", email="grace@navy.example", organization=navy)
    make_person(me, name="Priya Raman", email="priya@acme.example")  # gets blanks and tags
    import_file(me, "linkedin_connections.csv")
    import_file(me, "google_current.csv")
    written = search_documents(me)
    assert len(written) == Person.objects.count() == 8
    for person in Person.objects.filter(owner=me):
        index_person(person)
    assert search_documents(me) == written


def search_documents(user):
    def tags_in_any_order(body):
        lines = body.split("\n")
        return lines[:4] + [sorted(lines[4].split())] + lines[5:]

    return {
        pk: (title, tags_in_any_order(body))
        for pk, title, body in SearchDocument.objects.filter(
            owner=user, kind=Kind.PERSON
        ).values_list("object_id", "title", "body")
    }


def test_tags_from_the_file_are_kept(me):
    import_file(me, "google_current.csv")
    priya = Person.objects.get(name="Priya Raman")
    assert sorted(tag.name for tag in priya.tags.all()) == ["Mentors", "starred"]


def test_a_failure_while_saving_leaves_nothing_behind(me, monkeypatch):
    make_person(me, name="Grace Hopper", email="grace@navy.example")
    job = ImportJob.objects.create(
        owner=me, file_name="c.csv", data=file_bytes("linkedin_connections.csv"), state="saving"
    )

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "_merge", broken)
    services.save_job(job.pk)
    job.refresh_from_db()
    assert job.state == "failed" and "Nothing was saved" in job.error
    assert list(Person.objects.values_list("name", flat=True)) == ["Grace Hopper"]
    assert Organization.objects.count() == 0


def test_the_preview_changes_nothing(me):
    services.preview(me, file_bytes("linkedin_connections.csv"))
    assert Person.objects.count() == 0 and Organization.objects.count() == 0


def test_one_users_import_never_matches_another_users_people(me, charlie):
    make_person(charlie, name="Grace Hopper", email="grace@navy.example")
    _, planned, summary = import_file(me, "linkedin_connections.csv")
    assert summary.added == 5
    assert Person.objects.filter(owner=charlie).count() == 1
