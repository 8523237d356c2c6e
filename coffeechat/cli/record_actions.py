"""What `coffeechat people|orgs|explorations ACTION` does, once Django is up."""

import sys

from django.forms.models import model_to_dict
from django.utils import timezone

from coffeechat.explorations import forms as exploration_forms
from coffeechat.explorations import services as explorations
from coffeechat.people import forms as people_forms
from coffeechat.people import services as people
from coffeechat.trash.services import KEEP_DAYS

from .output import print_json, print_table
from .records import COLUMNS, FIELDS


class BadInput(Exception):
    """Input the forms refused; the message names each field."""


def fail(message: str, status: int = 2, parser=None) -> int:
    """Bad input (2) comes with the subcommand's usage, as argparse's own errors do."""
    if status == 2 and parser is not None:
        parser.print_usage(sys.stderr)
    print(f"coffeechat: {message}", file=sys.stderr)
    return status


def _loader(kind):
    """Load by id or by name (coffeechat/cli/resolve.py); ids stay as they were."""

    def load(user, key):
        from . import resolve

        find = {
            "people": resolve.person,
            "orgs": resolve.organization,
            "explorations": resolve.exploration,
        }[kind]
        return find(user, str(key), "ID")

    return load


LOADERS = {kind: _loader(kind) for kind in ("people", "orgs", "explorations")}
LISTS = {
    "people": people.people_for,
    "orgs": people.organizations_for,
    "explorations": explorations.explorations_for,
}


def dispatch(args, user) -> int:
    kind, action = args.command, args.action
    if action == "list":
        return show_rows(kind, LISTS[kind](user), args.json)
    if action == "show":
        return show_record(kind, LOADERS[kind](user, args.id), args.json)
    if action == "delete":
        return delete(kind, user, args)
    if action == "merge":
        keep, other = (LOADERS["people"](user, key) for key in (args.keep, args.other))
        survivor = people.merge_people(user, keep.pk, other.pk)
        if args.json:
            return show_record("people", survivor, True)
        print(f"Merged {other.name} ({other.pk}) into {survivor.name} ({survivor.pk}).")
        return 0
    if action == "close":
        return close(user, args)
    return save(kind, action, user, args)


def plain(record, column, readable=False):
    """A field as text; `readable` gives levels the web's labels ("At the target"), which
    tables and `show` print, where JSON keeps the value ("same") that --level takes."""
    value = getattr(record, column)
    if column == "level" and readable:
        return record.get_level_display()
    return "" if value is None else value if isinstance(value, int | bool) else str(value)


# What to do first when a list is empty (the CLI's empty states).
FIRST_STEP = {
    "explorations": "No explorations yet. Start with the career question you want answered:\n"
    '  coffeechat explorations add --title "Should I move into UX research?" '
    '--target "UX researcher"',
    "people": "Nobody yet. Add someone who does the work you are curious about:\n"
    "  coffeechat people add --name NAME --title TITLE --level above|same|below\n"
    "or import your contacts: coffeechat import Connections.csv --dry-run",
    "orgs": "No organizations yet. List the places whose work interests you, hiring or not:\n"
    "  coffeechat orgs add --name NAME",
}


def show_rows(kind, records, as_json) -> int:
    rows = [
        {column: plain(record, column, not as_json) for column in COLUMNS[kind]}
        for record in records
    ]
    print_json(rows) if as_json else print_table(COLUMNS[kind], rows, empty=FIRST_STEP[kind])
    return 0


def record_dict(kind, record, readable=False) -> dict:
    fields = [field for _, field, _ in FIELDS[kind] if field != "new_organization"]
    data = {"id": record.pk, **{f: plain(record, f, readable) for f in fields if f != "tags"}}
    if kind == "people":
        data["organization"] = plain(record, "organization")
        data["tags"] = [tag.name for tag in record.tags.all()]
    if kind == "explorations":
        data.update(closed_on=plain(record, "closed_on"), decision=record.decision)
    return data


def show_record(kind, record, as_json) -> int:
    data = record_dict(kind, record, readable=not as_json)
    if as_json:
        print_json(data)
    else:
        width = max(map(len, data))
        for key, value in data.items():
            print(f"{key.ljust(width)}  {', '.join(value) if isinstance(value, list) else value}")
    return 0


def given(kind, args) -> dict:
    """The options the user typed, keyed by form field."""
    values = {}
    for option, field, _ in FIELDS[kind]:
        value = getattr(args, option.lstrip("-").replace("-", "_"))
        if value is not None:
            values[field] = value
    if "would_like_to_work_here" in values:
        values["would_like_to_work_here"] = values["would_like_to_work_here"].lower() in {
            "yes",
            "y",
            "true",
            "1",
            "on",
        }
    return values


def bound_form(kind, action, user, args, record=None):
    data = current_values(kind, record) if record else defaults(kind)
    data.update(given(kind, args))
    if kind == "people":
        data.update(named_records(user, data))
    if kind == "people":
        form_class = people_forms.EditPersonForm if record else people_forms.PersonForm
        data["save_anyway"] = getattr(args, "force", False) or bool(record)
        return form_class(data, instance=record, user=user)
    if kind == "orgs":
        form_class = people_forms.EditOrganizationForm if record else people_forms.OrganizationForm
        return form_class(data, instance=record)
    form_class = (
        exploration_forms.EditExplorationForm if record else exploration_forms.ExplorationForm
    )
    return form_class(data, instance=record)


def named_records(user, data) -> dict:
    """--exploration and --via take a name too; a closed exploration is said to be closed
    (the form would only say "Select a valid choice")."""
    from . import resolve

    found = {}
    if str(data.get("exploration") or "").strip():
        exploration = resolve.exploration(user, str(data["exploration"]), "--exploration")
        if exploration.closed_on:
            raise BadInput(
                f"--exploration: '{exploration.title}' was closed on "
                f"{exploration.closed_on:%d %b %Y}; choose an open exploration."
            )
        found["exploration"] = exploration.pk
    if str(data.get("found_via_person") or "").strip():
        found["found_via_person"] = resolve.person(user, str(data["found_via_person"]), "--via").pk
    return found


def defaults(kind) -> dict:
    return {
        "people": {"level": "unknown", "how_found": "other", "priority": 2},
        "orgs": {"hiring_status": "unknown"},
        "explorations": {"decision_kind": "job"},
    }[kind]


def current_values(kind, record) -> dict:
    fields = [field for _, field, _ in FIELDS[kind] if field not in {"new_organization", "tags"}]
    data = model_to_dict(record, fields=fields + (["organization"] if kind == "people" else []))
    data = {key: value for key, value in data.items() if value is not None}
    if kind == "people":
        data["tags"] = ", ".join(tag.name for tag in record.tags.all())
    data["version"] = record.version
    return data


OPTION_OF_FIELD = {field: option for fields in FIELDS.values() for option, field, _ in fields}
OPTION_OF_FIELD.update(organization="--organization", closed_on="--on", decision="--decision")


def errors_of(form) -> str:
    """Each refused field with the option that sets it: "--name (Name): This field is
    required." """
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else name
        option = OPTION_OF_FIELD.get(name)
        parts.append(
            f"{option} ({label}): {' '.join(errors)}" if option else f"{label}: {' '.join(errors)}"
        )
    return "; ".join(parts)


def save(kind, action, user, args) -> int:
    record = LOADERS[kind](user, args.id) if action == "edit" else None
    form = bound_form(kind, action, user, args, record)
    if not form.is_valid():
        raise BadInput(errors_of(form))
    values = dict(form.cleaned_data)
    version = values.pop("version", None)
    saved = SAVERS[(kind, action)](user, record, version, form, values)
    return show_record(kind, LOADERS[kind](user, saved.pk), args.json)


def _save_person(user, record, version, form, values):
    values.pop("save_anyway", None)
    if record is None:
        # The web form's check (SPEC P5), before anything is saved.
        found = (
            []
            if form.cleaned_data.get("save_anyway")
            else people.duplicates_of_values(user, values)
        )
        if found:
            names = "; ".join(f"{p.name} (id {p.pk}, {reason})" for p, reason in found)
            raise BadInput(
                f"this may be someone you already have: {names}. "
                "Use --force to add anyway, or `people merge` later."
            )
        return people.create_person(user, **values)
    return people.update_person(user, record.pk, version, **values)


SAVERS = {
    ("people", "add"): _save_person,
    ("people", "edit"): _save_person,
    ("orgs", "add"): lambda user, record, version, form, values: people.create_organization(
        user, **values
    ),
    ("orgs", "edit"): lambda user, record, version, form, values: people.update_organization(
        user, record.pk, version, **values
    ),
    ("explorations", "add"): lambda user, record, version, form, values: (
        explorations.create_exploration(user, **values)
    ),
    ("explorations", "edit"): lambda user, record, version, form, values: (
        explorations.update_exploration(user, record.pk, version, **values)
    ),
}


def delete(kind, user, args) -> int:
    record = LOADERS[kind](user, args.id)
    if not args.yes:
        raise BadInput(f"deleting {record} moves it to the Trash; add --yes to confirm.")
    recordings = _recordings_of(kind, record)
    {
        "people": people.delete_person,
        "orgs": people.delete_organization,
        "explorations": explorations.delete_exploration,
    }[kind](user, record.pk)
    if args.json:
        print_json({"deleted": record.pk, "name": str(record), "recordings": recordings})
        return 0
    gone = f", with {recordings} recording{'s' if recordings != 1 else ''}" if recordings else ""
    print(
        f"Moved {record} to the Trash{gone}: restore it from Data → Trash in the web "
        f"interface within {KEEP_DAYS} days (coffeechat erase deletes a person for good)."
    )
    return 0


def _recordings_of(kind, record) -> int:
    """How many audio files go to the Trash with the record's conversations."""
    from coffeechat.conversations.models import Conversation

    link = {"people": "person", "explorations": "exploration"}.get(kind)
    if link is None:
        return 0
    return Conversation.objects.filter(**{link: record}).exclude(recording="").count()


def close(user, args) -> int:
    exploration = LOADERS["explorations"](user, args.id)
    form = exploration_forms.CloseForm(
        {
            "decision": args.decision,
            "version": exploration.version,
            "closed_on": args.on or timezone.localdate(),
        }
    )
    if not form.is_valid():
        raise BadInput(errors_of(form))
    explorations.close_exploration(user, exploration.pk, **form.cleaned_data)
    return show_record(
        "explorations", explorations.get_exploration_for(user, exploration.pk), args.json
    )
