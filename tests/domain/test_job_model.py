"""The learned job-request model (issue 19): shipped, deterministic to rebuild, and read
with the words that carry the request."""

import json
import subprocess
import sys
from pathlib import Path

from coffeechat.domain.job_model import MODEL_FILE, job_request_hits, sentences, tokens
from coffeechat.domain.job_request import PRECISE, job_request_spans

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "outreach" / "corpus" / "messages.jsonl"


def corpus() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


def test_the_corpus_is_large_labelled_and_covers_every_channel():
    records = corpus()
    assert len(records) >= 500
    assert {r["label"] for r in records} == {"job_request", "good"}
    assert {r["channel"] for r in records} == {"email", "network", "phone"}
    assert all(len(r["text"].strip()) <= 300 for r in records if r["channel"] == "network")
    assert all(r["request"] in r["text"] for r in records if r["label"] == "job_request")


def test_the_model_is_small_and_ships_inside_the_package():
    assert MODEL_FILE.parent.name == "domain" and MODEL_FILE.stat().st_size < 400_000
    assert "checker_model.json" in (ROOT / "pyproject.toml").read_text()


def test_rebuilding_the_model_gives_the_same_file(tmp_path):
    """scripts/train_checker.py is deterministic: the shipped weights are what it makes."""
    code = (
        "import sys, json; sys.path.insert(0, 'scripts'); import train_checker as t; "
        "print(json.dumps(t.train(t.load()).to_dict(), separators=(',', ':')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert result.stdout == MODEL_FILE.read_text(encoding="utf-8")


def test_the_precise_rules_never_fire_on_a_good_message_of_the_corpus():
    flagged = [
        r["text"]
        for r in corpus()
        if r["label"] == "good" and job_request_spans(r["text"], PRECISE)
    ]
    assert flagged == []


def test_a_request_hidden_in_a_ps_is_found_and_quoted():
    text = (
        "Hi Jo,\n\nYour talk on heat pumps stayed with me. Would you have 15 minutes to "
        "tell me how you moved into energy?\n\nBest,\nMaya\n\nP.S. Would you be open to "
        "referring me for the analyst opening?"
    )
    [hit] = job_request_hits(text)
    assert "referring me" in text[hit.start : hit.end]
    assert text[hit.sentence[0] : hit.sentence[1]].startswith("P.S.")


def test_a_misspelled_request_is_still_found():
    assert job_request_hits("Could you pls reffer me for the positon at Globex?")


def test_denials_and_questions_about_their_work_are_not_requests():
    for text in (
        "I'm not looking for a job or a referral, only your advice.",
        "How did you land your first role in policy?",
        "Could you refer me to someone else who works on climate models?",
    ):
        assert job_request_hits(text) == [], text


def test_sentences_keep_abbreviations_and_offsets():
    text = "Dear Ms. Okafor,\nDr. Chen suggested I write. Could we talk?"
    assert [text[a:b] for a, b in sentences(text)] == [
        "Dear Ms. Okafor,",
        "Dr. Chen suggested I write.",
        "Could we talk?",
    ]
    assert [t.norm for t in tokens("Résumé 2024")] == ["resume", "0000"]


def test_help_does_not_load_the_model_and_check_does_not_start_django():
    """`coffeechat --help` stays quick; `coffeechat check` needs neither Django nor the
    database (its cold start is measured by benchmarks/bench_checker.py)."""
    probe = (
        "import sys; from coffeechat.cli.main import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('coffeechat.domain.job_model' in sys.modules, 'django' in sys.modules,"
        " file=sys.stderr)"
    )
    helped = subprocess.run(
        [sys.executable, "-c", probe, "--help"], capture_output=True, text=True, timeout=60
    )
    assert helped.stderr.strip().splitlines()[-1] == "False False"
    checked = subprocess.run(
        [sys.executable, "-c", probe, "check", "-"],
        input="Would you refer me for the analyst role?",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Asks for a job" in checked.stdout
    assert checked.stderr.strip().splitlines()[-1] == "True False"
