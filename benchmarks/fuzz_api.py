"""The long Schemathesis run over the API (issue 18; docs/SECURITY.md, "API schema fuzzing").

CI sends a bounded number of examples per operation (tests/api/test_fuzz.py). This runs
the same test with COFFEECHAT_FUZZ_EXAMPLES examples (default 200) on SQLite and, when
DATABASE_URL points at PostgreSQL, there too, and prints operations, cases, failures and
minutes per database. `make bench` runs it when COFFEECHAT_FUZZ_EXAMPLES is set.

    COFFEECHAT_FUZZ_EXAMPLES=200 python -m benchmarks.fuzz_api
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(database_url: str | None, examples: int) -> dict:
    env = {**os.environ, "COFFEECHAT_FUZZ_EXAMPLES": str(examples)}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "fuzz.json"
        env["COFFEECHAT_FUZZ_REPORT"] = str(report)
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "tests/api/test_fuzz.py"],
            cwd=ROOT,
            env=env,
        )
        figures = json.loads(report.read_text()) if report.exists() else {}
    figures["exit_code"] = done.returncode
    return figures


def main() -> int:
    examples = int(os.environ.get("COFFEECHAT_FUZZ_EXAMPLES") or 200)
    databases = {"SQLite": None}
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        databases["PostgreSQL"] = os.environ["DATABASE_URL"]
    failed = False
    for name, url in databases.items():
        figures = run(url, examples)
        print(
            f"[fuzz] {name}: {examples} examples per operation, "
            f"{figures.get('operations')} operations, {figures.get('cases')} cases, "
            f"{figures.get('failures')} failures, {figures.get('seconds')} s "
            f"(pytest exit {figures['exit_code']})",
            flush=True,
        )
        failed |= figures["exit_code"] != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
