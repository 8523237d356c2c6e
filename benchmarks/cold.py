"""Cold start of the command: hyperfine if installed, else a plain timing loop."""

import json
import shutil
import statistics
import subprocess
import tempfile
import time

from .load import clean_env


def time_command(command: list[str], runs: int, warmup: int = 2) -> dict:
    if shutil.which("hyperfine"):
        return _hyperfine(command, runs, warmup)
    return _loop(command, runs, warmup)


def _hyperfine(command, runs, warmup) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [
                "hyperfine",
                "--shell=none",
                "--style=none",
                "--warmup",
                str(warmup),
                "--runs",
                str(runs),
                "--export-json",
                out.name,
                " ".join(command),
            ],
            env=clean_env(),
            check=True,
            capture_output=True,
        )
        result = json.load(open(out.name))["results"][0]
    times = [t * 1000 for t in result["times"]]
    return {"tool": "hyperfine", **_summary(times)}


def _loop(command, runs, warmup) -> dict:
    times = []
    for i in range(warmup + runs):
        started = time.perf_counter()
        subprocess.run(command, env=clean_env(), check=True, capture_output=True)
        if i >= warmup:
            times.append((time.perf_counter() - started) * 1000)
    return {"tool": "Python timing loop", **_summary(times)}


def _summary(ms: list[float]) -> dict:
    return {
        "runs": len(ms),
        "mean_ms": round(statistics.mean(ms), 1),
        "median_ms": round(statistics.median(ms), 1),
        "min_ms": round(min(ms), 1),
        "max_ms": round(max(ms), 1),
    }


def slowest_imports(command: list[str], top: int = 6) -> list[tuple[str, float]]:
    """The heaviest imports of a command (python -X importtime), cumulative ms."""
    done = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]],
        env=clean_env(),
        capture_output=True,
        text=True,
    )
    rows = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "cumulative" not in line:
            _, cumulative, name = line[12:].split("|")
            if not name.startswith("  "):  # imported by the program itself, not by a module
                rows.append((name.strip(), int(cumulative) / 1000))
    return sorted(rows, key=lambda r: -r[1])[:top]
