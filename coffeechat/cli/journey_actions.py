"""What the journey commands do, once Django is up: the web's forms and services."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from coffeechat.accounts.services import local_user
from coffeechat.conversations import services as conversations
from coffeechat.conversations.forms import CancelForm, EventForm, ScheduleForm
from coffeechat.domain.journey import EventKind
from coffeechat.errors import DomainError, Invalid

from . import resolve
from .output import print_json, print_table
from .record_actions import BadInput

# Form field -> the option that fills it, so a refusal names what to type differently.
OPTION_OF = {
    "meeting_date": "--at",
    "meeting_time": "--at",
    "time_zone": "--tz",
    "minutes": "--minutes",
    "mode": "--mode",
    "location": "--location",
    "link": "--link",
    "cost": "--cost",
    "reason": "--reason",
    "on": "--on",
    "callback_on": "--callback",
    "outcome": "OUTCOME",
    "exploration": "--exploration",
    "body": "--text",
    "subject": "--text",
    "channel": "--channel",
    "approach": "--approach",
    "form": "--form",
    "profile": "--profile",
    "despite_findings": "--anyway",
    "text": "--note",
    "name": "NAME",
    "question": "--add",
    "despite_no": "--anyway",
}


class AssistantRefused(BadInput):
    """--draft when the assistant is off, not allowed, not agreed to, or failed."""


def run(args) -> int:
    try:
        user = local_user()
        # Before the command's transaction: the assistant's log of what was sent must
        # stay even when the command then refuses and saves nothing.
        args.drafted = drafted_by_assistant(args, user) if getattr(args, "draft", False) else None
        with transaction.atomic():
            return COMMANDS[args.command](args, user)
    except BadInput as error:
        return fail(
            args, str(error), usage=not isinstance(error, (resolve.Ambiguous, AssistantRefused))
        )
    except DomainError as error:
        if error.field == "kind":  # a step the method does not allow now: its own words
            return fail(args, error.message, usage=False)
        option = f"{OPTION_OF.get(error.field, error.field)}: " if error.field else ""
        return fail(args, f"{option}{error.message}", 1 if error.status == 404 else 2)


def fail(args, message: str, status: int = 2, usage: bool = True) -> int:
    """Bad input (2) comes with the command's usage, unless the words were right and the
    moment is not (a refused step, a name that fits several); not found (1) without."""
    if status == 2 and usage and getattr(args, "parser", None):
        args.parser.print_usage(sys.stderr)
    print(f"coffeechat {args.command}: {message}", file=sys.stderr)
    return status


def form_errors(form) -> str:
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        where = OPTION_OF.get(name, name) if name != "__all__" else ""
        prefix = f"{where} ({label}): " if where and label else f"{where}: " if where else ""
        parts.append(prefix + " ".join(errors))
    return "; ".join(parts)


def valid(form) -> dict:
    if not form.is_valid():
        raise BadInput(form_errors(form))
    return form.cleaned_data


def day(args):
    return args.on or timezone.localdate()


def read_text(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    try:
        return Path(source).read_text()
    except OSError as error:
        raise BadInput(f"--text: cannot read {source}: {error.strerror}") from None


def edit_in_editor(text: str, suffix: str) -> str:
    """Open $EDITOR (else $VISUAL, else vi) on `text`; what is saved comes back."""
    editor = os.environ.get("EDITOR") or os.environ.get("VISUAL") or "vi"
    with tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False) as handle:
        handle.write(text)
    try:
        if subprocess.call(f'{editor} "{handle.name}"', shell=True) != 0:
            raise BadInput(f"the editor ({editor}) failed; nothing was saved.")
        return Path(handle.name).read_text()
    finally:
        os.unlink(handle.name)


# ---- what a conversation looks like on the command line ---------------------------

EVENT_FIELDS = (
    "channel",
    "approach",
    "outcome",
    "callback_on",
    "meeting_on",
    "starts_at",
    "time_zone",
    "minutes",
    "mode",
    "location",
    "link",
    "cost",
    "text",
)


def history_of(conversation) -> list[dict]:
    """The events in order, each with the fields it has (the web page shows the same)."""
    rows = []
    for event in conversation.events.all():
        row = {"kind": event.kind, "on": event.on.isoformat()}
        for field in EVENT_FIELDS:
            value = getattr(event, field)
            if value not in (None, ""):
                row[field] = (
                    value.isoformat()
                    if hasattr(value, "isoformat")
                    else value
                    if isinstance(value, int)
                    else str(value)
                )
        rows.append(row)
    return rows


def conversation_dict(user, pk) -> dict:
    conversation = conversations.get_conversation_for(user, pk)
    return {
        "id": conversation.pk,
        "person": conversation.person.name,
        "person_id": conversation.person_id,
        "exploration": conversation.exploration.title,
        "kind": conversation.kind,
        "stage": conversation.stage_cache,
        "next": sorted(conversations.allowed_kinds(conversation)),
        "history": history_of(conversation),
    }


def show_conversation(user, pk, as_json, extra: dict | None = None) -> int:
    data = {**conversation_dict(user, pk), **(extra or {})}
    if as_json:
        print_json(data)
        return 0
    print(
        f"Conversation {data['id']}: {data['person']}, {data['exploration']} "
        f"— {data['stage'].replace('_', ' ')}"
    )
    print_table(
        ("on", "kind", "details"),
        [
            {
                "on": row["on"],
                "kind": row["kind"].replace("_", " "),
                "details": " ".join(
                    f"{k}={v}" for k, v in row.items() if k not in {"on", "kind", "text"}
                )[:70],
            }
            for row in data["history"]
        ],
    )
    for key, value in (extra or {}).items():
        if value:
            print(
                f"\n{key.replace('_', ' ').capitalize()}:\n{value}"
                if isinstance(value, str)
                else f"\n{key.replace('_', ' ').capitalize()}: {value}"
            )
    return 0


def log_step(user, conversation, data: dict):
    """A step through the web page's form and service (conversation_detail). The form
    is not narrowed to the steps allowed now: the service refuses the others in the
    method's own words ("Schedule once they have said yes.")."""
    values = {name: value for name, value in valid(EventForm(data)).items() if value}
    return conversations.log_event(user, conversation, EventKind(values.pop("kind")), **values)


# ---- the writing assistant (--draft) ----------------------------------------------------


def drafted_by_assistant(args, user) -> dict:
    """The assistant's draft, through the service the web's "Draft with assistant" uses:
    held to the checker, written again at most twice, returned with what it still finds.
    Imported here only: `coffeechat --help` and the other commands never load it."""
    from coffeechat.assistant import services as assistant

    status = assistant.status_for(user)
    if not status.ready:
        raise AssistantRefused(
            f"--draft: {status.why_not} (Settings is in the web app: coffeechat serve.)"
        )
    kind, values = draft_values(args, user)
    request = assistant.draft_request(user, kind, values)
    if not status.consented and not args.agree:
        sent = "\n\n".join(f"[{m['role']}]\n{m['content']}" for m in request.messages)
        raise AssistantRefused(
            f"--draft: nothing was sent. Before the first draft, this is exactly what goes "
            f"to {status.endpoint.label}:\n\n{sent}\n\nIf that is fine, run the command "
            f"again with --agree (asked once for this endpoint and model)."
        )
    if not status.consented:
        assistant.consent(user)
    print(f"Drafting with {status.endpoint.label}…", file=sys.stderr, flush=True)
    for event in assistant.draft_events(user, request, status.endpoint):
        if event[0] == "retry":
            found = ", ".join(dict.fromkeys(finding.title for finding in event[1]))
            print(f"The checker found: {found}; writing it again…", file=sys.stderr, flush=True)
        elif event[0] == "error":
            raise AssistantRefused(f"--draft: {event[1]} Nothing was logged.")
        elif event[0] == "done":
            _, text, findings, history = event
            return {
                "text": text,
                "model": status.endpoint.model,
                "written_again": history,
                "findings": [finding_dict(f) for f in findings],
            }
    raise AssistantRefused("--draft: the assistant gave no draft. Nothing was logged.")


def draft_values(args, user) -> tuple[str, dict]:
    """The kind of draft and the records it is about, as the web's button posts them."""
    from coffeechat.outreach import services as asks

    if args.command == "thank":
        conversation = resolve.conversation(user, args.conversation)
        return "thanks", {"conversation": conversation.pk}
    person = resolve.person(user, args.person)
    exploration = open_exploration(user, args.exploration, person)
    return "ask", {
        "person": person.pk,
        "exploration": exploration.pk,
        "approach": args.approach or asks.default_approach(person),
        "form": args.form,
        "channel": args.channel or asks.default_channel(args.form),
    }


def finding_dict(finding) -> dict:
    return {"severity": finding.severity.value, "rule": finding.title, "message": finding.message}


def print_drafted(drafted: dict | None) -> None:
    if drafted:
        print(f"\nDrafted by the assistant ({drafted['model']}).")
        for number, titles in enumerate(drafted["written_again"], 1):
            print(f"  Draft {number} was written again: {', '.join(titles)}.")


# ---- the commands -------------------------------------------------------------------


def ask(args, user) -> int:
    from coffeechat.domain import outreach
    from coffeechat.outreach import services as asks
    from coffeechat.outreach.forms import ComposeForm

    person = resolve.person(user, args.person)
    exploration = open_exploration(user, args.exploration, person)
    approach = args.approach or asks.default_approach(person)
    draft = asks.draft(
        user,
        person,
        exploration,
        approach=approach,
        form=args.form,
        template_pk=args.template,
        minutes=args.minutes,
    )
    subject, body = draft.subject, draft.body
    if args.drafted:
        body = args.drafted["text"]
    if args.text:
        subject, body = split_subject(read_text(args.text), subject)
    if args.edit:
        subject, body = split_subject(
            edit_in_editor(f"Subject: {subject}\n\n{body}", ".txt"), subject
        )
    form = ComposeForm(
        {
            "exploration": exploration.pk,
            "approach": approach,
            "form": args.form,
            "channel": args.channel or asks.default_channel(args.form),
            "subject": subject,
            "body": body,
            "resume": args.resume,
            "profile": args.profile,
            "on": day(args),
            "despite_findings": args.anyway,
        },
        user=user,
    )
    data = dict(valid(form))
    if data["resume"]:
        data["body"] = outreach.with_resume_note(data["body"])
        if args.send:  # the sentence promises the file: it goes with the email (SPEC O3)
            resume = asks.resume_of(user)
            if resume is None:
                raise BadInput(
                    "--resume: no résumé is kept yet; upload it in the web app "
                    "under Settings → Files. Nothing was sent or logged."
                )
            data["attachments"] = [resume]
    findings = asks.check(
        data["body"],
        person=person,
        exploration=exploration,
        approach=data["approach"],
        channel=data["channel"],
        profile=data["profile"],
    )
    result = {
        "person": person.name,
        "exploration": exploration.title,
        "subject": data["subject"],
        "body": data["body"],
        "missing": [] if args.drafted else [name.replace("_", " ") for name in draft.missing],
        "findings": [finding_dict(f) for f in findings],
        "logged": False,
        "sent": False,
        "conversation": None,
    }
    if args.drafted:
        result["assistant"] = {key: args.drafted[key] for key in ("model", "written_again")}
    if args.log or args.send:
        try:
            conversation = asks.log_and_send(
                user, person, data, send=args.send, findings=findings, despite_findings=args.anyway
            )
        except Invalid as error:
            if error.field != "despite_findings":
                raise
            print_findings(result, args.json)
            raise BadInput(
                "the checker found an error (above): fix the message (--edit or "
                "--text), or add --anyway to send it as it is. Nothing was "
                "logged."
            ) from None
        result.update(
            logged=True,
            sent=args.send,
            conversation=conversation.pk,
            history=conversation_dict(user, conversation.pk)["history"],
        )
    print_findings(result, args.json)
    return 0


def open_exploration(user, text, person):
    """The exploration named, else the person's; a closed one is said to be closed."""
    if text:
        exploration = resolve.exploration(user, text, "--exploration")
    elif person.exploration_id:
        exploration = person.exploration
    else:
        raise BadInput(
            f"--exploration: {person.name} is in no exploration; name the one this ask is for."
        )
    if exploration.closed_on:
        raise BadInput(
            f"--exploration: '{exploration.title}' was closed on "
            f"{exploration.closed_on:%d %b %Y}; ask for an open exploration, or "
            "reopen it in the web app."
        )
    return exploration


def split_subject(text: str, subject: str) -> tuple[str, str]:
    first, _, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        return first.split(":", 1)[1].strip(), rest.lstrip("\n")
    return subject, text


def print_findings(result: dict, as_json: bool) -> None:
    if as_json:
        print_json(result)
        return
    if result["subject"]:
        print(f"Subject: {result['subject']}\n")
    print(result["body"].rstrip())
    if result["missing"]:
        print(f"\nFill in before sending: {', '.join(result['missing'])}.")
    for finding in result["findings"]:
        print(f"\n[{finding['severity']}] {finding['rule']}: {finding['message']}")
    print_drafted(result.get("assistant"))
    if result["logged"]:
        print(
            f"\n{'Sent and logged' if result['sent'] else 'Logged'}: conversation "
            f"{result['conversation']}."
        )


REPLIES = {
    "accepted": ("replied", "accepted"),
    "too-busy": ("replied", "declined_busy"),
    "busy-now": ("replied", "busy_now"),
    "no": ("replied", "clear_no"),
    "followed-up": ("followed_up", ""),
}


def reply(args, user) -> int:
    conversation = resolve.conversation(user, args.conversation)
    kind, outcome = REPLIES[args.outcome]
    log_step(
        user,
        conversation,
        {
            "kind": kind,
            "on": day(args),
            "outcome": outcome,
            "callback_on": args.callback or "",
            "text": args.note,
        },
    )
    for name in args.suggested:
        conversations.add_referral(user, conversation, name=name)
    conversation = conversations.get_conversation_for(user, conversation.pk)
    advice = conversations.reply_advice(user, conversation) or {}
    nxt = advice.get("next_person")
    return show_conversation(
        user,
        conversation.pk,
        args.json,
        {
            "answer": advice.get("answer") or "",
            "next_step": advice.get("next_step") or "",
            "ask_next": f"{nxt.name} (coffeechat ask {nxt.pk})" if nxt else "",
        },
    )


def schedule(args, user) -> int:
    conversation = resolve.conversation(user, args.conversation)
    meeting = conversation.meeting
    if args.command == "reschedule" and (meeting is None or meeting.cancelled):
        raise BadInput("CONVERSATION: no meeting is booked; use `coffeechat schedule`.")
    data = conversations.schedule_initial(user, conversation, meeting, day(args))
    if args.at:
        date_part, _, time_part = args.at.strip().partition(" ")
        data.update(meeting_date=date_part, meeting_time=time_part.strip())
    given = {
        "time_zone": args.tz,
        "minutes": args.minutes,
        "mode": args.mode,
        "location": args.location,
        "link": args.link,
        "cost": args.cost,
        "reason": getattr(args, "reason", None),
        "on": args.on,
    }
    data.update({key: value for key, value in given.items() if value is not None})
    data = {key: "" if value is None else value for key, value in data.items()}
    values = valid(ScheduleForm(data))
    conversations.schedule(user, conversation, **values)
    if args.ics:
        write_ics(user, conversation.pk, args.ics)
    return show_conversation(user, conversation.pk, args.json)


def write_ics(user, pk, path) -> None:
    """The same file as the web's meeting.ics."""
    from coffeechat.conversations.calendar import calendar_of

    data = calendar_of([conversations.get_conversation_for(user, pk)])
    Path(path).write_bytes(data if isinstance(data, bytes) else data.encode())


def cancel(args, user) -> int:
    conversation = resolve.conversation(user, args.conversation)
    values = valid(CancelForm({"reason": args.reason, "on": day(args)}))
    conversations.cancel(user, conversation, **values)
    return show_conversation(user, conversation.pk, args.json)


def held(args, user) -> int:
    conversation = resolve.conversation(user, args.conversation)
    log_step(user, conversation, {"kind": "held", "on": day(args)})
    return show_conversation(user, conversation.pk, args.json)


def plan(args, user) -> int:
    from coffeechat.domain.planner import Shape
    from coffeechat.questions import services as questions

    conversation = resolve.conversation(user, args.conversation)
    if args.build or args.tiara or not questions.plan_items(conversation).exists():
        questions.build_plan(user, conversation, Shape.TIARA if args.tiara else Shape.MIX_212)
    for text in args.add:
        questions.add_item(user, conversation, bank_question(user, text).pk)
    for text in args.drop:
        questions.remove_item(user, conversation, plan_item(conversation, text).pk)
    if args.order:
        reorder(user, conversation, args.order)
    return show_plan(user, conversation, args.json)


def bank_question(user, text: str):
    from coffeechat.questions import services as questions

    bank = questions.bank_for(user)
    if text.strip().isdigit():
        return questions.get_question_for(user, int(text))
    found = list(bank.filter(text__icontains=text.strip())[:20])
    return pick(found, text, "--add", lambda q: f"{q.pk:>5}  {q.text}")


def plan_item(conversation, text: str):
    from coffeechat.questions import services as questions

    items = list(questions.plan_items(conversation))
    if text.strip().isdigit():
        found = [item for item in items if item.question_id == int(text)]
    else:
        found = [item for item in items if text.strip().lower() in item.question.text.lower()]
    return pick(found, text, "--drop", lambda i: f"{i.question_id:>5}  {i.question.text}")


def pick(found, text, option, line):
    if not found:
        raise BadInput(f"{option}: no question matches '{text}'.")
    if len(found) > 1:
        raise resolve.Ambiguous(
            f"{option}: '{text}' fits {len(found)} questions; give the "
            "id of one:\n" + "\n".join(f"  {line(x)}" for x in found)
        )
    return found[0]


def reorder(user, conversation, order: str) -> None:
    """Move each named question to its place, through the same moves as the web's arrows."""
    from coffeechat.questions import services as questions

    try:
        wanted = [int(part) for part in order.split(",") if part.strip()]
    except ValueError:
        raise BadInput("--order: give question ids separated by commas, e.g. 12,7,9.") from None
    for target, question_id in enumerate(wanted):
        items = list(questions.plan_items(conversation))
        index = next((i for i, item in enumerate(items) if item.question_id == question_id), None)
        if index is None:
            raise BadInput(f"--order: question {question_id} is not in the plan.")
        for _ in range(index - target):
            questions.move_item(user, conversation, items[index].pk, -1)


def show_plan(user, conversation, as_json) -> int:
    from coffeechat.questions import services as questions

    current = questions.current_plan(user, conversation)
    ids = {item.question.key: item.question_id for item in questions.plan_items(conversation)}
    rows = [
        {
            "start": f"{item.start}'",
            "minutes": item.minutes,
            "id": ids.get(item.question.key),
            "question": item.question.text,
        }
        for item in current.items
    ]
    left = [
        {"id": ids.get(entry.question.key), "question": entry.question.text, "reason": entry.reason}
        for entry in current.left_out
    ]
    if as_json:
        print_json(
            {
                "conversation": conversation.pk,
                "agreed_minutes": current.agreed_minutes,
                "opening_minutes": current.opening_minutes,
                "reserve_minutes": current.reserve_minutes,
                "wrap_up_at": current.wrap_up_at,
                "spare_minutes": current.spare_minutes,
                "items": rows,
                "left_out": left,
            }
        )
        return 0
    print(
        f"Plan for {conversation.person.name}: {current.agreed_minutes} minutes agreed; "
        f"questions until minute {current.wrap_up_at}, then theirs."
    )
    print_table(
        ("start", "minutes", "id", "question"),
        rows,
        empty="No question fits yet: add some (--add) or plan afresh (--build).",
    )
    if left:
        print("\nDoes not fit:")
        print_table(("id", "question", "reason"), left)
    return 0


def note(args, user) -> int:
    """A dated note on the person, tied to the conversation when one is named (the
    person page's notes, through the same service)."""
    from coffeechat.people import services as people

    to_person = args.person or (not args.conversation and not args.target.strip().isdigit())
    if to_person:
        person, conversation = resolve.person(user, args.target), None
    else:
        conversation = resolve.conversation(user, args.target)
        person = conversation.person
    text = sys.stdin.read() if args.text == "-" else args.text
    if text is not None:
        try:
            people.add_note(user, person, text, conversation=conversation)
        except Invalid as error:
            raise BadInput(f"TEXT: {error.message}") from None
    notes = person.dated_notes.all()
    if conversation is not None:
        notes = notes.filter(conversation=conversation)
    rows = [
        {
            "id": n.pk,
            "at": timezone.localtime(n.created_at).strftime("%Y-%m-%d %H:%M"),
            "conversation": n.conversation_id,
            "text": n.text,
        }
        for n in notes
    ]
    if args.json:
        print_json(
            {
                "person": person.name,
                "person_id": person.pk,
                "conversation": conversation.pk if conversation else None,
                "notes": rows,
            }
        )
    else:
        print_table(
            ("at", "text"),
            [{**row, "text": row["text"].replace("\n", " ")[:90]} for row in rows],
            empty="(no notes yet)",
        )
    return 0


def findings(args, user) -> int:

    conversation = resolve.conversation(user, args.conversation)
    if args.edit or args.file:
        saved = conversations.findings_of(conversation)
        current = conversations.prefilled_findings(conversation, saved)
        text = findings_form(conversation, current)
        text = edit_in_editor(text, ".md") if args.edit else read_text(args.file)
        conversations.save_findings(user, conversation, parse_findings(text))
    current = conversations.findings_of(conversation)
    if args.json:
        print_json({"conversation": conversation.pk, "findings": current})
    else:
        print(findings_form(conversation, current))
    return 0


def findings_form(conversation, values: dict) -> str:
    from coffeechat.domain.questions import FindingTopic

    lines = [
        f"# Findings: {conversation.person.name}, {conversation.exploration.title}",
        "",
        "<!-- One '## topic' heading per finding; leave a topic empty to remove it. -->",
    ]
    for topic in FindingTopic:
        lines += ["", f"## {topic.value}", "", values.get(topic.value, "").strip()]
    return "\n".join(lines).rstrip() + "\n"


def parse_findings(text: str) -> dict[str, str]:
    """'## topic' sections -> {topic: text}; an unknown heading is refused, naming it.
    A topic left out stays as it is; one left empty is removed (as on the web page)."""
    import re

    from coffeechat.domain.questions import FindingTopic

    topics = {topic.value for topic in FindingTopic}
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    found: dict[str, list[str]] = {}
    current = None
    for number, line in enumerate(text.splitlines(), start=1):
        heading = re.match(r"^##\s+(.+?)\s*$", line)
        if heading:
            current = heading.group(1).strip().lower().replace(" ", "_")
            if current not in topics:
                raise BadInput(
                    f"--file: line {number}: '{heading.group(1)}' is not a topic; "
                    f"use one of: {', '.join(sorted(topics))}. Nothing was saved."
                )
            found[current] = []
        elif current:
            found[current].append(line)
    return {topic: "\n".join(lines).strip() for topic, lines in found.items()}


def thank(args, user) -> int:
    from coffeechat.outreach import services as asks

    conversation = resolve.conversation(user, args.conversation)
    if args.drafted:
        text = args.drafted["text"]
    else:
        text = (
            read_text(args.text) if args.text else conversations.thank_you_for(user, conversation)
        )
    result = {"conversation": conversation.pk, "note": text, "logged": False, "sent": False}
    if args.drafted:
        result["assistant"] = args.drafted
    if args.send and args.card:
        raise BadInput("--send: a card goes by post; use --log once it is written.")
    if args.log or args.send:
        log_step(user, conversation, {"kind": "thanked", "on": day(args), "text": text})
        if args.send:  # inside the transaction: a refused message leaves nothing logged
            asks.send_email(user, conversation.person, "Thank you", text)
        result.update(logged=True, sent=args.send)
    if args.json:
        print_json({**result, "history": conversation_dict(user, conversation.pk)["history"]})
    else:
        print(text.rstrip())
        for finding in (args.drafted or {}).get("findings", []):
            print(f"\n[{finding['severity']}] {finding['rule']}: {finding['message']}")
        print_drafted(args.drafted)
        if result["logged"]:
            print(f"\n{'Sent and logged' if args.send else 'Logged'} the thank-you.")
    return 0


def referral(args, user) -> int:
    conversation = resolve.conversation(user, args.conversation)
    person = conversations.add_referral(
        user, conversation, name=args.name, title=args.role, organization=args.org
    )
    data = {
        "id": person.pk,
        "name": person.name,
        "title": person.title,
        "organization": person.organization.name if person.organization_id else "",
        "via_conversation": conversation.pk,
    }
    if args.json:
        print_json(data)
    else:
        print(
            f"Added {person.name} ({person.pk}), suggested by {conversation.person.name}. "
            f"Ask them: coffeechat ask {person.pk}"
        )
    return 0


def report(args, user) -> int:
    from coffeechat.insights import services as insights

    exploration = resolve.exploration(user, args.exploration)
    if args.format == "pdf" and not args.output:
        raise BadInput("--output: a PDF goes to a file: add -o report.pdf.")
    body = insights.report(user, exploration, args.format)
    if args.output:
        Path(args.output).write_bytes(body)
        if args.json:
            print_json(
                {
                    "exploration": exploration.pk,
                    "format": args.format,
                    "file": str(Path(args.output).resolve()),
                    "bytes": len(body),
                }
            )
        else:
            print(f"Wrote {args.output}.")
    elif args.json:
        print_json({"exploration": exploration.pk, "format": args.format, "report": body.decode()})
    else:
        sys.stdout.write(body.decode())
    return 0


COMMANDS = {
    "ask": ask,
    "reply": reply,
    "schedule": schedule,
    "reschedule": schedule,
    "cancel": cancel,
    "held": held,
    "plan": plan,
    "note": note,
    "findings": findings,
    "thank": thank,
    "referral": referral,
    "report": report,
}
