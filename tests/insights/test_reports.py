"""The 360° view, findings side by side, the decision journal and the report (SPEC L1-L4)."""

import base64
import hashlib
import os
import shutil
import subprocess
from datetime import date

import pytest

from coffeechat.accounts.services import local_user
from coffeechat.demo.services import build_demo_workspace
from coffeechat.explorations.models import Exploration, OptionPoint
from tests.conftest import make_exploration

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(me):
    build_demo_workspace(local_user(), today=date(2026, 11, 23))
    return Exploration.objects.get()


def test_the_grid_shows_levels_by_organization_and_the_gaps(client, demo):
    page = client.get(f"/explorations/{demo.pk}/insights/").content.decode()
    assert '<th scope="row" class="card-title">Above the target</th>' in page
    assert '<td data-label="Northwind Health">' in page  # each cell names its organization
    assert "Lena Fischer <small>(met)</small>" in page
    assert "Nobody at the target level met yet." in page
    link = f'/people/new/?exploration={demo.pk}&amp;level=same">add someone at the target level'
    assert link in page


def test_the_numbers_are_charts_with_tables(client, demo):
    page = client.get(f"/explorations/{demo.pk}/insights/").content.decode()
    assert page.count('<svg role="img"') == 4
    assert "<td>Asked</td><td>9</td>" in page
    assert "Spent on coffee and meals</dt><dd>7.80" in page


def test_findings_side_by_side_with_who_said_it_and_recurring_terms(client, demo):
    page = client.get(f"/explorations/{demo.pk}/side-by-side/").content.decode()
    assert "<h2>Duties and a typical day</h2>" in page
    assert "Grace Liu<br><small>Below the target</small>" in page
    assert "<strong>stakeholder interviews</strong> <small>from 2 people</small>" in page


def test_a_pro_can_cite_a_finding_of_this_exploration_only(client, me, demo):
    option = demo.options.first()
    finding = demo.conversations.get(person__name="Grace Liu").findings.first()
    client.post(
        f"/explorations/{demo.pk}/options/{option.pk}/points/",
        {"side": "pro", "text": "Teaching transfers", "finding": finding.pk},
    )
    assert OptionPoint.objects.get(text="Teaching transfers").finding == finding
    other = make_exploration(me, title="Another question")
    other_option = other.options.create(owner=me, title="X")
    response = client.post(
        f"/explorations/{other.pk}/options/{other_option.pk}/points/",
        {"side": "pro", "text": "Borrowed", "finding": finding.pk},
    )
    assert response.status_code == 400
    assert not OptionPoint.objects.filter(text="Borrowed").exists()


def test_the_markdown_report_has_grid_findings_and_decision(client, demo):
    client.post(
        f"/explorations/{demo.pk}/close/",
        {
            "decision": "The bootcamp, from March",
            "closed_on": "2026-12-01",
            "version": demo.version,
        },
    )
    text = client.get(f"/explorations/{demo.pk}/report.md").content.decode()
    assert text.startswith("# Is UX research the right next step after teaching?")
    assert "## Decision (1 December 2026)\n\nThe bootcamp, from March" in text
    assert "| Above the target | Aisha Karim (pending) |" in text
    assert "- **Lena Fischer** (Above the target): Mornings of stakeholder interviews" in text


def test_the_html_report_stands_alone(client, demo):
    response = client.get(f"/explorations/{demo.pk}/report.html")
    assert response["Content-Disposition"] == f'attachment; filename="exploration-{demo.pk}.html"'
    body = response.content.decode()
    assert "<h2>Who I talked to</h2>" in body
    assert "<style>" in body and "<link" not in body and "src=" not in body


def test_the_html_report_allows_its_own_inline_style_and_no_other(client, demo):
    from coffeechat.insights.services import report_stylesheet

    response = client.get(f"/explorations/{demo.pk}/report.html?download=0")
    digest = base64.b64encode(hashlib.sha256(report_stylesheet().encode()).digest()).decode()
    policy = response["Content-Security-Policy"]
    assert f"style-src 'sha256-{digest}'" in policy and "script-src 'self'" in policy


@pytest.mark.skipif(
    not shutil.which("pdftotext") and os.environ.get("CI") != "true",
    reason="needs poppler-utils (pdftotext)",
)
def test_the_pdf_report_reads_back_as_text(client, demo, tmp_path):
    response = client.get(f"/explorations/{demo.pk}/report.pdf")
    assert response.content.startswith(b"%PDF")
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Is UX research the right next step" in text and "Who I talked to" in text
    assert "Lena Fischer" in text and "Advice to me" in text
    pages = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "Pages:" in pages


def test_an_unknown_report_kind_is_not_found(client, demo):
    assert client.get(f"/explorations/{demo.pk}/report.docx").status_code == 404


def test_a_strangers_report_is_not_found(client, me, charlie):
    theirs = make_exploration(charlie)
    assert client.get(f"/explorations/{theirs.pk}/report.md").status_code == 404
    assert client.get(f"/explorations/{theirs.pk}/insights/").status_code == 404


def test_people_without_a_level_are_counted_and_linked_rather_than_called_nobody(client, me):
    from tests.conftest import make_person

    exploration = make_exploration(me)
    make_person(me, name="Priya Raman", exploration=exploration)
    make_person(me, name="Tomás Ortega", exploration=exploration)
    page = client.get(f"/explorations/{exploration.pk}/insights/").content.decode()
    assert "Nobody in this exploration yet" not in page
    assert "2 people of this exploration have no level yet" in page
    assert f"/people/?exploration={exploration.pk}&amp;level=unknown" in page
    listed = client.get(f"/people/?exploration={exploration.pk}&level=unknown").content.decode()
    assert "Priya Raman" in listed and "Tomás Ortega" in listed
