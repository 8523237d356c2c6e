"""Check an ask before sending it: job requests, no time bound, length, a missing
question and more (see docs/CHECKER.md). Reads FILE, or standard input for `-`.

Exit status: 1 when there is an error (a job request; every finding under --strict),
0 otherwise. Runs without Django and without a workspace.
"""

import argparse
import sys


def describe(name: str) -> str:
    return __doc__


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the message as a text file, or - for standard input")
    parser.add_argument(
        "--profile",
        choices=["relaxed", "strict"],
        default="relaxed",
        help="relaxed (about 120 words) or strict (Dalton's six-point email)",
    )
    parser.add_argument(
        "--channel",
        choices=["email", "network", "letter", "phone", "in_person"],
        help="apply this channel's length limit (network: 300 characters)",
    )
    parser.add_argument("--strict", action="store_true", help="treat every warning as an error")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")


def read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read()


def run(args) -> int:
    from dataclasses import asdict

    from coffeechat.domain.checker import Profile, check_message, has_errors

    from .output import print_json

    try:
        text = read(args.file)
    except OSError as error:
        print(f"coffeechat: cannot read {args.file}: {error.strerror}", file=sys.stderr)
        return 2
    findings = check_message(
        text, profile=Profile(args.profile), channel=args.channel, strict=args.strict
    )
    if args.json:
        print_json([asdict(finding) for finding in findings])
    elif not findings:
        print("Nothing to flag.")
    for finding in [] if args.json else findings:
        words = f' — "{finding.words}"' if finding.words else ""
        print(f"{finding.severity.upper()}: {finding.title}{words}\n    {finding.message}")
    return 1 if has_errors(findings) else 0
