"""What an exploration has taught so far (SPEC L1-L5), read in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet

from coffeechat.conversations.models import (
    Approach,
    Channel,
    Conversation,
    ConversationKind,
    Event,
    Finding,
)
from coffeechat.domain import insights
from coffeechat.domain.journey import Stage
from coffeechat.domain.questions import FindingTopic
from coffeechat.explorations.services import options_for
from coffeechat.people.models import Person
from coffeechat.questions.models import QuestionNote

from .pdf import pdf_of

# Where a person's conversation stands, most advanced first, for their place in the grid.
STAGE_RANK = [
    Stage.THANKED,
    Stage.HELD,
    Stage.SCHEDULED,
    Stage.ACCEPTED,
    Stage.CALLBACK,
    Stage.FOLLOWED_UP,
    Stage.ASKED,
    Stage.DECLINED,
    Stage.REFUSED,
    Stage.CANCELLED,
    Stage.NOT_ASKED,
]


def conversations_in(user, exploration) -> QuerySet[Conversation]:
    events = Event.objects.order_by("on", "id")
    return (
        Conversation.objects.filter(
            owner=user, exploration=exploration, kind=ConversationKind.INFORMATIONAL
        )
        .select_related("person", "person__organization")
        .annotate(referral_count=Count("referrals"))
        .prefetch_related(Prefetch("events", queryset=events))
    )


def contacts(user, exploration, conversations) -> list[insights.Contact]:
    best: dict[int, Stage] = {}
    for conversation in conversations:
        stage = Stage(conversation.stage_cache)
        current = best.get(conversation.person_id, Stage.NOT_ASKED)
        best[conversation.person_id] = min(stage, current, key=STAGE_RANK.index)
    people = (
        Person.objects.filter(owner=user)
        .filter(pk__in=set(best) | set(exploration.people.values_list("pk", flat=True)))
        .select_related("organization")
    )
    return [
        insights.Contact(
            p.pk,
            p.name,
            p.level,
            p.organization.name if p.organization_id else "",
            best.get(p.pk, Stage.NOT_ASKED),
        )
        for p in people
    ]


def record_of(conversation) -> insights.ConversationRecord:
    events = list(conversation.events.all())
    first_ask = next((e for e in events if e.kind == "asked"), None)
    meeting = conversation.meeting
    return insights.ConversationRecord(
        [e.fact() for e in events],
        channel=first_ask.channel if first_ask else "",
        approach=first_ask.approach if first_ask else "",
        referrals=conversation.referral_count,
        cost=meeting.slot.cost if meeting else None,
    )


@dataclass
class Overview:
    grid: insights.Grid
    gaps: list
    funnel: list
    by_channel: list
    by_approach: list
    days_to_reply: list
    median_days: float | None
    referrals_per_meeting: float | None
    activity: list
    money: object
    unplaced: int = 0  # people of the exploration whose level is not known: not in the grid


def overview(user, exploration) -> Overview:
    conversations = list(conversations_in(user, exploration))
    people = contacts(user, exploration, conversations)
    records = [record_of(c) for c in conversations]
    days = insights.days_to_reply(records)
    return Overview(
        grid=insights.grid_of(people),
        gaps=insights.gaps_of(people),
        funnel=insights.funnel(records),
        by_channel=insights.response_rates(records, "channel", dict(Channel.choices)),
        by_approach=insights.response_rates(records, "approach", dict(Approach.choices)),
        days_to_reply=days,
        median_days=insights.median_days(days),
        referrals_per_meeting=insights.referrals_per_meeting(records),
        activity=insights.activity_per_week(records),
        money=insights.money_spent(records),
        unplaced=sum(1 for person in people if person.level not in insights.LEVELS),
    )


@dataclass
class SideBySide:
    topics: list  # [(topic, [(person, level, text)])]
    questions: list  # [(question text, [(person, level, text)])]
    recurring: list  # [(term, answers)]


def side_by_side(user, exploration) -> SideBySide:
    findings = (
        Finding.objects.filter(owner=user, conversation__exploration=exploration)
        .select_related("conversation__person")
        .order_by("conversation__person__name")
    )
    by_topic = insights.group_answers(
        (f.topic, f.conversation.person.name, f.conversation.person.get_level_display(), f.text)
        for f in findings
    )
    notes = (
        QuestionNote.objects.filter(owner=user, conversation__exploration=exploration)
        .select_related("question", "conversation__person")
        .order_by("question__domain", "question__rank", "question_id")
    )
    by_question = defaultdict(list)
    for note in notes:
        if note.text.strip():
            person = note.conversation.person
            by_question[note.question.text].append(
                (person.name, person.get_level_display(), note.text)
            )
    by_person = defaultdict(list)  # a term counts once per person, however often said
    for finding in findings:
        by_person[finding.conversation.person_id].append(finding.text)
    for note in notes:
        by_person[note.conversation.person_id].append(note.text)
    return SideBySide(
        topics=[
            (topic, by_topic[topic.value]) for topic in FindingTopic if topic.value in by_topic
        ],
        questions=list(by_question.items()),
        recurring=insights.recurring_terms(by_person.values()),
    )


def findings_to_cite(user, exploration) -> QuerySet[Finding]:
    return (
        Finding.objects.filter(owner=user, conversation__exploration=exploration)
        .exclude(text="")
        .select_related("conversation__person")
    )


# ---- the report (SPEC L4): the web download and `coffeechat report` -------------


def report_context(user, exploration) -> dict:
    """What the report templates show."""
    from django.utils import timezone

    return {
        "exploration": exploration,
        "o": overview(user, exploration),
        "s": side_by_side(user, exploration),
        "options": options_for(user, exploration),
        "generated": timezone.localdate(),
    }


def report_stylesheet() -> str:
    """report.css, put inside the HTML report so that the one file is all it needs."""
    from django.contrib.staticfiles import finders

    with open(finders.find("coffeechat/report.css"), encoding="utf-8") as file:
        return file.read()


def report(user, exploration, kind: str, request=None) -> bytes:
    """The exploration as Markdown, HTML or PDF bytes."""
    from django.template.loader import render_to_string

    context = report_context(user, exploration)
    if kind == "md":
        return render_to_string("insights/report.md", context).encode()
    html = render_to_string(
        "insights/report.html",
        {**context, "for_pdf": kind == "pdf", "stylesheet": report_stylesheet()},
        request=request,
    )
    return html.encode() if kind == "html" else pdf_of(html)
