"""Where a page spends its time: py-spy samples the server's workers under wrk load.

Each sample's stack is read from the innermost frame outwards and charged to the
first category it meets (SQL in SQLite, the ORM building rows and model objects,
template rendering, ...), so the shares add up to 100 % of busy time. The busiest
app functions are listed too, counted inclusively.
"""

import collections
import shutil
import subprocess
import sys
from pathlib import Path

# py-spy names files relative to sys.path: "person_detail (coffeechat/people/views.py:110)".
APP = "(coffeechat/"
DJANGO = "(django/"

# (category, substrings of "function (file)") checked from the innermost frame outwards.
CATEGORIES = [
    ("SQL in SQLite (execute, fetch)", ("(django/db/backends/sqlite3/base.py", "cursor_iter")),
    ("Markdown rendering", (f"{APP}web/markdown.py", "(markdown_it/", "(nh3")),
    ("domain rules (coffeechat/domain)", (f"{APP}domain/",)),
    ("ORM: building queries, rows to model objects", ("(django/db/",)),
    ("template rendering", ("(django/template/", "(template_partials/")),
    ("forms and widgets", ("(django/forms/",)),
    ("URL reversing and resolving", ("(django/urls/",)),
    (
        "middleware, request and response",
        (
            "(django/core/handlers",
            "(django/middleware",
            "(django/contrib/",
            "(whitenoise/",
            "(django/http",
        ),
    ),
]
OTHER = "other (app code, Python, server)"


def py_spy() -> str | None:
    for candidate in (
        shutil.which("py-spy"),
        Path(sys.executable).with_name("py-spy"),
        Path("/tmp/uvenv/bin/py-spy"),
    ):
        if candidate and Path(candidate).exists():
            return str(candidate)
    return None


def record(pid: int, seconds: float, out: Path) -> subprocess.Popen:
    """Start sampling `pid` and its children (the granian workers) in the background."""
    return subprocess.Popen(
        [
            py_spy(),
            "record",
            "--pid",
            str(pid),
            "--subprocesses",
            "--nonblocking",
            "--rate",
            "200",
            "--duration",
            str(int(seconds)),
            "--format",
            "raw",
            "--output",
            str(out),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def read_samples(path: Path):
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            yield stack.split(";"), int(count)


def category(frames: list[str]) -> str:
    for frame in reversed(frames):
        for name, needles in CATEGORIES:
            if any(needle in frame for needle in needles):
                return name
    return OTHER


def summarize(path: Path, top: int = 8) -> dict:
    shares, functions, total = collections.Counter(), collections.Counter(), 0
    for frames, count in read_samples(path):
        if not any(APP in f or DJANGO in f for f in frames):
            continue  # the server's own idle or bookkeeping threads
        total += count
        shares[category(frames)] += count
        # Middleware wraps every request: listing it would say nothing.
        for frame in dict.fromkeys(f for f in frames if APP in f and "Middleware" not in f):
            functions[short(frame)] += count
    if not total:
        return {"samples": 0, "categories": {}, "functions": {}}
    return {
        "samples": total,
        "categories": {k: round(100 * v / total, 1) for k, v in shares.most_common()},
        "functions": {k: round(100 * v / total, 1) for k, v in functions.most_common(top)},
    }


def short(frame: str) -> str:
    """ "person_detail (coffeechat/people/views.py:110)" -> "people/views.py person_detail"."""
    name, _, where = frame.partition(" (")
    return f"{where.removeprefix('coffeechat/').split(':')[0]} {name}"
