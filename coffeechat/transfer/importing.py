"""Importing contacts (SPEC D1): a preview of what a file would do, then the commit.

Both run the same plan: every row of the file is new, the same person as someone
already here (same email, personal profile URL, phone and name, name and organization,
or an identifier an earlier import remembered: their blanks are filled, nothing is
overwritten and a differing value is reported), possibly someone already here (a close
name at the same organization: the user chooses), a repeat of an earlier row of the file
(merged into it: its phones and emails are kept), or refused with its reason.

Every row that is saved is remembered by where it came from (`ExternalId`: its vCard
UID, its identifier in the exporting program, and a fingerprint of the row), so the
same file imported again finds the same people: it adds no one and changes nothing.
Neither commits: the caller wraps the commit in one transaction, so it is
all-or-nothing.
"""

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from coffeechat.people import services as people

from . import importers, saving
from .importers.contact import Contact, profile_url_of
from .matching import Matcher, external_value, normal_phone, normal_profile_url
from .models import ExternalId

REVIEW_TAG = "name to check"  # on people whose name the import made up

Progress = Callable[[int, int], None] | None
PROGRESS_EVERY = 500


class Status(StrEnum):
    NEW = "new"
    SAME = "same"
    POSSIBLE = "possible"
    REPEAT = "repeat"
    REJECTED = "rejected"


class Choice(StrEnum):
    """What to do with a possible duplicate."""

    MERGE = "merge"
    NEW = "new"
    SKIP = "skip"


@dataclass
class Planned:
    line: int
    status: Status
    name: str = ""
    organization: str = ""
    values: dict = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    uid: str = ""
    person_id: int | None = None
    person_name: str = ""
    reason: str = ""
    warnings: list[str] = field(default_factory=list)
    fills: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # "Nickname → notes"
    conflicts: list[str] = field(default_factory=list)  # values here kept, file's differ
    review: bool = False  # the name was made up: the user checks it
    external: list[tuple[str, str]] = field(default_factory=list)  # (source, value)
    contact: Contact | None = None

    def as_dict(self) -> dict:
        # Not dataclasses.asdict, which deep-copies `values` only for it to be dropped.
        return {
            name: list(value) if isinstance(value, list) else value
            for name, value in vars(self).items()
            if name not in {"values", "contact", "external"}
        }


@dataclass
class Summary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    rejected: int = 0


def plan(user, parsed: importers.Parsed, progress: Progress = None) -> list[Planned]:
    matcher = Matcher(user)
    in_file: dict[str, Planned] = {}
    planned = []
    for index, row in enumerate(parsed.rows, start=1):
        planned.append(_plan_row(row, parsed.format, in_file))
        if progress and index % PROGRESS_EVERY == 0:
            progress(index, len(parsed.rows))
    for row in planned:
        if row.status == Status.NEW:
            _match(row, matcher)
    _describe_matches(user, planned)
    if progress:
        progress(len(parsed.rows), len(parsed.rows))
    return planned


def _plan_row(row: importers.Row, format: str, in_file: dict) -> Planned:
    if row.problem:
        return Planned(row.line, Status.REJECTED, reason=row.problem, warnings=row.warnings)
    contact = row.contact
    planned = Planned(
        row.line,
        Status.NEW,
        contact.name,
        contact.organization,
        warnings=row.warnings,
        moved=row.moved,
        review=row.review,
        contact=contact,
        uid=contact.uid,
        external=_external(format, contact),
    )
    keys = _file_keys(planned)
    earlier = next((in_file[key] for key in keys if key in in_file), None)
    if earlier:
        # The same person twice in one file (a contact in two groups, an address book
        # merged twice): one person, with the phones and emails of both rows.
        _combine(earlier, planned)
        planned.status, planned.reason = (
            Status.REPEAT,
            (f"the same person as line {earlier.line}: merged into it"),
        )
        in_file.update(dict.fromkeys(keys, earlier))
        return planned
    in_file.update(dict.fromkeys(keys, planned))
    return planned


def _external(format: str, contact: Contact) -> list[tuple[str, str]]:
    """What identifies the row in the file: its UID, the exporting program's identifier,
    and a fingerprint of what the row says (for rows that carry no identifier)."""
    text = "\x1f".join(
        [
            format,
            contact.name.lower(),
            contact.organization.lower(),
            *sorted(e.lower() for e in contact.emails),
            *sorted(" ".join(p.split()) for p in contact.phones),
            *sorted(u.lower() for u in contact.urls),
        ]
    )
    # Matched in this order: the very row an earlier import saved is the surest match.
    found = [("row", hashlib.sha1(text.encode()).hexdigest())]
    found += [("vcard", external_value(contact.uid))] if contact.uid else []
    found += [("key", external_value(f"{format}:{key}")) for key in contact.keys]
    return found


def _file_keys(row: Planned) -> list[str]:
    contact = row.contact
    name = people.duplicates.normal_name(contact.name)
    keys = [f"{source}:{value}" for source, value in row.external]
    keys += [f"email:{people.duplicates.normal_email(e)}" for e in contact.emails]
    if profile := normal_profile_url(profile_url_of(contact)):
        keys.append(f"url:{profile}")
    keys += [f"phone:{phone}|{name}" for phone in map(normal_phone, contact.phones) if phone]
    if contact.organization and not row.review:
        keys.append(f"org:{contact.organization.lower()}|{name}")
    return keys


def _combine(first: Planned, other: Planned) -> None:
    """Fold a repeat into the row it repeats: blanks filled, lists joined, and a value
    that differs kept in the notes rather than overwriting the first."""
    a, b = first.contact, other.contact
    if first.review and not other.review:
        a.name, first.name, first.review = b.name, b.name, False
    for attribute, label in (
        ("title", "Other title"),
        ("organization", "Other organization"),
        ("location", "Other location"),
    ):
        mine, theirs = getattr(a, attribute), getattr(b, attribute)
        if not mine:
            setattr(a, attribute, theirs)
        elif theirs and theirs.lower() != mine.lower() and (label, theirs) not in a.extra:
            a.extra.append((label, theirs))
            first.conflicts.append(
                f"{attribute}: kept “{mine}”; line {other.line} has “{theirs}” (in the notes)"
            )
    first.organization = a.organization
    for attribute in ("emails", "phones", "urls", "tags", "notes", "extra", "keys"):
        setattr(a, attribute, list(dict.fromkeys(getattr(a, attribute) + getattr(b, attribute))))
    a.uid = a.uid or b.uid
    first.external = list(dict.fromkeys(first.external + other.external))
    first.moved = list(dict.fromkeys(first.moved + other.moved))


def _match(row: Planned, matcher: Matcher) -> None:
    contact = row.contact
    found = matcher.find(
        contact.name,
        [people.duplicates.normal_email(e) for e in contact.emails],
        normal_profile_url(profile_url_of(contact)),
        row.external,
        [phone for phone in map(normal_phone, contact.phones) if phone],
        "" if row.review else contact.organization,
    )
    if found:
        row.status = Status.SAME if found.exact else Status.POSSIBLE
        row.person_id, row.reason = found.person_id, found.reason


def _describe_matches(user, planned: list[Planned]) -> None:
    """Set each row's Person values; name the person each match found, the blanks an
    import would fill, and the values that differ (kept as they are)."""
    for row in planned:
        if row.contact is not None and row.status != Status.REPEAT:
            row.values = importers.person_values(row.contact)
            row.tags = row.contact.tags + ([REVIEW_TAG] if row.review else [])
            row.uid = row.contact.uid
    matched = [p for p in planned if p.person_id]
    found, tags = saving.load_people(user, {p.person_id for p in matched})
    for row in matched:
        person = found[row.person_id]
        row.person_name = person.name
        row.fills = sorted(
            people.blanks_to_fill(person, {**row.values, "organization": row.organization})
        )
        known = {tag.lower() for tag in tags[row.person_id]}
        row.fills += [f"tag {t}" for t in row.tags if t.lower() not in known]
        row.conflicts += _conflicts(person, row)


def _conflicts(person, row: Planned) -> list[str]:
    """Fields the person already has with another value than the file's: never
    overwritten; reported so the user can change them by hand."""
    found = []
    for name in ("name", "title", "email", "phone", "location"):
        here, there = getattr(person, name) or "", row.values.get(name) or ""
        if (
            here
            and there
            and here.strip().lower() != there.strip().lower()
            and not (name == "phone" and normal_phone(here) == normal_phone(there))
        ):
            found.append(f"{name}: kept “{here}”, the file has “{there}”")
    organization = person.organization_name or ""
    if (
        organization
        and row.organization
        and organization.strip().lower() != row.organization.strip().lower()
    ):
        found.append(f"organization: kept “{organization}”, the file has “{row.organization}”")
    return found


def moved_counts(planned: list[Planned]) -> dict[str, int]:
    """{"Nickname → notes": rows}: what went where, for the whole file."""
    return dict(
        Counter(
            item for row in planned if row.status != Status.REJECTED for item in row.moved
        ).most_common()
    )


def counts(planned: list[Planned]) -> dict[str, int]:
    found = Counter(row.status.value for row in planned)
    found["unchanged"] = sum(1 for row in planned if row.status == Status.SAME and not row.fills)
    return {status.value: found[status.value] for status in Status} | {
        "unchanged": found["unchanged"],
        "total": len(planned),
    }


def commit(
    user,
    planned: list[Planned],
    choices: dict[int, str] | None = None,
    default: Choice = Choice.MERGE,
    for_new: dict | None = None,
) -> Summary:
    """Carry out a plan. `choices` maps the line of a possible duplicate to a Choice;
    `for_new` ({"exploration_id", "level", "tags"}) goes to every person created."""
    choices = choices or {}
    summary = Summary()
    creates, merges = [], []
    for row in planned:
        choice = Choice(choices.get(row.line, default)) if row.status == Status.POSSIBLE else None
        if row.status == Status.NEW or choice == Choice.NEW:
            creates.append(row)
        elif row.status == Status.SAME or choice == Choice.MERGE:
            merges.append(row)
        elif row.status == Status.REJECTED:
            summary.rejected += 1
        else:
            summary.skipped += 1
    _create(user, creates, summary, for_new or {})
    _merge(user, merges, summary)
    _give_websites(user, creates + merges)
    _remember(user, [(row.person_id, row.external) for row in merges])
    return summary


def _create(user, rows: list[Planned], summary: Summary, for_new: dict) -> None:
    given = {name: for_new[name] for name in ("exploration_id", "level") if for_new.get(name)}
    extra_tags = list(for_new.get("tags", []))
    created = saving.create_people(
        user,
        [({**row.values, **given}, row.organization, [*row.tags, *extra_tags]) for row in rows],
    )
    _remember(user, [(pk, row.external) for pk, row in zip(created, rows, strict=True)])
    summary.added += len(created)


def _give_websites(user, rows: list[Planned]) -> None:
    """A company's website found on its people's cards goes to the organization, when it
    has none yet (issue 27: it identifies the company, not the person)."""
    sites: dict[str, str] = {}
    for row in rows:
        if row.contact is not None and row.organization.strip() and not row.review:
            site = importers.company_website_of(row.contact)
            if site:
                sites.setdefault(row.organization.strip().lower(), site)
    if sites:
        people.fill_in_websites(user, sites)


def _merge(user, rows: list[Planned], summary: Summary) -> None:
    organizations = people.organizations_named(
        user, [row.organization for row in rows if row.fills]
    )
    changed = saving.fill_in_people(
        user,
        [
            (
                row.person_id,
                {**row.values, "organization": organizations.get(row.organization.strip().lower())},
                row.tags,
            )
            for row in rows
            if row.fills
        ],
    )
    summary.updated += len(changed)
    summary.unchanged += len({row.person_id for row in rows} - changed)


def _remember(user, pairs) -> None:
    """Where each saved person came from, so the same rows find them next time. An
    identifier already remembered for someone keeps pointing at them."""
    saving.insert_ignoring(
        ExternalId,
        [
            {"owner_id": user.pk, "person_id": pk, "source": source, "value": value}
            for pk, external in pairs
            for source, value in external
        ],
    )
