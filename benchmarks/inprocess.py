"""Measurements taken inside Django, on one workspace; prints JSON for run.py.

python -m benchmarks.inprocess pages  --data-dir DIR   # the pages to load, their SQL count
python -m benchmarks.inprocess search --data-dir DIR   # search_for next to raw FTS5
python -m benchmarks.inprocess writer --data-dir DIR --stop-file F  # small writes in a loop
"""

import argparse
import json
import random
import sqlite3
import statistics
import time


def start(data_dir: str) -> None:
    from coffeechat.cli.setup import start_django

    start_django(data_dir, migrate=True)  # a workspace kept from an earlier run may lag


def hub_person(user):
    """The person with the most conversations (the benchmarked person page)."""
    from django.db.models import Count

    from coffeechat.people.models import Person

    return (
        Person.objects.filter(owner=user)
        .annotate(n=Count("conversations"))
        .order_by("-n", "id")
        .first()
    )


def page_paths(user=None) -> dict:
    """The benchmarked pages of this workspace: name -> path."""
    from django.db.models import Count

    from coffeechat.accounts.services import local_user
    from coffeechat.explorations.models import Exploration

    user = user or local_user()
    hub = hub_person(user)
    exploration = (
        Exploration.objects.filter(owner=user, closed_on__isnull=True)
        .annotate(n=Count("conversations"))
        .order_by("-n", "id")
        .first()
    )
    return {
        "Today": "/",
        "People list": "/people/",
        "Person page": f"/people/{hub.pk}/",
        "Search": f"/search/?q={hub.name.replace(' ', '+')}",
        "Exploration 360°": f"/explorations/{exploration.pk}/",
    }


def benchmark_pages() -> dict:
    """The benchmarked pages of this workspace, each with its size and SQL query count."""
    from coffeechat.accounts.services import local_user

    user = local_user()
    hub = hub_person(user)
    pages = page_paths(user)
    result = {name: {"path": path, **measure_page(path)} for name, path in pages.items()}
    result["Person page"]["conversations"] = hub.n
    result["Person page"]["notes"] = hub.dated_notes.count()
    return result


def measure_page(path: str, runs: int = 15, budget: float = 10.0) -> dict:
    """One page through Django's test client: status, size, SQL count, and its cost.

    The cost is timed over several requests (the fastest is the least disturbed by other
    work on a shared machine), next to the bare view of the same size: their ratio is
    the in-process share of the framework's ceiling. Twice: rendered (the kept pages are
    forgotten before each request, as after any change to the data) and kept (the same
    client looking again, coffeechat/web/pagecache.py). The test client keeps its
    database connection, so connection set-up is not in these figures (it is in wrk's).
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from coffeechat.web import pagecache

    client = Client(HTTP_HOST="127.0.0.1")
    response = client.get(path)  # warm caches (templates, url resolver); the CSRF cookie
    pagecache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    count = len(queries.captured_queries)  # now: the next request clears the log
    size = len(response.content)
    rendered = timed(client, path, runs, budget, before=pagecache.clear)
    kept = timed(client, path, runs, budget)
    bare = timed(client, f"/__bench__/bare/{size}/", runs, budget)
    return {
        "status": response.status_code,
        "bytes": size,
        "queries": count,
        "in_process_ms": statistics.median(rendered),
        "in_process_min_ms": min(rendered),
        "kept_ms": statistics.median(kept),
        "kept_min_ms": min(kept),
        "bare_min_ms": min(bare),
    }


def timed(client, path: str, runs: int, budget: float, before=lambda: None) -> list[float]:
    times, started = [], time.perf_counter()
    while len(times) < runs and (time.perf_counter() - started < budget or len(times) < 3):
        before()
        began = time.perf_counter()
        client.get(path)
        times.append(round((time.perf_counter() - began) * 1000, 2))
    return times


# ---- search ----------------------------------------------------------------------------


def search_queries(count: int, seed: int) -> list[tuple[str, str]]:
    """(kind, text): full names, one topic word, two topic words, and 3-letter prefixes."""
    from coffeechat.demo.generator import TOPICS
    from coffeechat.people.models import Person

    rng = random.Random(seed)
    names = list(Person.objects.order_by("id").values_list("name", flat=True)[:5000])
    makers = {
        "full name": lambda: rng.choice(names),
        "one word": lambda: rng.choice(TOPICS),
        "two words": lambda: " ".join(rng.sample(TOPICS, 2)),
        "prefix while typing": lambda: rng.choice(names).split()[-1][:3],
    }
    kinds = list(makers)
    return [(kinds[i % len(kinds)], makers[kinds[i % len(kinds)]]()) for i in range(count)]


def benchmark_search(data_dir: str, count: int, seed: int) -> dict:
    from django.db import connection

    from coffeechat.accounts.services import local_user
    from coffeechat.people.models import Note
    from coffeechat.search.services import CANDIDATES, search_for, terms_of

    user = local_user()
    queries = search_queries(count, seed)
    raw = sqlite3.connect(f"file:{connection.settings_dict['NAME']}?mode=ro", uri=True)
    # The service's ranking without Django or the owner check: the newest CANDIDATES
    # matches, scored. (Until search migration 0004 this was "ORDER BY rank LIMIT 20",
    # every match scored.)
    raw_sql = (
        "SELECT rowid FROM (SELECT rowid, bm25(search_fts) AS score FROM search_fts "
        f"WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT {CANDIDATES}) "
        "ORDER BY score, rowid LIMIT 20"
    )

    def service(text):
        return search_for(user, text)

    def bare(text):
        match = " ".join(f'"{term}"*' for term in terms_of(text))
        return raw.execute(raw_sql, [match]).fetchall()

    for _, text in queries:  # warm the page cache for both
        service(text)
        bare(text)
    timings = {"service": [], "raw": []}
    for _, text in queries:
        for name, run in (("service", service), ("raw", bare)):
            started = time.perf_counter()
            run(text)
            timings[name].append(time.perf_counter() - started)
    by_kind = {}
    for kind in dict.fromkeys(k for k, _ in queries):
        picked = [i for i, (k, _) in enumerate(queries) if k == kind]
        by_kind[kind] = {name: summary([t[i] for i in picked]) for name, t in timings.items()}
    return {
        "notes": Note.objects.count(),
        "queries": len(queries),
        "raw_sql": raw_sql,
        **{name: summary(t) for name, t in timings.items()},
        "by_kind": by_kind,
    }


def write_until(stop_file: str, limit: float = 600) -> list[tuple[float, float]]:
    """Commit a small transaction every 10 ms until told to stop: (when, how long in ms)."""
    from pathlib import Path

    from django.db import transaction

    from coffeechat.accounts.services import local_user
    from coffeechat.people.models import Tag

    user, done, started = local_user(), [], time.time()
    while not Path(stop_file).exists() and time.time() - started < limit:
        began = time.perf_counter()
        with transaction.atomic():  # leaves the workspace as it was
            Tag.objects.create(owner=user, name="benchmark writer").delete()
        done.append((time.time(), (time.perf_counter() - began) * 1000))
        time.sleep(0.01)
    return done


def summary(seconds: list[float]) -> dict:
    ms = sorted(s * 1000 for s in seconds)
    cut = statistics.quantiles(ms, n=100, method="inclusive")
    return {"p50_ms": round(cut[49], 2), "p95_ms": round(cut[94], 2), "max_ms": round(ms[-1], 2)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["pages", "search", "writer"])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stop-file")
    args = parser.parse_args()
    start(args.data_dir)
    if args.what == "writer":
        result = write_until(args.stop_file)
    elif args.what == "pages":
        result = benchmark_pages()
    else:
        result = benchmark_search(args.data_dir, args.count, args.seed)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
