"""A realistic example workspace, so a newcomer sees a living product at once.

Dates are relative to `today`, so the Today list always has something overdue,
something due and something coming up.
"""

from datetime import date, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from coffeechat.conversations.services import log_ask, log_event, save_findings, schedule
from coffeechat.domain.businessdays import add_business_days
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.explorations.services import (
    add_option,
    add_point,
    create_exploration,
    explorations_for,
    set_target,
)
from coffeechat.people.services import create_organization, create_person

ORGANIZATIONS = [
    ("Northwind Health", "Healthcare software", "hiring", True),
    ("Lumen Labs", "Consumer apps", "not_hiring", True),
    ("City Transit Authority", "Public sector", "unknown", False),
    ("Harbor Design Studio", "Design agency", "hiring", False),
]

# name, title, organization index, level, how found, priority
PEOPLE = [
    ("Priya Raman", "Head of Research", 0, "above", "alumni", 3),
    ("Tomás Ortega", "Senior UX Researcher", 0, "same", "acquaintance", 3),
    ("Grace Liu", "Research Operations Coordinator", 0, "below", "online_profile", 2),
    ("Daniel Okafor", "Design Director", 1, "above", "association", 2),
    ("Mei Tanaka", "UX Researcher", 1, "same", "online_profile", 2),
    ("Samuel Brooks", "Service Designer", 2, "same", "front_desk", 1),
    ("Aisha Karim", "Digital Services Manager", 2, "above", "instructor", 2),
    ("Jonas Weber", "Junior Researcher", 3, "below", "online_profile", 1),
    ("Lena Fischer", "Principal Researcher", 3, "above", "referral", 3),
    ("Noah Patel", "UX Research Intern", 3, "below", "other", 1),
]


def build_demo_workspace(user, today: date | None = None) -> bool:
    """Fill an empty workspace; leave one that has data alone. True if filled."""
    if explorations_for(user).exists():
        return False
    today = today or timezone.localdate()
    exploration = create_exploration(
        user,
        title="Is UX research the right next step after teaching?",
        field="User experience",
        target_position="UX researcher",
        decision_kind="career_change",
        notes="Ten years of classroom teaching. Curious whether research skills carry over.",
    )
    organizations = [
        create_organization(
            user, name=name, sector=sector, hiring_status=hiring, would_like_to_work_here=wish
        )
        for name, sector, hiring, wish in ORGANIZATIONS
    ]
    people = []
    for name, title, org, level, how_found, priority in PEOPLE:
        people.append(
            create_person(
                user,
                name=name,
                title=title,
                organization=organizations[org],
                level=level,
                how_found=how_found,
                priority=priority,
                exploration=exploration,
                email=f"{name.split()[0].lower()}@example.org",
                found_via_person=people[0] if how_found == "acquaintance" else None,
            )
        )
    _conversations(user, exploration, people, today)
    return True


def _book(
    user, conversation, *, on, meeting_date, mode="workplace", location="", link="", cost=None
):
    conversation.refresh_from_db()
    schedule(
        user,
        conversation,
        on=on,
        meeting_date=meeting_date,
        meeting_time=time(10, 0),
        time_zone=settings.TIME_ZONE,
        minutes=20,
        mode=mode,
        location=location,
        link=link,
        cost=cost,
    )


def _ago(today: date, business_days: int) -> date:
    return add_business_days(today, -business_days)


def _conversations(user, exploration, people, today):
    def ask(person, days_ago, approach="direct", channel="email"):
        return log_ask(
            user,
            person=person,
            exploration=exploration,
            on=_ago(today, days_ago),
            channel=channel,
            approach=approach,
            text=f"Hello {person.name.split()[0]}, I am exploring a move into UX "
            "research and would value 15 minutes of your perspective. "
            "I am not asking about jobs. Would a short call next week work?",
        )

    # Waiting on replies: one just past three business days, one past seven.
    ask(people[3], 4)
    ask(people[4], 8, channel="network")
    # Accepted, to schedule.
    accepted = ask(people[1], 5, approach="referred")
    log_event(user, accepted, EventKind.REPLIED, on=_ago(today, 1), outcome=Outcome.ACCEPTED)
    # Busy now: call back in a few days.
    busy = ask(people[6], 6, approach="advice", channel="phone")
    log_event(
        user,
        busy,
        EventKind.REPLIED,
        on=_ago(today, 4),
        outcome=Outcome.BUSY_NOW,
        callback_on=today + timedelta(days=2),
    )
    # Declined and a clear no.
    declined = ask(people[5], 10)
    log_event(user, declined, EventKind.REPLIED, on=_ago(today, 8), outcome=Outcome.DECLINED_BUSY)
    refused = ask(people[9], 12)
    log_event(user, refused, EventKind.REPLIED, on=_ago(today, 11), outcome=Outcome.CLEAR_NO)
    # Scheduled for later this week.
    scheduled = ask(people[0], 9, approach="advice")
    log_event(user, scheduled, EventKind.REPLIED, on=_ago(today, 7), outcome=Outcome.ACCEPTED)
    _book(
        user,
        scheduled,
        on=_ago(today, 6),
        meeting_date=today + timedelta(days=1),
        location="Northwind Health, 4th floor reception",
    )
    # Held, thank-you overdue.
    held = ask(people[8], 15)
    log_event(user, held, EventKind.REPLIED, on=_ago(today, 13), outcome=Outcome.ACCEPTED)
    _book(
        user,
        held,
        on=_ago(today, 12),
        meeting_date=_ago(today, 4),
        mode="coffee",
        location="Café Lindt, Harbour Street",
        cost=Decimal("7.80"),
    )
    log_event(user, held, EventKind.HELD, on=_ago(today, 4))
    # The whole way through.
    done = ask(people[2], 20)
    log_event(user, done, EventKind.REPLIED, on=_ago(today, 18), outcome=Outcome.ACCEPTED)
    _book(
        user,
        done,
        on=_ago(today, 17),
        meeting_date=_ago(today, 12),
        mode="video",
        link="https://meet.example/research-ops",
    )
    log_event(user, done, EventKind.HELD, on=_ago(today, 12))
    log_event(user, done, EventKind.THANKED, on=_ago(today, 11))
    # people[7] (Jonas) is not asked yet.
    _learnings(
        user,
        exploration,
        held,
        done,
        [person.organization for person in (people[1], people[3], people[5], people[7])],
    )


FINDINGS = {
    "held": {
        "duties_typical_day": "Mornings of stakeholder interviews, afternoons of synthesis "
        "with the design team.",
        "skills_qualifications": "Interviewing and synthesis matter more than any degree; "
        "a portfolio of real studies helps.",
        "likes": "Seeing a product change because of what users said.",
        "advice_to_me": "Run two small studies for a nonprofit and write them up.",
    },
    "done": {
        "duties_typical_day": "Planning studies, recruiting participants, stakeholder interviews.",
        "skills_qualifications": "Teaching experience transfers: facilitation and synthesis.",
        "dislikes": "Recruiting participants is slow and admin-heavy.",
        "advice_to_me": "Join the research-ops community and volunteer.",
    },
}


def _learnings(user, exploration, held, done, organizations):
    """Findings, an option cited by them, and a scored target list (SPEC C4, E2, P6)."""
    save_findings(user, held, FINDINGS["held"])
    save_findings(user, done, FINDINGS["done"])
    bootcamp = add_option(user, exploration, "A part-time UX research bootcamp")
    masters = add_option(user, exploration, "A part-time MSc in Human-Computer Interaction")
    skills = held.findings.get(topic="skills_qualifications")
    add_point(user, bootcamp.pk, "pro", "Portfolio of real studies in six months", finding=skills)
    add_point(user, masters.pk, "con", "Two years of evenings")
    for organization, (motivation, postings, advocacy) in zip(
        organizations, [(3, 3, True), (4, 1, True), (1, 2, False), (2, 3, False)], strict=True
    ):
        set_target(
            user,
            exploration,
            organization,
            advocacy=advocacy,
            motivation=motivation,
            postings=postings,
        )
