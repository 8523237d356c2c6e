"""Records named on the command line: an id, or a name (any case, or a part of it).

A name that fits several records is refused with the list to choose from, ids first,
so the user can run the command again with the one they meant.
"""

from coffeechat.conversations import services as conversations
from coffeechat.errors import NotFound
from coffeechat.explorations import services as explorations
from coffeechat.people import services as people

from .record_actions import BadInput


class Ambiguous(BadInput):
    """A name that fits more than one record."""


def _by_name(queryset, field: str, text: str):
    exact = list(queryset.filter(**{f"{field}__iexact": text.strip()})[:20])
    return exact or list(queryset.filter(**{f"{field}__icontains": text.strip()})[:20])


def _one(found, text: str, noun: str, option: str, line):
    if not found:
        raise NotFound(f"No {noun} named '{text}'.")
    if len(found) > 1:
        choices = "\n".join(f"  {line(record)}" for record in found)
        nouns = "people" if noun == "person" else f"{noun}s"
        raise Ambiguous(
            f"{option}: '{text}' fits {len(found)} {nouns}; give the id of one:\n{choices}"
        )
    return found[0]


def person(user, text: str, option: str = "PERSON"):
    if text.strip().isdigit():
        return people.get_person_for(user, int(text))
    found = _by_name(people.people_for(user), "name", text)
    return _one(
        found,
        text,
        "person",
        option,
        lambda p: (
            f"{p.pk:>5}  {p.name}" + (f" ({p.organization.name})" if p.organization_id else "")
        ),
    )


def organization(user, text: str, option: str = "ID"):
    if text.strip().isdigit():
        return people.get_organization_for(user, int(text))
    found = _by_name(people.organizations_for(user), "name", text)
    return _one(found, text, "organization", option, lambda o: f"{o.pk:>5}  {o.name}")


def exploration(user, text: str, option: str = "EXPLORATION"):
    if text.strip().isdigit():
        return explorations.get_exploration_for(user, int(text))
    found = _by_name(explorations.explorations_for(user), "title", text)
    return _one(
        found,
        text,
        "exploration",
        option,
        lambda e: f"{e.pk:>5}  {e.title}" + (" (closed)" if e.closed_on else ""),
    )


def conversation(user, text: str, option: str = "CONVERSATION"):
    """By id, or by the person's name: their only conversation, else a choice."""
    if text.strip().isdigit():
        return conversations.get_conversation_for(user, int(text))
    someone = person(user, text, option)
    found = list(conversations.conversations_for(user).filter(person=someone).order_by("pk"))
    if not found:
        raise NotFound(
            f"No conversation with {someone.name} yet: ask them first "
            f"(coffeechat ask {someone.pk})."
        )
    return _one(
        found,
        text,
        "conversation",
        option,
        lambda c: (
            f"{c.pk:>5}  {c.person.name}, {c.exploration.title} ({c.get_kind_display().lower()}, "
            f"{c.stage_cache.replace('_', ' ')})"
        ),
    )
