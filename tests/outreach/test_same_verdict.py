"""The compose page, `coffeechat check` and the API give the same verdict for the same
text (issue 19): a sample of the checker's corpus through all three, job requests and
good messages, on their own channels."""

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from coffeechat.api.services import create_token

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "corpus" / "messages.jsonl"
FINDING = re.compile(
    r'<li class="finding finding-(error|warning)"><strong>(?:Error|Warning): '
    r"(.*?)</strong>"
)


def sample() -> list[dict]:
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    return records[::80]  # both labels, many kinds, the three channels


def by_page(client, record) -> list[tuple[str, str]]:
    response = client.post(
        "/outreach/check/", {"body": record["text"], "channel": record["channel"]}
    )
    assert response.status_code == 200
    return [
        (severity, html.unescape(title))
        for severity, title in FINDING.findall(response.content.decode())
    ]


def by_api(client, token, record) -> tuple[bool, list[tuple[str, str]]]:
    response = client.post(
        "/api/v1/check",
        json.dumps({"text": record["text"], "channel": record["channel"]}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200
    answer = response.json()
    return answer["has_errors"], [(f["severity"], f["title"]) for f in answer["findings"]]


def by_cli(record) -> tuple[bool, list[tuple[str, str]]]:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "coffeechat.cli.main",
            "check",
            "-",
            "--json",
            "--channel",
            record["channel"],
        ],
        input=record["text"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode in (0, 1), result.stderr
    findings = json.loads(result.stdout)
    titles = [(f["severity"], _title(f["rule"])) for f in findings]
    return result.returncode == 1, titles


def _title(rule: str) -> str:
    from coffeechat.domain.checker import RULES

    return RULES[rule].title


def test_the_three_ways_in_give_the_same_verdict(client, me):
    token = create_token(me, "verdict")[1]
    records = sample()
    assert {r["label"] for r in records} == {"job_request", "good"}
    differences = []
    for record in records:
        page = by_page(client, record)
        api_errors, api = by_api(client, token, record)
        cli_errors, cli = by_cli(record)
        page_errors = any(severity == "error" for severity, _ in page)
        if not (page == api == cli and page_errors == api_errors == cli_errors):
            differences.append((record["id"], page, api, cli))
    assert differences == []
