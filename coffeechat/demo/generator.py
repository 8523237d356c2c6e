"""A large, realistic, seeded workspace for benchmarks (issue 3), written with bulk inserts.

`coffeechat serve --demo` builds ten people through the services; this builds ten
thousand in seconds. It writes the same rows the services would write: each
conversation's events tell one story and its `stage_cache` is `derive_stage` of
them, and every person, organization, exploration and note gets the search
document that `index_person`, `index_organization`, `index_exploration` and
`add_note` would give it (SQLite's FTS5 table follows by trigger).

The same seed and the same `today` give the same rows. Dates are relative to
`today` so that the Today list always has something overdue, due and coming up.
Today's due-date cache is left empty, as after an import: the first Today fills it.
"""

import random
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, timedelta

from coffeechat.conversations.models import Conversation, ConversationKind, Event
from coffeechat.domain.businessdays import add_business_days
from coffeechat.domain.journey import EventFact, EventKind, Outcome, Stage, derive_stage
from coffeechat.explorations.models import Exploration
from coffeechat.people.models import Note, Organization, Person, Tag
from coffeechat.people.services import note_title
from coffeechat.search.models import Kind, SearchDocument
from coffeechat.search.services import exploration_text, organization_text, person_text

CHUNK = 5_000  # rows built and inserted at a time, so a million notes fit in memory
HISTORY = 780  # business days of history: three years
HUB_CONNECTIONS = 16  # conversations and notes of the one well-connected person

# title, field, target position, decision kind
EXPLORATIONS = [
    (
        "Is UX research the right next step after teaching?",
        "User experience",
        "UX researcher",
        "career_change",
    ),
    ("Should I take a data analyst role in public health?", "Public health", "Data analyst", "job"),
    (
        "Is a master's in HCI worth it?",
        "Human-computer interaction",
        "Interaction designer",
        "degree",
    ),
    (
        "Could I become a product manager without an MBA?",
        "Product management",
        "Product manager",
        "career_change",
    ),
    (
        "Is instructional design a good fit for a former teacher?",
        "Learning design",
        "Instructional designer",
        "career_change",
    ),
    (
        "Should I get a project management certification?",
        "Project management",
        "Project manager",
        "certification",
    ),
    (
        "Is clinical research coordination a path into biotech?",
        "Clinical research",
        "Clinical research coordinator",
        "job",
    ),
    (
        "Would a move into sustainability consulting suit me?",
        "Sustainability",
        "Sustainability consultant",
        "other",
    ),
]
TITLES = {  # by level relative to the target position
    "above": "Head of {f} · Director of {f} · Principal {p} · Senior manager, {f}",
    "same": "{p} · Senior {p} · {p} II · Lead {p}",
    "below": "Junior {p} · Associate {p} · {p} intern · Assistant, {f}",
    "unknown": "Consultant · Coordinator, {f} · Specialist, {f} · Advisor",
}
FIRST = (
    "Priya Tomás Grace Daniel Mei Samuel Aisha Jonas Lena Noah Fatima Lucas Sofia Kwame "
    "Elena Mateo Hana Oliver Amara Ivan Chloe Ravi Zainab Liam Ingrid Diego Yuki Omar "
    "Clara Felix Nadia Hugo Leila Arjun Maya Emil Rosa Kenji Alma Tariq Julia Viktor "
    "Esther Malik Anja Pablo Sara Idris Nora Bruno Ama Theo Lucía Wei Hannah Sipho Marta "
    "Elif Paul Keiko Moussa Irene Dmitri Beatriz Kofi Astrid Rahul Zoe Jamal Freya "
    "Andrés Nia Stefan Mina Joaquín Eva Tunde Ines Rohan Greta Chidi Alice"
).split()
LAST = (
    "Raman Ortega Liu Okafor Tanaka Brooks Karim Weber Fischer Patel Haddad Silva Rossi "
    "Mensah Popescu García Sato Bennett Diallo Petrov Martin Iyer Bello Murphy Larsen "
    "Moreno Nakamura Farouk Dubois Wagner Hassan Laurent Rahimi Kapoor Cohen Nielsen "
    "Ferreira Yamada Torres Aziz Novak Kowalski Mendes Lindqvist Adeyemi Schmidt Ruiz "
    "Okonkwo Jansen Costa Chen Walsh Nkosi Sánchez Demir Keller Ito Traoré Conti Volkov "
    "Almeida Boateng Berg Sharma Clarke Osei Hoffmann Kim Vargas Eriksen Mwangi Duarte "
    "Park Nguyen Santos Andersen Oyelaran Romano Gupta Schulz Fernández Ali Reyes"
).split()
ORG_HEADS = (
    "Northwind Lumen Harbor Cedar Summit Beacon Riverside Granite Aurora Meridian "
    "Pioneer Bluebird Evergreen Atlas Keystone Horizon Silverline Oakridge Brightwater "
    "Crescent Ironwood Juniper Lakeshore Maple Redwood Sterling Tidewater Willow "
    "Foxglove Halcyon Kestrel Larkspur Monarch Nimbus Orchard Quarry Saffron Thistle "
    "Vantage Zephyr"
).split()
ORG_TAILS = [
    ("Health", "Healthcare"),
    ("Labs", "Consumer apps"),
    ("Studio", "Design agency"),
    ("Transit", "Public sector"),
    ("University", "Higher education"),
    ("Analytics", "Data services"),
    ("Bank", "Financial services"),
    ("Learning", "Education technology"),
    ("Energy", "Renewable energy"),
    ("Foundation", "Non-profit"),
    ("Pharma", "Life sciences"),
    ("Consulting", "Consulting"),
    ("Software", "Enterprise software"),
    ("Media", "Publishing"),
    ("Robotics", "Manufacturing"),
]
CITIES = [
    ("Berlin", "Europe/Berlin"),
    ("Lisbon", "Europe/Lisbon"),
    ("Nairobi", "Africa/Nairobi"),
    ("Toronto", "America/Toronto"),
    ("Chicago", "America/Chicago"),
    ("Lagos", "Africa/Lagos"),
    ("Bangalore", "Asia/Kolkata"),
    ("Melbourne", "Australia/Melbourne"),
    ("London", "Europe/London"),
    ("Mexico City", "America/Mexico_City"),
    ("Tokyo", "Asia/Tokyo"),
    ("Remote", ""),
]
TAGS = [
    "alumni",
    "met at conference",
    "former colleague",
    "bootcamp",
    "meetup",
    "mentor",
    "introduced by a friend",
    "volunteer network",
    "hiring manager",
    "speaker",
    "podcast",
    "recruiter",
]
TOPICS = (
    "portfolio interviews stakeholder workshops certification salary mentoring "
    "onboarding accessibility statistics fieldwork prototyping budgeting regulation "
    "hiring networking fellowship internship bootcamp roadmap analytics storytelling "
    "facilitation surveys ethnography compliance grants leadership negotiation "
    "consulting freelancing remote burnout promotion curriculum research dashboards "
    "python spreadsheets presentations partnerships procurement volunteering writing"
).split()
SENTENCES = [
    "{first} suggested I read more about {t1} before applying anywhere.",
    "Most of the week goes to {t1}; the rest is {t2} and meetings.",
    "Hiring is slow at {org} this quarter, but they value {t1}.",
    "Recommended talking to someone who does {t2} in a smaller team.",
    "Said the hardest part of the job is {t1}, not the technical work.",
    "- ask again about {t1}\n- send the article on {t2}",
    "**Follow up:** {first} offered to introduce me to a colleague in {t2}.",
    "Came into the field through {t1}; thinks {t2} matters more than a degree.",
    "Typical day: {t1} in the morning, {t2} in the afternoon.",
    "Warned that {t1} is often underestimated by newcomers.",
]
# The hub person's conversations walk through every stage a conversation can be in. A
# conversation with no events ("not asked") is never left behind by the services: people
# not asked yet simply have no conversation.
STAGE_ORDER = [stage for stage in Stage if stage != Stage.NOT_ASKED]

LEVELS = {"above": 25, "same": 35, "below": 25, "unknown": 15}
HOW_FOUND = {
    "acquaintance": 18,
    "association": 10,
    "instructor": 5,
    "front_desk": 4,
    "alumni": 15,
    "online_profile": 30,
    "referral": 10,
    "other": 8,
}
CHANNELS = {"email": 50, "network": 25, "phone": 10, "in_person": 10, "letter": 5}
APPROACHES = {"direct": 50, "referred": 30, "advice": 20}
OUTCOME_OF = {
    Stage.DECLINED: Outcome.DECLINED_BUSY,
    Stage.REFUSED: Outcome.CLEAR_NO,
    Stage.CALLBACK: Outcome.BUSY_NOW,
}
REPLIED = {
    Stage.ACCEPTED,
    Stage.CALLBACK,
    Stage.DECLINED,
    Stage.REFUSED,
    Stage.SCHEDULED,
    Stage.CANCELLED,
    Stage.HELD,
    Stage.THANKED,
}
MET = {Stage.SCHEDULED, Stage.CANCELLED, Stage.HELD, Stage.THANKED}
# Stage weights by the age of the ask in business days: fresh asks are open, old ones are
# settled, and a few old ones are left as cruft (accepted, never scheduled).
BY_AGE = [
    (3, {Stage.ASKED: 90, Stage.ACCEPTED: 10}),
    (
        10,
        {
            Stage.ASKED: 30,
            Stage.ACCEPTED: 15,
            Stage.CALLBACK: 10,
            Stage.SCHEDULED: 25,
            Stage.DECLINED: 10,
            Stage.REFUSED: 5,
        },
    ),
    (
        20,
        {
            Stage.FOLLOWED_UP: 20,
            Stage.SCHEDULED: 15,
            Stage.HELD: 20,
            Stage.THANKED: 20,
            Stage.DECLINED: 10,
            Stage.REFUSED: 5,
            Stage.CANCELLED: 5,
            Stage.CALLBACK: 5,
        },
    ),
    (
        HISTORY,
        {
            Stage.THANKED: 500,
            Stage.FOLLOWED_UP: 150,
            Stage.DECLINED: 150,
            Stage.REFUSED: 70,
            Stage.CANCELLED: 50,
            Stage.HELD: 2,
            Stage.ACCEPTED: 2,
            Stage.CALLBACK: 1,
        },
    ),
]
AGE_RANGE = {
    Stage.ASKED: (0, 6),
    Stage.FOLLOWED_UP: (11, 60),
    Stage.ACCEPTED: (1, 8),
    Stage.CALLBACK: (4, 15),
    Stage.DECLINED: (4, 200),
    Stage.REFUSED: (4, 200),
    Stage.SCHEDULED: (4, 12),
    Stage.CANCELLED: (11, 200),
    Stage.HELD: (11, 14),
    Stage.THANKED: (15, 400),
}


@dataclass(frozen=True)
class Plan:
    people: int
    conversations: int
    notes: int
    seed: int
    today: date


@dataclass
class Counts:
    explorations: int = 0
    organizations: int = 0
    people: int = 0
    conversations: int = 0
    events: int = 0
    notes: int = 0
    documents: int = 0

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def capacity(people: int) -> int:
    """Most conversations possible: one of each kind per person and exploration."""
    return people * exploration_count(people) * len(ConversationKind)


def exploration_count(people: int) -> int:
    return min(len(EXPLORATIONS), max(1, people // 4))


def generate(user, plan: Plan) -> Counts:
    """Write the whole workspace for `user`. The caller owns the transaction."""
    if plan.conversations > capacity(plan.people):
        raise ValueError(
            f"{plan.people} people can hold at most {capacity(plan.people)} "
            "conversations (one of each kind per exploration)"
        )
    rng = random.Random(plan.seed)
    counts = Counts()
    back = business_days_back(plan.today, HISTORY)
    with explicit_timestamps():
        explorations = _explorations(user, plan, counts)
        organizations = _organizations(user, rng, max(1, plan.people // 10), plan.today, counts)
        people = _people(user, rng, plan, explorations, organizations, counts)
        conversations = _conversations(user, rng, plan, people, explorations, back, counts)
        _notes(user, rng, plan, people, conversations, counts)
    return counts


@contextmanager
def explicit_timestamps() -> Iterator[None]:
    """Let bulk_create keep the dates we set: a history needs its past, not "now"."""
    stamped = [
        f
        for model in (Exploration, Organization, Person, Conversation, Event, Note)
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in stamped]
    for f in stamped:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def moment(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(8), tzinfo=UTC) + timedelta(minutes=rng.randrange(600))


def pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def ascii_slug(text: str, sep: str = ".") -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return sep.join(plain.lower().split())


def _index(user, kind: Kind, rows) -> int:
    """rows: (object_id, title, body), built as the services' index_* functions build them."""
    documents = [
        SearchDocument(owner=user, kind=kind, object_id=pk, title=title[:300], body=body)
        for pk, title, body in rows
    ]
    SearchDocument.objects.bulk_create(documents)
    return len(documents)


# ---- explorations and organizations -------------------------------------------------


def _explorations(user, plan: Plan, counts: Counts) -> list[Exploration]:
    count = exploration_count(plan.people)
    closed = count // 4  # the oldest quarter is decided and closed
    explorations = []
    for i, (title, field, position, kind) in enumerate(EXPLORATIONS[:count]):
        created = datetime.combine(plan.today - timedelta(days=1100 - 90 * i), time(9), UTC)
        is_closed = i < closed
        explorations.append(
            Exploration(
                owner=user,
                title=title,
                field=field,
                target_position=position,
                decision_kind=kind,
                notes=f"What does a {position.lower()} actually do all day, and would I enjoy it?",
                closed_on=plan.today - timedelta(days=400 - 30 * i) if is_closed else None,
                decision=f"Decided against becoming a {position.lower()} for now."
                if is_closed
                else "",
                created_at=created,
                updated_at=created,
            )
        )
    Exploration.objects.bulk_create(explorations)
    counts.explorations = len(explorations)
    counts.documents += _index(
        user,
        Kind.EXPLORATION,
        (
            (
                e.pk,
                e.title,
                exploration_text(
                    field=e.field,
                    target_position=e.target_position,
                    notes=e.notes,
                    decision=e.decision,
                ),
            )
            for e in explorations
        ),
    )
    return explorations


def _organizations(user, rng, count: int, today: date, counts: Counts) -> list[Organization]:
    names = [(head, tail) for head in ORG_HEADS for tail in ORG_TAILS]
    rng.shuffle(names)
    organizations = []
    for i in range(count):
        (head, (tail, sector)), lap = names[i % len(names)], i // len(names)
        name = f"{head} {tail}" + (f" {lap + 1}" if lap else "")
        created = moment(today - timedelta(days=rng.randrange(1100)), rng)
        organizations.append(
            Organization(
                owner=user,
                name=name,
                sector=sector,
                website=f"https://{ascii_slug(name, '-')}.example",
                would_like_to_work_here=rng.random() < 0.2,
                hiring_status=pick(rng, {"unknown": 5, "hiring": 3, "not_hiring": 2}),
                research_notes=(
                    f"Known for {rng.choice(TOPICS)}; small {sector.lower()} team."
                    if rng.random() < 0.3
                    else ""
                ),
                created_at=created,
                updated_at=created,
            )
        )
    Organization.objects.bulk_create(organizations)
    counts.organizations = len(organizations)
    counts.documents += _index(
        user,
        Kind.ORGANIZATION,
        (
            (
                o.pk,
                o.name,
                organization_text(
                    sector=o.sector, website=o.website, research_notes=o.research_notes
                ),
            )
            for o in organizations
        ),
    )
    return organizations


# ---- people --------------------------------------------------------------------------


def _people(user, rng, plan: Plan, explorations, organizations, counts) -> list[Person]:
    tags = [Tag.objects.get_or_create(owner=user, name=name)[0] for name in TAGS]
    people, person_tags = [], []
    for start in range(0, plan.people, CHUNK):
        chunk = [
            _person(user, rng, plan.today, explorations, organizations)
            for _ in range(start, min(plan.people, start + CHUNK))
        ]
        Person.objects.bulk_create(chunk)
        chosen = [
            sorted(rng.sample(tags, rng.choice((0, 0, 0, 1, 1, 2))), key=lambda t: t.name)
            for _ in chunk
        ]
        person_tags += [
            Person.tags.through(person_id=p.pk, tag_id=t.pk)
            for p, ts in zip(chunk, chosen, strict=True)
            for t in ts
        ]
        pairs = list(zip(chunk, chosen, strict=True))
        counts.documents += _index(user, Kind.PERSON, (_person_document(p, ts) for p, ts in pairs))
        people += chunk
    Person.tags.through.objects.bulk_create(person_tags)
    _introductions(rng, people)
    counts.people = len(people)
    return people


def _person(user, rng, today: date, explorations, organizations) -> Person:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    exploration = rng.choice(explorations) if rng.random() < 0.9 else None
    field, position = (
        (exploration.field, exploration.target_position)
        if exploration
        else ("the field", "Specialist")
    )
    level = pick(rng, LEVELS)
    organization = rng.choice(organizations)
    city, zone = rng.choice(CITIES)
    created = moment(today - timedelta(days=rng.randrange(1100)), rng)
    return Person(
        owner=user,
        name=f"{first} {last}",
        organization=organization,
        exploration=exploration,
        title=rng.choice(TITLES[level].split(" · ")).format(f=field, p=position),
        level=level,
        how_found=pick(rng, HOW_FOUND),
        priority=rng.choice((1, 2, 2, 3)),
        email=f"{ascii_slug(first)}.{ascii_slug(last)}@{_domain(organization)}",
        phone=f"+1 555 01{rng.randrange(100):02d}" if rng.random() < 0.3 else "",
        profile_url=(
            f"https://profiles.example/{ascii_slug(first + ' ' + last, '-')}"
            if rng.random() < 0.4
            else ""
        ),
        location=city,
        time_zone=zone,
        do_not_ask=rng.random() < 0.02,
        notes=(
            f"Works on **{rng.choice(TOPICS)}**. Prefers {rng.choice(['email', 'a call'])}."
            if rng.random() < 0.2
            else ""
        ),
        created_at=created,
        updated_at=created,
    )


def _domain(organization: Organization) -> str:
    return f"{ascii_slug(organization.name, '-')}.example"


def _person_document(person: Person, tags: list[Tag]) -> tuple:
    body = person_text(
        title=person.title,
        organization=person.organization.name,
        email=person.email,
        location=person.location,
        tags=[tag.name for tag in tags],
        notes=person.notes,
    )  # sorted by name
    return person.pk, person.name, body


def _introductions(rng, people: list[Person]) -> None:
    """A mutual acquaintance is someone added earlier (SPEC P3)."""
    introduced = []
    for i, person in enumerate(people):
        if i and person.how_found == "acquaintance":
            person.found_via_person_id = people[rng.randrange(i)].pk
            introduced.append(person)
    Person.objects.bulk_update(introduced, ["found_via_person"], batch_size=500)


# ---- conversations and their histories ------------------------------------------------


def business_days_back(today: date, count: int) -> list[date]:
    """[today, one business day before, two before, ...]: asked-on dates by age, computed once."""
    days = [today]
    while len(days) <= count:
        days.append(add_business_days(days[-1], -1))
    return days


def _conversations(user, rng, plan: Plan, people, explorations, back, counts):
    slots = _slots(rng, plan.conversations, people, explorations)
    conversations = []
    for start in range(0, len(slots), CHUNK):
        batch = [
            _conversation(user, rng, plan.today, back, i, slot)
            for i, slot in enumerate(slots[start : start + CHUNK], start)
        ]
        Conversation.objects.bulk_create([c for c, _ in batch])
        events = [Event(conversation=c, **e) for c, story in batch for e in story]
        Event.objects.bulk_create(events)
        counts.events += len(events)
        conversations += [c for c, _ in batch]
    counts.conversations = len(conversations)
    return conversations


def _slots(rng, count: int, people, explorations) -> list[tuple]:
    """Distinct (person, exploration, kind): the services keep one of each."""
    kinds = list(ConversationKind)
    hub = [(people[0], e, k) for k in kinds for e in explorations][: min(count, HUB_CONNECTIONS)]
    taken, slots = set(), []
    for slot in hub:
        taken.add((slot[0].pk, slot[1].pk, slot[2]))
        slots.append(slot)
    others = people[1:] or people
    while len(slots) < count:
        person = rng.choice(others)
        exploration = (
            person.exploration
            if person.exploration and rng.random() < 0.8
            else rng.choice(explorations)
        )
        kind = kinds[0] if rng.random() < 0.92 else kinds[1]
        if (person.pk, exploration.pk, kind) not in taken:
            taken.add((person.pk, exploration.pk, kind))
            slots.append((person, exploration, kind))
    return slots


def _conversation(user, rng, today: date, back, i: int, slot) -> tuple[Conversation, list]:
    person, exploration, kind = slot
    if i < len(STAGE_ORDER):  # the first ones cover every stage, whatever the size
        stage = STAGE_ORDER[i]
        age = rng.randint(*AGE_RANGE[stage])
    else:
        age = (
            rng.randrange(HISTORY) if exploration.closed_on is None else rng.randrange(300, HISTORY)
        )
        stage = pick(rng, next(w for limit, w in BY_AGE if age <= limit))
    asked_on = back[age]
    story = _story(rng, stage, asked_on, today, person, exploration)
    facts = [
        EventFact(
            kind=EventKind(e["kind"]),
            on=e["on"],
            outcome=Outcome(e["outcome"]) if e["outcome"] else None,
            meeting_on=e["meeting_on"],
            callback_on=e["callback_on"],
        )
        for e in story
    ]
    for event in story:
        event["owner"] = user
        event["created_at"] = moment(event["on"], rng)
    conversation = Conversation(
        owner=user,
        person=person,
        exploration=exploration,
        kind=kind,
        stage_cache=derive_stage(facts).value,
        created_at=moment(asked_on, rng),
    )
    return conversation, story


def _story(rng, stage: Stage, asked_on: date, today: date, person, exploration) -> list[dict]:
    """The events that lead to `stage`, oldest first, none after `today`."""
    first = person.name.split()[0]
    events = [
        _event(
            EventKind.ASKED,
            asked_on,
            channel=pick(rng, CHANNELS),
            approach=pick(rng, APPROACHES),
            text=f"Hello {first}, I am exploring {exploration.field.lower()} and would "
            "value 15 minutes of your perspective on the work. I am not asking "
            "about jobs. Would a short call next week suit you?",
        )
    ]
    day = asked_on
    if stage == Stage.FOLLOWED_UP or (stage in REPLIED and rng.random() < 0.2):
        day = add_business_days(day, 7)
        events.append(_event(EventKind.FOLLOWED_UP, day, channel=events[0]["channel"]))
    if stage in REPLIED:
        day = add_business_days(day, rng.randint(1, 3))
        callback = day + timedelta(days=rng.randint(5, 20)) if stage == Stage.CALLBACK else None
        events.append(
            _event(
                EventKind.REPLIED,
                day,
                callback_on=callback,
                outcome=OUTCOME_OF.get(stage, Outcome.ACCEPTED).value,
            )
        )
    if stage in MET:
        events += _meeting(rng, stage, day, first)
    return _no_later_than(today, events)


def _meeting(rng, stage: Stage, replied_on: date, first: str) -> list[dict]:
    day = add_business_days(replied_on, rng.randint(1, 2))
    meeting = add_business_days(day, rng.randint(2, 7))
    events = [_event(EventKind.SCHEDULED, day, meeting_on=meeting)]
    if rng.random() < 0.1:
        meeting = add_business_days(meeting, rng.randint(2, 5))
        events.append(_event(EventKind.RESCHEDULED, add_business_days(day, 1), meeting_on=meeting))
    if stage == Stage.CANCELLED:
        events.append(_event(EventKind.CANCELLED, meeting - timedelta(days=1)))
    if stage in (Stage.HELD, Stage.THANKED):
        events.append(
            _event(
                EventKind.HELD,
                meeting,
                text=f"Twenty minutes with {first}; notes are on the person page.",
            )
        )
    if stage == Stage.THANKED:
        events.append(_event(EventKind.THANKED, meeting + timedelta(days=rng.randint(0, 2))))
    return events


def _event(kind: EventKind, on: date, **values) -> dict:
    event = {
        "kind": kind.value,
        "on": on,
        "channel": "",
        "approach": "",
        "outcome": "",
        "meeting_on": None,
        "callback_on": None,
        "text": "",
        "details": {},
    }
    return {**event, **values}


def _no_later_than(today: date, events: list[dict]) -> list[dict]:
    """Shift a story that would end in the future back so its last event is today."""
    late = max(e["on"] for e in events) - today
    if late <= timedelta(0):
        return events
    for event in events:
        for key in ("on", "meeting_on", "callback_on"):
            if event[key]:
                event[key] -= late
    return events


# ---- notes ---------------------------------------------------------------------------


def _notes(user, rng, plan: Plan, people, conversations, counts) -> None:
    by_person: dict[int, list[Conversation]] = {}
    for conversation in conversations:
        by_person.setdefault(conversation.person_id, []).append(conversation)
    hub_notes = min(plan.notes, HUB_CONNECTIONS)
    for start in range(0, plan.notes, CHUNK):
        notes = []
        for i in range(start, min(plan.notes, start + CHUNK)):
            person = people[0] if i < hub_notes else rng.choice(people)
            notes.append(_note(user, rng, plan.today, person, by_person.get(person.pk, [])))
        Note.objects.bulk_create(notes)
        counts.notes += len(notes)
        counts.documents += _index(
            user, Kind.NOTE, ((n.pk, note_title(n.person), n.text) for n in notes)
        )


def _note(user, rng, today: date, person: Person, conversations: list) -> Note:
    conversation = rng.choice(conversations) if conversations and rng.random() < 0.5 else None
    since = conversation.created_at.date() if conversation else today - timedelta(days=1100)
    day = since + timedelta(days=rng.randrange(max(1, (today - since).days + 1)))
    values = {
        "first": person.name.split()[0],
        "org": person.organization.name,
        "t1": rng.choice(TOPICS),
        "t2": rng.choice(TOPICS),
    }
    text = "\n\n".join(s.format(**values) for s in rng.sample(SENTENCES, rng.randint(1, 4)))
    return Note(
        owner=user, person=person, conversation=conversation, text=text, created_at=moment(day, rng)
    )
