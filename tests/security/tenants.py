"""Two tenants of one team-mode server, for the cross-tenant suite (issue 18).

Each account owns one of every kind of record (tests/team/workspace.py) plus a finding, a
plan, a question note, a recording file, an import waiting for its columns, and the
writing assistant turned on with a line in its sent-log (the environment must allow it:
team mode's administrator decides). The attacker crafts requests naming the
victim's ids; `evidence(victim)` is every row the victim owns, field by field, and the
bytes of every file those rows point at, so "unchanged" means byte for byte.
"""

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from coffeechat.assistant import services as assistant
from coffeechat.assistant.models import SentLog
from coffeechat.conversations.models import Conversation, Finding
from coffeechat.conversations.services import (
    attach_recording,
    log_event,
    save_findings,
    set_recording_consent,
)
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.people.services import add_note, delete_person, update_person
from coffeechat.questions.models import PlanItem
from coffeechat.questions.services import save_note
from coffeechat.today.services import mark_task
from coffeechat.transfer.services import start_job
from tests.conftest import make_ask, make_person
from tests.team.workspace import Workspace, build, snapshot

CONTACTS = (
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    b"Grace,Hopper,,grace@navy.example,US Navy,Admiral,01 Feb 2023\n"
)
UNKNOWN_COLUMNS = b"Wer,Adresse,Firma\nAnna Schmidt,anna@example.de,Bahn AG\n"
OGG = b"OggS\x00\x02" + bytes(58)  # enough of an Ogg page for the type check


@dataclass
class Tenant:
    user: object
    ws: Workspace
    held: Conversation  # a second conversation, already held
    newcomer: object  # a person nobody asked yet
    finding: Finding
    plan_item: PlanItem
    columns_job: object  # an import whose columns are chosen by hand
    sent_log: SentLog
    note: object
    task_mark: object  # a dismissed Today task, to undo
    trash_item: object  # a deleted person, to restore

    @property
    def markers(self) -> list[str]:
        """Texts only this tenant's records hold: a model's request that carries one of
        them carries something of this tenant's (the people's names are alike)."""
        name = self.user.username
        return [
            f"{name}'s live note",
            f"{name} likes the team",
            f"{name.title()}'s newcomer",
            f"{name}'s mentor",
        ]

    def __getattr__(self, name):  # tenant.person -> tenant.ws.person
        return getattr(self.__dict__["ws"], name)


def make_tenant(user, coach) -> Tenant:
    ws = build(user, coach)
    # The workspaces' people have the same names; a title of her own marks alice's.
    ws.person = update_person(
        user, ws.person.pk, ws.person.version, title=f"{user.username}'s mentor"
    )
    conversation = ws.conversation
    save_findings(user, conversation, {"likes": f"{user.username} likes the team"})
    item = PlanItem.objects.filter(conversation=conversation).order_by("position", "pk").first()
    save_note(user, conversation, item.question_id, f"{user.username}'s live note")
    set_recording_consent(user, conversation, True)
    conversation.refresh_from_db()
    attach_recording(
        user, conversation, SimpleUploadedFile("talk.ogg", OGG + user.username.encode()), 10_000_000
    )
    ws.conversation = Conversation.objects.get(pk=conversation.pk)
    met = make_ask(user, person=ws.other_person, exploration=ws.exploration, on=date(2026, 11, 2))
    for kind, extra in ((EventKind.REPLIED, {"outcome": Outcome.ACCEPTED}), (EventKind.HELD, {})):
        log_event(user, met, kind, on=date(2026, 11, 4), **extra)
    ws.import_job = start_job(user, "Connections.csv", CONTACTS)  # small: checked inline
    columns_job = start_job(user, "kontakte.csv", UNKNOWN_COLUMNS)
    assert columns_job.report.get("columns"), "the import should wait for its columns"
    assistant.save_settings(user, enabled=True)
    assistant.consent(user)
    sent_log = SentLog.objects.create(
        owner=user,
        person=ws.person,
        kind="thanks",
        endpoint="http://127.0.0.1:9/v1",
        model="tiny-test",
        outcome="answered",
        messages=[{"role": "user", "content": f"{user.username}'s earlier request"}],
    )
    trash_item = delete_person(user, make_person(user, name=f"{user.username}'s gone").pk)
    return Tenant(
        user=user,
        ws=ws,
        held=Conversation.objects.get(pk=met.pk),
        note=add_note(user, ws.person, f"{user.username}'s note"),
        task_mark=mark_task(
            user, f"confirm:{conversation.pk}:2026-11-10", "dismissed", date(2026, 11, 9)
        ),
        trash_item=trash_item,
        newcomer=make_person(user, name=f"{user.username.title()}'s newcomer"),
        finding=Finding.objects.get(conversation=conversation, topic="likes"),
        plan_item=item,
        columns_job=columns_job,
        sent_log=sent_log,
    )


def files_of(user) -> dict[str, str]:
    """Every file under the media folder that the user's rows name, by content digest;
    and every file whose name carries one of the user's conversation ids."""
    media = Path(settings.MEDIA_ROOT)
    names = {c.recording.name for c in Conversation.objects.filter(owner=user) if c.recording}
    ids = {str(pk) for pk in Conversation.objects.filter(owner=user).values_list("pk", flat=True)}
    if media.exists():
        for path in media.rglob("*"):
            stem_id = path.stem.rpartition("-")[2]
            if path.is_file() and stem_id in ids:
                names.add(str(path.relative_to(media)))
    found = {}
    for name in sorted(names):
        path = media / name
        found[name] = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
    return found


def evidence(user) -> dict:
    """What must not move: the user's rows and files."""
    return {"rows": snapshot(user), "files": files_of(user)}
