"""The services against a model a person could check by hand (docs/RELIABILITY.md).

Hypothesis drives create, edit (with a fresh or a stale version), note, merge, delete,
ask, follow up, import, and export followed by restore, in random orders; after every
step the database must hold exactly what the in-memory model says, and a restore of the
export must hold it too.
"""

from dataclasses import dataclass, field
from datetime import date

import pytest
from django.db import transaction
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    rule,
    run_state_machine_as_test,
)

from coffeechat.accounts.services import local_user
from coffeechat.conversations.models import Conversation, Event
from coffeechat.conversations.services import log_ask, log_event
from coffeechat.domain.journey import EventKind
from coffeechat.errors import Conflict, Invalid
from coffeechat.explorations.services import create_exploration
from coffeechat.people import services as people
from coffeechat.people.models import Note, Person
from coffeechat.transfer import archive
from coffeechat.transfer.services import import_contacts

from .fuzzing import fuzz_settings

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 20)
FOLLOW_UP_DAY = date(2026, 12, 1)  # seven business days later: a follow-up needs some
WORDS = st.sampled_from(
    [
        "Ada",
        "Grace",
        "Lovelace",
        "Hopper",
        "Ngozi",
        "Jürgen",
        "李",
        "😀",
        "\u202eRTL",
        "O'Brien",
        "x" * 60,
    ]
)
TEXT = st.lists(WORDS, min_size=1, max_size=3).map(" ".join)
TAGS = st.lists(st.sampled_from(["alumni", "PyCon", "mentor", "ü"]), max_size=2, unique=True)
CONNECTED = "Connected on LinkedIn: 12 March 2024"


@dataclass
class Someone:
    """What the model expects of one person."""

    pk: int
    name: str
    title: str = ""
    notes: str = ""
    profile_url: str = ""
    version: int = 1
    tags: set = field(default_factory=set)
    dated_notes: list = field(default_factory=list)
    conversations: list = field(default_factory=list)  # [event kinds] per conversation


def observed(user) -> dict:
    """The same view of the database, for comparing."""
    seen = {}
    for person in Person.objects.filter(owner=user).prefetch_related("tags"):
        seen[person.pk] = (
            person.name,
            person.title,
            person.notes,
            person.profile_url,
            person.version,
            {t.name for t in person.tags.all()},
        )
    notes = {}
    for person_id, text in Note.objects.filter(owner=user).values_list("person_id", "text"):
        notes.setdefault(person_id, []).append(text)
    events = {}
    for conversation in Conversation.objects.filter(owner=user).order_by("pk"):
        kinds = list(
            Event.objects.filter(conversation=conversation)
            .order_by("on", "id")
            .values_list("kind", flat=True)
        )
        events.setdefault(conversation.person_id, []).append(kinds)
    return {
        pk: (*row, sorted(notes.get(pk, [])), sorted(events.get(pk, [])))
        for pk, row in seen.items()
    }


def expected(model: dict) -> dict:
    return {
        p.pk: (
            p.name,
            p.title,
            p.notes,
            p.profile_url,
            p.version,
            p.tags,
            sorted(p.dated_notes),
            sorted(p.conversations),
        )
        for p in model.values()
    }


class Workspace(RuleBasedStateMachine):
    people = Bundle("people")

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()  # every run starts from the same empty workspace
        self.user = local_user()
        self.exploration = create_exploration(self.user, title="Q", target_position="T")
        self.model: dict[int, Someone] = {}
        self.imported = 0
        self.renamed: dict[int, int] = {}  # a restore gives every row a fresh id

    def now(self, pk: int) -> int:
        """The id the person drawn from the bundle has now (after any restore)."""
        return self.renamed.get(pk, pk)

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    @rule(target=people, name=TEXT, title=st.sampled_from(["", "Engineer"]), tags=TAGS)
    def create(self, name, title, tags):
        person = people.create_person(self.user, name=name, title=title, tags=tags)
        self.model[person.pk] = Someone(person.pk, name, title, tags=set(tags))
        return person.pk

    @rule(pk=people, title=TEXT, stale=st.booleans())
    def edit(self, pk, title, stale):
        pk = self.now(pk)
        if pk not in self.model:
            return
        someone = self.model[pk]
        version = someone.version + (3 if stale else 0)
        if stale:
            with pytest.raises(Conflict):
                people.update_person(self.user, pk, version, title=title)
            return
        people.update_person(self.user, pk, version, title=title)
        someone.title, someone.version = title, someone.version + 1

    @rule(pk=people, text=st.one_of(TEXT, st.just("  ")))
    def note(self, pk, text):
        pk = self.now(pk)
        if pk not in self.model:
            return
        if not text.strip():
            with pytest.raises(Invalid):
                people.add_note(self.user, Person.objects.get(pk=pk), text)
            return
        people.add_note(self.user, Person.objects.get(pk=pk), text)
        self.model[pk].dated_notes.append(text)

    @rule(keep=people, other=consumes(people))
    def merge(self, keep, other):
        keep, other = self.now(keep), self.now(other)
        if keep == other or keep not in self.model or other not in self.model:
            return
        people.merge_people(self.user, keep, other)
        survivor, duplicate = self.model[keep], self.model.pop(other)
        survivor.title = survivor.title or duplicate.title
        survivor.profile_url = survivor.profile_url or duplicate.profile_url
        if duplicate.notes.strip():
            survivor.notes = "\n\n".join(filter(None, [survivor.notes, duplicate.notes]))
        survivor.version += 1
        survivor.tags |= duplicate.tags
        survivor.dated_notes += duplicate.dated_notes
        survivor.conversations += duplicate.conversations

    @rule(pk=consumes(people))
    def delete(self, pk):
        pk = self.now(pk)
        if pk in self.model:
            people.delete_person(self.user, pk)
            del self.model[pk]

    @rule(pk=people)
    def ask(self, pk):
        pk = self.now(pk)
        if pk not in self.model:
            return
        someone = self.model[pk]
        person = Person.objects.get(pk=pk)
        if someone.conversations:  # already asked in this exploration
            with pytest.raises(Invalid):
                log_ask(
                    self.user,
                    person=person,
                    exploration=self.exploration,
                    on=DAY,
                    channel="email",
                    approach="direct",
                )
            return
        log_ask(
            self.user,
            person=person,
            exploration=self.exploration,
            on=DAY,
            channel="email",
            approach="direct",
        )
        someone.conversations.append(["asked"])

    @rule(pk=people)
    def follow_up(self, pk):
        pk = self.now(pk)
        if pk not in self.model or not self.model[pk].conversations:
            return
        events = self.model[pk].conversations[0]
        conversation = Conversation.objects.filter(person_id=pk).order_by("pk")[0]
        if events[-1] != "asked":
            with pytest.raises(Invalid):
                log_event(self.user, conversation, EventKind.FOLLOWED_UP, on=FOLLOW_UP_DAY)
            return
        log_event(self.user, conversation, EventKind.FOLLOWED_UP, on=FOLLOW_UP_DAY)
        events.append("followed_up")

    @rule(count=st.integers(1, 3), again=st.booleans())
    def import_linkedin(self, count, again):
        """New connections, and (sometimes) one already imported: its blanks are filled."""
        rows, new = [], []
        for _ in range(count):
            self.imported += 1
            url = f"https://www.linkedin.com/in/someone-{self.imported}"
            rows.append(f"Imported,Number{self.imported},{url},,Org {self.imported},,12 Mar 2024")
            new.append((f"Imported Number{self.imported}", url))
        known = [p for p in self.model.values() if p.profile_url] if again else []
        if known:
            rows.append(f"Again,Again,{known[0].profile_url},,,Lead,12 Mar 2024")
        data = (
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            + "\n".join(rows)
            + "\n"
        ).encode()
        import_contacts(self.user, data)
        for name, url in new:
            pk = Person.objects.get(owner=self.user, profile_url=url).pk
            self.model[pk] = Someone(pk, name, notes=CONNECTED, profile_url=url)
        if known:
            self.fill_blanks(known[0])

    def fill_blanks(self, someone: Someone) -> None:
        changed = False
        if not someone.title:
            someone.title, changed = "Lead", True
        if CONNECTED not in someone.notes:
            someone.notes = "\n\n".join(filter(None, [someone.notes, CONNECTED]))
            changed = True
        someone.version += int(changed)

    @rule()
    def export_wipe_and_restore(self):
        """The export is the whole workspace: restored into the emptied workspace, it gives
        back exactly what was there (under fresh ids, in the same order), and the next
        steps go on from the restored rows."""
        before = observed(self.user)
        export = archive.loads(archive.dumps(archive.export_workspace(self.user)))
        for model, owner in reversed(archive.owned_models()):
            model._base_manager.filter(**{owner: self.user}).delete()
        assert observed(self.user) == {}
        archive.restore(self.user, export)
        fresh = dict(zip(sorted(before), sorted(observed(self.user)), strict=True))
        assert observed(self.user) == {fresh[pk]: row for pk, row in before.items()}
        self.renamed = {old: fresh.get(new, new) for old, new in self.renamed.items()} | {
            old: new for old, new in fresh.items() if old not in self.renamed
        }
        self.model = {fresh[pk]: someone for pk, someone in self.model.items()}
        self.exploration = type(self.exploration).objects.get(owner=self.user)
        for pk, someone in self.model.items():
            someone.pk = pk

    @invariant()
    def database_agrees_with_the_model(self):
        assert observed(self.user) == expected(self.model)


def test_the_services_agree_with_a_simple_model_after_every_step(db):
    run_state_machine_as_test(Workspace, settings=fuzz_settings(6, stateful_step_count=20))


def test_asking_again_after_merging_two_people_who_were_both_asked_gets_a_message(me):
    """Found by the model: the merged person has two conversations in the exploration."""
    exploration = create_exploration(me, title="Q", target_position="T")
    ada, ada_again = (people.create_person(me, name=name) for name in ("Ada", "Ada L."))
    for person in (ada, ada_again):
        log_ask(
            me, person=person, exploration=exploration, on=DAY, channel="email", approach="direct"
        )
    people.merge_people(me, ada.pk, ada_again.pk)
    with pytest.raises(Invalid, match="already been asked"):
        log_ask(
            me,
            person=Person.objects.get(pk=ada.pk),
            exploration=exploration,
            on=DAY,
            channel="email",
            approach="direct",
        )
    assert Conversation.objects.filter(person=ada).count() == 2
