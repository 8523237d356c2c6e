"""Importing contacts (SPEC D1): a preview of what a file would do, then the commit.

Both run the same plan: every row of the file is new, the same person as someone
already here (same email, profile URL or vCard UID: their blanks are filled),
possibly someone already here (a close name at the same organization: the user
chooses), a repeat of an earlier row of the file, or refused with its reason.
Neither commits: the caller wraps the commit in one transaction, so it is
all-or-nothing.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from coffeechat.people import services as people

from . import importers, saving
from .matching import Matcher, normal_profile_url
from .models import ExternalId

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

    def as_dict(self) -> dict:
        # Not dataclasses.asdict, which deep-copies `values` only for it to be dropped.
        return {name: list(value) if isinstance(value, list) else value
                for name, value in vars(self).items() if name != "values"}


@dataclass
class Summary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    rejected: int = 0


def plan(user, parsed: importers.Parsed, progress: Progress = None) -> list[Planned]:
    matcher = Matcher(user)
    in_file: dict[str, int] = {}
    planned = []
    for index, row in enumerate(parsed.rows, start=1):
        planned.append(_plan_row(row, matcher, in_file))
        if progress and index % PROGRESS_EVERY == 0:
            progress(index, len(parsed.rows))
    _describe_matches(user, planned)
    if progress:
        progress(len(parsed.rows), len(parsed.rows))
    return planned


def _plan_row(row: importers.Row, matcher: Matcher, in_file: dict) -> Planned:
    if row.problem:
        return Planned(row.line, Status.REJECTED, reason=row.problem, warnings=row.warnings)
    contact = row.contact
    values = importers.person_values(contact)
    planned = Planned(row.line, Status.NEW, contact.name, contact.organization, values,
                      contact.tags, contact.uid, warnings=row.warnings)
    email = people.duplicates.normal_email(values["email"])
    profile = normal_profile_url(values["profile_url"])
    keys = _keys(email, profile, contact.uid)
    earlier = next((in_file[key] for key in keys if key in in_file), None)
    if earlier:
        planned.status, planned.reason = Status.REPEAT, f"the same person as line {earlier}"
        return planned
    in_file.update(dict.fromkeys(keys, row.line))
    found = matcher.find(contact.name, email, profile, contact.uid, contact.organization)
    if found:
        planned.status = Status.SAME if found.exact else Status.POSSIBLE
        planned.person_id, planned.reason = found.person_id, found.reason
    return planned


def _keys(email: str, profile: str, uid: str) -> list[str]:
    return [key for key in (f"uid:{uid}" if uid else "", f"email:{email}" if email else "",
                            f"url:{profile}" if profile else "") if key]


def _describe_matches(user, planned: list[Planned]) -> None:
    """Name the person each match found and the blanks an import would fill."""
    matched = [p for p in planned if p.person_id]
    found, tags = saving.load_people(user, {p.person_id for p in matched})
    for row in matched:
        person = found[row.person_id]
        row.person_name = person.name
        row.fills = sorted(people.blanks_to_fill(person, {**row.values, "organization":
                                                          row.organization}))
        known = {tag.lower() for tag in tags[row.person_id]}
        row.fills += [f"tag {t}" for t in row.tags if t.lower() not in known]


def counts(planned: list[Planned]) -> dict[str, int]:
    found = Counter(row.status.value for row in planned)
    found["unchanged"] = sum(1 for row in planned if row.status == Status.SAME and not row.fills)
    return {status.value: found[status.value] for status in Status} | {
        "unchanged": found["unchanged"], "total": len(planned)}


def commit(user, planned: list[Planned], choices: dict[int, str] | None = None,
           default: Choice = Choice.MERGE) -> Summary:
    """Carry out a plan. `choices` maps the line of a possible duplicate to a Choice."""
    choices = choices or {}
    summary = Summary()
    creates, merges = [], []
    for row in planned:
        choice = Choice(choices.get(row.line, default)) if row.status == Status.POSSIBLE \
            else None
        if row.status == Status.NEW or choice == Choice.NEW:
            creates.append(row)
        elif row.status == Status.SAME or choice == Choice.MERGE:
            merges.append(row)
        elif row.status == Status.REJECTED:
            summary.rejected += 1
        else:
            summary.skipped += 1
    _create(user, creates, summary)
    _merge(user, merges, summary)
    return summary


def _create(user, rows: list[Planned], summary: Summary) -> None:
    created = saving.create_people(user, [(row.values, row.organization, row.tags)
                                          for row in rows])
    _remember_uids(user, [(pk, row.uid) for pk, row in zip(created, rows, strict=True)])
    summary.added += len(created)


def _merge(user, rows: list[Planned], summary: Summary) -> None:
    organizations = people.organizations_named(user, [row.organization for row in rows
                                                      if row.fills])
    changed = saving.fill_in_people(user, [
        (row.person_id, {**row.values,
                         "organization": organizations.get(row.organization.strip().lower())},
         row.tags) for row in rows if row.fills])
    summary.updated += len(changed)
    summary.unchanged += len({row.person_id for row in rows} - changed)
    _remember_uids(user, [(row.person_id, row.uid) for row in rows])


def _remember_uids(user, pairs) -> None:
    ExternalId.objects.bulk_create(
        [ExternalId(owner=user, person_id=pk, source="vcard", value=uid[:255])
         for pk, uid in pairs if uid], ignore_conflicts=True, batch_size=500)
