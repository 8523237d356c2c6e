"""The server under test and the load against it: `coffeechat serve` and wrk, loopback only.

The server is the real command (granian, 2 workers x 4 threads) started with
DJANGO_SETTINGS_MODULE=benchmarks.settings, which adds the framework-ceiling view.
"""

import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # never anything but loopback
LUA = Path(__file__).with_name("report.lua")
# What a browser sends from its second page on: the CSRF cookie Django gave it. Pages
# are kept per client (coffeechat/web/pagecache.py), so without it every request
# would be a first visit and rendered anew.
BROWSER_COOKIE = "csrftoken=benchmarkbrowsercsrfsecret000000"  # a 32-character secret


def clean_env(**extra) -> dict:
    """The environment for child processes: SQLite (no DATABASE_URL), benchmarks importable."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return {**env, **extra}


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Server:
    """`coffeechat serve` on a free loopback port, with its memory sampled while it runs."""

    def __init__(
        self, data_dir: Path, workers: int = 2, threads: int = 4, extra_env: dict | None = None
    ):
        self.port = free_port()
        self.extra_env = extra_env or {}
        self.command = [
            str(Path(sys.executable).with_name("coffeechat")),
            "serve",
            "--data-dir",
            str(data_dir),
            "--host",
            HOST,
            "--port",
            str(self.port),
            "--workers",
            str(workers),
            "--threads",
            str(threads),
        ]
        self.process = None
        self.peak_rss_mb = 0.0
        self.peak_processes = 0
        self._sampling = False

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def __enter__(self):
        self.process = subprocess.Popen(
            self.command,
            env=clean_env(**{"DJANGO_SETTINGS_MODULE": "benchmarks.settings", **self.extra_env}),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._wait_until_up()
        self._sampling = True
        threading.Thread(target=self._sample, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._sampling = False
        self.process.send_signal(signal.SIGINT)  # granian stops cleanly on Ctrl-C
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _wait_until_up(self, limit: float = 60) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"coffeechat serve exited: {self.process.stderr.read()}")
            try:
                urllib.request.urlopen(self.url("/__bench__/bare/100/"), timeout=2).read()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("coffeechat serve did not answer within a minute")

    def drain(self, limit: float = 120) -> float:
        """Wait until the server is idle: requests that wrk abandoned have finished.

        A fast answer proves little with two workers (the idle one answers), so this
        waits for the CPU time of all server processes to stop growing.
        """
        started = time.monotonic()
        while time.monotonic() - started < limit:
            before = cpu_seconds(self.pids())
            time.sleep(0.5)
            if cpu_seconds(self.pids()) - before < 0.05:
                break
        return time.monotonic() - started

    def measure(self, path: str, connections: int, seconds: float, returning: bool = True) -> dict:
        """wrk on `path`, with the CPU that neither the server nor wrk used (other = noise).
        `returning=False`: first visits, so every page is rendered (no kept copy)."""
        server, busy = cpu_seconds(self.pids()), busy_seconds()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()
        result = wrk(self.url(path), connections, seconds, returning=returning)
        wall = time.monotonic() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        ours = (
            cpu_seconds(self.pids())
            - server
            + (after.ru_utime - children.ru_utime)
            + (after.ru_stime - children.ru_stime)
        )
        other = max(0.0, busy_seconds() - busy - ours)
        result["other_cpu_pct"] = round(100 * other / (wall * (os.cpu_count() or 1)))
        return result

    def pids(self) -> list[int]:
        return process_tree(self.process.pid)

    def _sample(self) -> None:
        while self._sampling and self.process.poll() is None:
            pids = self.pids()
            total = sum(rss_mb(pid) for pid in pids)
            self.peak_rss_mb = max(self.peak_rss_mb, total)
            self.peak_processes = max(self.peak_processes, len(pids))
            time.sleep(0.1)


def process_tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo += children.get(pid, [])
    return tree


def wait_for_quiet(limit: float, threshold: float = 0.2, sample: float = 2.0) -> float:
    """Wait (up to `limit` s) until other work uses under `threshold` of the machine.

    The machine is shared with other sessions' test runs; a figure taken while they run
    measures them too. Returns the share of the machine busy in the last sample.
    """
    deadline, cores = time.monotonic() + limit, os.cpu_count() or 1
    while True:
        before = busy_seconds()
        time.sleep(sample)
        busy = (busy_seconds() - before) / (sample * cores)
        if busy < threshold or time.monotonic() > deadline:
            return round(busy, 2)


def busy_seconds() -> float:
    """CPU time the whole machine spent busy since boot (all processes, all cores)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            pass
    return total / ticks


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def fetch(url: str) -> tuple[int, int]:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.status, len(response.read())


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def wrk(
    url: str, connections: int, seconds: float, timeout: float = 20, returning: bool = True
) -> dict:
    """One bounded wrk run; latencies in ms, throughput in requests per second.
    `returning`: requests carry a returning browser's cookie; else each is a first visit."""
    threads = min(2, connections)
    cookie = ["-H", f"Cookie: {BROWSER_COOKIE}"] if returning else []
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            f"--timeout={timeout}s",
            *cookie,
            "-s",
            str(LUA),
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + timeout + 30,
        check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("BENCH_JSON "))
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    ok = raw["requests"] - raw["errors"]["status"]
    return {
        "connections": connections,
        "requests": raw["requests"],
        "rps": round(ok / (raw["duration_us"] / 1e6), 1),
        **{f"p{p}_ms": round(raw[f"p{p}_us"] / 1000, 2) for p in (50, 90, 95, 99)},
        "max_ms": round(raw["max_us"] / 1000, 1),
        "errors": sum(raw["errors"].values()),
        "timeouts": raw["errors"]["timeout"],
    }
