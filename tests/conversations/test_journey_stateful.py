"""The whole journey, driven at random through the services (issue 20, "Make it provable").

Hypothesis plays a user who asks, gets every kind of reply, follows up, schedules,
moves, cancels and holds meetings (sometimes logged late), thanks, keeps in touch,
tells the decision, adds referrals and notes, closes and reopens the exploration,
dismisses and snoozes tasks, merges, erases and deletes people, while the days go by.
After every step it checks:

- nothing impossible was accepted: every stored history passes `history_problems`,
  a checker written here from the method, not from the code it checks;
- each obligation the method owes is owed: the kinds `tasks_for` gives each
  conversation are the ones `must_owe` (also written here) lists for its stage;
- Today shows each owed task exactly once from its due date (within the horizon) until
  it is done, dismissed or no longer owed — the page's list, through the caches, equals
  the rules applied to this test's own record of what happened;
- every history line reads as words.

CI runs a bounded number of examples on each database; JOURNEY_EXAMPLES and
JOURNEY_STEPS make a longer hunt (`make bench`).
"""

import os
from datetime import date, time, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from coffeechat.conversations import services as conversations
from coffeechat.conversations.models import Conversation, Event
from coffeechat.domain.journey import EventFact, EventKind, Outcome
from coffeechat.domain.today import ConversationFacts, Mark, MarkAction, TaskKind, tasks_for
from coffeechat.domain.today import today_list as rules_today_list
from coffeechat.errors import Invalid
from coffeechat.explorations import services as explorations
from coffeechat.people import services as people
from coffeechat.people.models import Person
from coffeechat.today import services as today
from coffeechat.transfer.backup import erase_person

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("JOURNEY_EXAMPLES", "12"))
STEPS = int(os.environ.get("JOURNEY_STEPS", "40"))
PROGRESS = os.environ.get("JOURNEY_PROGRESS", "")  # a file for a long run's step counts
START = date(2026, 11, 2)
NAMES = ["Ada Lovelace", "Grace Hopper", "Ngozi Okafor", "Jürgen Weiß", "李雷", "O'Brien"]
STEP_COUNT = {"steps": 0, "accepted": 0, "refused": 0, "checked": 0, "examples": 0}


# ---- the method, written again here, to check the code against -------------------


def history_problems(events) -> list[str]:
    """What in one stored history could not have happened under the method."""
    problems, stage, asked_on, meeting_on = [], None, None, None
    previous = None
    for event in events:
        kind, on = event.kind, event.on
        if previous and on < previous:
            problems.append(f"{kind} on {on} before {previous}")
        previous = on
        if bool(event.outcome) != (kind == "replied"):
            problems.append(f"{kind} with answer {event.outcome!r}")
        allowed = {
            "asked": stage in (None, "callback"),
            "followed_up": stage == "asked" and asked_on is not None and on > asked_on,
            "replied": stage in ("asked", "followed_up", "callback"),
            "scheduled": stage in ("accepted", "cancelled"),
            "rescheduled": stage == "scheduled",
            "cancelled": stage == "scheduled",
            "confirmed": stage == "scheduled",
            "held": stage == "accepted" or (stage == "scheduled" and on >= meeting_on),
            "thanked": stage == "held",
            "kept_in_touch": stage in ("held", "thanked"),
            "told_decision": stage == "thanked",
        }[kind]
        if not allowed:
            problems.append(f"{kind} on {on} after {stage}")
        if kind == "asked":
            stage, asked_on = "asked", on
        elif kind == "followed_up":
            stage = "followed_up"
        elif kind == "replied":
            stage = {
                "accepted": "accepted",
                "declined_busy": "declined",
                "clear_no": "refused",
                "busy_now": "callback",
            }[event.outcome]
            if event.outcome == "busy_now" and not (event.callback_on and event.callback_on > on):
                problems.append(f"ask again on {event.callback_on}, replied {on}")
        elif kind in ("scheduled", "rescheduled"):
            stage, meeting_on = "scheduled", event.meeting_on
            if asked_on and meeting_on < asked_on:
                problems.append(f"meeting {meeting_on} before the ask {asked_on}")
        elif kind == "cancelled":
            stage, meeting_on = "cancelled", None
        elif kind in ("held", "thanked"):
            stage = kind
    return problems


def must_owe(events, closed: bool) -> set[TaskKind]:
    """The kinds of task the method owes at the end of this history."""
    stage, meeting_confirmed, told = None, False, False
    for event in events:
        if event.kind == "replied":
            stage = {"accepted": "accepted", "busy_now": "callback"}.get(event.outcome, "done")
        elif event.kind in ("scheduled", "rescheduled"):
            stage, meeting_confirmed = "scheduled", False
        elif event.kind == "confirmed":
            meeting_confirmed = True
        elif event.kind == "told_decision":
            told = True
        elif event.kind in ("asked", "followed_up", "cancelled", "held", "thanked"):
            stage = event.kind
    meeting = {TaskKind.PREPARE, TaskKind.LOG_MEETING} | (
        set() if meeting_confirmed else {TaskKind.CONFIRM}
    )
    if closed:
        return {
            "scheduled": meeting,
            "held": {TaskKind.THANK_YOU},
            "thanked": set() if told else {TaskKind.TELL_DECISION},
        }.get(stage, set())
    return {
        "asked": {TaskKind.ASK_ANOTHER, TaskKind.FOLLOW_UP},
        "accepted": {TaskKind.SCHEDULE},
        "callback": {TaskKind.CALLBACK},
        "scheduled": meeting,
        "held": {TaskKind.THANK_YOU},
        "thanked": {TaskKind.KEEP_IN_TOUCH},
    }.get(stage, set())


# ---- the machine ----------------------------------------------------------------------


class Journey(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        # A user of its own per example: the examples share one test transaction.
        STEP_COUNT["examples"] += 1
        self.user = get_user_model().objects.create_user(f"explorer{STEP_COUNT['examples']}")
        self.day = START
        self.explorations = [
            explorations.create_exploration(self.user, title=title, target_position="UX researcher")
            for title in ("Is UX research for me?", "Or product management?")
        ]
        self.closed_on: dict[int, date | None] = {e.pk: None for e in self.explorations}
        self.events: dict[int, list[EventFact]] = {}  # conversation -> what was accepted
        self.marks: list[Mark] = []

    # -- helpers

    def _try(self, action, *args, **kwargs):
        STEP_COUNT["steps"] += 1
        try:
            result = action(*args, **kwargs)
        except Invalid as refused:
            assert refused.message and "Traceback" not in refused.message
            STEP_COUNT["refused"] += 1
            return None
        STEP_COUNT["accepted"] += 1
        return result

    def _people(self):
        return list(Person.objects.filter(owner=self.user).order_by("pk"))

    def _conversation(self, index):
        pks = sorted(self.events)
        if not pks:
            return None
        return conversations.get_conversation_for(self.user, pks[index % len(pks)])

    def _log(self, index, kind, on=None, **fields):
        conversation = self._conversation(index)
        if conversation is None:
            return
        on = on or self.day
        event = self._try(conversations.log_event, self.user, conversation, kind, on=on, **fields)
        if event is not None:
            self.events[conversation.pk].append(event.fact())

    # -- rules

    @initialize(names=st.lists(st.sampled_from(NAMES), min_size=1, max_size=3))
    def first_asks(self, names):
        """Start with people already asked, so most steps act on a journey under way."""
        for name in names:
            person = people.create_person(self.user, name=name)
            self.ask_person(person, self.explorations[0])

    @rule(days=st.integers(0, 25))
    def days_pass(self, days):
        self.day += timedelta(days=days)

    @rule(name=st.sampled_from(NAMES))
    def add_person(self, name):
        STEP_COUNT["steps"] += 1
        people.create_person(self.user, name=name)

    @rule(who=st.integers(0, 20), other=st.booleans())
    def ask(self, who, other):
        found = self._people()
        if not found:
            return
        self.ask_person(found[who % len(found)], self.explorations[other])

    def ask_person(self, person, exploration):
        conversation = self._try(
            conversations.log_ask,
            self.user,
            person=person,
            exploration=exploration,
            on=self.day,
            channel="email",
            approach="direct",
            text="May I have 20 minutes?",
        )
        if conversation is not None:
            self.events.setdefault(conversation.pk, []).append(EventFact(EventKind.ASKED, self.day))

    @rule(
        index=st.integers(0, 20),
        outcome=st.sampled_from(list(Outcome)),
        callback=st.integers(-1, 10),
    )
    def reply(self, index, outcome, callback):
        extra = (
            {"callback_on": self.day + timedelta(days=callback)}
            if outcome == Outcome.BUSY_NOW
            else {}
        )
        self._log(index, EventKind.REPLIED, outcome=outcome.value, **extra)

    @rule(index=st.integers(0, 20), answer=st.sampled_from([None, Outcome.ACCEPTED]))
    def follow_up(self, index, answer):
        self._log(index, EventKind.FOLLOWED_UP, **({"outcome": answer.value} if answer else {}))

    @rule(index=st.integers(0, 20), offset=st.integers(-20, 20))
    def schedule(self, index, offset):
        """Book or move the meeting (a date in the past: logged late, or impossible)."""
        conversation = self._conversation(index)
        if conversation is None:
            return
        event = self._try(
            conversations.schedule,
            self.user,
            conversation,
            on=self.day,
            meeting_date=self.day + timedelta(days=offset),
            meeting_time=time(9, 30),
            time_zone="Europe/Berlin",
            minutes=20,
            mode="workplace",
        )
        if event is not None:
            self.events[conversation.pk].append(event.fact())

    @rule(index=st.integers(0, 20))
    def cancel(self, index):
        conversation = self._conversation(index)
        if conversation is None:
            return
        event = self._try(
            conversations.cancel, self.user, conversation, on=self.day, reason="They fell ill"
        )
        if event is not None:
            self.events[conversation.pk].append(event.fact())

    @rule(index=st.integers(0, 20), late=st.integers(0, 6))
    def hold(self, index, late):
        self._log(index, EventKind.HELD, on=self.day - timedelta(days=late))

    @rule(
        index=st.integers(0, 20),
        kind=st.sampled_from(
            [
                EventKind.CONFIRMED,
                EventKind.THANKED,
                EventKind.KEPT_IN_TOUCH,
                EventKind.TOLD_DECISION,
            ]
        ),
    )
    def other_step(self, index, kind):
        self._log(index, kind)

    @rule(index=st.integers(0, 20), name=st.sampled_from(NAMES))
    def add_referral(self, index, name):
        conversation = self._conversation(index)
        if conversation is not None:
            self._try(conversations.add_referral, self.user, conversation, name=name)

    @rule(who=st.integers(0, 20))
    def note(self, who):
        found = self._people()
        if found:
            self._try(people.add_note, self.user, found[who % len(found)], "Met at a meetup.")

    @rule(which=st.booleans())
    def close(self, which):
        exploration = explorations.get_exploration_for(self.user, self.explorations[which].pk)
        if (
            self._try(
                explorations.close_exploration,
                self.user,
                exploration.pk,
                exploration.version,
                decision="A master's in HCI",
                closed_on=self.day,
            )
            is not None
        ):
            self.closed_on[exploration.pk] = self.day

    @rule(which=st.booleans())
    def reopen(self, which):
        exploration = explorations.get_exploration_for(self.user, self.explorations[which].pk)
        if (
            self._try(
                explorations.reopen_exploration, self.user, exploration.pk, exploration.version
            )
            is not None
        ):
            self.closed_on[exploration.pk] = None

    @rule(index=st.integers(0, 20), snooze=st.integers(0, 10))
    def dismiss_or_snooze(self, index, snooze):
        shown = today.tasks_on(self.user, self.day)
        if not shown:
            return
        task = shown[index % len(shown)]
        action = MarkAction.SNOOZED if snooze else MarkAction.DISMISSED
        until = self.day + timedelta(days=snooze) if snooze else None
        STEP_COUNT["steps"] += 1
        today.mark_task(self.user, task.key, action.value, self.day, until)  # never refused
        self.marks.append(Mark(task.key, action, self.day, until))

    @rule(first=st.integers(0, 20), second=st.integers(0, 20))
    def merge(self, first, second):
        found = self._people()
        if len(found) < 2 or first % len(found) == second % len(found):
            return
        self._try(
            people.merge_people,
            self.user,
            found[first % len(found)].pk,
            found[second % len(found)].pk,
        )

    @rule(who=st.integers(0, 20), erase=st.booleans())
    def delete(self, who, erase):
        found = self._people()
        if not found:
            return
        person = found[who % len(found)]
        gone = set(Conversation.objects.filter(person=person).values_list("pk", flat=True))
        self._try(erase_person if erase else people.delete_person, self.user, person.pk)
        for pk in gone:
            self.events.pop(pk, None)

    # -- what must hold after every step

    @invariant()
    def nothing_impossible_was_stored_and_nothing_lost(self):
        STEP_COUNT["checked"] += 1
        if PROGRESS and STEP_COUNT["checked"] % 200 == 0:  # a long run says how far it got
            with open(PROGRESS, "w") as progress:
                progress.write(f"{STEP_COUNT}\n")
        stored = {}
        for event in Event.objects.filter(owner=self.user).order_by("on", "id"):
            stored.setdefault(event.conversation_id, []).append(event)
            assert event.label[0].isupper() and "_" not in event.label, event.label
        for pk, events in stored.items():
            assert not history_problems(events), (pk, history_problems(events))
        assert {pk: [e.fact() for e in events] for pk, events in stored.items()} == {
            pk: events for pk, events in self.events.items() if events
        }

    @invariant()
    def today_shows_what_is_owed_once(self):
        facts = self._facts()
        for conversation_facts in facts:
            closed = conversation_facts.exploration_closed_on is not None
            owed = {
                task.kind
                for task in tasks_for(
                    conversation_facts, today.cadence(), today.holidays_for(self.user, self.day)
                )
            }
            assert owed == must_owe(self._stored(conversation_facts), closed)
        shown = today.tasks_on(self.user, self.day)
        keys = [task.key for task in shown]
        assert len(keys) == len(set(keys)), keys
        expected = rules_today_list(
            facts,
            self.day,
            today.cadence(),
            today.holidays_for(self.user, self.day),
            conversations.referral_facts(self.user),
            self.marks,
        )
        assert [(t.key, t.title) for t in shown] == [(t.key, t.title) for t in expected]
        for task in shown:
            assert task.owed_on(self.day)
            if task.kind == TaskKind.CONFIRM:
                assert task.due <= self.day + timedelta(days=7)

    def _stored(self, facts):
        return [
            _Row(
                e.kind.value,
                e.on,
                e.outcome.value if e.outcome else "",
                e.meeting_on,
                e.callback_on,
            )
            for e in facts.events
        ]

    def _facts(self) -> list[ConversationFacts]:
        """This test's record, as the rules' facts (people's names etc. from the rows)."""
        rows = {
            c.pk: c
            for c in Conversation.objects.filter(owner=self.user).select_related(
                "person", "exploration"
            )
        }
        from coffeechat.people.models import Note

        contact: dict[int, date] = {}
        days = [
            (rows[pk].person_id, event.on) for pk, events in self.events.items() for event in events
        ]
        days += [
            (note.person_id, timezone.localtime(note.created_at).date())
            for note in Note.objects.filter(owner=self.user)
        ]
        for person_id, day in days:
            contact[person_id] = max(day, contact.get(person_id, day))
        result = []
        for pk, events in sorted(self.events.items()):
            conversation = rows[pk]
            closed_on = self.closed_on[conversation.exploration_id]
            result.append(
                ConversationFacts(
                    pk,
                    conversation.person.name,
                    conversation.person.priority,
                    tuple(events),
                    conversation.person.keep_in_touch_weeks,
                    closed_on,
                    contact.get(conversation.person_id),
                )
            )
        return result


class _Row:
    def __init__(self, kind, on, outcome, meeting_on, callback_on):
        self.kind, self.on, self.outcome = kind, on, outcome
        self.meeting_on, self.callback_on = meeting_on, callback_on


Journey.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=STEPS,
    deadline=None,
    database=None,
    derandomize=EXAMPLES <= 12,
    suppress_health_check=list(HealthCheck),
)


def test_the_journey_never_owes_what_today_does_not_show(db):
    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(Journey, settings=Journey.TestCase.settings)
    print(
        f"journey: {STEP_COUNT['checked']} steps checked; of the user's actions "
        f"{STEP_COUNT['accepted']} accepted, {STEP_COUNT['refused']} refused"
    )
