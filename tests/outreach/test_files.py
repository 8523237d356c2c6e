"""Files sent with an ask (U4, issue 24 point 3): the résumé kept in Settings goes with the
email and into the .eml; limits with messages naming the field; files travel with the
export and restore; one added to a single ask is erased with the person."""

import email
from email import policy

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from coffeechat.outreach.models import Attachment
from coffeechat.outreach.services import MAX_FILE_BYTES, add_file
from coffeechat.transfer import archive
from coffeechat.transfer.backup import erase_person
from tests.conftest import make_person
from tests.outreach.test_compose import GOOD, compose, priya  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a short CV\n" + bytes(range(256)) + b"\n%%EOF\n"


def upload(client, name, content, **values):
    return client.post("/settings/files/", {"file": SimpleUploadedFile(name, content), **values})


def eml(response):
    return email.message_from_bytes(response.content, policy=policy.default)


def test_a_resume_uploaded_once_goes_into_the_eml(client, me, priya):  # noqa: F811
    assert upload(client, "Sam Lee CV.pdf", PDF, is_resume="on").status_code == 302
    page = client.get("/settings/files/").content.decode()
    assert "Sam Lee CV.pdf" in page and "résumé" in page
    message = eml(compose(client, priya, action="eml", resume="on"))
    [attached] = list(message.iter_attachments())
    assert attached.get_filename() == "Sam Lee CV.pdf"
    assert attached.get_content_type() == "application/pdf"
    assert attached.get_content() == PDF
    assert "résumé" in message.get_body(("plain",)).get_content()


def test_a_new_resume_replaces_the_old_one(client, me):
    upload(client, "old.pdf", PDF, is_resume="on")
    upload(client, "new.pdf", PDF + b"v2", is_resume="on")
    upload(client, "portfolio.pdf", PDF)
    assert list(Attachment.objects.values_list("name", "is_resume")) == [
        ("new.pdf", True),
        ("portfolio.pdf", False),
    ]


def test_the_resume_box_without_a_resume_says_where_to_upload_it(client, me, priya):  # noqa: F811
    for action in ("smtp", "eml"):
        response = compose(client, priya, action=action, resume="on")
        assert response.status_code == 400
        assert (
            "No résumé is kept yet: upload it under Settings → Files" in response.content.decode()
        )
    assert not priya.conversations.exists()
    # Logged as sent from elsewhere: the sentence is logged, no file is needed here.
    assert compose(client, priya, action="log", resume="on").status_code == 302


def test_a_file_added_to_one_ask_is_sent_kept_with_the_person_and_erased_with_them(
    client,
    me,
    priya,  # noqa: F811
):
    note = SimpleUploadedFile("notes.txt", "Questions for Priya ✓".encode())
    message = eml(compose(client, priya, action="eml", attachment=note))
    assert [a.get_filename() for a in message.iter_attachments()] == ["notes.txt"]
    assert not Attachment.objects.exists()  # a download keeps nothing
    note = SimpleUploadedFile("notes.txt", "Questions for Priya ✓".encode())
    assert compose(client, priya, action="log", attachment=note).status_code == 302
    kept = Attachment.objects.get()
    assert (kept.person, bytes(kept.data)) == (priya, "Questions for Priya ✓".encode())
    assert "notes.txt" not in client.get("/settings/files/").content.decode()  # not a Settings file
    assert (
        "1 file attached to an ask to them"
        in client.get(f"/data/erase/{priya.pk}/").content.decode()
    )
    assert erase_person(me, priya.pk)["files"] == 1
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.exe", b"MZ", "is not a kind of file taken here"),
        ("cv.pdf", b"", "is empty"),  # Django's own message
        ("cv.pdf", b"%PDF-" + b"0" * MAX_FILE_BYTES, "a file may have 5 MB at most"),
        ("cv.pdf", b"<html>not a pdf</html>", "is not a PDF file inside"),
        ("cv.txt", b"\xff\xfe\x00binary", "is not plain text"),
    ],
)
def test_bad_files_are_refused_naming_the_field(client, me, name, content, message):
    response = upload(client, name, content)
    assert response.status_code == 400
    body = response.content.decode()
    assert '<a href="#id_file">File</a>: ' in body and message in body
    assert not Attachment.objects.exists()


def test_a_bad_file_on_an_ask_logs_nothing(client, me, priya):  # noqa: F811
    response = compose(
        client, priya, action="log", attachment=SimpleUploadedFile("cv.pdf", b"not a pdf")
    )
    assert response.status_code == 400
    assert (
        '<a href="#id_attachment">Attach a file to this ask only</a>' in response.content.decode()
    )
    assert not priya.conversations.exists() and not Attachment.objects.exists()


def test_a_mail_app_link_cannot_carry_a_file(client, me, priya):  # noqa: F811
    upload(client, "cv.pdf", PDF, is_resume="on")
    response = compose(client, priya, action="mailto", resume="on")
    assert response.status_code == 400
    assert "cannot carry files: download the .eml" in response.content.decode()


def test_files_travel_with_the_export_and_restore(me, charlie):
    add_file(me, "cv.pdf", PDF, is_resume=True)
    person = make_person(me, name="Ada")
    add_file(me, "for-ada.txt", b"hello", person=person)
    exported = archive.loads(archive.dumps(archive.export_workspace(me)))
    assert len(exported["tables"]["outreach.attachment"]) == 2
    archive.restore(charlie, exported)
    restored = {a.name: a for a in Attachment.objects.filter(owner=charlie)}
    assert bytes(restored["cv.pdf"].data) == PDF and restored["cv.pdf"].is_resume
    assert restored["for-ada.txt"].person.name == "Ada"
    assert restored["for-ada.txt"].person.owner == charlie


def test_anothers_file_cannot_be_removed_or_attached(client, me, charlie, priya):  # noqa: F811
    theirs = add_file(charlie, "theirs.pdf", PDF)
    assert client.post(f"/settings/files/{theirs.pk}/delete/").status_code == 404
    add_file(me, "mine.pdf", PDF)  # so that the ask offers files of mine
    response = compose(client, priya, action="eml", files=[theirs.pk])
    assert response.status_code == 400 and "files" in response.content.decode()
    response = compose(client, priya, action="eml")  # without: no file of anyone's
    assert not list(eml(response).iter_attachments())
    assert Attachment.objects.filter(pk=theirs.pk).exists()


def test_the_web_export_carries_files_and_the_streaming_restore_brings_them_back(
    client, me, charlie, tmp_path
):
    from coffeechat.transfer.restoring import restore_file

    add_file(me, "cv.pdf", PDF, is_resume=True)
    response = client.get("/data/export/json/")
    path = tmp_path / "export.json"
    path.write_bytes(b"".join(response.streaming_content))
    restore_file(charlie, path)
    restored = Attachment.objects.get(owner=charlie)
    assert (restored.name, bytes(restored.data), restored.is_resume) == ("cv.pdf", PDF, True)
