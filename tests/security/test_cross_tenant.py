"""No account can reach another's data through what it sends (issue 18).

Two accounts of one team-mode server each own one of every record (tests/security/
tenants.py). For every feature that writes from a body or a file (every POST web route,
every API write, every importer, restore, merge, recordings), the attacker, charlie,
sends a request that names alice's ids (people, organizations, explorations,
conversations, findings, plan items, questions, templates, tokens, grants, jobs), her
files' paths and her tokens. Afterwards every row alice owns is unchanged field by field
and every file of hers byte for byte, and charlie was refused (404, 400, or the form
shown again with the field's error), except where a case says the request only ever
touches charlie's own rows (`SCOPED`).

Each crafted request has a control: the same request naming charlie's own records
instead, which must be accepted. So a case cannot pass because its body was malformed.

The writing assistant's requests go to a scripted model server on 127.0.0.1
(tests/assistant/fake_openai.py): a refused draft or summary must have sent it nothing
at all, and no request may carry a text only alice's records hold; each control must
have reached it with charlie's.

New data-moving routes and operations must be added here: `test_every_route_is_covered`
lists the URL conf and the API's operations and fails on any not in the tables below.
"""

import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from coffeechat.accounts.models import CoachGrant
from coffeechat.api.services import create_token
from coffeechat.transfer import archive
from tests.api.conftest import ApiClient
from tests.assistant.fake_openai import FakeOpenAI, text
from tests.team.conftest import HttpsClient, make_user
from tests.team.test_authorization_matrix import web_routes

from .tenants import OGG, evidence, make_tenant

REFUSED, SCOPED = "refused", "scoped"


@dataclass
class Attempt:
    """One crafted request. `data` is form fields (web) or a JSON body (API)."""

    what: str
    url: str
    data: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)
    expect: str = REFUSED
    method: str = "post"
    reaches_model: bool = False  # the control's request goes to the writing assistant's model


# One answer serves both: a summary line tied to note N1, and a short thank-you draft.
MODEL_REPLY = "likes: Thank you for the time you gave me [N1]"


@pytest.fixture
def model_server(monkeypatch):
    """The administrator allows the assistant with this endpoint (team mode: only then)."""
    server = FakeOpenAI().start()
    server.reply(text(MODEL_REPLY))
    for name in ("API_KEY", "API_KEY_FILE", "TOTAL_TIMEOUT"):
        monkeypatch.delenv(f"COFFEECHAT_ASSISTANT_{name}", raising=False)
    for name, value in (
        ("ALLOWED", "1"),
        ("URL", server.url),
        ("MODEL", server.model),
        ("TIMEOUT", "5"),
    ):
        monkeypatch.setenv(f"COFFEECHAT_ASSISTANT_{name}", value)
    yield server
    server.stop()


@pytest.fixture
def tenants(team_mode, alice, bob, charlie, client_of, settings, tmp_path, model_server):
    settings.MEDIA_ROOT = tmp_path / "media"
    victim = make_tenant(alice, bob)
    dave = make_user("dave")
    CoachGrant.objects.create(explorer=charlie, coach=dave)
    attacker = make_tenant(charlie, dave)
    victim.coaching = CoachGrant.objects.create(explorer=bob, coach=alice)
    attacker.coaching = CoachGrant.objects.create(explorer=dave, coach=charlie)
    return victim, attacker, client_of(charlie)


def url(name, **kwargs) -> str:
    return reverse(name, kwargs=kwargs)


# ---- the web routes: route name -> (named, own) -> attempts ---------------------------
# `named` is the tenant whose ids the crafted input names (alice when attacking, charlie
# for the control); `own` is always charlie's, for the parts he may rightly name.

PERSON = {"name": "Eve Example", "level": "unknown", "how_found": "other", "priority": "2"}


def person_fields(n):
    return {
        **PERSON,
        "organization": n.organization.pk,
        "exploration": n.exploration.pk,
        "found_via_person": n.other_person.pk,
    }


def transcribing(tenant):
    """The tenant's conversation with a transcription waiting in the queue."""
    from coffeechat.jobs.models import Job, JobState

    Job.objects.get_or_create(
        owner=tenant.user,
        key=f"transcribe:{tenant.conversation.pk}",
        state=JobState.QUEUED,
        defaults={"name": "coffeechat.conversations.transcription.transcribe_job"},
    )
    return tenant


WEB = {
    "today:mark": lambda n, o: [
        Attempt(
            "a task key naming another's conversation: the mark is the marker's own",
            url("today:mark"),
            {
                "task": f"confirm:{n.conversation.pk}:2026-11-10",
                "action": "done",
                "on": "2026-11-09",
            },
            expect=SCOPED,
        )
    ],
    "explorations:list": lambda n, o: [
        Attempt(
            "a new exploration with another's owner and id",
            url("explorations:list"),
            {
                "title": "Mine",
                "target_position": "PM",
                "decision_kind": "job",
                "owner": n.user.pk,
                "id": n.exploration.pk,
            },
            expect=SCOPED,
        )
    ],
    "explorations:edit": lambda n, o: [
        Attempt(
            "edit another's exploration",
            url("explorations:edit", pk=n.exploration.pk),
            {"title": "Taken", "target_position": "PM", "decision_kind": "job", "version": 1},
        )
    ],
    "explorations:close": lambda n, o: [
        Attempt(
            "close another's exploration",
            url("explorations:close", pk=n.exploration.pk),
            {"decision": "No", "closed_on": "2026-11-20", "version": 1},
        )
    ],
    "explorations:reopen": lambda n, o: [
        Attempt(
            "reopen another's exploration",
            url("explorations:reopen", pk=n.exploration.pk),
            {"version": 1},
        )
    ],
    "explorations:option_add": lambda n, o: [
        Attempt(
            "an option on another's exploration",
            url("explorations:option_add", pk=n.exploration.pk),
            {"title": "MBA"},
        )
    ],
    "explorations:point_add": lambda n, o: [
        Attempt(
            "another's finding as evidence",
            url("explorations:point_add", pk=o.exploration.pk, option_pk=o.option.pk),
            {"side": "pro", "text": "Good", "finding": n.finding.pk},
        ),
        Attempt(
            "a point on another's option",
            url("explorations:point_add", pk=o.exploration.pk, option_pk=n.option.pk),
            {"side": "pro", "text": "x"},
        ),
    ],
    "explorations:target_set": lambda n, o: [
        Attempt(
            "another's organization as a target",
            url("explorations:target_set", pk=o.exploration.pk),
            {"organization": n.organization.pk, "motivation": "2", "postings": "1"},
        )
    ],
    "people:new": lambda n, o: [
        Attempt(
            "a new person linked to another's organization, exploration and person",
            url("people:new"),
            person_fields(n),
        )
    ],
    "people:edit": lambda n, o: [
        Attempt(
            "own person linked to another's records",
            url("people:edit", pk=o.person.pk),
            {**person_fields(n), "version": o.person.version},
        ),
        Attempt(
            "edit another's person",
            url("people:edit", pk=n.person.pk),
            {**PERSON, "version": n.person.version},
        ),
    ],
    "people:note": lambda n, o: [
        Attempt("a note on another's person", url("people:note", pk=n.person.pk), {"text": "Hi"})
    ],
    "people:merge": lambda n, o: [
        Attempt(
            "merge another's person into own",
            url("people:merge", pk=o.person.pk),
            {"other": n.other_person.pk},
        ),
        Attempt(
            "merge own person into another's",
            url("people:merge", pk=n.person.pk),
            {"other": o.other_person.pk},
        ),
    ],
    "people:delete": lambda n, o: [
        Attempt("delete another's person", url("people:delete", pk=n.other_person.pk))
    ],
    "people:note_delete": lambda n, o: [
        Attempt(
            "delete another's note", url("people:note_delete", pk=n.person.pk, note_pk=n.note.pk)
        ),
        Attempt(
            "delete another's note under own person",
            url("people:note_delete", pk=o.person.pk, note_pk=n.note.pk),
        ),
    ],
    "people:organization_delete": lambda n, o: [
        Attempt(
            "delete another's organization", url("people:organization_delete", pk=n.organization.pk)
        )
    ],
    "people:bulk": lambda n, o: [
        Attempt(
            "change another's people in bulk",
            url("people:bulk"),
            {
                "people": [n.person.pk, n.other_person.pk],
                "bulk-level": "above",
                "bulk-add_tags": "taken",
                "action": "change",
            },
        ),
        Attempt(
            "delete another's people in bulk",
            url("people:bulk"),
            {"people": [n.person.pk, n.other_person.pk], "action": "delete"},
        ),
        Attempt(
            "everyone matching a filter naming another's organization",
            url("people:bulk"),
            {
                "all_matching": "1",
                "query": f"organization={n.organization.pk}",
                "bulk-priority": "3",
                "action": "change",
            },
            expect=SCOPED,
        ),
        Attempt(
            "another's exploration set in bulk on own people",
            url("people:bulk"),
            {"people": [o.person.pk], "bulk-exploration": n.exploration.pk, "action": "change"},
        ),
    ],
    "explorations:delete": lambda n, o: [
        Attempt("delete another's exploration", url("explorations:delete", pk=n.exploration.pk))
    ],
    "conversations:event_delete": lambda n, o: [
        Attempt(
            "delete another's latest event",
            url("conversations:event_delete", pk=n.held.pk, event_pk=n.held.events.last().pk),
        ),
        Attempt(
            "delete another's event through own conversation",
            url("conversations:event_delete", pk=o.held.pk, event_pk=n.held.events.last().pk),
        ),
    ],
    "outreach:template_delete": lambda n, o: [
        Attempt("delete another's template", url("outreach:template_delete", pk=n.template.pk))
    ],
    "today:unmark": lambda n, o: [
        Attempt("undo another's dismissed task", url("today:unmark", pk=n.task_mark.pk))
    ],
    "trash:restore": lambda n, o: [
        Attempt("restore from another's Trash", url("trash:restore", pk=n.trash_item.pk))
    ],
    "trash:delete": lambda n, o: [
        Attempt("delete for good from another's Trash", url("trash:delete", pk=n.trash_item.pk))
    ],
    "trash:empty": lambda n, o: [
        Attempt("empty the Trash: only one's own", url("trash:empty"), expect=SCOPED)
    ],
    "people:organizations": lambda n, o: [
        Attempt(
            "a new organization with another's owner and id",
            url("people:organizations"),
            {
                "name": "Mine Inc",
                "hiring_status": "unknown",
                "owner": n.user.pk,
                "id": n.organization.pk,
            },
            expect=SCOPED,
        )
    ],
    "people:organization_edit": lambda n, o: [
        Attempt(
            "edit another's organization",
            url("people:organization_edit", pk=n.organization.pk),
            {"name": "Taken", "hiring_status": "unknown", "version": 1},
        )
    ],
    "conversations:ask": lambda n, o: [
        Attempt(
            "ask own person for another's exploration",
            url("conversations:ask", person_pk=o.newcomer.pk),
            {
                "exploration": n.exploration.pk,
                "on": "2026-11-20",
                "channel": "email",
                "approach": "direct",
            },
        ),
        Attempt(
            "ask another's person",
            url("conversations:ask", person_pk=n.newcomer.pk),
            {
                "exploration": o.exploration.pk,
                "on": "2026-11-20",
                "channel": "email",
                "approach": "direct",
            },
        ),
    ],
    "conversations:detail": lambda n, o: [
        Attempt(
            "an event on another's conversation",
            url("conversations:detail", pk=n.conversation.pk),
            {"kind": "confirmed", "on": "2026-11-05"},
        )
    ],
    "conversations:schedule": lambda n, o: [
        Attempt(
            "move another's meeting",
            url("conversations:schedule", pk=n.conversation.pk),
            {
                "on": "2026-11-05",
                "meeting_date": "2026-11-12",
                "meeting_time": "11:00",
                "time_zone": "Europe/Berlin",
                "minutes": "20",
                "mode": "workplace",
                "reason": "moved",
            },
        )
    ],
    "conversations:cancel": lambda n, o: [
        Attempt(
            "cancel another's meeting",
            url("conversations:cancel", pk=n.conversation.pk),
            {"on": "2026-11-05", "reason": "ill"},
        )
    ],
    "conversations:live_note": lambda n, o: [
        Attempt(
            "a live note on another's conversation",
            url("conversations:live_note", pk=n.conversation.pk),
            {"text": "typed", "question": o.plan_item.question_id},
        ),
        Attempt(
            "a live note under another's question",
            url("conversations:live_note", pk=o.conversation.pk),
            {"text": "typed", "question": n.plan_item.question_id},
        ),
    ],
    "conversations:live_referral": lambda n, o: [
        Attempt(
            "a referral on another's conversation",
            url("conversations:live_referral", pk=n.conversation.pk),
            {"name": "Ref Erral"},
        )
    ],
    "conversations:live_start": lambda n, o: [
        Attempt(
            "start the clock of another's meeting",
            url("conversations:live_start", pk=n.conversation.pk),
        )
    ],
    "conversations:live_mark": lambda n, o: [
        Attempt(
            "a question switch on another's conversation",
            url("conversations:live_mark", pk=n.conversation.pk),
            {"question": o.plan_item.question_id},
        ),
        Attempt(
            "a switch to another's question",
            url("conversations:live_mark", pk=o.conversation.pk),
            {"question": n.plan_item.question_id},
        ),
    ],
    "conversations:recording_chunk": lambda n, o: [
        Attempt(
            "a piece of recording appended to another's",
            url("conversations:recording_chunk", pk=n.conversation.pk),
            {"take": "t1", "number": "0", "elapsed": "5000"},
            {"chunk": SimpleUploadedFile("chunk", OGG + b"evil")},
        )
    ],
    "conversations:transcript": lambda n, o: [
        Attempt(
            "transcribe another's recording", url("conversations:transcript", pk=n.conversation.pk)
        )
    ],
    "conversations:transcript_cancel": lambda n, o: [
        Attempt(
            "stop another's transcription",
            url("conversations:transcript_cancel", pk=transcribing(n).conversation.pk),
        )
    ],
    "conversations:transcript_accept": lambda n, o: [
        Attempt(
            "a draft kept in another's findings",
            url("conversations:transcript_accept", pk=n.conversation.pk),
            {"text": "kept", "keep": "finding", "topic": "likes"},
        ),
        Attempt(
            "a draft added to another's question",
            url("conversations:transcript_accept", pk=o.conversation.pk),
            {"text": "kept", "keep": "note", "question": n.plan_item.question_id},
        ),
    ],
    "conversations:live_end": lambda n, o: [
        Attempt("end another's meeting", url("conversations:live_end", pk=n.conversation.pk))
    ],
    "conversations:findings": lambda n, o: [
        Attempt(
            "findings on another's conversation",
            url("conversations:findings", pk=n.conversation.pk),
            {"likes": "overwritten"},
        )
    ],
    "conversations:recording": lambda n, o: [
        Attempt(
            "a recording on another's conversation",
            url("conversations:recording", pk=n.conversation.pk),
            {"consent": "on"},
            {"recording": SimpleUploadedFile("talk.ogg", OGG + b"evil")},
        ),
        Attempt(
            "a recording whose file name is another's recording's path",
            url("conversations:recording", pk=o.conversation.pk),
            {"consent": "on"},
            {
                "recording": SimpleUploadedFile(
                    f"../recordings/conversation-{n.conversation.pk}.ogg", OGG + b"evil"
                )
            },
            expect=SCOPED,
        ),
    ],
    "conversations:employment": lambda n, o: [
        Attempt(
            "an employment conversation from another's",
            url("conversations:employment", pk=n.held.pk),
        )
    ],
    "accounts:settings": lambda n, o: [
        Attempt(
            "own profile naming another user",
            url("accounts:settings"),
            {
                "display_name": "Me",
                "digest_hour": "7",
                "version": 1,
                "user": n.user.pk,
                "owner": n.user.pk,
                "id": n.user.pk,
            },
            expect=SCOPED,
        )
    ],
    "accounts:feed_renew": lambda n, o: [
        Attempt(
            "renew a feed naming another's token",
            url("accounts:feed_renew"),
            {"token": n.feed_token, "user": n.user.pk},
            expect=SCOPED,
        )
    ],
    "accounts:feed_revoke": lambda n, o: [
        Attempt(
            "revoke a feed naming another's token",
            url("accounts:feed_revoke"),
            {"token": n.feed_token, "user": n.user.pk},
            expect=SCOPED,
        )
    ],
    "accounts:coaches": lambda n, o: [
        Attempt(
            "grant naming another as coach: only the granter's records open",
            url("accounts:coaches"),
            {"username": "bob" if n.user == o.user else n.user.username},
            expect=SCOPED,
        )
    ],
    "accounts:coach_revoke": lambda n, o: [
        Attempt("revoke another's grant", url("accounts:coach_revoke", pk=n.grant.pk))
    ],
    "accounts:coach_leave": lambda n, o: [
        Attempt("leave a grant another is coach of", url("accounts:coach_leave", pk=n.coaching.pk))
    ],
    "outreach:compose": lambda n, o: [
        Attempt(
            "an ask to own person for another's exploration",
            url("outreach:compose", person_pk=o.newcomer.pk),
            {
                "exploration": n.exploration.pk,
                "approach": "direct",
                "form": "written",
                "channel": "email",
                "body": "Hello",
                "on": "2026-11-20",
                "profile": "relaxed",
                "despite_findings": "on",
                "action": "log",
            },
        ),
        Attempt(
            "an ask to another's person",
            url("outreach:compose", person_pk=n.newcomer.pk),
            {
                "exploration": o.exploration.pk,
                "approach": "direct",
                "form": "written",
                "channel": "email",
                "body": "Hello",
                "on": "2026-11-20",
                "profile": "relaxed",
                "despite_findings": "on",
                "action": "log",
            },
        ),
    ],
    "outreach:check": lambda n, o: [
        Attempt(
            "check a message against another's person",
            url("outreach:check"),
            {"body": "Hello", "person": n.person.pk},
        )
    ],
    "outreach:templates": lambda n, o: [
        Attempt(
            "a new template with another's owner and id",
            url("outreach:templates"),
            {
                "name": "Mine",
                "approach": "direct",
                "form": "written",
                "body": "Hi",
                "owner": n.user.pk,
                "id": n.template.pk,
            },
            expect=SCOPED,
        )
    ],
    "outreach:template_edit": lambda n, o: [
        Attempt(
            "edit another's template",
            url("outreach:template_edit", pk=n.template.pk),
            {"name": "Taken", "approach": "direct", "form": "written", "body": "x", "version": 1},
        )
    ],
    "outreach:files": lambda n, o: [
        Attempt(
            "a new file with another's owner and id",
            url("outreach:files"),
            {"owner": n.user.pk, "id": n.attachment.pk, "person": n.person.pk},
            {"file": SimpleUploadedFile("cv.pdf", b"%PDF-1.4 evil")},
            expect=SCOPED,
        )
    ],
    "outreach:file_delete": lambda n, o: [
        Attempt("remove another's file", url("outreach:file_delete", pk=n.attachment.pk))
    ],
    "questions:plan_change": lambda n, o: [
        Attempt(
            "remove another's plan item from own plan",
            url("questions:plan_change", pk=o.conversation.pk),
            {"action": "remove", "item": n.plan_item.pk},
        ),
        Attempt(
            "swap own item for another's question",
            url("questions:plan_change", pk=o.conversation.pk),
            {"action": "swap", "item": o.plan_item.pk, "question": n.question.pk},
        ),
        Attempt(
            "rebuild another's plan",
            url("questions:plan_change", pk=n.conversation.pk),
            {"action": "build", "shape": "tiara"},
        ),
    ],
    "questions:tick": lambda n, o: [
        Attempt(
            "tick another's checklist",
            url("questions:tick", pk=n.conversation.pk),
            {"key": "question_plan", "done": "on"},
        )
    ],
    "questions:bank": lambda n, o: [
        Attempt(
            "a new question with another's owner and id",
            url("questions:bank"),
            {
                "text": "Why?",
                "domain": "field",
                "minutes": "3",
                "rank": "3",
                "owner": n.user.pk,
                "id": n.question.pk,
            },
            expect=SCOPED,
        )
    ],
    "questions:edit": lambda n, o: [
        Attempt(
            "edit another's question",
            url("questions:edit", pk=n.question.pk),
            {
                "text": "Taken?",
                "domain": "field",
                "minutes": "3",
                "rank": "3",
                "version": n.question.version,
            },
        )
    ],
    "questions:retire": lambda n, o: [
        Attempt(
            "retire another's question",
            url("questions:retire", pk=n.question.pk),
            {"retired": "on"},
        )
    ],
    "questions:about_me": lambda n, o: [
        Attempt(
            "a talking point for another's exploration",
            url("questions:about_me"),
            {"topic": "experience", "text": "Mine", "exploration": n.exploration.pk, "share": "on"},
        )
    ],
    "questions:about_me_delete": lambda n, o: [
        Attempt(
            "delete another's talking point",
            url("questions:about_me_delete", pk=n.talking_point.pk),
        )
    ],
    "transfer:commit": lambda n, o: [
        Attempt(
            "commit another's import",
            url("transfer:commit", pk=n.import_job.pk),
            {f"line-{line}": "merge" for line in range(2, 6)},
        ),
        Attempt(
            "own import's new people put in another's exploration",
            url("transfer:commit", pk=o.import_job.pk),
            {"new-exploration": n.exploration.pk},
        ),
    ],
    "transfer:discard": lambda n, o: [
        Attempt("discard another's import", url("transfer:discard", pk=n.import_job.pk))
    ],
    "transfer:erase": lambda n, o: [
        Attempt("erase another's person", url("transfer:erase", pk=n.other_person.pk))
    ],
    "api_tokens:list": lambda n, o: [
        Attempt(
            "a new token with another's owner",
            url("api_tokens:list"),
            {"name": "mine", "owner": n.user.pk, "id": n.token.pk},
            expect=SCOPED,
        )
    ],
    "api_tokens:revoke": lambda n, o: [
        Attempt("revoke another's token", url("api_tokens:revoke", pk=n.token.pk))
    ],
}


# Files: every importer, and restore (its cases are in their own tests below).
GOOGLE_HEADER = (
    (Path(__file__).parents[1] / "transfer" / "files" / "google_current.csv")
    .read_text()
    .splitlines()[0]
)


def contact_files(n) -> dict[str, bytes]:
    """The importers' formats, each naming the victim: her person's name and email, her
    ids in columns an importer might trust, her organization's name."""
    linkedin = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On,"
        "id,owner\n"
        f"Ada,Alicesdottir,https://www.linkedin.com/in/ada,,Alicorp,CTO,12 Mar 2024,"
        f"{n.person.pk},{n.user.pk}\n"
    )
    google_columns = GOOGLE_HEADER.count(",") + 1
    values = {
        "First Name": "Ada",
        "Last Name": "Alicesdottir",
        "Organization Name": "Alicorp",
        "E-mail 1 - Value": "ada@alicorp.example",
    }
    google = (
        GOOGLE_HEADER
        + ",id,owner_id\n"
        + ",".join(values.get(column, "") for column in GOOGLE_HEADER.split(","))
        + f",{n.person.pk},{n.user.pk}\n"
    )
    assert google_columns > 4
    vcard = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Alicesdottir\r\nN:Alicesdottir;Ada;;;\r\n"
        f"UID:{n.person.pk}\r\nORG:Alicorp\r\nEMAIL:ada@alicorp.example\r\n"
        f"X-COFFEECHAT-ID:{n.person.pk}\r\nEND:VCARD\r\n"
    )
    return {
        "Connections.csv": linkedin.encode(),
        "contacts.csv": google.encode(),
        "ada.vcf": vcard.encode(),
    }


def import_attempts(n, o) -> list[Attempt]:
    return [
        Attempt(
            f"import {name} naming another's ids",
            url("transfer:import"),
            {"format": ""},
            {"file": SimpleUploadedFile(name, data)},
            expect=SCOPED,
        )
        for name, data in contact_files(n).items()
    ]


WEB["transfer:import"] = import_attempts

WEB["transfer:columns"] = lambda n, o: [
    Attempt(
        "choose the columns of another's waiting import",
        url("transfer:columns", pk=n.columns_job.pk),
        {"column-name": "Wer", "column-email": "Adresse", "column-organization": "Firma"},
    )
]


def draft_attempts(n, o) -> list[Attempt]:
    """Drafts about another's person, exploration or conversation (SPEC O7)."""

    def draft(what, **values):
        return Attempt(
            what, url("assistant:draft"), {"consent": "yes", **values}, reaches_model=True
        )

    return [
        draft(
            "an ask drafted to another's person",
            kind="ask",
            person=n.newcomer.pk,
            exploration=o.exploration.pk,
            approach="direct",
            form="written",
        ),
        draft(
            "an ask of own person for another's exploration",
            kind="ask",
            person=o.newcomer.pk,
            exploration=n.exploration.pk,
            approach="direct",
            form="written",
        ),
        draft(
            "thanks for another's conversation (her notes and findings)",
            kind="thanks",
            conversation=n.conversation.pk,
            person=o.person.pk,
        ),
        draft(
            "a confirmation of another's meeting",
            kind="confirmation",
            conversation=n.conversation.pk,
        ),
    ]


WEB |= {
    "assistant:draft": draft_attempts,
    "assistant:summary": lambda n, o: [
        Attempt(
            "a summary of another's live notes",
            url("assistant:summary", pk=n.conversation.pk),
            {"consent": "yes"},
            reaches_model=True,
        )
    ],
    "assistant:erase_log": lambda n, o: [
        Attempt(
            "erase the sent-log naming another's log row and owner",
            url("assistant:erase_log"),
            {"id": n.sent_log.pk, "owner": n.user.pk, "user": n.user.pk},
            expect=SCOPED,
        )
    ],
    "assistant:settings": lambda n, o: [
        Attempt(
            "assistant settings naming another user",
            url("assistant:settings"),
            {
                "enabled": "on",
                "url": "http://127.0.0.1:9/v1",
                "model": "other",
                "api_key": "x",
                "id": n.user.pk,
                "owner": n.user.pk,
                "user": n.user.pk,
            },
            expect=SCOPED,
        )
    ],
}

# The restore cases live in test_restore_*; listed here so the meta-test sees them.
RESTORE_ROUTES = {"transfer:restore"}

# POST-accepting routes that move no data between accounts, and why.
NO_DATA = {
    "accounts:login": "authentication only; takes a username and password, names no record "
    "(tests/team/test_login.py)",
    "accounts:logout": "ends the caller's own session",
    "accounts:password": "changes the caller's own password, after the old one",
    "accounts:invitation": "the secret in the address is the capability itself "
    "(tests/team/test_invitations.py)",
    "accounts:invitations": "admins only: makes an invitation for an email, names no record",
    "accounts:invitation_withdraw": "admins only; crafted ids covered by the team matrix "
    "(tests/team/test_authorization_matrix.py)",
}


def methods_of(view) -> set[str] | None:
    """The methods a view allows, read from require_http_methods / a class view; None
    when the view does not restrict them (it then answers a POST as it answers a GET)."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return {name.upper() for name in view_class.http_method_names if hasattr(view_class, name)}
    while view is not None:
        code = getattr(view, "__code__", None)
        if code and "request_method_list" in code.co_freevars:
            cell = view.__closure__[code.co_freevars.index("request_method_list")]
            return set(cell.cell_contents)
        view = getattr(view, "__wrapped__", None)
    return None


def post_routes() -> dict[str, object]:
    """Every web route that accepts a POST, by name, with its pattern."""
    return {
        name: pattern
        for name, route, pattern in web_routes()
        if methods_of(pattern.callback) is None or "POST" in methods_of(pattern.callback)
    }


def unrestricted_routes() -> set[str]:
    """Read-only views without a method check: a POST is read as a GET."""
    return {name for name, pattern in post_routes().items() if methods_of(pattern.callback) is None}


# ---- the API's write operations: "METHOD /path" -> (named, own) -> attempts -----------


def api_attempts(n, o) -> dict[str, list[Attempt]]:
    def a(what, method, path, body=None, expect=REFUSED):
        return Attempt(what, f"/api/v1/{path}", body or {}, expect=expect, method=method)

    return {
        "POST /api/v1/tokens": [
            a(
                "a token with another's owner",
                "post",
                "tokens",
                {"name": "mine", "owner_id": n.user.pk},
                SCOPED,
            )
        ],
        "DELETE /api/v1/tokens/{token_id}": [
            a("revoke another's token", "delete", f"tokens/{n.token.pk}")
        ],
        "POST /api/v1/explorations": [
            a(
                "an exploration with another's owner",
                "post",
                "explorations",
                {
                    "title": "Mine",
                    "target_position": "PM",
                    "owner_id": n.user.pk,
                    "id": n.exploration.pk,
                },
                SCOPED,
            )
        ],
        "PATCH /api/v1/explorations/{exploration_id}": [
            a(
                "edit another's exploration",
                "patch",
                f"explorations/{n.exploration.pk}",
                {"version": 1, "title": "Taken"},
            )
        ],
        "POST /api/v1/explorations/{exploration_id}/close": [
            a(
                "close another's exploration",
                "post",
                f"explorations/{n.exploration.pk}/close",
                {"version": 1, "decision": "No", "closed_on": "2026-11-20"},
            )
        ],
        "POST /api/v1/explorations/{exploration_id}/reopen": [
            a(
                "reopen another's exploration",
                "post",
                f"explorations/{n.exploration.pk}/reopen",
                {"version": 1},
            )
        ],
        "DELETE /api/v1/explorations/{exploration_id}": [
            a("delete another's exploration", "delete", f"explorations/{n.exploration.pk}")
        ],
        "POST /api/v1/organizations": [
            a(
                "an organization with another's owner",
                "post",
                "organizations",
                {"name": "Mine Inc", "owner_id": n.user.pk, "id": n.organization.pk},
                SCOPED,
            )
        ],
        "PATCH /api/v1/organizations/{organization_id}": [
            a(
                "edit another's organization",
                "patch",
                f"organizations/{n.organization.pk}",
                {"version": 1, "name": "Taken"},
            )
        ],
        "DELETE /api/v1/organizations/{organization_id}": [
            a("delete another's organization", "delete", f"organizations/{n.organization.pk}")
        ],
        "POST /api/v1/people": [
            a(
                "a person linked to another's organization",
                "post",
                "people",
                {"name": "Eve", "organization_id": n.organization.pk},
            ),
            a(
                "a person in another's exploration",
                "post",
                "people",
                {"name": "Eve", "exploration_id": n.exploration.pk},
            ),
            a(
                "a person found via another's person",
                "post",
                "people",
                {"name": "Eve", "found_via_person_id": n.person.pk},
            ),
        ],
        "PATCH /api/v1/people/{person_id}": [
            a(
                "own person linked to another's organization",
                "patch",
                f"people/{o.other_person.pk}",
                {"version": 1, "organization_id": n.organization.pk},
            ),
            a(
                "own person in another's exploration",
                "patch",
                f"people/{o.other_person.pk}",
                {"version": 1, "exploration_id": n.exploration.pk},
            ),
            a(
                "own person found via another's person",
                "patch",
                f"people/{o.other_person.pk}",
                {"version": 1, "found_via_person_id": n.person.pk},
            ),
            a(
                "edit another's person",
                "patch",
                f"people/{n.person.pk}",
                {"version": n.person.version, "title": "Taken"},
            ),
        ],
        "DELETE /api/v1/people/{person_id}": [
            a("delete another's person", "delete", f"people/{n.other_person.pk}")
        ],
        "POST /api/v1/conversations": [
            a(
                "ask another's person",
                "post",
                "conversations",
                {
                    "person_id": n.newcomer.pk,
                    "exploration_id": o.exploration.pk,
                    "on": "2026-11-20",
                    "channel": "email",
                    "approach": "direct",
                },
            ),
            a(
                "ask for another's exploration",
                "post",
                "conversations",
                {
                    "person_id": o.newcomer.pk,
                    "exploration_id": n.exploration.pk,
                    "on": "2026-11-20",
                    "channel": "email",
                    "approach": "direct",
                },
            ),
        ],
        "POST /api/v1/conversations/{conversation_id}/events": [
            a(
                "an event on another's conversation",
                "post",
                f"conversations/{n.conversation.pk}/events",
                {"kind": "confirmed", "on": "2026-11-05"},
            )
        ],
        "POST /api/v1/conversations/{conversation_id}/schedule": [
            a(
                "move another's meeting",
                "post",
                f"conversations/{n.conversation.pk}/schedule",
                {
                    "on": "2026-11-05",
                    "meeting_date": "2026-11-12",
                    "meeting_time": "11:00",
                    "time_zone": "Europe/Berlin",
                },
            )
        ],
        "POST /api/v1/conversations/{conversation_id}/cancel": [
            a(
                "cancel another's meeting",
                "post",
                f"conversations/{n.conversation.pk}/cancel",
                {"on": "2026-11-05", "reason": "ill"},
            )
        ],
        "PUT /api/v1/conversations/{conversation_id}/findings": [
            a(
                "findings on another's conversation",
                "put",
                f"conversations/{n.conversation.pk}/findings",
                {"findings": {"likes": "overwritten"}},
            )
        ],
        "POST /api/v1/conversations/{conversation_id}/plan": [
            a(
                "rebuild another's plan",
                "post",
                f"conversations/{n.conversation.pk}/plan",
                {"shape": "tiara"},
            )
        ],
        "POST /api/v1/questions": [
            a(
                "a question with another's owner",
                "post",
                "questions",
                {"text": "Why?", "domain": "field", "owner_id": n.user.pk, "id": n.question.pk},
                SCOPED,
            )
        ],
        # Reads only the text it is given and stores nothing; the ids are ignored.
        "POST /api/v1/check": [
            a(
                "a check naming another's ids and owner",
                "post",
                "check",
                {
                    "text": "Could you spare 15 minutes?",
                    "owner_id": n.user.pk,
                    "person_id": n.person.pk,
                    "id": n.conversation.pk,
                },
                SCOPED,
            )
        ],
    }


def api_write_operations() -> set[str]:
    from coffeechat.api.api import api

    paths = api.get_openapi_schema()["paths"]
    return {
        f"{method.upper()} {path}"
        for path, item in paths.items()
        for method in item
        if method in ("post", "put", "patch", "delete")
    }


# ---- running the attempts -------------------------------------------------------------


def form_errors(response) -> bool:
    """A page shown again because a form refused its input."""
    for context in response.context or []:
        for value in context.flatten().values() if hasattr(context, "flatten") else []:
            if hasattr(value, "errors") and hasattr(value, "is_bound") and value.errors:
                return True
    return False


def send(client, attempt: Attempt):
    if isinstance(client, ApiClient):
        return client.call(attempt.method, attempt.url, attempt.data)
    for upload in attempt.files.values():
        upload.seek(0)
    response = client.post(attempt.url, {**attempt.data, **attempt.files})
    if response.streaming:  # a draft: read it all, so the model is asked now
        response.body = b"".join(response.streaming_content)
    return response


def body_of(response) -> bytes:
    return response.body if response.streaming else response.content


def sent_to_model(model, since: int) -> list[str]:
    """The requests the model received since the `since`-th, as text."""
    return [json.dumps(request["body"], ensure_ascii=False) for request in model.requests[since:]]


def mentions(requests: list[str], tenant) -> bool:
    return any(marker in request for request in requests for marker in tenant.markers)


def accepted(response) -> bool:
    return response.status_code < 400 and not form_errors(response)


def refused(response) -> bool:
    return response.status_code in (400, 404) or (
        response.status_code == 200 and form_errors(response)
    )


def run(client, attempts_for, victim, attacker, label, model) -> list[str]:
    """Each attempt's control (charlie's own ids) must be accepted; then the attempt
    naming alice's must be refused (or stay inside charlie's rows) and leave every row
    and file of alice's as it was, and send the model nothing of hers (nothing at all
    when refused)."""
    wrong = []
    for control, attempt in zip(
        attempts_for(attacker, attacker), attempts_for(victim, attacker), strict=True
    ):
        asked = len(model.requests)
        with transaction.atomic():  # the control leaves charlie's workspace as it was
            answer = send(client, control)
            transaction.set_rollback(True)
        if not accepted(answer):
            wrong.append(
                f"{label}: control of '{attempt.what}' was not accepted: "
                f"{answer.status_code} {body_of(answer)[:300]!r}"
            )
        if control.reaches_model and not mentions(sent_to_model(model, asked), attacker):
            wrong.append(
                f"{label}: control of '{attempt.what}' sent the model nothing of "
                f"charlie's: {sent_to_model(model, asked)!r:.300}"
            )
        before = evidence(victim.user)
        asked = len(model.requests)
        answer = send(client, attempt)
        if evidence(victim.user) != before:
            wrong.append(f"{label}: '{attempt.what}' changed the victim's rows or files")
        ok = refused(answer) if attempt.expect == REFUSED else answer.status_code < 500
        if not ok:
            wrong.append(
                f"{label}: '{attempt.what}' answered {answer.status_code}, "
                f"expected {attempt.expect}"
            )
        sent = sent_to_model(model, asked)
        if mentions(sent, victim) or (sent and attempt.expect == REFUSED):
            wrong.append(f"{label}: '{attempt.what}' sent the model {sent!r:.300}")
    return wrong


def test_every_route_is_covered():
    """A new POST route or API write fails here until it has a case (or a reason)."""
    covered = set(WEB) | RESTORE_ROUTES | set(NO_DATA) | unrestricted_routes()
    missing = sorted(set(post_routes()) - covered)
    assert missing == [], f"add cross-tenant cases for: {missing}"
    stale = sorted((set(WEB) | set(NO_DATA) | RESTORE_ROUTES) - set(post_routes()))
    assert stale == [], f"cases for routes that are gone or take no POST: {stale}"
    operations = api_write_operations()
    assert operations, "the API describes no writes?"
    cases = set(api_attempts(*[_Any()] * 2))
    assert sorted(operations - cases) == [], "add cross-tenant cases for these operations"
    assert sorted(cases - operations) == []


class _Any:
    """Stands in for a tenant when only the table's keys are wanted."""

    def __getattr__(self, name):
        return self

    pk = 0
    username = ""


def test_web_routes_never_touch_anothers_rows(tenants, model_server):
    victim, attacker, client = tenants
    wrong = []
    for name, attempts_for in WEB.items():
        wrong += run(client, attempts_for, victim, attacker, name, model_server)
    print(*wrong, sep="\n")
    assert "\n".join(wrong) == ""


def test_api_writes_never_touch_anothers_rows(tenants, model_server):
    victim, attacker, _ = tenants
    client = ApiClient(create_token(attacker.user, "attacker")[1])
    client.client = HttpsClient()
    wrong = []
    for operation in sorted(api_write_operations()):

        def attempts_for(n, o, operation=operation):
            return api_attempts(n, o)[operation]

        wrong += run(client, attempts_for, victim, attacker, operation, model_server)
    print(*wrong, sep="\n")
    assert "\n".join(wrong) == ""


def test_read_only_routes_posted_at_change_nothing(tenants):
    """Views without a method check, posted a body naming every id of alice's."""
    victim, attacker, client = tenants
    body = {
        name: getattr(victim, name).pk
        for name in (
            "exploration",
            "organization",
            "person",
            "conversation",
            "question",
            "template",
            "option",
            "talking_point",
            "import_job",
            "grant",
            "finding",
            "plan_item",
        )
    }
    body.update(owner=victim.user.pk, token=victim.feed_token, other=victim.person.pk)
    before = evidence(victim.user)
    wrong = []
    for name in sorted(unrestricted_routes()):
        pattern = post_routes()[name]
        kwargs = {
            argument: (attacker.conversation.pk if argument == "pk" else "md")
            for argument in pattern.pattern.converters
        }
        if name == "accounts:feed":
            kwargs = {"token": victim.feed_token}
        try:
            address = reverse(name, kwargs=kwargs)
        except Exception:  # noqa: BLE001 - an argument of another kind: use the victim's id
            address = reverse(name, kwargs={k: victim.exploration.pk for k in kwargs})
        if client.post(address, body).status_code >= 500:
            wrong.append(name)
    print(*wrong, sep="\n")
    assert "\n".join(wrong) == ""
    assert evidence(victim.user) == before


# ---- restore: a crafted export naming alice's ids and her recording's path -------------


def crafted_export(victim, template_owner) -> bytes:
    """An export of a fresh account's workspace whose ids are alice's: her person, her
    conversation, her organization, her exploration, and her recording's path."""
    data = json.loads(archive.dumps(archive.export_workspace(template_owner)))
    tables = data["tables"]
    swaps = {
        "people.person": victim.person.pk,
        "conversations.conversation": victim.conversation.pk,
        "people.organization": victim.organization.pk,
        "explorations.exploration": victim.exploration.pk,
    }
    for label, victims_id in swaps.items():
        rows = tables.get(label) or []
        if rows:
            old = rows[0]["id"]
            rows[0]["id"] = victims_id
            for other_rows in tables.values():
                for row in other_rows:
                    for key, value in list(row.items()):
                        if key != "id" and value == old and key.split("_")[0] in label:
                            row[key] = victims_id
    tables["conversations.finding"] = []  # one per topic: hers would refuse the whole file
    for row in tables.get("conversations.conversation", []):
        row["recording"] = victim.conversation.recording.name
    return json.dumps(data).encode()


@pytest.fixture
def restorer(tenants):
    """A third account with an empty workspace, and an export made from a copy of
    charlie's records (so every table has rows to aim at alice's)."""
    victim, attacker, _ = tenants
    erin = make_user("erin")
    client = HttpsClient()
    client.force_login(erin)
    return victim, attacker, erin, client


def test_restore_of_a_file_naming_anothers_ids_leaves_them_alone(restorer):
    victim, attacker, erin, client = restorer
    upload = crafted_export(victim, attacker.user)
    before = evidence(victim.user)
    answer = client.post(
        url("transfer:restore"), {"file": SimpleUploadedFile("export.json", upload)}
    )
    assert answer.status_code < 500
    assert evidence(victim.user) == before


def test_restore_never_serves_or_deletes_anothers_recording(restorer):
    victim, attacker, erin, client = restorer
    before = evidence(victim.user)
    client.post(
        url("transfer:restore"),
        {"file": SimpleUploadedFile("export.json", crafted_export(victim, attacker.user))},
    )
    from coffeechat.conversations.models import Conversation

    for conversation in Conversation.objects.filter(owner=erin):
        assert conversation.recording.name != victim.conversation.recording.name
        page = client.get(url("conversations:recording_file", pk=conversation.pk))
        assert page.status_code == 404 or b"alice" not in b"".join(page.streaming_content)
        client.post(
            url("conversations:recording", pk=conversation.pk),
            {"consent": "on", "recording": SimpleUploadedFile("new.ogg", OGG + b"erin")},
        )
    assert evidence(victim.user) == before


def test_restore_control_a_plain_export_restores(restorer):
    """The crafted file is a real export: unaltered, it restores into an empty account.
    (Its ids are charlie's, so this is also a cross-tenant case: charlie's rows stay.)"""
    victim, attacker, erin, client = restorer
    plain = io.BytesIO(archive.dumps(archive.export_workspace(attacker.user)).encode())
    before = evidence(attacker.user), evidence(victim.user)
    answer = client.post(
        url("transfer:restore"), {"file": SimpleUploadedFile("export.json", plain.read())}
    )
    assert answer.status_code == 200, answer.content[:500]
    assert evidence(erin)["rows"]
    assert (evidence(attacker.user), evidence(victim.user)) == before


# ---- reads that take ids and values from the query --------------------------------------


def test_the_duplicate_check_as_a_person_is_typed_shows_nobody_of_anothers(tenants):
    """people:duplicate_check (GET, issue 24): alice's person's values, her organization's
    id and her person's id (as the edit form sends it) find nobody of hers; the same
    request with charlie's own finds his."""
    victim, attacker, client = tenants

    def check(named, **extra):
        person = named.person
        return client.get(
            url("people:duplicate_check"),
            {
                "name": person.name,
                "email": person.email,
                "profile_url": person.profile_url,
                "organization": named.organization.pk,
                **extra,
            },
        )

    control = check(attacker)
    assert control.status_code == 200
    assert f"/people/{attacker.person.pk}/" in control.content.decode()
    crafted = check(victim)
    assert crafted.status_code == 200
    assert f"/people/{victim.person.pk}/" not in crafted.content.decode()
    assert "Alicesdottir" not in crafted.content.decode()
    assert check(attacker, person=victim.person.pk).status_code == 404


def test_an_ask_never_carries_anothers_file(tenants):
    """outreach:compose naming alice's file among those to attach is refused; the control,
    charlie's own files, puts his bytes in the .eml and none of hers."""
    import email
    from email import policy

    from coffeechat.outreach.services import add_file

    victim, attacker, client = tenants
    own = add_file(attacker.user, "portfolio.txt", b"charlie's portfolio")
    attacker.person.email = "ada@example.org"
    attacker.person.save()
    compose = url("outreach:compose", person_pk=attacker.person.pk)
    ask = {
        "exploration": attacker.exploration.pk,
        "approach": "direct",
        "form": "written",
        "channel": "email",
        "body": "Hello",
        "on": "2026-11-20",
        "profile": "relaxed",
        "action": "eml",
        "resume": "on",
    }
    assert client.post(compose, {**ask, "files": [victim.attachment.pk]}).status_code == 400
    control = client.post(compose, {**ask, "files": [own.pk]})
    assert control.status_code == 200, control.content[:300]
    message = email.message_from_bytes(control.content, policy=policy.default)
    carried = [part.get_content() for part in message.iter_attachments()]
    assert carried == [b"%PDF-1.4 charlie's CV", "charlie's portfolio"], carried
