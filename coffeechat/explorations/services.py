"""Explorations (SPEC E1-E3). Services take the acting user and validated values."""

from django.db import transaction
from django.db.models import Prefetch, QuerySet

from coffeechat.conversations.services import mark_due_stale
from coffeechat.domain import lamp
from coffeechat.errors import Invalid, NotFound
from coffeechat.people.models import Person
from coffeechat.search.models import Kind
from coffeechat.search.services import exploration_text, index_document
from coffeechat.trash.models import TrashItem
from coffeechat.trash.services import move_to_trash
from coffeechat.versioning import save_if_unchanged

from .models import Exploration, Option, OptionPoint, Side, Target

EDITABLE = ("title", "field", "target_position", "decision_kind", "notes", "decision", "closed_on")


def explorations_for(user) -> QuerySet[Exploration]:
    return Exploration.objects.filter(owner=user)


def has_explorations(user) -> bool:
    return explorations_for(user).exists()


def get_exploration_for(user, pk) -> Exploration:
    try:
        return explorations_for(user).get(pk=pk)
    except (Exploration.DoesNotExist, ValueError, TypeError):
        raise NotFound("No such exploration.") from None


def create_exploration(user, **values) -> Exploration:
    exploration = Exploration.objects.create(owner=user, **values)
    index_exploration(exploration)
    return exploration


def index_exploration(exploration) -> None:
    body = exploration_text(
        field=exploration.field,
        target_position=exploration.target_position,
        notes=exploration.notes,
        decision=exploration.decision,
    )
    index_document(exploration.owner, Kind.EXPLORATION, exploration.pk, exploration.title, body)


def update_exploration(user, pk, version: int, **values) -> Exploration:
    """Apply an edit made on top of `version`; refuse it if someone saved in between."""
    exploration = get_exploration_for(user, pk)
    changes = {name: values[name] for name in EDITABLE if name in values}
    save_if_unchanged(exploration, version, changes, "exploration")
    exploration = get_exploration_for(user, pk)
    index_exploration(exploration)
    return exploration


# ---- closing with a decision (SPEC E3) ------------------------------------------


def close_exploration(user, pk, version: int, *, decision: str, closed_on) -> Exploration:
    """Record the decision and its date; the exploration stays searchable."""
    if not decision.strip():
        raise Invalid("Write down what you decided.", field="decision")
    exploration = update_exploration(user, pk, version, decision=decision, closed_on=closed_on)
    _tasks_changed(exploration)
    return exploration


def reopen_exploration(user, pk, version: int) -> Exploration:
    exploration = update_exploration(user, pk, version, closed_on=None)
    _tasks_changed(exploration)
    return exploration


def _tasks_changed(exploration) -> None:
    """Closing or reopening changes every conversation's tasks (tell them the decision)."""
    mark_due_stale(exploration=exploration)


# ---- options under decision (SPEC E2) -------------------------------------------


def options_for(user, exploration) -> QuerySet[Option]:
    points = OptionPoint.objects.select_related("finding__conversation__person")
    return Option.objects.filter(owner=user, exploration=exploration).prefetch_related(
        Prefetch("points", queryset=points)
    )


def add_option(user, exploration, title: str, notes: str = "") -> Option:
    if not title.strip():
        raise Invalid("Name the option, e.g. “MSc in HCI”.", field="title")
    return Option.objects.create(
        owner=user, exploration=exploration, title=title.strip(), notes=notes
    )


def add_point(user, option_pk, side: str, text: str, finding=None) -> OptionPoint:
    try:
        option = Option.objects.get(owner=user, pk=option_pk)
    except (Option.DoesNotExist, ValueError, TypeError):
        raise NotFound("No such option.") from None
    if side not in Side.values:
        raise Invalid("Choose pro or con.", field="side")
    if not text.strip():
        raise Invalid("Write the pro or con.", field="text")
    if finding is not None and (
        finding.owner_id != user.pk or finding.conversation.exploration_id != option.exploration_id
    ):
        raise Invalid("Cite a finding from this exploration.", field="finding")
    return OptionPoint.objects.create(
        owner=user, option=option, side=side, text=text.strip(), finding=finding
    )


# ---- the LAMP target list (SPEC P6) ---------------------------------------------


def set_target(
    user, exploration, organization, *, advocacy: bool, motivation: int, postings: int
) -> Target:
    """Score an organization for this exploration (created on first scoring)."""
    try:
        lamp.LampScore(organization.pk, organization.name, advocacy, motivation, postings)
    except ValueError as error:
        raise Invalid(
            str(error), field="motivation" if "Motivation" in str(error) else "postings"
        ) from None
    target, _ = Target.objects.update_or_create(
        owner=user,
        exploration=exploration,
        organization=organization,
        defaults={"advocacy": advocacy, "motivation": motivation, "postings": postings},
    )
    return target


def lamp_list(user, exploration) -> list[tuple]:
    """[(Ranked, target, [starter people])] in LAMP order, in two queries."""
    targets = {
        t.organization_id: t
        for t in Target.objects.filter(owner=user, exploration=exploration).select_related(
            "organization"
        )
    }
    ranked = lamp.lamp_order(
        lamp.LampScore(t.organization_id, t.organization.name, t.advocacy, t.motivation, t.postings)
        for t in targets.values()
    )
    people = Person.objects.filter(owner=user, organization_id__in=targets)
    starters = _starters_by_organization(people, exploration.target_position)
    return [
        (r, targets[r.score.organization_id], starters.get(r.score.organization_id, []))
        for r in ranked
    ]


def _starters_by_organization(people, target_position):
    by_organization, by_id = {}, {}
    for person in people:
        by_id[person.pk] = person
        by_organization.setdefault(person.organization_id, []).append(
            lamp.Candidate(
                person.pk,
                person.name,
                person.title,
                person.level,
                person.how_found,
                person.priority,
                person.do_not_ask,
            )
        )
    return {
        org: [by_id[c.id] for c in lamp.starter_contacts(candidates, target_position)]
        for org, candidates in by_organization.items()
    }


def delete_exploration(user, pk) -> TrashItem:
    """Move an exploration with its conversations, options and targets to the Trash."""
    exploration = get_exploration_for(user, pk)
    with transaction.atomic():  # the lock needs a transaction, even when called bare
        # Held before collecting what points at it, as people.services._lock explains.
        list(Exploration.objects.select_for_update().filter(pk=exploration.pk).values_list("pk"))
        return move_to_trash(user, [exploration], "exploration", exploration.title)
