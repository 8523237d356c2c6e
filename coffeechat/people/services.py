"""People and organizations (SPEC P1-P5, D4). Every query is scoped to its owner."""

from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from coffeechat.domain import duplicates
from coffeechat.domain.limits import too_long
from coffeechat.errors import Invalid, NotFound
from coffeechat.search.models import Kind, SearchDocument
from coffeechat.search.services import (
    conversation_title,
    index_document,
    organization_text,
    person_text,
    retitle,
    unindex,
)
from coffeechat.trash.models import TrashItem
from coffeechat.trash.services import changed_to, keep_for_undo, move_to_trash
from coffeechat.versioning import save_if_unchanged

from .models import Note, Organization, Person, Tag

# ---- organizations -------------------------------------------------------------


def organizations_for(user) -> QuerySet[Organization]:
    return Organization.objects.filter(owner=user)


def get_organization_for(user, pk) -> Organization:
    try:
        return organizations_for(user).get(pk=pk)
    except (Organization.DoesNotExist, ValueError, TypeError):
        raise NotFound("No such organization.") from None


def organization_or_none(user, pk) -> Organization | None:
    """The user's organization with this id, or None (a stale or foreign id as typed)."""
    return organizations_for(user).filter(pk=pk).first()


def create_organization(user, **values) -> Organization:
    organization = Organization.objects.create(owner=user, **values)
    index_organization(organization)
    return organization


def update_organization(user, pk, version: int, **changes) -> Organization:
    organization = get_organization_for(user, pk)
    save_if_unchanged(organization, version, changes, "organization")
    organization = get_organization_for(user, pk)
    index_organization(organization)
    return organization


def organization_named(user, name: str) -> Organization:
    """The owner's organization with this name (any case), created if new."""
    existing = organizations_for(user).filter(name__iexact=name.strip()).first()
    return existing or create_organization(user, name=name.strip())


def index_organization(organization) -> None:
    body = organization_text(
        sector=organization.sector,
        website=organization.website,
        research_notes=organization.research_notes,
    )
    index_document(organization.owner, Kind.ORGANIZATION, organization.pk, organization.name, body)


def delete_organization(user, pk) -> TrashItem:
    """Move it to the Trash (SPEC U1). People there stay; they lose their organization
    until it is restored."""
    organization = get_organization_for(user, pk)
    with transaction.atomic():  # the lock needs a transaction, even when called bare
        _lock(organization)
        there = list(organization.people.values_list("pk", flat=True))
        item = move_to_trash(user, [organization], "organization", organization.name)
        reindex_people(there)  # their search text named the organization
        return item


def _lock(record) -> None:
    """Hold the row before collecting what points at it: a write naming it that runs at
    the same moment (the API holds what it names) either finishes first, and its row is
    collected, or waits and then finds it gone. Without this, the delete could miss a row
    pointed at it meanwhile and fail at commit (issue 18, finding 7)."""
    list(type(record).objects.select_for_update().filter(pk=record.pk).values_list("pk"))


# ---- people --------------------------------------------------------------------


def people_for(user) -> QuerySet[Person]:
    return Person.objects.filter(owner=user).select_related("organization", "exploration")


def people_listed(user) -> QuerySet[Person]:
    """The people list: organization and tags, the rest a click away."""
    return (
        people_for(user)
        .select_related(None)
        .select_related("organization")
        .prefetch_related("tags")
    )


def people_matching(user, *, organization_id=None, exploration_id=None) -> QuerySet[Person]:
    """The API's list, by name: all, or those at one organization or in one exploration."""
    people = people_for(user).prefetch_related("tags")
    if organization_id:
        people = people.filter(organization_id=organization_id)
    if exploration_id:
        people = people.filter(exploration_id=exploration_id)
    return people


def people_in(user, exploration) -> QuerySet[Person]:
    return people_for(user).filter(exploration=exploration)


def people_at(user, organization) -> QuerySet[Person]:
    return people_for(user).filter(organization=organization)


def people_other_than(user, person, shown=()) -> QuerySet[Person]:
    """Whom a person may be merged with, but for those `shown` already."""
    return people_for(user).exclude(pk__in={person.pk, *shown})


def introduced_by(person) -> QuerySet[Person]:
    """Whom this person introduced me to, by name. Through the person (already the
    user's): scoped by owner, SQLite would walk every person in name order instead of
    using the found_via_person index."""
    return person.introduced.only("id", "name", "found_via_person").order_by("name")


def people_of_notes(user, note_ids) -> dict[int, int]:
    """The person each of these notes is about, by note id (search opens a note there)."""
    return dict(
        Note.objects.filter(owner=user, pk__in=list(note_ids)).values_list("pk", "person_id")
    )


def get_person_for(user, pk) -> Person:
    try:
        return (
            people_for(user)
            .select_related("found_via_person", "found_via_conversation__person")
            .prefetch_related("tags")
            .get(pk=pk)
        )
    except (Person.DoesNotExist, ValueError, TypeError):
        raise NotFound("No such person.") from None


def create_person(user, *, new_organization: str = "", tags=(), **values) -> Person:
    """Add a person; `new_organization` names an organization to create on the way."""
    if new_organization.strip():
        values["organization"] = organization_named(user, new_organization)
    person = Person.objects.create(owner=user, **values)
    set_tags(user, person, tags)
    index_person(person)
    return person


@transaction.atomic  # a new organization is not left behind by a refused edit
def update_person(
    user, pk, version: int, *, new_organization: str = "", tags=None, **changes
) -> Person:
    """Apply an edit made on top of `version`; a concurrent save makes it a Conflict."""
    person = get_person_for(user, pk)
    if new_organization.strip():
        changes["organization"] = organization_named(user, new_organization)
    save_if_unchanged(person, version, changes, "person")
    if tags is not None:
        set_tags(user, person, tags)
    if "keep_in_touch_weeks" in changes:
        _tasks_changed(person)
    person = get_person_for(user, pk)
    index_person(person)
    return person


def _tasks_changed(person) -> None:
    """Their keep-in-touch rhythm shapes their conversations' tasks (the Today cache)."""
    person.conversations.mark_due_stale()


def index_person(person) -> None:
    index_document(person.owner, Kind.PERSON, person.pk, person.name, person_body(person))
    retitle(
        Kind.NOTE,
        Note.objects.filter(person=person).values_list("pk", flat=True),
        note_title(person),
    )
    retitle(
        Kind.CONVERSATION,
        person.conversations.values_list("pk", flat=True),
        conversation_title(person.name),
    )


def person_body(person) -> str:
    organization = person.organization.name if person.organization_id else ""
    return person_text(
        title=person.title,
        organization=organization,
        email=person.email,
        location=person.location,
        tags=[tag.name for tag in person.tags.all()],
        notes=person.notes,
    )


def reindex_people(pks) -> None:
    """The search text of many people whose organization or tags changed (names did not:
    their notes' and conversations' titles stay)."""
    for person in (
        Person.objects.filter(pk__in=list(pks))
        .select_related("organization")
        .prefetch_related("tags")
    ):
        SearchDocument.objects.filter(kind=Kind.PERSON, object_id=person.pk).update(
            body=person_body(person)
        )


def note_title(person) -> str:
    return f"Note on {person.name}"


# ---- tags ----------------------------------------------------------------------


def tag_names(text: str) -> list[str]:
    """ "alumni, met at PyCon" -> ["alumni", "met at PyCon"] (deduplicated, in order)."""
    names = [" ".join(part.split())[:50] for part in (text or "").split(",")]
    return list(dict.fromkeys(name for name in names if name))


def set_tags(user, person, names) -> None:
    tags = [Tag.objects.get_or_create(owner=user, name=name)[0] for name in names]
    person.tags.set(tags)


def tags_for(user) -> QuerySet[Tag]:
    return Tag.objects.filter(owner=user).annotate(uses=Count("people"))


# ---- notes ---------------------------------------------------------------------


def get_note_for(user, pk) -> Note:
    try:
        return Note.objects.select_related("person").get(owner=user, pk=pk)
    except (Note.DoesNotExist, ValueError, TypeError):
        raise NotFound("No such note.") from None


def delete_note(user, pk) -> TrashItem:
    note = get_note_for(user, pk)
    return move_to_trash(user, [note], "note", f"a note on {note.person.name}")


def add_note(user, person, text: str, conversation=None) -> Note:
    text = text.replace("\x00", "")  # no form cleans it here, and PostgreSQL refuses it
    if not text.strip():
        raise Invalid("A note needs some text.", field="text")
    if message := too_long(text, "Note"):
        raise Invalid(message, field="text")
    note = Note.objects.create(owner=user, person=person, conversation=conversation, text=text)
    index_document(user, Kind.NOTE, note.pk, note_title(person), text)
    _tasks_changed(person)  # a note is an interaction: it resets keep-in-touch (SPEC F3)
    return note


# ---- duplicates and merging (SPEC P5) ---------------------------------------


def as_contact(person) -> duplicates.Contact:
    return duplicates.Contact(
        person.pk, person.name, person.email, person.profile_url, person.organization_id
    )


def likely_duplicates_of(user, candidate: duplicates.Contact) -> list[tuple[Person, str]]:
    """People who are probably `candidate` already, each with the reason."""
    from rapidfuzz import fuzz  # here: `coffeechat today` reaches this module, never this

    email = duplicates.normal_email(candidate.email)
    query = Q(organization_id=candidate.organization_id) if candidate.organization_id else Q()
    if email:
        query |= Q(email__iexact=email)
    if candidate.profile_url.strip():
        query |= Q(
            profile_url__icontains=duplicates.normal_profile_url(candidate.profile_url).split(
                "/", 1
            )[-1]
        )
    if not query:
        return []
    pool = (
        Person.objects.filter(owner=user)
        .filter(query)
        .values_list("id", "name", "email", "profile_url", "organization_id")[:500]
    )
    matches = duplicates.likely_duplicates(
        candidate, (duplicates.Contact(*row) for row in pool), fuzz.token_sort_ratio
    )
    found = people_for(user).in_bulk([match.id for match in matches])
    return [(found[match.id], match.reason) for match in matches]


def duplicates_of_values(user, data: dict, instance=None) -> list[tuple[Person, str]]:
    """Likely duplicates of a person described by a form's cleaned values (the web form
    and `coffeechat people add` both ask this before saving)."""
    organization = data.get("organization")
    if organization is None and data.get("new_organization", "").strip():
        # A typed name that is already an organization of mine is that organization.
        organization = (
            organizations_for(user).filter(name__iexact=data["new_organization"].strip()).first()
        )
    candidate = duplicates.Contact(
        instance.pk if instance else None,
        data["name"],
        data.get("email", ""),
        data.get("profile_url", ""),
        organization.pk if organization else None,
    )
    return likely_duplicates_of(user, candidate)


def merge_people(user, survivor_pk, duplicate_pk) -> Person:
    """Fold `duplicate` into `survivor`: conversations, notes, referral links, tags and
    any field the survivor lacks move over; then the duplicate is deleted."""
    if str(survivor_pk) == str(duplicate_pk):
        raise Invalid("Choose two different people to merge.", field="other")
    with transaction.atomic():  # all of it or nothing, and the locks below need it
        return _merge(user, survivor_pk, duplicate_pk)


def _merge(user, survivor_pk, duplicate_pk) -> Person:
    ids = [get_person_for(user, pk).pk for pk in (survivor_pk, duplicate_pk)]
    # Lock both until the merge commits, then read them: the survivor is saved whole
    # below, so an edit committed in between would be overwritten unseen (PostgreSQL).
    list(Person.objects.select_for_update().filter(pk__in=ids).values_list("pk"))
    survivor, duplicate = (get_person_for(user, pk) for pk in ids)
    _move_links(survivor, duplicate)
    _fill_blanks(survivor, duplicate)
    survivor.tags.add(*duplicate.tags.all())
    unindex(Kind.PERSON, [duplicate.pk])
    duplicate.delete()
    _tasks_changed(survivor)
    survivor = get_person_for(user, survivor.pk)
    index_person(survivor)
    return survivor


def _move_links(survivor, duplicate) -> None:
    duplicate.conversations.update(person=survivor)
    Note.objects.filter(person=duplicate).update(person=survivor)
    Person.objects.filter(found_via_person=duplicate).exclude(pk=survivor.pk).update(
        found_via_person=survivor
    )


MERGEABLE = (
    "title",
    "organization",
    "exploration",
    "email",
    "phone",
    "profile_url",
    "location",
    "time_zone",
    "found_via_person",
    "found_via_conversation",
)


def _fill_blanks(survivor, duplicate) -> None:
    for field in MERGEABLE:
        if not getattr(survivor, field) and getattr(duplicate, field):
            setattr(survivor, field, getattr(duplicate, field))
    if survivor.found_via_person_id == survivor.pk:
        survivor.found_via_person = None
    if duplicate.notes.strip():
        survivor.notes = "\n\n".join(filter(None, [survivor.notes, duplicate.notes]))
    survivor.priority = max(survivor.priority, duplicate.priority)
    survivor.do_not_ask = survivor.do_not_ask or duplicate.do_not_ask
    survivor.version += 1
    survivor.save()


COMPARED = (
    ("name", "Name"),
    ("title", "Title"),
    ("organization", "Organization"),
    ("exploration", "Exploration"),
    ("level", "Level"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("profile_url", "Profile"),
    ("location", "Location"),
    ("time_zone", "Time zone"),
    ("how_found", "How I found them"),
    ("found_via_person", "Introduced by"),
    ("priority", "Priority"),
    ("do_not_ask", "Do not ask"),
    ("notes", "About"),
)


def merge_preview(survivor, duplicate) -> list[dict]:
    """The two records side by side, field by field, with what the merge keeps (the same
    rules as `_fill_blanks`): for the merge page (SPEC P5)."""
    rows = []
    for field, label in COMPARED:
        keep, fold = _shown(survivor, field), _shown(duplicate, field)
        result = keep
        if field in MERGEABLE and not getattr(survivor, field) and getattr(duplicate, field):
            result = fold
        elif field == "notes":
            result = "\n\n".join(filter(None, [survivor.notes, duplicate.notes.strip()]))
        elif field == "priority":
            result = str(max(survivor.priority, duplicate.priority))
        elif field == "do_not_ask":
            result = "yes" if survivor.do_not_ask or duplicate.do_not_ask else "no"
        rows.append(
            {"label": label, "keep": keep, "fold": fold, "result": result, "differs": keep != fold}
        )
    tags = [sorted(tag.name for tag in p.tags.all()) for p in (survivor, duplicate)]
    rows.append(
        {
            "label": "Tags",
            "keep": ", ".join(tags[0]),
            "fold": ", ".join(tags[1]),
            "result": ", ".join(sorted(set(tags[0]) | set(tags[1]))),
            "differs": tags[0] != tags[1],
        }
    )
    counts = [(p.conversations.count(), p.dated_notes.count()) for p in (survivor, duplicate)]
    rows.append(
        {
            "label": "Conversations and notes",
            "keep": "{} and {}".format(*counts[0]),
            "fold": "{} and {}".format(*counts[1]),
            "result": f"{counts[0][0] + counts[1][0]} and {counts[0][1] + counts[1][1]}",
            "differs": counts[0] != counts[1],
        }
    )
    return rows


def _shown(person, field) -> str:
    value = getattr(person, field)
    display = getattr(person, f"get_{field}_display", None)
    if display:
        return display()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


# ---- deletion (SPEC D4) ------------------------------------------------------


def deletion_summary(user, pk) -> dict:
    """What deleting a person takes with it, for the confirmation."""
    person = get_person_for(user, pk)
    conversations = person.conversations.all()
    return {
        "person": person,
        "conversations": conversations.count(),
        "events": conversations.aggregate(events=Count("events"))["events"],
        "notes": Note.objects.filter(person=person).count(),
        # Their audio files are removed with the rows (conversations/apps.py).
        "recordings": conversations.exclude(recording="").count(),
        "introduced": Person.objects.filter(found_via_person=person).count(),
        "files": person.attachments.count(),  # added to an ask to them (outreach, U4)
    }


def delete_person(user, pk) -> TrashItem:
    """Move a person and everything said about them to the Trash (SPEC U1)."""
    person = get_person_for(user, pk)
    with transaction.atomic():  # the lock needs a transaction, even when called bare
        _lock(person)
        return move_to_trash(user, [person], "person", person.name)


def delete_people(user, ids) -> TrashItem:
    """Move several people to the Trash as one item, undone in one go (SPEC U2)."""
    people = list(people_for(user).filter(pk__in=ids).order_by("pk"))
    if not people:
        raise Invalid("Choose at least one person.", field="people")
    with transaction.atomic():
        list(
            Person.objects.select_for_update()
            .filter(pk__in=[p.pk for p in people])
            .values_list("pk")
        )
        label = people[0].name if len(people) == 1 else f"{len(people)} people"
        return move_to_trash(user, people, "people", label)


def ids_of(people: QuerySet[Person]) -> list[int]:
    """The ids of a list of people (the people list's "select all N matching")."""
    return list(people.values_list("pk", flat=True))


def change_people(user, ids, *, changes: dict, add_tags=(), remove_tags=()) -> TrashItem:
    """Set the same values on many people at once, in one transaction; returns what one
    Undo needs to put them back as they were (SPEC U2)."""
    if not changes and not add_tags and not remove_tags:
        raise Invalid(
            "Choose what to change: a level, an exploration, a priority, tags or “do not ask”.",
            field="level",
        )
    people = list(
        people_for(user)
        .filter(pk__in=ids)
        .select_related(None)
        .prefetch_related("tags")
        .order_by("pk")
    )
    if not people:
        raise Invalid("Choose at least one person.", field="people")
    pks = [person.pk for person in people]
    with transaction.atomic():
        list(Person.objects.select_for_update().filter(pk__in=pks).values_list("pk"))
        label = people[0].name if len(people) == 1 else f"{len(people)} people"
        item = keep_for_undo(user, people, label)
        # The version moves, so an edit begun before this is told (versioning.py).
        Person.objects.filter(pk__in=pks).update(
            **changes, version=F("version") + 1, updated_at=timezone.now()
        )
        _retag(user, pks, add_tags, remove_tags)
        if add_tags or remove_tags:  # tags are part of a person's search text
            reindex_people(pks)
        changed_to(item, Person, [name.removesuffix("_id") for name in changes])
    return item


def _retag(user, pks, add_tags, remove_tags) -> None:
    links = Person.tags.through
    if add_tags:
        tags = [Tag.objects.get_or_create(owner=user, name=name)[0] for name in add_tags]
        links.objects.bulk_create(
            [links(person_id=pk, tag_id=tag.pk) for pk in pks for tag in tags],
            ignore_conflicts=True,
            batch_size=500,
        )
    if remove_tags:
        names = Q()
        for name in remove_tags:
            names |= Q(tag__name__iexact=name)
        links.objects.filter(names, person_id__in=pks, tag__owner=user).delete()


def destroy_person(user, pk) -> None:
    """Remove a person and everything said about them for good, search index included:
    erasing (SPEC D4), never the Trash."""
    person = get_person_for(user, pk)
    with transaction.atomic():  # the lock needs a transaction, even when called bare
        _lock(person)
        unindex(Kind.NOTE, Note.objects.filter(person=person).values_list("pk", flat=True))
        unindex(Kind.CONVERSATION, person.conversations.values_list("pk", flat=True))
        unindex(Kind.PERSON, [person.pk])
        person.delete()


# ---- hooks for importing many people at once (SPEC D1; used by coffeechat.transfer) ----

FILLABLE = ("title", "email", "phone", "profile_url", "location", "time_zone")


def blanks_to_fill(person, values: dict) -> dict:
    """What `values` would add to `person`: an import fills blanks, never overwrites."""
    changes = {
        name: values[name] for name in FILLABLE if values.get(name) and not getattr(person, name)
    }
    if values.get("organization") and not person.organization_id:
        changes["organization"] = values["organization"]
    notes = (values.get("notes") or "").strip()
    if notes and notes not in person.notes:
        changes["notes"] = "\n\n".join(filter(None, [person.notes, notes]))
    return changes


def fill_in_websites(user, sites: dict[str, str]) -> int:
    """Give each organization named in `sites` (lower-cased name -> address) that has no
    website yet the one given; a website already there is never overwritten."""
    changed = 0
    for organization in organizations_for(user).filter(website=""):
        site = sites.get(organization.name.strip().lower(), "")
        if site and len(site) <= Organization._meta.get_field("website").max_length:
            # The version moves, so an edit begun before the import is told (versioning).
            changed += Organization.objects.filter(pk=organization.pk, website="").update(
                website=site, version=F("version") + 1
            )
    return changed


def organizations_named(user, names) -> dict[str, Organization]:
    """The owner's organizations by lower-cased name, the missing ones created in bulk."""
    wanted = {name.strip().lower(): name.strip() for name in names if name.strip()}
    found = {}
    for organization in organizations_for(user).order_by("pk"):
        found.setdefault(organization.name.strip().lower(), organization)
    missing = [Organization(owner=user, name=wanted[key]) for key in wanted if key not in found]
    created = Organization.objects.bulk_create(missing, batch_size=500)
    SearchDocument.objects.bulk_create(
        [
            SearchDocument(
                owner=user, kind=Kind.ORGANIZATION, object_id=o.pk, title=o.name[:300], body="\n\n"
            )
            for o in created
        ],
        batch_size=500,
    )
    found.update({organization.name.lower(): organization for organization in created})
    return found


def refresh_restored(records, relinked_people) -> None:
    """People whose organization or tags came back with a restore are searched anew."""
    reindex_people(relinked_people)
