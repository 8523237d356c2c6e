from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from coffeechat.conversations.forms import AskForm
from coffeechat.conversations.services import conversations_for

from . import services
from .forms import EditPersonForm, OrganizationForm, PersonForm


def person_list(request):
    return TemplateResponse(request, "people/person_list.html",
                            {"people": services.people_for(request.user)})


@require_http_methods(["GET", "POST"])
def person_new(request):
    form = PersonForm(request.POST or None, user=request.user,
                      initial={"exploration": request.GET.get("exploration")})
    if form.is_valid():
        person = services.create_person(request.user, **form.cleaned_data)
        return redirect("people:detail", pk=person.pk)
    return TemplateResponse(request, "people/person_form.html", {"form": form},
                            status=400 if form.errors else 200)


def person_detail(request, pk):
    person = services.get_person_for(request.user, pk)
    return TemplateResponse(request, "people/person_detail.html", {
        "person": person,
        "conversations": conversations_for(request.user).filter(person=person),
        "ask_form": AskForm(user=request.user, initial={"exploration": person.exploration_id,
                                                        "on": timezone.localdate()}),
    })


@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    person = services.get_person_for(request.user, pk)
    form = EditPersonForm(request.POST or None, instance=person, user=request.user,
                          initial={"version": person.version})
    if form.is_valid():
        values = dict(form.cleaned_data)
        version = values.pop("version")
        new_organization = values.pop("new_organization")
        if new_organization.strip():
            values["organization"] = services.organization_named(request.user, new_organization)
        services.update_person(request.user, pk, version, **values)
        return redirect("people:detail", pk=pk)
    return TemplateResponse(request, "people/person_form.html", {"form": form, "person": person},
                            status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def organization_list(request):
    form = OrganizationForm(request.POST or None)
    if form.is_valid():
        organization = services.create_organization(request.user, **form.cleaned_data)
        return redirect("people:organization", pk=organization.pk)
    return TemplateResponse(request, "people/organization_list.html",
                            {"organizations": services.organizations_for(request.user),
                             "form": form},
                            status=400 if form.errors else 200)


def organization_detail(request, pk):
    organization = services.get_organization_for(request.user, pk)
    return TemplateResponse(request, "people/organization_detail.html", {
        "organization": organization,
        "people": services.people_for(request.user).filter(organization=organization),
    })
