"""The question bank, plans, about-me points and checklists (SPEC Q1-Q5)."""

from django.db import transaction
from django.db.models import Max, ProtectedError, Q, QuerySet

from coffeechat.accounts.services import profile_for
from coffeechat.conversations import services as conversations
from coffeechat.conversations.services import index_conversation
from coffeechat.domain import planner, prep
from coffeechat.domain import questions as bank
from coffeechat.domain.meeting import DEFAULT_LENGTH
from coffeechat.domain.replies import confirmation_note
from coffeechat.domain.transcript import Piece, drafts_by_question
from coffeechat.errors import Invalid, NotFound
from coffeechat.versioning import save_if_unchanged

from .models import ChecklistTick, PlanItem, Question, QuestionNote, TalkingPoint

# ---- the bank ------------------------------------------------------------------


def bank_for(user, include_retired=False) -> QuerySet[Question]:
    """The owner's questions; the built-in bank is copied in on first use."""
    questions = Question.objects.filter(owner=user)
    if not questions.exists():
        Question.objects.bulk_create(
            [_row(user, q) for q in bank.DEFAULT_BANK], ignore_conflicts=True
        )
    return questions if include_retired else questions.filter(retired=False)


def _row(user, question: bank.Question) -> Question:
    return Question(
        owner=user,
        key=question.key,
        text=question.text,
        domain=question.domain.value,
        tiara=question.tiara.value if question.tiara else "",
        minutes=question.minutes,
        rank=question.rank,
        topic=question.topic.value if question.topic else "",
        built_in=True,
    )


def as_domain(row: Question) -> bank.Question:
    return bank.Question(
        row.key,
        row.text,
        bank.Domain(row.domain),
        bank.Tiara(row.tiara) if row.tiara else None,
        row.minutes,
        row.rank,
        bank.FindingTopic(row.topic) if row.topic else None,
    )


def get_question_for(user, pk) -> Question:
    try:
        return Question.objects.get(owner=user, pk=pk)
    except (Question.DoesNotExist, ValueError, TypeError):
        raise NotFound("No such question.") from None


def add_question(user, **values) -> Question:
    bank_for(user)
    number = Question.objects.filter(owner=user).count() + 1
    key = f"own_{number}"
    while Question.objects.filter(owner=user, key=key).exists():
        number += 1
        key = f"own_{number}"
    return Question.objects.create(owner=user, key=key, **values)


def update_question(user, pk, version: int, **changes) -> Question:
    question = get_question_for(user, pk)
    save_if_unchanged(question, version, changes, "question")
    return get_question_for(user, pk)


def retire_question(user, pk, retired: bool = True) -> None:
    """Retired questions leave the bank but stay in every plan that used them."""
    Question.objects.filter(owner=user, pk=get_question_for(user, pk).pk).update(retired=retired)


def delete_question(user, pk) -> None:
    try:
        get_question_for(user, pk).delete()
    except ProtectedError:
        raise Invalid(
            "A past plan used this question: retire it instead.", field="question"
        ) from None


# ---- the plan per conversation (SPEC Q2) ----------------------------------------


def agreed_minutes(conversation) -> int:
    """The meeting's agreed length, or the usual twenty minutes before it is booked."""
    meeting = conversation.meeting
    return meeting.slot.minutes if meeting else DEFAULT_LENGTH


def build_plan(user, conversation, shape: str = planner.Shape.MIX_212) -> planner.Plan:
    """Plan the conversation from the bank, replacing any earlier plan."""
    rows = {row.key: row for row in bank_for(user)}
    plan = planner.plan_conversation(
        [as_domain(row) for row in rows.values()],
        agreed_minutes(conversation),
        shape=planner.Shape(shape),
    )
    with transaction.atomic():
        PlanItem.objects.filter(conversation=conversation).delete()
        PlanItem.objects.bulk_create(
            [
                PlanItem(
                    owner=user,
                    conversation=conversation,
                    question=rows[item.question.key],
                    position=position,
                    minutes=item.minutes,
                )
                for position, item in enumerate(plan.items, start=1)
            ]
        )
    return plan


def plan_items(conversation) -> QuerySet[PlanItem]:
    return PlanItem.objects.filter(conversation=conversation).select_related("question")


def current_plan(user, conversation) -> planner.Plan:
    """The saved plan, re-fitted in its saved order: what does not fit is said."""
    questions = {item.question.key: as_domain(item.question) for item in plan_items(conversation)}
    return planner.plan_conversation(
        questions.values(), agreed_minutes(conversation), chosen=list(questions)
    )


def _item_for(user, conversation, pk) -> PlanItem:
    try:
        return PlanItem.objects.get(owner=user, conversation=conversation, pk=pk)
    except (PlanItem.DoesNotExist, ValueError, TypeError):
        raise NotFound("No such plan item.") from None


def change_plan(
    user, conversation, action: str | None, *, item=None, question=None, shape: str | None = None
) -> None:
    """One change asked of the plan page: build, up, down, swap, add or remove."""
    if action == "build":
        shape = shape or planner.Shape.MIX_212
        if shape not in {s.value for s in planner.Shape}:
            raise Invalid("Choose the 2-1-2 mix or a TIARA plan.", field="shape")
        build_plan(user, conversation, shape)
    elif action in ("up", "down"):
        move_item(user, conversation, item, -1 if action == "up" else 1)
    elif action == "swap":
        swap_item(user, conversation, item, question)
    elif action == "add":
        add_item(user, conversation, question)
    elif action == "remove":
        remove_item(user, conversation, item)
    else:
        raise Invalid("Unknown plan action.", field="action")


def move_item(user, conversation, pk, offset: int) -> None:
    """Move a question up (-1) or down (+1) in the plan."""
    items = list(plan_items(conversation))
    item = _item_for(user, conversation, pk)
    index = [i.pk for i in items].index(item.pk)
    target = index + offset
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        _renumber(items)


def _renumber(items) -> None:
    for position, item in enumerate(items, start=1):
        if item.position != position:
            PlanItem.objects.filter(pk=item.pk).update(position=position)


def swap_item(user, conversation, pk, question_pk) -> None:
    item = _item_for(user, conversation, pk)
    question = get_question_for(user, question_pk)
    if plan_items(conversation).filter(question=question).exclude(pk=item.pk).exists():
        raise Invalid("That question is already in the plan.", field="question")
    PlanItem.objects.filter(pk=item.pk).update(question=question, minutes=question.minutes)


def add_item(user, conversation, question_pk) -> None:
    question = get_question_for(user, question_pk)
    if plan_items(conversation).filter(question=question).exists():
        raise Invalid("That question is already in the plan.", field="question")
    last = plan_items(conversation).aggregate(last=Max("position"))["last"] or 0
    PlanItem.objects.create(
        owner=user,
        conversation=conversation,
        question=question,
        position=last + 1,
        minutes=question.minutes,
    )


def remove_item(user, conversation, pk) -> None:
    _item_for(user, conversation, pk).delete()
    _renumber(list(plan_items(conversation)))


# ---- about me (SPEC Q3) and the checklist (SPEC Q5) ------------------------------


def talking_points_for(user, exploration=None) -> QuerySet[TalkingPoint]:
    """Points kept for every exploration, plus those of `exploration` if given."""
    points = TalkingPoint.objects.filter(owner=user)
    general = Q(exploration__isnull=True)
    return points.filter(general | Q(exploration=exploration) if exploration else general)


def all_talking_points(user) -> QuerySet[TalkingPoint]:
    return TalkingPoint.objects.filter(owner=user).select_related("exploration")


def add_talking_point(
    user, *, text: str, topic: str, share: bool = True, exploration=None
) -> TalkingPoint:
    if not text.strip():
        raise Invalid("Write the point.", field="text")
    return TalkingPoint.objects.create(
        owner=user, text=text.strip(), topic=topic, share=share, exploration=exploration
    )


def delete_talking_point(user, pk) -> None:
    deleted, _ = TalkingPoint.objects.filter(owner=user, pk=pk).delete()
    if not deleted:
        raise NotFound("No such talking point.")


def checklist(conversation) -> list[tuple[prep.ChecklistItem, bool]]:
    meeting = conversation.meeting
    mode = meeting.slot.mode if meeting else prep.DEFAULT_MODE
    ticked = set(
        ChecklistTick.objects.filter(conversation=conversation).values_list("key", flat=True)
    )
    return [(item, item.key in ticked) for item in prep.checklist_for(mode)]


def tick(user, conversation, key: str, done: bool) -> None:
    if key not in {item.key for item in prep.CHECKLIST}:
        raise Invalid("No such checklist item.", field="key")
    if done:
        ChecklistTick.objects.get_or_create(owner=user, conversation=conversation, key=key)
    else:
        ChecklistTick.objects.filter(conversation=conversation, key=key).delete()


# ---- live notes (SPEC C1) and the findings they feed (C4) ------------------------


def live_items(user, conversation) -> tuple[planner.Plan, list]:
    """Live mode's plan and its questions that fit the meeting, each with its note so far
    ("does not fit" is not shown live)."""
    plan = current_plan(user, conversation)
    notes = notes_by_question(conversation)
    fits = {question.key for question in plan.questions}
    return plan, [
        (item, notes.get(item.question_id, ""))
        for item in plan_items(conversation)
        if item.question.key in fits
    ]


def confirmation_for(user, conversation) -> str | None:
    """The confirmation note for the meeting booked (SPEC S3): it promises only the
    planned questions that fit its length (Q2); None without a meeting or once cancelled."""
    meeting = conversation.meeting
    if meeting is None or meeting.cancelled:
        return None
    slot = meeting.slot
    local = slot.local_start
    place = slot.link if slot.mode == "video" else (slot.location or "at your workplace")
    return confirmation_note(
        their_name=conversation.person.name,
        my_name=profile_for(user).display_name,
        when=f"{local:%A %d %B at %H:%M} ({slot.time_zone})",
        place=place,
        minutes=slot.minutes,
        questions=[question.text for question in current_plan(user, conversation).questions],
    )


def notes_by_question(conversation) -> dict[int, str]:
    return dict(
        QuestionNote.objects.filter(conversation=conversation).values_list("question_id", "text")
    )


def save_note(user, conversation, question_pk, text: str) -> None:
    """Upsert what was typed for one question; the last save wins (one typist)."""
    question = get_question_for(user, question_pk)
    QuestionNote.objects.update_or_create(
        owner=user,
        conversation=conversation,
        question=question,
        defaults={"text": text.replace("\x00", "")[:100_000]},
    )

    index_conversation(conversation)  # what they answered is searchable


def accept_draft(user, conversation, *, text: str, question=None, topic: str = "") -> None:
    """Keep a transcript draft, as corrected by the user: added to the question's note
    typed live, or to a finding (C4). Nothing from a transcript is kept without this."""
    text = text.replace("\x00", "").strip()[:20_000]
    if not text:
        raise Invalid("There is no text to keep: write or correct it first.", field="text")
    if topic:
        if topic not in {t.value for t in bank.FindingTopic}:
            raise Invalid("Choose one of the finding headings.", field="topic")
        before = conversations.findings_of(conversation).get(topic, "")
        conversations.save_findings(
            user, conversation, {topic: f"{before}\n\n{text}" if before else text}
        )
    elif question is not None:
        before = notes_by_question(conversation).get(question.pk, "").rstrip()
        save_note(user, conversation, question.pk, f"{before}\n{text}" if before else text)
    else:
        raise Invalid("Choose a question's note or a finding heading.", field="topic")


def drafts_beside_notes(conversation, segments) -> tuple[list[tuple], str]:
    """The transcript page's rows (C5): each planned question, the note typed live and the
    draft from the recording's words; and the words under no planned question (before the
    clock, or a question since removed)."""
    drafts = drafts_by_question([Piece(s.question_id, 0, 0, s.text) for s in segments])
    notes = notes_by_question(conversation)
    rows = [
        (item.question, notes.get(item.question_id, ""), drafts.pop(item.question_id, ""))
        for item in plan_items(conversation)
    ]
    return rows, " ".join(drafts.values())
