"""How fast the message checker answers (issue 19, point 6):
`.venv/bin/python -m benchmarks.bench_checker [--data-dir DIR]`.

1. The web app as the user types: POST /outreach/check/ (the htmx partial) with a
   120-word message, through Django's test client on a throwaway workspace; p50/p95.
2. check_message itself on the same text, first call (loads the weights) and warm.
3. Cold processes: `coffeechat --help` (must not load the model) and `coffeechat check -`
   on the 120-word message.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time

MESSAGE = (
    "Dear Ms. Okafor,\n\nPriya Shah suggested I write to you. I teach secondary-school "
    "science and I am looking at a move into UX research, and your talk on accessible "
    "banking apps at the spring conference stayed with me. Would you have 15 minutes in the "
    "next two weeks to tell me how you moved from research into product design, and what "
    "you wish you had known before starting out? I am not asking for a job, only for your "
    "advice; even a short call would help me a great deal. I am happy to work around your "
    "schedule, and I will keep it to the time I asked for.\n\nP.S. If it is easier, I could "
    "send two questions by email instead.\n\nThank you,\nLeo Martin"
)


def percentiles(times: list[float]) -> dict:
    ordered = sorted(times)
    return {
        "runs": len(ordered),
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 2),
        "max_ms": round(ordered[-1], 2),
    }


def web(data_dir: str, runs: int) -> dict:
    from coffeechat.cli.setup import start_django

    start_django(data_dir, migrate=True)
    from django.test import Client

    from coffeechat.accounts.services import local_user

    client = Client(SERVER_NAME="127.0.0.1")  # an allowed host of a local workspace
    client.force_login(local_user())
    times = []
    for i in range(runs + 5):
        started = time.perf_counter()
        response = client.post("/outreach/check/", {"body": MESSAGE, "channel": "email"})
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, response.status_code
        if i >= 5:
            times.append(elapsed)
    return percentiles(times)


def domain(runs: int) -> dict:
    from coffeechat.domain.checker import check_message

    started = time.perf_counter()
    check_message(MESSAGE)
    first = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        check_message(MESSAGE)
        times.append((time.perf_counter() - started) * 1000)
    return {"first_call_ms": round(first, 1), **percentiles(times)}


def cold(command: list[str], runs: int, stdin: str | None = None) -> dict:
    times = []
    for i in range(runs + 2):
        started = time.perf_counter()
        subprocess.run(command, input=stdin, capture_output=True, text=True, check=False)
        if i >= 2:
            times.append((time.perf_counter() - started) * 1000)
    return percentiles(times)


def help_loads_no_model() -> bool:
    probe = (
        "import sys; from coffeechat.cli.main import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('coffeechat.domain.job_model' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    return result.stderr.strip().splitlines()[-1] == "True"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", help="a workspace to use (default: a new one)")
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    words = len(MESSAGE.split())
    print(f"Message: {words} words")
    print("check_message in process:", domain(args.runs))
    with tempfile.TemporaryDirectory() as scratch:
        print("web app, POST /outreach/check/:", web(args.data_dir or scratch, args.runs))
    python = [sys.executable, "-m", "coffeechat.cli.main"]
    print(
        "cold `coffeechat --help`:",
        cold([*python, "--help"], 10),
        "loads the model:",
        help_loads_no_model(),
    )
    print("cold `coffeechat check -`:", cold([*python, "check", "-"], 10, MESSAGE))


if __name__ == "__main__":
    main()
