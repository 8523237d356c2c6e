"""The import pages: upload, preview, resolve duplicates, commit; bad files get a message."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from coffeechat.people.models import Person
from coffeechat.transfer.models import ImportJob
from tests.conftest import make_organization, make_person

from .helpers import file_bytes

pytestmark = pytest.mark.django_db


def upload(client, name, data=None, format=""):
    data = file_bytes(name) if data is None else data
    return client.post("/data/import/", {"file": SimpleUploadedFile(name, data), "format": format})


def test_the_data_page_offers_import_export_and_restore(client, me):
    body = client.get("/data/").content.decode()
    for text in (
        "Import contacts",
        "Everything (JSON)",
        "People (CSV)",
        "vCard 4.0",
        "Restore",
        "coffeechat backup",
    ):
        assert text in body


def test_upload_preview_then_commit(client, me):
    response = upload(client, "linkedin_connections.csv")
    assert response.status_code == 302
    job = ImportJob.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "5 new" in page and "LinkedIn connections" in page
    assert Person.objects.count() == 0  # the preview saves nothing
    assert client.post(f"/data/import/{job.pk}/commit/").status_code == 302
    page = client.get(f"/data/import/{job.pk}/").content.decode()
    assert "Imported." in page and "5 added" in page
    assert Person.objects.count() == 5
    job.refresh_from_db()
    assert job.data == b""  # the uploaded file is not kept


def test_possible_duplicates_are_resolved_in_the_preview(client, me):
    acme = make_organization(me, name="NASA")
    existing = make_person(me, name="Katherine G. Johnson", organization=acme)
    upload(client, "vcard40.vcf")
    job = ImportJob.objects.get()
    page = client.get(f"/data/import/{job.pk}/").content.decode()
    assert "Possible duplicates" in page and 'name="line-1"' in page
    client.post(f"/data/import/{job.pk}/commit/", {"line-1": "new"})
    assert Person.objects.count() == 2
    assert Person.objects.get(pk=existing.pk).title == ""


def test_a_bad_choice_is_refused(client, me):
    make_person(me, name="Katherine G. Johnson", organization=make_organization(me, name="NASA"))
    upload(client, "vcard40.vcf")
    job = ImportJob.objects.get()
    response = client.post(f"/data/import/{job.pk}/commit/", {"line-1": "explode"})
    assert (
        response.status_code == 400
        and "Line 1: choose merge, new or skip." in response.content.decode()
    )
    assert Person.objects.count() == 1


@pytest.mark.parametrize(
    "name", ["linkedin_broken.csv", "google_broken.csv", "outlook_broken.csv", "vcard_broken.vcf"]
)
def test_a_broken_file_yields_a_report_not_an_error_page(client, me, name):
    response = client.get(upload(client, name)["Location"])
    body = response.content.decode()
    assert response.status_code == 200
    assert "Warnings" in body and ("no name" in body or "END:VCARD" in body)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("contacts.xlsx", b"PK\x03\x04\x14\x00workbook", "an Excel/Numbers workbook"),
        ("photo.vcf", b"\x89PNG\r\n\x1a\n", "This is a PNG image"),
        ("blob.csv", b"\x00\x01\x02\x00\x00\x07", "This is not a text file"),
        ("cut.csv", b"\xff\xfeA\x00\x00\xd8", "is not valid UTF-16"),
        ("empty.csv", b"", "The submitted file is empty."),
    ],
)
def test_a_file_of_another_kind_gets_a_clear_message_and_changes_nothing(
    client, me, name, data, message
):
    response = upload(client, name, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_columns_not_recognised_are_mapped_by_hand_in_the_preview(client, me):
    data = "Wer,Adresse,Firma,Telefon\nAnna Schmidt,anna@example.de,Bahn AG,030 555 01\n"
    response = upload(client, "kontakte.csv", data.encode())
    assert response.status_code == 302
    job = ImportJob.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "Which column holds what?" in page and "it needs a header row naming a name" in page
    assert '<option value="Adresse"' in page and Person.objects.count() == 0
    refused = client.post(f"/data/import/{job.pk}/columns/", {"column-email": "Nope"})
    assert (
        refused.status_code == 400 and "The file has no column “Nope”." in refused.content.decode()
    )
    response = client.post(
        f"/data/import/{job.pk}/columns/",
        {"column-name": "Wer", "column-email": "Adresse", "column-organization": "Firma"},
    )
    assert response.status_code == 302
    page = client.get(f"/data/import/{job.pk}/").content.decode()
    assert "1 new" in page and "Anna Schmidt" in page
    client.post(f"/data/import/{job.pk}/commit/")
    anna = Person.objects.get()
    assert (anna.email, anna.organization.name) == ("anna@example.de", "Bahn AG")
    assert "Telefon: 030 555 01" in anna.notes  # a column not mapped is kept in the notes


def test_a_file_over_the_limit_is_refused(client, me, settings):
    settings.COFFEECHAT_IMPORT_MAX_BYTES = 1024 * 1024
    response = upload(client, "big.csv", b"x" * (1024 * 1024 + 1))
    assert response.status_code == 400
    assert "The file is 1.0 MB; the limit is 1 MB." in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_a_forced_format_that_does_not_fit(client, me):
    response = upload(client, "linkedin_connections.csv", format="vcard")
    assert response.status_code == 400
    assert "This is not a vCard file" in response.content.decode()


def test_someone_elses_import_is_not_found(client, me, charlie):
    job = ImportJob.objects.create(owner=charlie, file_name="x.csv", data=b"")
    assert client.get(f"/data/import/{job.pk}/").status_code == 404
    assert client.post(f"/data/import/{job.pk}/commit/").status_code == 404


def test_discarding_an_import(client, me):
    upload(client, "vcard40.vcf")
    job = ImportJob.objects.get()
    assert client.post(f"/data/import/{job.pk}/discard/").status_code == 302
    assert ImportJob.objects.count() == 0 and Person.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_large_file_is_checked_and_saved_in_the_background(client, me, settings, job_worker):
    settings.COFFEECHAT_IMPORT_INLINE_BYTES = 0  # everything counts as large
    response = upload(client, "linkedin_connections.csv")
    job = ImportJob.objects.get()
    wait_for(job, "ready")
    partial = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="job-status"') and "5 new" in partial
    client.post(f"/data/import/{job.pk}/commit/")
    wait_for(job, "done")
    assert Person.objects.count() == 5


def test_a_page_still_polling_shows_the_progress_bar(client, me):
    job = ImportJob.objects.create(
        owner=me, file_name="big.csv", data=b"", total=10_000, done=2_500
    )
    body = client.get(f"/data/import/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 500ms"' in body
    assert 'value="2500" max="10000"' in body and "Checking rows: 2500 of 10000" in body


def wait_for(job, state, seconds=60):  # a bound, not a target: the machine may be busy
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.state == state:
            return
        assert job.state != "failed", job.error
        time.sleep(0.05)
    raise AssertionError(f"still {job.state}")


@pytest.mark.django_db(transaction=True)
def test_the_background_job_writes_while_a_page_reads_the_job(me):
    """The job's thread updates its progress while the progress page reads the job, as
    it does every half second. On a database file (WAL) readers never block that writer;
    when the SQLite test database lived in memory, one cache shared by the connections,
    a reader's table lock made the writer fail at once ("database table is locked": an
    import failed in CI)."""
    import threading

    from django.db import connection, connections, transaction

    from coffeechat.transfer import services

    job = ImportJob.objects.create(owner=me, file_name="c.csv", data=b"x", total=10)
    errors = []

    def progress():
        try:
            services._update(job.pk, done=5)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    mode = getattr(connection, "transaction_mode", None)
    connection.transaction_mode = "DEFERRED"  # as a GET begins (coffeechat/transactions.py)
    try:
        with transaction.atomic():  # a page's read, still open
            assert ImportJob.objects.get(pk=job.pk).done == 0
            writer = threading.Thread(target=progress)
            writer.start()
            writer.join(timeout=30)
    finally:
        connection.transaction_mode = mode
    assert not errors
    assert ImportJob.objects.get(pk=job.pk).done == 5


def test_the_preview_lists_differing_values_and_what_went_to_the_notes(client, me):
    make_person(me, name="Jane Doe", title="Analyst", email="jane.doe@agency.example")
    upload(client, "gmail.vcf")
    page = client.get(f"/data/import/{ImportJob.objects.get().pk}/").content.decode()
    assert "Different values: what is here is kept" in page
    assert "title: kept “Analyst”, the file has “Director, Research, Strategy”" in page
    upload(client, "iphone.vcf")
    page = client.get(f"/data/import/{ImportJob.objects.latest('pk').pk}/").content.decode()
    assert "Kept in the notes (no field of their own)" in page
    assert "Nickname → notes: 1 row" in page and "Department → notes: 1 row" in page
    assert "no name: named “Lagos Fintech Ltd” after the organization; check it" in page


def test_the_people_an_import_adds_get_the_exploration_level_and_tag_chosen(client, me):
    from tests.conftest import make_exploration

    exploration = make_exploration(me)
    already = make_person(me, name="Someone already here")
    upload(client, "linkedin_connections.csv")
    job = ImportJob.objects.get()
    page = client.get(f"/data/import/{job.pk}/").content.decode()
    assert "For the people this import adds" in page
    client.post(
        f"/data/import/{job.pk}/commit/",
        {"new-exploration": exploration.pk, "new-level": "above", "new-tag": "LinkedIn 2026"},
    )
    added = Person.objects.exclude(pk=already.pk)
    assert added.count() == 5
    assert set(added.values_list("exploration_id", "level")) == {(exploration.pk, "above")}
    assert all("LinkedIn 2026" in [t.name for t in p.tags.all()] for p in added)
    assert Person.objects.get(pk=already.pk).exploration_id is None


def test_a_bad_choice_for_new_people_names_the_field_and_saves_nothing(client, me, charlie):
    from tests.conftest import make_exploration

    theirs = make_exploration(charlie)
    upload(client, "linkedin_connections.csv")
    job = ImportJob.objects.get()
    response = client.post(f"/data/import/{job.pk}/commit/", {"new-exploration": theirs.pk})
    assert response.status_code == 400 and "Exploration:" in response.content.decode()
    response = client.post(f"/data/import/{job.pk}/commit/", {"new-level": "boss"})
    assert response.status_code == 400 and "Level:" in response.content.decode()
    assert Person.objects.count() == 0
