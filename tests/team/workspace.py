"""One of every kind of record, all alice's: what the authorization matrix aims at."""

from dataclasses import dataclass
from datetime import date, time

from django.apps import apps
from django.forms.models import model_to_dict

from coffeechat.accounts.models import CoachGrant
from coffeechat.accounts.services import renew_feed_token
from coffeechat.accounts.team import invite
from coffeechat.api.services import create_token
from coffeechat.conversations.services import log_event, schedule
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.explorations.services import add_option
from coffeechat.outreach.services import add_file, save_template
from coffeechat.people.services import add_note, delete_person
from coffeechat.questions.services import add_talking_point, bank_for, build_plan
from coffeechat.today.services import mark_task
from coffeechat.transfer.models import ImportJob
from tests.conftest import make_ask, make_exploration, make_organization, make_person


@dataclass
class Workspace:
    exploration: object
    option: object
    organization: object
    person: object
    other_person: object
    conversation: object
    question: object
    talking_point: object
    template: object
    attachment: object
    import_job: object
    token: object
    grant: object
    invitation: object
    feed_token: str
    secret: str
    invitation_secret: str
    note: object = None
    event: object = None
    task_mark: object = None
    trash_item: object = None


def build(alice, bob) -> Workspace:
    exploration = make_exploration(alice, title="Alice's secret career change")
    organization = make_organization(alice, name="Alicorp")
    person = make_person(
        alice, name="Ada Alicesdottir", organization=organization, exploration=exploration
    )
    conversation = make_ask(alice, person=person, exploration=exploration, on=date(2026, 11, 2))
    log_event(
        alice, conversation, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED
    )
    schedule(
        alice,
        conversation,
        on=date(2026, 11, 3),
        meeting_date=date(2026, 11, 10),
        meeting_time=time(10, 0),
        time_zone="Europe/Berlin",
        minutes=20,
        mode="workplace",
    )
    build_plan(alice, conversation)
    token, secret = create_token(alice, "alice's script")
    extras = {
        "note": add_note(alice, person, "Alice's note"),
        "event": conversation.events.last(),
        "task_mark": mark_task(
            alice, f"confirm:{conversation.pk}:2026-11-10", "dismissed", date(2026, 11, 9)
        ),
        "trash_item": delete_person(alice, make_person(alice, name="Alice's gone").pk),
    }
    invitation, invitation_secret = invite("dora@example.org")
    return Workspace(
        exploration=exploration,
        option=add_option(alice, exploration, "MSc in HCI"),
        organization=organization,
        person=person,
        conversation=conversation,
        other_person=make_person(alice, name="Bea Alicesen", organization=organization),
        question=bank_for(alice).first(),
        talking_point=add_talking_point(alice, text="Ten years of teaching", topic="experience"),
        template=save_template(
            alice, name="Alice's ask", approach="direct", form="written", subject="", body="Hello"
        ),
        attachment=add_file(
            alice, "cv.pdf", f"%PDF-1.4 {alice.username}'s CV".encode(), is_resume=True
        ),
        import_job=ImportJob.objects.create(owner=alice, file_name="contacts.csv"),
        token=token,
        grant=CoachGrant.objects.get(explorer=alice, coach=bob),
        invitation=invitation,
        feed_token=renew_feed_token(alice),
        secret=secret,
        invitation_secret=invitation_secret,
        **extras,
    )


# Caches that reading refreshes (Today's due dates) and bookkeeping of reads.
DERIVED = {"next_due", "due_key", "last_used_at"}


def snapshot(owner) -> dict:
    """Every row that belongs to `owner`, field by field, to prove nothing changed."""
    rows = {}
    for model in apps.get_models():
        if "owner" not in {field.name for field in model._meta.get_fields()}:
            continue
        for row in model.objects.filter(owner=owner).order_by("pk"):
            values = {
                name: value for name, value in model_to_dict(row).items() if name not in DERIVED
            }
            rows[f"{model._meta.label}:{row.pk}"] = repr(values)
    return rows
