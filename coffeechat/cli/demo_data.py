"""Fill a workspace with a large, realistic, seeded example (for benchmarks and trials).

Explorations, organizations, people (above, at and below the target position, with
how you found them, priority and tags), conversations whose event histories reach
every stage, dated notes, and the search index, written with bulk inserts: 10,000
people take seconds. The same --seed and --today give the same data.

A workspace that already has explorations, people or organizations is refused
(exit 2) unless --force, which adds the generated records beside the existing
ones; nothing is ever deleted. Use a new --data-dir for a clean run.
"""

import argparse
import sys
import time

from .today import iso_date


def describe(name: str) -> str:
    return __doc__


def count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 0 or more")
    return value


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--people", type=count, default=1000, metavar="N", help="people to create (default 1000)"
    )
    parser.add_argument(
        "--conversations",
        type=count,
        default=None,
        metavar="M",
        help="conversations to create (default 3 per person)",
    )
    parser.add_argument(
        "--notes",
        type=count,
        default=None,
        metavar="K",
        help="dated notes to create (default 10 per person)",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--today",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="the day the histories lead up to (default: today)",
    )
    parser.add_argument(
        "--force", action="store_true", help="add to a workspace that already has records"
    )
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")


def run(args) -> int:
    from .setup import start_django

    start_django(args.data_dir, migrate=True)
    from django.db import transaction
    from django.utils import timezone

    from coffeechat.accounts.services import local_user
    from coffeechat.demo import generator
    from coffeechat.explorations.services import explorations_for
    from coffeechat.people.services import organizations_for, people_for

    from .output import print_json, print_table

    user = local_user()
    if not args.force and any(
        q.exists() for q in (explorations_for(user), people_for(user), organizations_for(user))
    ):
        print(
            "coffeechat: this workspace already has records; demo-data adds to it only "
            "with --force (nothing is deleted). Use a new --data-dir for a clean one.",
            file=sys.stderr,
        )
        return 2
    people = args.people
    plan = generator.Plan(
        people=people,
        conversations=3 * people if args.conversations is None else args.conversations,
        notes=10 * people if args.notes is None else args.notes,
        seed=args.seed,
        today=args.today or timezone.localdate(),
    )
    if plan.conversations and not people:
        print("coffeechat: conversations need people: pass --people too.", file=sys.stderr)
        return 2
    if plan.conversations > generator.capacity(people):
        print(
            f"coffeechat: {people} people can hold at most {generator.capacity(people)} "
            "conversations (one of each kind per exploration).",
            file=sys.stderr,
        )
        return 2
    if plan.notes and not people:
        print("coffeechat: notes need people: pass --people too.", file=sys.stderr)
        return 2
    started = time.perf_counter()
    with transaction.atomic():
        counts = generator.generate(user, plan)
    seconds = round(time.perf_counter() - started, 2)
    if args.json:
        print_json(
            {
                **counts.as_dict(),
                "seconds": seconds,
                "seed": plan.seed,
                "today": plan.today.isoformat(),
            }
        )
    else:
        print_table(
            ("record", "count"), [{"record": k, "count": v} for k, v in counts.as_dict().items()]
        )
        print(f"Done in {seconds} s (seed {plan.seed}, histories up to {plan.today}).")
    return 0
