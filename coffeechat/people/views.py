from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coffeechat.conversations.forms import AskForm
from coffeechat.conversations.services import conversations_with, timeline_of
from coffeechat.domain.timeline import KINDS
from coffeechat.errors import Conflict, Invalid
from coffeechat.web.feedback import back, changed, trashed
from coffeechat.web.pagecache import cached_page

from . import services
from .forms import (
    BulkForm,
    EditOrganizationForm,
    EditPersonForm,
    OrganizationForm,
    PeopleFilterForm,
    PersonForm,
)

PAGE_SIZE = 50


@cached_page
def person_list(request):
    filters = PeopleFilterForm(request.GET or None, user=request.user)
    people = filters.apply(services.people_listed(request.user))
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "people/person_list.html",
        {
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "bulk": BulkForm(user=request.user),
        },
    )


@require_POST
def person_bulk(request):
    """Change or delete many people at once: one transaction, one Undo (SPEC U2)."""
    form = BulkForm(request.POST, user=request.user)
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        raise Invalid(f"{form.fields[field].label or field}: {errors[0]}", field=field)
    ids = chosen_people(request)
    if request.POST.get("action") == "delete":
        trashed(request, services.delete_people(request.user, ids))
    else:
        add, remove = form.tags()
        item = services.change_people(
            request.user, ids, changes=form.changes(), add_tags=add, remove_tags=remove
        )
        changed(request, f"Changed {item.label}.", undo=reverse("trash:restore", args=[item.pk]))
    return back(request, "people:list")


def chosen_people(request) -> list[int]:
    """The ticked rows, or everyone the list's filter matches ("select all N")."""
    if request.POST.get("all_matching"):
        filters = PeopleFilterForm(
            QueryDict(request.POST.get("query", "")) or None, user=request.user
        )
        return services.ids_of(filters.apply(services.people_for(request.user)))
    return [int(pk) for pk in request.POST.getlist("people") if pk.isdigit()][:100_000]


def duplicates_of(request, form, instance=None):
    """Likely duplicates of what the form describes, unless the user said "save anyway"."""
    if form.cleaned_data.get("save_anyway"):
        return []
    return services.duplicates_of_values(request.user, form.cleaned_data, instance)


def form_page(request, form, person=None, **extra):
    status = 409 if extra.get("conflict") else 400 if form.errors else 200
    return TemplateResponse(
        request, "people/person_form.html", {"form": form, "person": person, **extra}, status=status
    )


@require_GET
def duplicate_check(request):
    """Who the person being typed may already be (htmx, as the name or email is typed):
    the same rule as on saving, over the form's identifying fields only."""
    query = request.GET
    person = (
        services.get_person_for(request.user, query["person"])
        if query.get("person", "").isdigit()
        else None
    )
    organization = query.get("organization", "")
    data = {
        "name": query.get("name", "").strip()[:200],
        "email": query.get("email", "").strip()[:254],
        "profile_url": query.get("profile_url", "").strip()[:200],
        "new_organization": query.get("new_organization", "")[:200],
        "organization": services.organization_or_none(request.user, organization)
        if organization.isdigit()
        else None,
    }
    found = (
        services.duplicates_of_values(request.user, data, person)
        if data["name"] or data["email"] or data["profile_url"]
        else []
    )
    return TemplateResponse(
        request, "people/person_form.html#duplicate-check", {"found": found, "person": person}
    )


@require_http_methods(["GET", "POST"])
def person_new(request):
    form = PersonForm(
        request.POST or None,
        user=request.user,
        initial={
            "exploration": request.GET.get("exploration"),
            "level": request.GET.get("level", "unknown"),
        },
    )
    if form.is_valid():
        found = duplicates_of(request, form)
        if not found:
            person = services.create_person(request.user, **form.values())
            return redirect("people:detail", pk=person.pk)
        return form_page(request, form, duplicates=found)
    return form_page(request, form)


@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    person = services.get_person_for(request.user, pk)
    form = EditPersonForm(
        request.POST or None,
        instance=person,
        user=request.user,
        initial={"version": person.version},
    )
    if not form.is_valid():
        return form_page(request, form, person)
    found = duplicates_of(request, form, instance=person)
    if found:
        return form_page(request, form, person, duplicates=found)
    try:
        services.update_person(request.user, pk, form.cleaned_data["version"], **form.values())
    except Conflict as conflict:
        return conflict_page(request, form, pk, conflict)
    return redirect("people:detail", pk=pk)


# Fields of the person form that are no single value of the record to set beside it.
NOT_SIDE_BY_SIDE = {"new_organization", "tags"}


def conflict_page(request, form, pk, conflict):
    """Show what changed meanwhile next to what was typed; nothing is overwritten."""
    current = services.get_person_for(request.user, pk)
    changes = [
        {
            "label": form.fields[name].label or name,
            "theirs": getattr(current, name),
            "yours": form.cleaned_data.get(name),
        }
        for name in form.Meta.fields
        if name not in NOT_SIDE_BY_SIDE and getattr(current, name) != form.cleaned_data.get(name)
    ]
    fresh = EditPersonForm(request.POST, instance=current, user=request.user)
    fresh.data = fresh.data.copy()
    fresh.data["version"] = current.version
    fresh.is_valid()
    return form_page(request, fresh, current, conflict=conflict, changes=changes)


@cached_page
def person_detail(request, pk):
    person = services.get_person_for(request.user, pk)
    return TemplateResponse(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "conversations": conversations_with(request.user, person),
            "introduced": services.introduced_by(person),
            "notes": person.dated_notes.all(),
            "ask_form": AskForm(
                user=request.user,
                person=person,
                initial={"exploration": person.exploration_id, "on": timezone.localdate()},
            ),
        },
    )


@cached_page
@require_GET
def person_duplicates(request, pk):
    """The person page's duplicate notice, loaded after the page (htmx)."""
    person = services.get_person_for(request.user, pk)
    return TemplateResponse(
        request,
        "people/person_detail.html#duplicates",
        {
            "person": person,
            "duplicates": services.likely_duplicates_of(request.user, services.as_contact(person)),
        },
    )


@require_GET
def person_timeline(request, pk):
    """Everything with them in one list, newest first, by kind if one is chosen (U3)."""
    person = services.get_person_for(request.user, pk)
    kind = request.GET.get("kind", "")
    kind = kind if kind in KINDS else ""
    return TemplateResponse(
        request,
        "people/person_timeline.html",
        {
            "person": person,
            "kind": kind,
            "kinds": KINDS.items(),
            "entries": timeline_of(request.user, person, kind or None),
        },
    )


@require_POST
def person_note(request, pk):
    person = services.get_person_for(request.user, pk)
    services.add_note(request.user, person, request.POST.get("text", ""))
    return redirect("people:detail", pk=pk)


@require_http_methods(["GET", "POST"])
def person_merge(request, pk):
    """Fold a duplicate in; this person's likely duplicates (SPEC P5) come first, and the
    chosen one is shown side by side, field by field, with what the merge keeps."""
    person = services.get_person_for(request.user, pk)
    other_pk = request.POST.get("other") or request.GET.get("other")
    if request.method == "POST":
        if not other_pk:
            raise Invalid("Choose the person to merge into this one.", field="other")
        survivor = services.merge_people(request.user, person.pk, other_pk)
        changed(request, f"Merged into {survivor.name}.")
        return redirect("people:detail", pk=survivor.pk)
    likely = services.likely_duplicates_of(request.user, services.as_contact(person))
    if not other_pk and likely:
        other_pk = likely[0][0].pk
    other = services.get_person_for(request.user, other_pk) if other_pk else None
    if other and other.pk == person.pk:
        raise Invalid("Choose two different people to merge.", field="other")
    likely_ids = {candidate.pk for candidate, _ in likely}
    return TemplateResponse(
        request,
        "people/person_merge.html",
        {
            "person": person,
            "other": other,
            "likely": likely,
            "candidates": services.people_other_than(request.user, person, likely_ids),
            "comparison": services.merge_preview(person, other) if other else None,
        },
    )


@require_http_methods(["GET", "POST"])
def person_delete(request, pk):
    if request.method == "POST":
        item = services.delete_person(request.user, pk)
        trashed(request, item)
        return redirect("people:list")
    return TemplateResponse(
        request, "people/person_delete.html", services.deletion_summary(request.user, pk)
    )


@require_POST
def note_delete(request, pk, note_pk):
    person = services.get_person_for(request.user, pk)
    trashed(request, services.delete_note(request.user, note_pk))
    return redirect("people:detail", pk=person.pk)


@require_POST
def organization_delete(request, pk):
    trashed(request, services.delete_organization(request.user, pk))
    return redirect("people:organizations")


@require_http_methods(["GET", "POST"])
def organization_list(request):
    form = OrganizationForm(request.POST or None)
    if form.is_valid():
        organization = services.create_organization(request.user, **form.cleaned_data)
        return redirect("people:organization", pk=organization.pk)
    page = Paginator(services.organizations_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(
        request,
        "people/organization_list.html",
        {"page": page, "form": form},
        status=400 if form.errors else 200,
    )


def organization_detail(request, pk):
    organization = services.get_organization_for(request.user, pk)
    return TemplateResponse(
        request,
        "people/organization_detail.html",
        {
            "organization": organization,
            "people": services.people_at(request.user, organization),
        },
    )


@require_http_methods(["GET", "POST"])
def organization_edit(request, pk):
    organization = services.get_organization_for(request.user, pk)
    form = EditOrganizationForm(
        request.POST or None, instance=organization, initial={"version": organization.version}
    )
    if form.is_valid():
        values = dict(form.cleaned_data)
        services.update_organization(request.user, pk, values.pop("version"), **values)
        return redirect("people:organization", pk=pk)
    return TemplateResponse(
        request,
        "people/organization_edit.html",
        {"organization": organization, "form": form},
        status=400 if form.errors else 200,
    )
