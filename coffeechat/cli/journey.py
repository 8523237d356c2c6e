"""The journey from the terminal: ask, reply, schedule, plan, note, findings, thank, report.

Each command takes the same forms and calls the same services as the web pages, so
a step the method does not allow is refused here with the web's words. PERSON,
CONVERSATION and EXPLORATION take an id or a name (a person's name picks their
conversation); when a name fits several records, the command lists them and exits 2.

Exit status: 0 done; 1 not found; 2 bad input (the message names the option),
a step the method does not allow, or a mail server that refused (nothing is logged).
"""

import argparse

from .today import iso_date

CONVERSATION_HELP = "conversation id, or the person's name"

DESCRIPTIONS = {
    "ask": "Draft an ask from your records and the built-in (or your) template, check it, "
    "and with --log or --send record it (SPEC O1-O5). Without either, it only "
    "prints the draft and what the checker found. --draft has the writing assistant "
    "(SPEC O7) write it instead of the template.",
    "reply": "Log their answer: accepted, too-busy, busy-now (with --callback), no, or that "
    "you sent the one follow-up; prints the answer to give and the next step.",
    "schedule": "Book the meeting (SPEC S1): date and time in the zone given, length, mode.",
    "reschedule": "Move the booked meeting; the history keeps what was planned before.",
    "cancel": "Cancel the booked meeting, saying why.",
    "held": "Log that the conversation took place (then write the findings).",
    "plan": "Show the questions planned for the agreed length, and what does not fit. "
    "The first `plan` of a conversation builds one from your question bank (the "
    "2-1-2 mix, or --tiara), as the web's Build button does; then add, drop or "
    "reorder questions.",
    "note": "Add a note to a conversation (its scratch pad) or to a person, or print "
    "the notes. TEXT '-' reads standard input.",
    "findings": "Show the structured findings of a conversation, or edit them in $EDITOR "
    "(--edit) or from a Markdown file (--file): one '## topic' heading each.",
    "thank": "Draft the thank-you note from the findings (or with --draft, the writing "
    "assistant's, from what they said); --log records it, --send emails it (SMTP) "
    "and records it.",
    "referral": "Add someone they suggested you talk to, linked to the conversation.",
    "report": "Write the exploration's report as Markdown, HTML or PDF.",
}

OUTCOMES = ["accepted", "too-busy", "busy-now", "no", "followed-up"]


def describe(name: str) -> str:
    return f"{DESCRIPTIONS[name]}\n\n" + __doc__.split("\n\n", 1)[1]


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.set_defaults(parser=parser)
    ADDERS[name](parser)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def _on(parser, what: str) -> None:
    parser.add_argument(
        "--on", type=iso_date, metavar="YYYY-MM-DD", help=f"{what} (default: today)"
    )


def _conversation(parser) -> None:
    parser.add_argument("conversation", metavar="CONVERSATION", help=CONVERSATION_HELP)


def _draft(group, parser) -> None:
    group.add_argument(
        "--draft",
        action="store_true",
        help="have the writing assistant draft it (turned on in the web app's "
        "Settings), held to the checker as the web's 'Draft with "
        "assistant' is; it is printed, and sent only with --send",
    )
    parser.add_argument(
        "--agree",
        action="store_true",
        help="with --draft: agree to send the request shown before the first "
        "draft to this endpoint and model",
    )


def _send_or_log(parser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--send",
        action="store_true",
        help="send by email through the configured SMTP server, and log it",
    )
    group.add_argument("--log", action="store_true", help="log it as sent by you")


def _ask(parser) -> None:
    parser.add_argument("person", metavar="PERSON", help="person id or name")
    parser.add_argument(
        "--exploration",
        metavar="EXPLORATION",
        help="exploration id or title (default: the person's)",
    )
    parser.add_argument(
        "--approach",
        choices=["direct", "referred", "advice"],
        help="how you ask (default: referred when someone connects you)",
    )
    parser.add_argument(
        "--form",
        choices=["written", "phone"],
        default="written",
        help="a written message or a phone script",
    )
    parser.add_argument(
        "--channel",
        choices=["email", "phone", "network", "in_person", "letter"],
        help="how it goes out (default: email, or phone for a script)",
    )
    parser.add_argument(
        "--minutes", type=int, default=15, help="the minutes you ask for (default: 15)"
    )
    parser.add_argument("--template", type=int, metavar="ID", help="one of your templates")
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--text",
        metavar="FILE",
        help="the message from a file ('-' for standard input); a first "
        "line 'Subject: …' is the subject",
    )
    _draft(source, parser)
    parser.add_argument("--edit", action="store_true", help="edit the draft in $EDITOR")
    parser.add_argument(
        "--resume",
        action="store_true",
        help="say that your résumé is attached, for context; with --send, "
        "attach the one kept under Settings → Files",
    )
    parser.add_argument(
        "--profile", choices=["relaxed", "strict"], default="relaxed", help="the checker's profile"
    )
    parser.add_argument(
        "--anyway", action="store_true", help="log or send despite the checker's errors"
    )
    _send_or_log(parser)
    _on(parser, "date asked")


def _reply(parser) -> None:
    _conversation(parser)
    parser.add_argument(
        "outcome",
        choices=OUTCOMES,
        metavar="OUTCOME",
        help="accepted, too-busy, busy-now, no, or followed-up",
    )
    parser.add_argument(
        "--callback", type=iso_date, metavar="YYYY-MM-DD", help="busy-now: the day to ask again"
    )
    parser.add_argument(
        "--suggested",
        action="append",
        metavar="NAME",
        default=[],
        help="someone they suggested instead (repeat for more)",
    )
    parser.add_argument("--note", metavar="TEXT", default="", help="what they said")
    _on(parser, "date of the reply")


def _slot(parser, reschedule: bool) -> None:
    _conversation(parser)
    parser.add_argument(
        "--at",
        metavar="'YYYY-MM-DD HH:MM'",
        required=not reschedule,
        help="date and time of the meeting, in --tz"
        + (" (default: as booked)" if reschedule else ""),
    )
    parser.add_argument(
        "--tz", metavar="ZONE", help="IANA zone, e.g. Europe/Berlin (default: theirs, else yours)"
    )
    parser.add_argument("--minutes", type=int, help="length: 15, 20, 30, 45 or 60 (default: 20)")
    parser.add_argument(
        "--mode",
        choices=["workplace", "coffee", "video", "phone"],
        help="where (default: their workplace)",
    )
    parser.add_argument("--location", help="place or phone number")
    parser.add_argument("--link", metavar="URL", help="video link")
    parser.add_argument("--cost", metavar="AMOUNT", help="what the coffee or meal costs you")
    if reschedule:
        parser.add_argument("--reason", default="", help="why it moved")
    parser.add_argument("--ics", metavar="FILE", help="also write the event as an .ics file")
    _on(parser, "date agreed")


def _cancel(parser) -> None:
    _conversation(parser)
    parser.add_argument("--reason", required=True, help="why it was cancelled")
    _on(parser, "date cancelled")


def _held(parser) -> None:
    _conversation(parser)
    _on(parser, "date held")


def _plan(parser) -> None:
    _conversation(parser)
    parser.add_argument(
        "--build",
        action="store_true",
        help="plan afresh from the bank (the 2-1-2 mix), replacing the plan",
    )
    parser.add_argument(
        "--tiara",
        action="store_true",
        help="plan afresh as TIARA (trends, insights, advice, resources, assignments)",
    )
    parser.add_argument(
        "--add",
        action="append",
        metavar="Q",
        default=[],
        help="add a question of the bank (id or words of it)",
    )
    parser.add_argument(
        "--drop",
        action="append",
        metavar="Q",
        default=[],
        help="drop a question from the plan (id or words of it)",
    )
    parser.add_argument(
        "--order", metavar="Q,Q,…", help="question ids in the order to ask them (others follow)"
    )


def _note(parser) -> None:
    parser.add_argument(
        "target",
        metavar="PERSON|CONVERSATION",
        help="a number is a conversation id, a name a person (see --person, --conversation)",
    )
    parser.add_argument(
        "text",
        nargs="?",
        metavar="TEXT",
        help="the note ('-' reads standard input); without it, print notes",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--person", action="store_true", help="TARGET is a person")
    which.add_argument(
        "--conversation",
        action="store_true",
        help="TARGET is a conversation (id or the person's name)",
    )


def _findings(parser) -> None:
    _conversation(parser)
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--edit", action="store_true", help="edit them in $EDITOR")
    source.add_argument(
        "--file", metavar="FILE", help="read them from a Markdown file ('-' for standard input)"
    )


def _thank(parser) -> None:
    _conversation(parser)
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--card", action="store_true", help="a handwritten card (print the text)")
    kind.add_argument("--email", action="store_true", help="an email (the default)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--text", metavar="FILE", help="your own text from a file ('-' for standard input)"
    )
    _draft(source, parser)
    _send_or_log(parser)
    _on(parser, "date thanked")


def _referral(parser) -> None:
    _conversation(parser)
    parser.add_argument("name", metavar="NAME", help="whom they suggested")
    parser.add_argument("--role", default="", help="their job title")
    parser.add_argument("--org", default="", help="their organization")


def _report(parser) -> None:
    parser.add_argument("exploration", metavar="EXPLORATION", help="exploration id or title")
    parser.add_argument(
        "--format",
        choices=["md", "html", "pdf"],
        default="md",
        help="Markdown (default), HTML or PDF",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (default: standard output; PDF needs a FILE)",
    )


ADDERS = {
    "ask": _ask,
    "reply": _reply,
    "schedule": lambda p: _slot(p, False),
    "reschedule": lambda p: _slot(p, True),
    "cancel": _cancel,
    "held": _held,
    "plan": _plan,
    "note": _note,
    "findings": _findings,
    "thank": _thank,
    "referral": _referral,
    "report": _report,
}


def run(args) -> int:
    from .setup import start_django

    start_django(getattr(args, "data_dir", None), migrate=True)
    from . import journey_actions

    return journey_actions.run(args)
