"""What ran the benchmark: machine, versions, command, so a figure can be reproduced."""

import os
import platform
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .load import ROOT

# Where things go, not what the app does: never a what-if.
NOT_VARIANTS = ("BENCH_DIR", "BENCH_DATABASE_URL", "BENCH_SHOW_ERRORS")


def describe(command: str) -> dict:
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": command,
        # A what-if run (benchmarks/settings.py) is never written over the official figures.
        "variant": " ".join(
            f"{k}={v}"
            for k, v in os.environ.items()
            if k.startswith("BENCH_") and k not in NOT_VARIANTS
        ),
        "commit": commit(),
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "memory": memory(),
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        **{name: package(name) for name in ("Django", "granian", "whitenoise")},
        **{
            tool: tool_version(tool, flag)
            for tool, flag in (
                ("wrk", "--version"),
                ("hyperfine", "--version"),
                ("py-spy", "--version"),
            )
        },
    }


def commit() -> str:
    """The checked-out commit, read from .git without running git."""
    head = ROOT / ".git" / "HEAD"
    try:
        ref = head.read_text().strip()
        if ref.startswith("ref: "):
            return (ROOT / ".git" / ref[5:]).read_text().strip()[:12]
        return ref[:12]
    except OSError:
        return "unknown"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory() -> str:
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        return f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        return "unknown"


def package(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def tool_version(tool: str, flag: str) -> str:
    from .profile import py_spy

    path = py_spy() if tool == "py-spy" else shutil.which(tool)
    if not path:
        return "not installed"
    done = subprocess.run([path, flag], capture_output=True, text=True)
    text = (done.stdout or done.stderr).strip().splitlines()
    return text[0] if text else "unknown"
