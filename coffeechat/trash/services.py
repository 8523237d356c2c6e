"""The Trash (SPEC U1): deleting moves rows here, restoring puts them back with their ids.

A deletion collects what Django would delete with the record (its conversations,
events, notes, …), serializes those rows with their search documents into one
`TrashItem`, remembers the links that rows staying behind lose (a person's
organization, who introduced whom), and then really deletes them. Restoring saves the
same rows again under the same ids (ids are never reused: SQLite's AUTOINCREMENT and
PostgreSQL's sequences), and sets the lost links again where the row still exists.
Items older than KEEP_DAYS are purged. Erasing a person (SPEC D4) bypasses all of this.
"""

import json
from datetime import timedelta

from django.apps import apps
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import router
from django.db.models import F, QuerySet
from django.db.models.deletion import Collector
from django.utils import timezone

from coffeechat.errors import Conflict, NotFound
from coffeechat.search.models import SearchDocument

from .models import TrashItem

# The Trash is below the areas whose records it keeps (docs/ARCHITECTURE.md): what a
# restore means for an area's own rules and caches, the area says, from its apps.py.
# RESTORE_CHECKS: f(records, present) raises Conflict when a record may not come back;
# AFTER_RESTORE: f(records, relinked_people) refreshes what is derived from them.
RESTORE_CHECKS: list = []
AFTER_RESTORE: list = []

KEEP_DAYS = 30
# Search documents of these models are kept with their rows (search.models.Kind).
SEARCHED = {
    "people.person": "person",
    "people.organization": "organization",
    "explorations.exploration": "exploration",
    "people.note": "note",
    "conversations.conversation": "conversation",
}
# Rows that may be left out on restore when they would clash with a row made meanwhile
# (the same contact imported again after the deletion).
OPTIONAL = {"transfer.externalid"}


class _Collector(Collector):
    """Collects every row, never deleting one in bulk unseen, so that each is kept."""

    def can_fast_delete(self, *args, **kwargs):
        return False


CHANGES = "changes"


def trash_for(user) -> QuerySet[TrashItem]:
    return TrashItem.objects.filter(owner=user)


def deleted_for(user) -> QuerySet[TrashItem]:
    """What the Trash page lists: deletions, not the undo of a bulk change."""
    return trash_for(user).exclude(kind=CHANGES)


def get_trash_item_for(user, pk) -> TrashItem:
    try:
        return trash_for(user).get(pk=pk)
    except (TrashItem.DoesNotExist, ValueError, TypeError):
        raise NotFound(
            "Nothing like this is in the Trash (it may have been restored or emptied already)."
        ) from None


def move_to_trash(user, records, kind: str, label: str, now=None) -> TrashItem:
    """Delete `records` (the owner's, already checked) and all that goes with them, keeping
    a copy to restore. Runs inside the caller's transaction."""
    records = list(records)
    collector = _Collector(using=router.db_for_write(type(records[0])))
    collector.collect(records)
    collector.sort()
    kept = [
        (model, sorted(instances, key=lambda row: row.pk))
        for model, instances in collector.data.items()
    ]
    rows, gone = [], set()
    for model, instances in reversed(kept):  # parents first
        if model._meta.auto_created:  # a many-to-many table: its owner's row carries it
            continue
        rows += json.loads(serializers.serialize("json", instances))
        gone |= {(model._meta.label_lower, row.pk) for row in instances}
    documents = SearchDocument.objects.none()
    for model, instances in kept:
        search_kind = SEARCHED.get(model._meta.label_lower)
        if search_kind:
            documents |= SearchDocument.objects.filter(
                kind=search_kind, object_id__in=[r.pk for r in instances]
            )
    rows += json.loads(serializers.serialize("json", documents))
    links = _emptied_links(collector, gone)
    for _model, instances in kept:
        for instance in instances:
            instance._keep_recording = True  # its audio waits in the Trash too
    documents.delete()
    collector.delete()
    item = TrashItem.objects.create(
        owner=user,
        kind=kind,
        label=label[:300],
        rows=json.loads(json.dumps(rows, cls=DjangoJSONEncoder)),
        links=links,
        deleted_at=now or timezone.now(),
    )
    purge_old(user, now)
    return item


def _emptied_links(collector, gone) -> list:
    """[model, field, value, ids]: links (set to null by the deletion) in rows that stay."""
    links = []
    for (field, _value), batches in collector.field_updates.items():
        label = field.model._meta.label_lower
        by_value = {}
        for batch in batches:
            for row in batch:
                if (label, row.pk) not in gone:
                    old = getattr(row, field.attname)
                    if old is not None:
                        by_value.setdefault(old, []).append(row.pk)
        links += [[label, field.attname, old, ids] for old, ids in by_value.items()]
    return links


def keep_for_undo(user, records, label: str, now=None) -> TrashItem:
    """Before changing `records` in bulk: keep them as they are, so one Undo puts them
    back. Call `changed_to` once they are changed."""
    rows = json.loads(serializers.serialize("json", records))
    return TrashItem.objects.create(
        owner=user, kind=CHANGES, label=label[:300], rows=rows, deleted_at=now or timezone.now()
    )


def changed_to(item, model, fields) -> None:
    """Remember which columns the bulk change set and the versions it left, so a later
    edit blocks the undo."""
    ids = [row["pk"] for row in item.rows]
    item.expect = {
        "fields": sorted(fields),
        "versions": {
            str(pk): version
            for pk, version in model._base_manager.filter(pk__in=ids).values_list("pk", "version")
        },
    }
    item.save(update_fields=["expect"])


# ---- restore ---------------------------------------------------------------------------


def restore(user, pk) -> TrashItem:
    """Put an item's rows back, with their ids; refused if what they belong to is gone."""
    item = get_trash_item_for(user, pk)
    restored = list(serializers.deserialize("json", json.dumps(item.rows)))
    present = {(type(row.object)._meta.label_lower, row.object.pk) for row in restored}
    if item.kind == CHANGES:
        _check_unchanged(item, restored)
    _check_still_latest(restored, present)
    known = {}
    for row in restored:
        _check_owner(user, row.object)
        _reattach(row, present, known)
    _keep_existing_m2m(restored)
    if item.kind == CHANGES:
        _put_back(restored, item.expect["fields"])
    for row in restored if item.kind != CHANGES else ():
        if not _clashes(row.object):
            row.save(force_insert=True)  # inserted as it was, with its id
    relinked = _relink(item.links, present)
    if item.kind == CHANGES:
        relinked += _after_undoing_changes(item, restored)
    _after_restore(restored, relinked)
    item.delete()
    return item


def _put_back(restored, fields) -> None:
    """Undo a bulk change: the columns it set and the many-to-many links as they were, in
    one UPDATE for each set of old values (people mostly share them), not one a row."""
    model = type(restored[0].object)
    objects = [row.object for row in restored]
    columns = [model._meta.get_field(name).attname for name in fields]
    groups = {}
    for record in objects:
        groups.setdefault(tuple(getattr(record, c) for c in columns), []).append(record.pk)
    for values, pks in groups.items():
        for start in range(0, len(pks), 500):
            model._base_manager.filter(pk__in=pks[start : start + 500]).update(
                **dict(zip(columns, values, strict=True))
            )
    for name in restored[0].m2m_data or {}:
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        through._base_manager.filter(**{f"{source}__in": [o.pk for o in objects]}).delete()
        through._base_manager.bulk_create(
            [
                through(**{f"{source}_id": row.object.pk, f"{target}_id": pk})
                for row in restored
                for pk in row.m2m_data[name]
            ],
            batch_size=500,
        )


def _check_unchanged(item, restored) -> None:
    model = type(restored[0].object)
    now = dict(
        model._base_manager.filter(pk__in=[row.object.pk for row in restored]).values_list(
            "pk", "version"
        )
    )
    for row in restored:
        if now.get(row.object.pk) != item.expect["versions"].get(str(row.object.pk)):
            raise Conflict(
                f"{row.object} was changed or deleted after this, so the change "
                f"can no longer be undone in one go."
            )


def _after_undoing_changes(item, restored) -> list[int]:
    """The rows are back as they were; their version moves on, so an edit begun on either
    side of the change is told (versioning.py)."""
    model = type(restored[0].object)
    # The change moved each row's version on by one; the undo moves it on again.
    model._base_manager.filter(pk__in=[row.object.pk for row in restored]).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    return [row.object.pk for row in restored if row.object._meta.label_lower == "people.person"]


def _check_still_latest(restored, present) -> None:
    """Each area's own rule for whether its rows may come back (RESTORE_CHECKS)."""
    for check in RESTORE_CHECKS:
        check([row.object for row in restored], present)


def _check_owner(user, record) -> None:
    owner = getattr(record, "owner_id", None)
    if owner is not None and owner != user.pk:  # never: trash is read by owner only
        raise NotFound("Nothing like this is in the Trash.")


def _reattach(row, present, known) -> None:
    """A link to a record deleted meanwhile is emptied if it may be; else restore refuses.
    `known` remembers which linked rows exist (many rows name the same exploration)."""
    record = row.object
    for field in record._meta.concrete_fields:
        if not field.is_relation or field.name == "owner":
            continue
        value = getattr(record, field.attname)
        target = field.related_model
        key = (target._meta.label_lower, value)
        if value is None or key in present:
            continue
        if key not in known:
            known[key] = target._base_manager.filter(pk=value).exists()
        if known[key]:
            continue
        if field.null:
            setattr(record, field.attname, None)
            continue
        raise Conflict(
            f"This belongs to a {target._meta.verbose_name} that is no longer "
            f"there: restore that from the Trash first."
        )


def _keep_existing_m2m(restored) -> None:
    """Many-to-many links (a person's tags) only to rows still there, asked once a model."""
    wanted = {}
    for row in restored:
        for name, ids in (row.m2m_data or {}).items():
            related = row.object._meta.get_field(name).related_model
            wanted.setdefault(related, set()).update(ids)
    there = {
        model: set(model._base_manager.filter(pk__in=ids).values_list("pk", flat=True))
        for model, ids in wanted.items()
    }
    for row in restored:
        for name, ids in list((row.m2m_data or {}).items()):
            related = row.object._meta.get_field(name).related_model
            row.m2m_data[name] = [pk for pk in ids if pk in there[related]]


def _clashes(record) -> bool:
    if record._meta.label_lower not in OPTIONAL:
        return False
    fields = {name: getattr(record, name) for name in ("owner_id", "source", "value")}
    return type(record)._base_manager.filter(**fields).exists()


def _relink(links, present) -> list[int]:
    """Set the emptied links again; returns the people whose links came back."""
    people = []
    for label, attname, value, ids in links:
        target = apps.get_model(label)._meta.get_field(attname.removesuffix("_id"))
        if (
            target.related_model._meta.label_lower,
            value,
        ) not in present and not target.related_model._base_manager.filter(pk=value).exists():
            continue
        apps.get_model(label)._base_manager.filter(pk__in=ids, **{attname: None}).update(
            **{attname: value}
        )
        people += ids if label == "people.person" else []
    return people


def _after_restore(restored, relinked_people) -> None:
    """Caches derived from the rows, refreshed by the areas that own them (AFTER_RESTORE):
    a touched conversation's stage and due date, the search text of people whose
    organization came back."""
    for refresh in AFTER_RESTORE:
        refresh([row.object for row in restored], relinked_people)


# ---- emptying --------------------------------------------------------------------------


def delete_forever(user, pk) -> None:
    _discard([get_trash_item_for(user, pk)])


def empty(user) -> int:
    items = list(trash_for(user))
    _discard(items)
    return len(items)


def purge_old(user, now=None) -> int:
    """Items deleted more than KEEP_DAYS ago go for good."""
    cutoff = (now or timezone.now()) - timedelta(days=KEEP_DAYS)
    items = list(trash_for(user).filter(deleted_at__lt=cutoff))
    _discard(items)
    return len(items)


def forget_person(user, person_pk) -> int:
    """Erasing a person (D4) also drops every Trash item that holds their rows."""
    items = [item for item in trash_for(user) if _mentions_person(item, int(person_pk))]
    _discard(items)
    return len(items)


def _mentions_person(item, person_pk) -> bool:
    return any(
        (row["model"] == "people.person" and row["pk"] == person_pk)
        or row.get("fields", {}).get("person") == person_pk
        for row in item.rows
    )


def _discard(items) -> None:
    TrashItem.objects.filter(pk__in=[item.pk for item in items]).delete()  # see apps.py
