"""The `coffeechat` command: a thin shell over the services (SPEC I2).

Only argparse is imported at start-up so that `coffeechat --help` stays fast;
each command imports Django when it runs.
"""

import argparse
import importlib
import os
import sys

# name -> (module in coffeechat.cli, one-line help). The module has `add_arguments`
# and `run(args)`; its docstring is the command's long description.
COMMANDS = {
    "serve": ("serve", "Run the web app (applies migrations first)."),
    "today": ("today", "Show what to do now, overdue first."),
    "explorations": ("records", "Add, list, show, edit, close or delete explorations."),
    "people": ("records", "Add, list, show, edit, merge or delete people."),
    "orgs": ("records", "Add, list, show, edit or delete organizations."),
    "ask": ("journey", "Draft, check and log (or send) an ask for a conversation."),
    "reply": ("journey", "Log their answer or your follow-up; get the answer to give."),
    "schedule": ("journey", "Book the meeting (date, time, zone, length, mode)."),
    "reschedule": ("journey", "Move the booked meeting."),
    "cancel": ("journey", "Cancel the booked meeting, saying why."),
    "held": ("journey", "Log that the conversation took place."),
    "plan": ("journey", "Plan the questions for the agreed length; add, drop, reorder."),
    "note": ("journey", "Add or print notes of a conversation or a person."),
    "findings": ("journey", "Show or edit what a conversation taught you."),
    "thank": ("journey", "Draft, log or send the thank-you note."),
    "referral": ("journey", "Add someone they suggested you talk to."),
    "report": ("journey", "Write an exploration's report (Markdown, HTML or PDF)."),
    "completion": ("completion", "Print the shell completion script (bash, zsh or fish)."),
    "worker": ("worker", "Run background jobs: imports, digests (serve does it too)."),
    "check": ("check", "Check an ask for job requests, length and the method's rules."),
    "import": (
        "transfer_commands",
        "Import contacts (LinkedIn, Google, Outlook, Thunderbird or any CSV, vCard).",
    ),
    "export": (
        "transfer_commands",
        "Export everything as JSON, or people/conversations as CSV or vCard.",
    ),
    "restore": ("transfer_commands", "Restore a JSON export into an empty workspace."),
    "backup": ("transfer_commands", "Make a consistent copy of the running database."),
    "erase": ("transfer_commands", "Erase a person and everything said about them."),
    "manage": ("manage", "Run a Django management command on this workspace."),
    "invite": ("team", "Invite someone to a team server (prints a one-time link)."),
    "token": ("team", "Make, list or revoke personal access tokens for the JSON API."),
    "demo-data": ("demo_data", "Fill a workspace with a large seeded example (benchmarks)."),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with only the subcommand `only`: building every
    command's parser imports every command's module (40 ms of a 170 ms `today`)."""
    parser = argparse.ArgumentParser(
        prog="coffeechat",
        description="coffeechat carries you through informational interviews: "
        "whom to ask, how to ask, what to ask, and what it taught you.",
        epilog="Exit status: 0 done; 1 not found; 2 bad input, with a message naming the "
        "option. Most commands take --json.",
    )
    parser.add_argument("--version", action=LazyVersion, help="show the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name, (module_name, summary) in COMMANDS.items():
        if only and name != only:
            continue
        module = importlib.import_module(f"coffeechat.cli.{module_name}")
        sub = commands.add_parser(name, help=summary, description=module.describe(name))
        sub.add_argument(
            "--data-dir",
            metavar="DIR",
            help="workspace folder (default: $COFFEECHAT_DATA_DIR, else the "
            "platform's user data directory)",
        )
        module.add_arguments(name, sub)
        sub.set_defaults(run=module.run)
    return parser


class LazyVersion(argparse.Action):
    """--version, looked up only when asked for (package metadata is slow to read)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"coffeechat {_version()}")
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("coffeechat")
    except PackageNotFoundError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    try:
        try:
            return run_command(sys.argv[1:] if argv is None else argv)
        finally:
            sys.stdout.flush()  # here, where a closed pipe can still be caught
    except BrokenPipeError:
        return reader_went_away()


def run_command(argv: list[str]) -> int:
    if "_ARGCOMPLETE" in os.environ:  # the shell asks for completions (bash, zsh, fish)
        from .completion import complete_if_asked

        complete_if_asked()
    # A known command first: its own parser parses the rest exactly as the whole one
    # would. Anything else (--help, --version, a typo) gets the whole one.
    parser = build_parser(only=argv[0] if argv and argv[0] in COMMANDS else None)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    return args.run(args) or 0


def reader_went_away() -> int:
    """`coffeechat today | head -1`: the reader closed the pipe. Stop quietly, with the
    status of a process ended by SIGPIPE, instead of a traceback."""
    import os

    # Python flushes stdout again at exit; point it at /dev/null so that flush is quiet.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 128 + 13


if __name__ == "__main__":
    sys.exit(main())
