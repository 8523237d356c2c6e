"""Time a LinkedIn import: preview (read, check, find duplicates) and commit, against a
workspace that already holds as many people (issue 10: 10,000 rows in <= 5 s,
100,000 in <= 60 s).

    .venv/bin/python benchmarks/bench_import.py                 # 10,000 rows
    .venv/bin/python benchmarks/bench_import.py --rows 100000   # and 100,000
    DATABASE_URL=postgresql://... .venv/bin/python benchmarks/bench_import.py

It runs on a throw-away SQLite workspace (or the PostgreSQL database named by
DATABASE_URL, whose coffeechat tables it empties first). One row in ten of the file
is someone already there (same profile URL), one in fifty a close name at the same
organization, so the duplicate paths are timed too.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

HEADER = ("Notes:\n\"When exporting your connection data, you may notice that some of the "
          "email addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,"
          "Position,Connected On\n")
FIRST = ["Ada", "Grace", "Alan", "Katherine", "Margaret", "Priya", "Tomás", "Wen", "Ngozi",
         "Jürgen", "Mei", "Daniel", "Lena", "Omar", "Sofia", "Kenji", "Amara", "Lucas"]
LAST = ["Lovelace", "Hopper", "Turing", "Johnson", "Hamilton", "Raman", "Ortega", "Li",
        "Okafor", "Müller", "Tanaka", "Okafor", "Novak", "Haddad", "Rossi", "Sato", "Diallo"]


def person(rng, n):
    # A made-up family name per person: real colleagues rarely share a near-identical name.
    family = rng.choice(LAST) + "".join(rng.choice("aeiourstnlkm") for _ in range(6))
    return rng.choice(FIRST), family, f"Company {n % 2000}, Inc"


def existing_records(count, rng):
    for n in range(count):
        first, last, company = person(rng, n)
        yield ({"name": f"{first} {last}", "profile_url": f"https://www.linkedin.com/in/p-{n}",
                "title": "Engineer", "new_organization": company}, [])


def linkedin_file(rows, existing, rng) -> bytes:
    lines = []
    for n in range(rows):
        if n % 10 == 0 and n < existing:  # already there: same profile URL, other case
            first, last, company = person(random.Random(n), n)
            url = f"https://www.LinkedIn.com/in/P-{n}/"
        else:
            first, last, company = person(rng, n + existing)
            url = f"https://www.linkedin.com/in/new-{n}"
        if n % 50 == 5 and n < existing:  # a close name at the same organization
            first, last, company = f"{first}", f"{last}x", person(random.Random(n), n)[2]
        lines.append(f"{first},{last},{url},,\"{company}\",Engineer,12 Mar 2024")
    return (HEADER + "\n".join(lines) + "\n").encode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000])
    args = parser.parse_args()
    os.environ.setdefault("COFFEECHAT_DATA_DIR", tempfile.mkdtemp(prefix="coffeechat-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coffeechat.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}")
    for rows in args.rows:
        run(rows)
    return 0


def run(rows: int) -> None:
    from django.db import transaction

    from coffeechat.accounts.services import local_user
    from coffeechat.people.services import create_people_in_bulk
    from coffeechat.transfer import archive, importing, services

    user = local_user()
    with transaction.atomic():
        for model, field in reversed(archive.owned_models()):
            model._base_manager.filter(**{field: user}).delete()
        create_people_in_bulk(user, existing_records(rows, random.Random(1)))
    data = linkedin_file(rows, rows, random.Random(2))
    started = time.perf_counter()
    parsed, planned = services.preview(user, data)
    previewed = time.perf_counter()
    with transaction.atomic():
        summary = importing.commit(user, planned)
    done = time.perf_counter()
    found = importing.counts(planned)
    print(f"{rows:,} rows against {rows:,} people ({len(data) / 1e6:.1f} MB): "
          f"preview {previewed - started:.2f} s, commit {done - previewed:.2f} s, "
          f"total {done - started:.2f} s — {found['new']:,} new, {found['same']:,} same, "
          f"{found['possible']:,} possible; saved {summary.added:,} added, "
          f"{summary.updated:,} updated")


if __name__ == "__main__":
    sys.exit(main())
