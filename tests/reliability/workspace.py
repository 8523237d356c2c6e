"""One of everything a form can point at: the workspace both fuzzers start from."""

from datetime import date, time

from coffeechat.accounts.services import profile_for
from coffeechat.conversations.models import Finding
from coffeechat.conversations.services import log_event, schedule
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.explorations.services import add_option
from coffeechat.outreach.services import save_template
from coffeechat.questions.models import PlanItem
from coffeechat.questions.services import add_talking_point, bank_for, build_plan
from coffeechat.transfer.services import start_job
from tests.conftest import make_ask, make_exploration, make_organization, make_person

LINKEDIN = (
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    b"Ada,Lovelace,https://www.linkedin.com/in/ada,,Acme,Engineer,12 Mar 2024\n"
    b"Alan,Turing,https://www.linkedin.com/in/alan,,Bletchley,Lead,12 Mar 2024\n"
)


def workspace(me) -> dict:
    """One of everything a form can point at."""
    exploration = make_exploration(me)
    organization = make_organization(me)
    person = make_person(
        me, organization=organization, exploration=exploration, email="ada@example.org"
    )
    other = make_person(me, name="Grace Hopper")
    asked = make_ask(me, person=person, exploration=exploration, on=date(2026, 11, 2))
    meeting = make_ask(
        me,
        person=make_person(me, name="Priya Raman"),
        exploration=exploration,
        on=date(2026, 11, 2),
    )
    log_event(me, meeting, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED)
    build_plan(me, meeting)
    held = make_ask(
        me,
        person=make_person(me, name="Lena Fischer"),
        exploration=exploration,
        on=date(2026, 11, 2),
    )
    log_event(me, held, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED)
    schedule(
        me,
        held,
        on=date(2026, 11, 3),
        meeting_date=date(2026, 11, 10),
        meeting_time=time(10, 0),
        time_zone="UTC",
        minutes=20,
        mode="video",
        link="https://meet.example.org/x",
    )
    log_event(me, held, EventKind.HELD, on=date(2026, 11, 10))
    booked = make_ask(
        me, person=make_person(me, name="Wen Li"), exploration=exploration, on=date(2026, 11, 2)
    )
    log_event(me, booked, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED)
    schedule(
        me,
        booked,
        on=date(2026, 11, 3),
        meeting_date=date(2026, 11, 24),
        meeting_time=time(9, 30),
        time_zone="Europe/Berlin",
        minutes=30,
        mode="coffee",
    )
    finding = Finding.objects.create(owner=me, conversation=held, topic="likes", text="People")
    profile_for(me)
    return {
        "person": person.pk,
        "other": other.pk,
        "org": organization.pk,
        "exploration": exploration.pk,
        "conversation": asked.pk,
        "meeting": meeting.pk,
        "held": held.pk,
        "booked": booked.pk,
        "finding": finding.pk,
        "option": add_option(me, exploration, "MSc in HCI").pk,
        "question": bank_for(me).first().pk,
        "item": PlanItem.objects.filter(conversation=meeting).first().pk,
        "template": save_template(
            me,
            name="Mine",
            approach="direct",
            form="written",
            subject="Hi",
            body="Hello {their_name}",
        ).pk,
        "point": add_talking_point(me, text="I teach", topic="introduction").pk,
        "job": start_job(me, "c.csv", LINKEDIN).pk,
    }
