"""Where a rendered page's time goes, in-process, with the kept-page cache out of the way.

    python -m benchmarks.render_profile --data-dir DIR [--renders 300] [--pages "Person page"]

Each page is requested through Django's test client `--renders` times, the kept pages
forgotten before each request (as after any change to the data), while a thread samples
the request's stack every half millisecond. Each sample is charged to the innermost
category it is in (benchmarks/profile.py's categories, plus i18n/l10n and context
processors), so the shares add up to 100 %; a second table charges it to every
category it is inside (inclusive: templates include the SQL their tags run, a view
includes everything). Next to each page, the bare view of the same size on the same
client, so the ratio rendered / ceiling is taken in one run. Prints JSON.
"""

import argparse
import collections
import json
import sys
import threading
import time
from pathlib import Path

from . import profile

ROOT = Path(__file__).resolve().parent.parent
SITE = next((p for p in sys.path if p.endswith("site-packages")), "")

# Innermost-first categories: profile.py's, with l10n and context processors first, and
# Django's database error wrapper counted as SQL: its `inner` is the frame around the
# driver's C calls (SQLite's step and fetch have no Python frame of their own).
DRIVER = ("inner (django/db/utils.py", "(psycopg/", "(sqlite3/")
CATEGORIES = [
    ("SQL: the database driver (execute, fetch, wait)", (*profile.CATEGORIES[0][1], *DRIVER)),
    (
        "i18n / l10n (formats, dates, translation)",
        (
            "(django/utils/formats",
            "(django/utils/translation",
            "(django/utils/dateformat",
            "(django/utils/numberformat",
            "(django/templatetags/i18n",
            "(django/templatetags/l10n",
            "(django/utils/timezone",
        ),
    ),
    ("context processors", ("context_processors.py",)),
    *profile.CATEGORIES[1:3],  # Markdown, domain rules
    (
        "ORM: building and compiling queries",
        (
            "(django/db/models/sql/",
            "(django/db/models/expressions.py",
            "(django/db/models/lookups.py",
            "(django/db/models/query_utils.py",
        ),
    ),
    (
        "ORM: rows to model instances (and querysets)",
        ("(django/db/models/base.py", "(django/db/models/query.py", "(django/db/models/fields/"),
    ),
    *profile.CATEGORIES[3:],
]
# Inclusive: a sample counts for every one of these it is inside.
INSIDE = [
    ("the view (before the template)", ("views.py",)),
    ("template rendering (all of it)", ("render (django/template/base.py",)),
    ("{% include %} and partials", ("(django/template/loader_tags.py", "(template_partials/")),
    ("SQL (execute, fetch)", (*profile.CATEGORIES[0][1], *DRIVER)),
    ("ORM (all of it)", ("(django/db/",)),
    ("rows to model instances", ("from_db (django/db/models/base.py",)),
    ("compiling SQL", ("as_sql (django/db/models/sql/compiler.py",)),
    ("Markdown", profile.CATEGORIES[1][1]),
    ("forms and widgets", ("(django/forms/", "(coffeechat/web/widgets.py")),
    ("middleware outside the view", ("process_request", "process_response", "process_view")),
    ("URL reversing", ("reverse (django/urls/",)),
]


def frame_name(frame) -> str:
    path = frame.f_code.co_filename
    for prefix in (SITE + "/", str(ROOT) + "/"):
        if prefix != "/" and path.startswith(prefix):
            path = path[len(prefix) :]
            break
    return f"{frame.f_code.co_name} ({path}:{frame.f_lineno})"


class Sampler(threading.Thread):
    def __init__(self, target_id: int, interval: float = 0.0005):
        super().__init__(daemon=True)
        self.target_id, self.interval = target_id, interval
        self.stacks: collections.Counter = collections.Counter()
        self.active = False
        self.running = True

    def run(self):
        while self.running:
            if self.active:
                frame = sys._current_frames().get(self.target_id)
                stack = []
                while frame is not None:
                    stack.append(frame_name(frame))
                    frame = frame.f_back
                if stack:
                    self.stacks[tuple(reversed(stack))] += 1
            time.sleep(self.interval)


def category(frames, categories) -> str:
    for frame in reversed(frames):
        for name, needles in categories:
            if any(needle in frame for needle in needles):
                return name
    return profile.OTHER


def summarize(stacks: collections.Counter) -> dict:
    exclusive, inclusive, ours, selves, total = (
        collections.Counter(),
        collections.Counter(),
        collections.Counter(),
        collections.Counter(),
        0,
    )
    for frames, count in stacks.items():
        if not any("(django/" in f or "(coffeechat/" in f for f in frames):
            continue
        total += count
        exclusive[category(frames, CATEGORIES)] += count
        selves[frames[-1].split(":")[0] + ")"] += count
        for name, needles in INSIDE:
            if any(any(n in f for n in needles) for f in frames):
                inclusive[name] += count
        for frame in dict.fromkeys(
            profile.short(f)
            for f in frames
            if "(coffeechat/" in f and "__call__" not in f and "pagecache" not in f
        ):
            ours[frame] += count
    share = {k: round(100 * v / max(total, 1), 1) for k, v in exclusive.most_common()}
    return {
        "samples": total,
        "exclusive": share,
        "inclusive": {
            k: round(100 * inclusive[k] / max(total, 1), 1) for k, _ in INSIDE if inclusive[k]
        },
        "functions": {k: round(100 * v / max(total, 1), 1) for k, v in ours.most_common(12)},
        "self": {k: round(100 * v / max(total, 1), 1) for k, v in selves.most_common(15)},
    }


def profile_page(client, path: str, renders: int) -> dict:
    from coffeechat.web import pagecache

    response = client.get(path)  # warm: templates, URL resolver, the CSRF cookie
    size = len(response.content)
    times = []
    for _ in range(renders):  # timed without the sampler, which slows the request
        pagecache.clear()
        began = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - began) * 1000)
    sys.setswitchinterval(0.0005)  # let the sampler in between the request's bytecodes
    sampler = Sampler(threading.get_ident())
    sampler.start()
    for _ in range(renders):
        pagecache.clear()
        sampler.active = True
        client.get(path)
        sampler.active = False
    sampler.running = False
    sampler.join()
    sys.setswitchinterval(0.005)
    bare = []
    for _ in range(renders):
        began = time.perf_counter()
        client.get(f"/__bench__/bare/{size}/")
        bare.append((time.perf_counter() - began) * 1000)
    times.sort()
    bare.sort()
    return {
        "path": path,
        "bytes": size,
        "renders": renders,
        "median_ms": round(times[len(times) // 2], 2),
        "fastest_ms": round(times[0], 2),
        "bare_median_ms": round(bare[len(bare) // 2], 3),
        "share_of_ceiling_pct": round(100 * bare[len(bare) // 2] / times[len(times) // 2]),
        **summarize(sampler.stacks),
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--renders", type=int, default=300)
    parser.add_argument("--pages", help="comma-separated page names (default: all)")
    args = parser.parse_args(argv)
    from django.test import Client

    from . import inprocess

    inprocess.start(args.data_dir)
    from django.conf import settings

    client, user = Client(HTTP_HOST="127.0.0.1"), None
    if settings.MODE == "team":  # benchmarks/mixed.py's first user, logged in
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(username="bench-01")
        client.force_login(user)
    pages = inprocess.page_paths(user)
    wanted = [p.strip() for p in args.pages.split(",")] if args.pages else list(pages)
    print(
        json.dumps(
            {name: profile_page(client, pages[name], args.renders) for name in wanted}, indent=1
        )
    )


if __name__ == "__main__":
    main()
