"""`make bench`: generate a seeded workspace, load it over loopback, write docs/PERFORMANCE.md.

    python -m benchmarks.run            # full run (about 15 minutes on 2 cores)
    python -m benchmarks.run --quick    # about 2 minutes, smaller workspace, printed only
    python -m benchmarks.run --no-crash # without the 1,000-cycle crash run (~10 minutes)

Every figure is taken on this machine in this run: the pages under wrk next to the
framework's ceiling, search next to the raw FTS5 query, cold starts with hyperfine.
"""

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from . import cold, data, environment, profile, report
from .load import ROOT, Server, clean_env, fetch, wait_for_quiet, wrk, wrk_available

SEED = 1
CORES_FOR_PREDICTION = 2


@dataclass(frozen=True)
class Mode:
    name: str
    people: int
    conversations: int
    notes: int
    seconds: int  # per wrk run
    warmup: int
    levels: tuple[int, ...]
    million: bool  # search at 1,000,000 notes too
    profile: bool
    cold_runs: int
    search_queries: int
    import_rows: tuple[int, ...]
    quiet_wait: int  # seconds to wait, before each load run, for other work to finish
    mixed_seconds: int  # the mixed workload (benchmarks/mixed.py), per mode
    mixed_people: int  # people in each simulated user's workspace (team mode)
    growth_people: int  # the rendered pages again on a workspace this big (0: not)


FULL = Mode(
    "full",
    10_000,
    30_000,
    100_000,
    10,
    2,
    (1, 8, 16, 32),
    True,
    True,
    10,
    400,
    (10_000, 100_000),
    30,
    60,
    300,
    50_000,
)
QUICK = Mode(
    "quick", 1_000, 3_000, 10_000, 3, 1, (1, 16), False, False, 5, 200, (1_000,), 5, 10, 50, 0
)
# Connection counts at which each page is also loaded rendered (first visits, no kept
# copy): the figure a user meets after any change (issue 26).
RENDERED_LEVELS = (1, 16)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def coffeechat(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).with_name("coffeechat")), *args],
        env=clean_env(),
        capture_output=True,
        text=True,
        check=True,
    )


def ensure_tools() -> list[str]:
    """Install wrk and hyperfine from Debian's packages when missing and allowed."""
    missing = [tool for tool in ("wrk", "hyperfine") if not shutil.which(tool)]
    if missing and shutil.which("apt-get") and os.geteuid() == 0:
        log(f"installing {' '.join(missing)} with apt-get")
        install = ["apt-get", "install", "-y", "-q", *missing]
        if subprocess.run(install, capture_output=True).returncode:
            subprocess.run(["apt-get", "update", "-q"], capture_output=True)
            subprocess.run(install, capture_output=True)
    notes = []
    if not wrk_available():
        notes.append("wrk is not installed (apt-get install wrk): page load was NOT measured.")
    if not shutil.which("hyperfine"):
        notes.append("hyperfine is not installed: cold starts were timed with a Python loop.")
    if not profile.py_spy():
        notes.append("py-spy is not installed (pip install py-spy): no profiles were taken.")
    return notes


def workspace(work: Path, people: int, conversations: int, notes: int, today: date) -> dict:
    """A generated workspace, reused when one with the same parameters is already there."""
    folder = work / f"p{people}-c{conversations}-n{notes}-s{SEED}-{today}"
    marker = folder / "generated.json"
    if marker.exists():
        return {**json.loads(marker.read_text()), "reused": True}
    shutil.rmtree(folder, ignore_errors=True)
    log(f"generating {people} people, {conversations} conversations, {notes} notes")
    started = time.perf_counter()
    out = coffeechat(
        "demo-data",
        "--data-dir",
        str(folder),
        "--people",
        str(people),
        "--conversations",
        str(conversations),
        "--notes",
        str(notes),
        "--seed",
        str(SEED),
        "--today",
        today.isoformat(),
        "--json",
    ).stdout
    counts = json.loads(out)
    result = {
        "dir": str(folder),
        "counts": counts,
        "wall_seconds": round(time.perf_counter() - started, 1),
        "db_mb": round((folder / "coffeechat.sqlite3").stat().st_size / 2**20, 1),
    }
    marker.write_text(json.dumps(result))
    return {**result, "reused": False}


def in_process(what: str, data_dir: str, *extra: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.inprocess", what, "--data-dir", data_dir, *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=clean_env(DJANGO_SETTINGS_MODULE="benchmarks.settings"),
    )
    if done.returncode:
        raise RuntimeError(f"benchmarks.inprocess {what} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def load_pages(mode: Mode, data_dir: str, pages: dict) -> dict:
    """Each page and its same-size ceiling, interleaved, at every connection count."""
    with Server(Path(data_dir)) as server:
        for name, page in pages.items():
            status, size = fetch(server.url(page["path"]))
            page.update(served_status=status, served_bytes=size, runs=[], skipped=[])
            bare = f"/__bench__/bare/{size}/"
            for connections in mode.levels:
                predicted = connections * page["in_process_ms"] / 1000 / CORES_FOR_PREDICTION
                if predicted > 15:
                    page["skipped"].append(connections)
                    continue
                busy = wait_for_quiet(limit=mode.quiet_wait)
                log(f"{name}: {connections} connection(s) (machine {busy:.0%} busy before)")
                wrk(server.url(page["path"]), connections, mode.warmup)
                server.drain()
                run = server.measure(page["path"], connections, mode.seconds)
                server.drain()
                run["ceiling"] = server.measure(bare, connections, mode.seconds)
                if connections in RENDERED_LEVELS:
                    server.drain()
                    run["rendered"] = server.measure(
                        page["path"], connections, mode.seconds, returning=False
                    )
                    server.drain()
                page["runs"].append(run)
        memory = {"peak_rss_mb": round(server.peak_rss_mb, 1), "processes": server.peak_processes}
        profiles = (
            profile_pages(mode, server, pages, Path(data_dir))
            if mode.profile and profile.py_spy()
            else {}
        )
    return {"pages": pages, "memory": memory, "profiles": profiles}


def profile_pages(mode: Mode, server: Server, pages: dict, folder: Path) -> dict:
    profiles = {}
    for name, page in pages.items():
        connections = 8 if page["in_process_ms"] < 1000 else 2
        log(f"profiling {name} under {connections} connections")
        out = folder / f"profile-{len(profiles)}.txt"
        recorder = profile.record(server.process.pid, mode.seconds, out)
        time.sleep(0.5)
        # First visits: every page is rendered, so the profile shows what rendering
        # costs rather than the kept copies the returning browser gets.
        wrk(server.url(page["path"]), connections, mode.seconds - 1, returning=False)
        recorder.wait(timeout=60)
        server.drain()
        profiles[name] = {"connections": connections, **profile.summarize(out)}
    return profiles


def mixed(mode: Mode) -> dict:
    """The mixed workload, team mode on PostgreSQL then personal mode on SQLite."""
    results = {}
    for kind in ("team", "personal"):
        wait_for_quiet(limit=mode.quiet_wait)
        log(f"mixed workload, {kind} mode, {mode.mixed_seconds} s")
        people = ["--people", str(mode.mixed_people)] if kind == "team" else []
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.mixed",
                kind,
                "--seconds",
                str(mode.mixed_seconds),
                *people,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=clean_env(),
        )
        if done.returncode:
            tail = (done.stderr.strip().splitlines() or ["no message"])[-1]
            results[kind] = {"error": tail}
            log(f"mixed workload, {kind} mode, not measured: {tail}")
        else:
            results[kind] = json.loads(done.stdout)
    return results


def growth(mode: Mode, work: Path, today: date) -> dict:
    """The rendered pages on a workspace of `growth_people` (with the same proportions)."""
    n = mode.growth_people
    ws = workspace(work, n, 3 * n, 10 * n, today)
    return {"workspace": ws, "pages": in_process("pages", ws["dir"])}


def search(mode: Mode, work: Path, big: dict, today: date) -> list[dict]:
    results = [in_process("search", big["dir"], "--count", str(mode.search_queries))]
    if mode.million:
        million = workspace(work, mode.people, mode.conversations, 1_000_000, today)
        result = in_process("search", million["dir"], "--count", str(mode.search_queries))
        results.append({**result, "generated": million})
    return results


def data_in_and_out(mode: Mode, work: Path, big: dict, largest: dict) -> dict:
    log(f"import of {', '.join(f'{n:,}' for n in mode.import_rows)} rows")
    imports = data.imports(work, mode.import_rows, limit=300)
    log("full export")
    exported = data.export(big["dir"], work, limit=300)
    log(f"online backup of a {largest['db_mb']:.0f} MB database under writes")
    backup = data.backup(largest["dir"], work, limit=300)
    return {
        "imports": imports,
        "export": {**exported, "workspace": big["counts"]},
        "backup": backup,
    }


def cold_starts(mode: Mode, tiny: dict, big: dict) -> list[dict]:
    exe = str(Path(sys.executable).with_name("coffeechat"))
    rows = [
        {
            "command": "coffeechat --help",
            "workspace": "—",
            **cold.time_command([exe, "--help"], mode.cold_runs),
            "imports": cold.slowest_imports(
                [sys.executable, "-m", "coffeechat.cli.main", "--help"]
            ),
        }
    ]
    for label, ws, runs in (
        ("10 people", tiny, mode.cold_runs),
        (f"{mode.people:,} people", big, 3),
    ):
        rows.append(
            {
                "command": "coffeechat today",
                "workspace": label,
                **cold.time_command([exe, "today", "--data-dir", ws["dir"]], runs, 1),
            }
        )
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="a ~2 minute smaller run")
    parser.add_argument(
        "--no-million",
        action="store_true",
        help="skip search at 1,000,000 notes (saves ~5 minutes)",
    )
    parser.add_argument(
        "--pages",
        help="only these pages, comma-separated (e.g. 'Person page,"
        "People list'); skips search and cold starts",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="only the cold starts (coffeechat --help and today), printed as "
        "JSON; the mode's workspaces are made or reused",
    )
    parser.add_argument("--levels", help="connection counts, comma-separated (e.g. 1,16)")
    parser.add_argument(
        "--no-crash",
        action="store_true",
        help="skip the 1,000 SIGKILL cycles of benchmarks/bench_crash.py "
        "(a full run ends with them; figures go in docs/RELIABILITY.md)",
    )
    parser.add_argument(
        "--work-dir",
        default=os.environ.get("BENCH_DIR", "/tmp/coffeechat-bench"),
        help="where workspaces and raw results go (default /tmp/coffeechat-bench)",
    )
    parser.add_argument(
        "--output",
        help="markdown file to write (default: docs/PERFORMANCE.md "
        "for a full run, WORK_DIR/PERFORMANCE-quick.md for quick)",
    )
    args = parser.parse_args(argv)
    mode = QUICK if args.quick else FULL
    if args.no_million:
        mode = Mode(**{**asdict(mode), "million": False})
    if args.levels:
        mode = Mode(**{**asdict(mode), "levels": tuple(int(n) for n in args.levels.split(","))})
    work = Path(args.work_dir)
    work.mkdir(parents=True, exist_ok=True)
    today = date.today()
    started = time.perf_counter()
    results = {
        "mode": asdict(mode),
        "notes": ensure_tools(),
        "environment": environment.describe(
            shlex.join(["python", "-m", "benchmarks.run", *sys.argv[1:]])
        ),
    }
    big = workspace(work, mode.people, mode.conversations, mode.notes, today)
    if args.cold:
        tiny = workspace(work, 10, 10, 20, today)
        wait_for_quiet(limit=2 * mode.quiet_wait)
        print(
            json.dumps({"cold": cold_starts(mode, tiny, big), "notes": results["notes"]}, indent=2)
        )
        return 0
    small = workspace(work, mode.people // 10, mode.conversations // 10, mode.notes // 10, today)
    tiny = workspace(work, 10, 10, 20, today)
    results["workspaces"] = {"big": big, "small": small}
    log("counting SQL queries per page at two sizes")
    pages = in_process("pages", big["dir"])
    small_pages = in_process("pages", small["dir"])
    if args.pages:
        wanted = [name.strip() for name in args.pages.split(",")]
        pages = {name: page for name, page in pages.items() if name in wanted}
    for name, page in pages.items():
        page["queries_small"] = small_pages[name]["queries"]
    results["small_pages"] = small_pages
    if wrk_available():
        results.update(load_pages(mode, big["dir"], pages))
    else:
        results.update(pages=pages, memory={}, profiles={})
    # What is measured so far, kept in case a later step fails (the final file follows).
    partial = work / "results-in-progress.json"
    partial.write_text(json.dumps(results, indent=2))
    if not args.pages:
        results["mixed"] = mixed(mode)
        partial.write_text(json.dumps(results, indent=2))
        if mode.growth_people:
            log(f"rendered pages at {mode.growth_people:,} people")
            results["growth"] = growth(mode, work, today)
        log("search")
        results["search"] = search(mode, work, big, today)
        largest = results["search"][-1].get("generated", big)
        results["data"] = data_in_and_out(mode, work, big, largest)
        log("cold starts")
        wait_for_quiet(limit=2 * mode.quiet_wait)
        results["cold"] = cold_starts(mode, tiny, big)
    results["total_minutes"] = round((time.perf_counter() - started) / 60, 1)
    variant = results["environment"]["variant"]
    official = mode.name == "full" and not variant and not args.pages and not args.levels
    label = "-".join(
        filter(
            None,
            [
                mode.name,
                variant.replace("=", "-").replace(" ", "-"),
                "partial" if args.pages or args.levels else "",
            ],
        )
    )
    (work / f"results-{label}.json").write_text(json.dumps(results, indent=2))
    output = (
        Path(args.output)
        if args.output
        else (ROOT / "docs" / "PERFORMANCE.md" if official else work / f"PERFORMANCE-{label}.md")
    )
    section = report.render(results)
    report.write(output, section)
    if not official:
        print(section)
    log(f"done in {results['total_minutes']} min; figures in {output}, raw JSON in {work}")
    if os.environ.get("COFFEECHAT_FUZZ_EXAMPLES"):
        log("API schema fuzzing (benchmarks/fuzz_api.py, docs/SECURITY.md)")
        subprocess.run([sys.executable, "-m", "benchmarks.fuzz_api"], cwd=ROOT, check=True)
    if not (args.quick or args.pages or args.no_crash):
        log("crash run: 1,000 SIGKILL cycles (benchmarks/bench_crash.py, docs/RELIABILITY.md)")
        subprocess.run([sys.executable, "-m", "benchmarks.bench_crash"], cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
