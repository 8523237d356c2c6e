"""An import's writes (SPEC D1): thousands of people in a few statements.

Django's bulk_create builds a model instance per row and prepares every value of every
field while compiling the SQL: for 9,000 people that was 2.1 s of Python, against 0.3 s
for the same rows sent as tuples. Filling blanks was one UPDATE per person and one per
search document; it is now one prepared statement per set of changed columns, run over
all the rows it concerns. The caller owns the transaction, so it stays all-or-nothing.

The search documents get the text `people.services.index_person` gives them (a test
compares the two), so search finds imported people as it finds the others.
"""

from collections import defaultdict
from types import SimpleNamespace

from django.db import connection
from django.db.models import F
from django.utils import timezone

from coffeechat.people import services as people
from coffeechat.people.models import Person, Tag
from coffeechat.search.models import Kind, SearchDocument
from coffeechat.search.services import person_text

CHUNK = 500  # rows per INSERT, ids per IN (...)
TEXT = {"CharField", "TextField"}  # internal types (EmailField and URLField are CharFields)


def create_people(user, records) -> list[int]:
    """Add people from (values, organization name, tag names) records; their new ids, in
    the records' order."""
    records = list(records)
    organizations = people.organizations_named(user, [name for _, name, _ in records])
    rows, names = [], []
    for values, organization, _ in records:
        found = organizations.get(organization.strip().lower())
        rows.append({**values, "owner_id": user.pk, "organization_id": found and found.pk})
        names.append(found.name if found else "")
    ids = insert(Person, rows)
    tags = add_tags(
        user,
        [
            (pk, tag)
            for pk, (_, _, wanted) in zip(ids, records, strict=True)
            for tag in dict.fromkeys(wanted)
        ],
    )
    insert(
        SearchDocument,
        [
            _document(user, pk, row, organization, tags.get(pk, []))
            for pk, row, organization in zip(ids, rows, names, strict=True)
        ],
    )
    return ids


def fill_in_people(user, records) -> set[int]:
    """Fill the blanks of people already here from (person id, values, tag names)
    records, and add their tags; values may name an `organization` (an Organization).
    Returns the ids of those who changed: importing the same file twice changes nobody."""
    records = list(records)
    # Locked until the import commits, so a concurrent edit is never overwritten.
    found, tags = load_people(user, {pk for pk, _, _ in records}, lock=True)
    changes, new_tags = defaultdict(dict), []
    for pk, values, wanted in records:
        person = found[pk]
        for name, value in people.blanks_to_fill(person, values).items():
            if name == "organization":
                name, value, person.organization_name = "organization_id", value.pk, value.name
            setattr(person, name, value)
            changes[pk][name] = value
        known = {tag.lower() for tag in tags[pk]}
        fresh = [tag for tag in dict.fromkeys(wanted) if tag.lower() not in known]
        new_tags += [(pk, tag) for tag in fresh]
        tags[pk] += fresh
    now = timezone.now()
    update(
        Person,
        {
            pk: {**fields, "version": found[pk].version + 1, "updated_at": now}
            for pk, fields in changes.items()
        },
    )
    added = add_tags(user, new_tags)
    touched = set(changes) | set(added)
    _reindex(user, {pk: found[pk] for pk in touched}, tags)
    return touched


def load_people(user, ids, lock: bool = False) -> tuple[dict, dict]:
    """{id: person} with what an import reads of them, and {id: [tag name]}.
    Plain values, not model instances: a re-import matches everyone, and building 10,000
    Persons with their prefetched tags was half of its time."""
    ids = sorted(ids)
    columns = ["pk", "name", "version", "organization_id", "notes", *people.FILLABLE]
    found, tags = {}, defaultdict(list)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        # Unordered: ordered by name, SQLite walks the (owner, name) index, all of it.
        rows = people.people_for(user).filter(pk__in=chunk).order_by()
        if lock:
            rows = rows.select_for_update(of=("self",))
        found.update(
            (row["pk"], SimpleNamespace(**row))
            for row in rows.values(*columns, organization_name=F("organization__name"))
        )
        # From the people's side: `person_id__in` on the link table prepares each id
        # through the foreign key, a second per 100,000.
        for pk, name in (
            people.people_for(user)
            .filter(pk__in=chunk, tags__isnull=False)
            .order_by()
            .values_list("pk", "tags__name")
        ):
            tags[pk].append(name)
    return found, tags


def add_tags(user, pairs) -> dict[int, list[str]]:
    """Tag people from (person id, tag name) pairs, creating the owner's missing tags;
    the names added per person."""
    wanted = {name for _, name in pairs}
    if not wanted:
        return {}
    tags = {tag.name: tag for tag in Tag.objects.filter(owner=user, name__in=wanted)}
    tags.update(
        {
            tag.name: tag
            for tag in Tag.objects.bulk_create(
                [Tag(owner=user, name=name) for name in wanted - set(tags)]
            )
        }
    )
    Through = Person.tags.through
    Through.objects.bulk_create(
        [Through(person_id=pk, tag_id=tags[name].pk) for pk, name in pairs],
        ignore_conflicts=True,
        batch_size=CHUNK,
    )
    added = defaultdict(list)
    for pk, name in pairs:
        added[pk].append(name)
    return added


def _reindex(user, persons: dict, tags: dict) -> None:
    documents = {}
    ids = sorted(persons)
    for start in range(0, len(ids), CHUNK):
        documents.update(
            SearchDocument.objects.filter(
                owner=user, kind=Kind.PERSON, object_id__in=ids[start : start + CHUNK]
            ).values_list("object_id", "pk")
        )
    update(
        SearchDocument,
        {
            documents[pk]: {"body": _body(vars(person), person.organization_name or "", tags[pk])}
            for pk, person in persons.items()
            if pk in documents
        },
    )


def _document(user, pk, values, organization, tags) -> dict:
    return {
        "owner_id": user.pk,
        "kind": Kind.PERSON.value,
        "object_id": pk,
        "title": values["name"][:300],
        "body": _body(values, organization, tags),
    }


def _body(values, organization, tags) -> str:
    return person_text(
        title=values.get("title", ""),
        organization=organization,
        email=values.get("email", ""),
        location=values.get("location", ""),
        tags=tags,
        notes=values.get("notes", ""),
    )


# ---- rows as tuples ----------------------------------------------------------------


def insert(model, rows: list[dict]) -> list[int]:
    """INSERT rows given as {attname: value}; every other column gets its field's default
    (`auto_now` ones the time now). Returns the new primary keys in the rows' order, read
    back with RETURNING as Django's own bulk_create does on both databases. A column with
    only a database default (`db_default`) is left to the database."""
    fields = [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and (field.has_default() or not field.has_db_default())
    ]
    now = timezone.now()
    columns = [
        (
            field,
            field.has_default() and callable(field.default),
            _default(field, now),
            field.get_internal_type() in TEXT,
        )
        for field in fields
    ]
    quote = connection.ops.quote_name
    row_sql = f"({', '.join(['%s'] * len(fields))})"
    size = max(1, min(CHUNK, connection.ops.bulk_batch_size(fields, rows)))
    ids = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} "
                f"({', '.join(quote(field.column) for field in fields)}) "
                f"VALUES {', '.join([row_sql] * len(batch))} "
                f"RETURNING {quote(model._meta.pk.column)}",
                _params(batch, columns, now),
            )
            ids += [pk for (pk,) in cursor.fetchall()]
    return ids


def insert_ignoring(model, rows: list[dict]) -> None:
    """INSERT rows that all give the same columns, skipping any a unique constraint
    already holds (ON CONFLICT DO NOTHING: SQLite and PostgreSQL both have it). Plain
    tuples: an import remembers two or three identifiers for each of 100,000 rows."""
    if not rows:
        return
    names = list(rows[0])
    fields = [model._meta.get_field(name.removesuffix("_id")) for name in names]
    quote = connection.ops.quote_name
    row_sql = f"({', '.join(['%s'] * len(names))})"
    size = max(1, min(CHUNK, connection.ops.bulk_batch_size(fields, rows)))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} "
                f"({', '.join(quote(field.column) for field in fields)}) "
                f"VALUES {', '.join([row_sql] * len(batch))} ON CONFLICT DO NOTHING",
                [row[name] for row in batch for name in names],
            )


def _params(rows, columns, now) -> list:
    params = []
    for row in rows:
        for field, per_row, default, text in columns:
            if field.attname in row:
                value = row[field.attname]
                # Text goes to a text column as it is: preparing it is most of the ORM's cost.
                params.append(
                    value
                    if text and type(value) is str
                    else field.get_db_prep_save(value, connection)
                )
            else:  # a callable default (a fresh UUID...) is called for each row
                params.append(_default(field, now) if per_row else default)
    return params


def update(model, changes: dict[int, dict]) -> None:
    """Set the given columns of rows by primary key ({pk: {attname: value}}): one prepared
    UPDATE per set of columns, executed for all the rows that change those."""
    groups = defaultdict(list)
    for pk, values in changes.items():
        groups[tuple(sorted(values))].append(pk)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for names, pks in groups.items():
            fields = [model._meta.get_field(name) for name in names]
            assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
            cursor.executemany(
                f"UPDATE {quote(model._meta.db_table)} SET {assignments} "
                f"WHERE {quote(model._meta.pk.column)} = %s",
                [
                    [
                        field.get_db_prep_save(changes[pk][field.attname], connection)
                        for field in fields
                    ]
                    + [pk]
                    for pk in pks
                ],
            )


def _default(field, now):
    auto = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    return field.get_db_prep_save(now if auto else field.get_default(), connection)
