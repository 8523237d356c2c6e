"""Making a PDF fetches nothing on the server's behalf (issue 18, finding 3): a Markdown
image in a note, pointing at a listener on this machine, made WeasyPrint call it while
rendering prep.pdf and report.pdf (SSRF). The listener here is a real socket."""

import base64
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings

from coffeechat.explorations.models import Exploration
from coffeechat.insights.pdf import static_only_fetcher
from coffeechat.people.models import Person
from tests.conftest import make_ask, make_exploration, make_organization, make_person

# A 1×1 PNG, so that a fetch, were one made, would succeed and be embedded.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4"
    "z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg=="
)


@pytest.fixture
def listener():
    """An HTTP server on 127.0.0.1 that notes every path asked of it."""
    asked = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PIXEL)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()
    server.server_close()


@pytest.fixture
def notes_with_images(me, listener):
    url, _ = listener
    organization = make_organization(
        me, research_notes=f"Their blog: ![org]({url}/organization.png)"
    )
    exploration = make_exploration(me)
    person = make_person(me)
    Person.objects.filter(pk=person.pk).update(
        organization=organization, notes=f"Met at a meetup ![person]({url}/person.png)"
    )
    Exploration.objects.filter(pk=exploration.pk).update(
        closed_on=date(2026, 11, 30),
        decision=f"Go for it ![decision]({url}/decision.png) ![passwd](file:///etc/passwd)",
    )
    return make_ask(me, person=person, exploration=exploration)


def test_the_listener_is_reachable(listener):
    """The control: the listener does answer, so a fetch would have been noted."""
    import urllib.request

    url, asked = listener
    with urllib.request.urlopen(f"{url}/ping", timeout=5) as response:
        assert response.read() == PIXEL
    assert asked == ["/ping"]


def test_prep_pdf_and_report_pdf_fetch_nothing(client, notes_with_images, listener):
    _, asked = listener
    conversation = notes_with_images
    prep = client.get(f"/conversations/{conversation.pk}/prep.pdf")
    report = client.get(f"/explorations/{conversation.exploration_id}/report.pdf")
    assert prep.status_code == 200 and prep.content.startswith(b"%PDF")
    assert report.status_code == 200 and report.content.startswith(b"%PDF")
    assert asked == []


def test_the_fetcher_reads_the_apps_static_files_and_nothing_else(tmp_path):
    fetch = static_only_fetcher()
    css = Path(settings.BASE_DIR, "static", "coffeechat", "report.css")
    assert fetch(css.as_uri()).read() == css.read_bytes()
    assert fetch("data:text/plain;base64,aGk=").read() == b"hi"
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    escaping = css.parent.as_uri() + "/../../../" + "/".join(outside.parts[1:])
    for url in (
        outside.as_uri(),
        escaping,
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.png",
        "https://example.org/x.png",
        "ftp://127.0.0.1/x",
        "file://otherhost/etc/passwd",
    ):
        with pytest.raises(ValueError, match="a PDF reads only the app's static files"):
            fetch(url)
