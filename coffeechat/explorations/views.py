from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from coffeechat.conversations.services import conversations_in, findings_in
from coffeechat.people.services import people_in
from coffeechat.web.feedback import trashed
from coffeechat.web.pagecache import cached_page

from . import services
from .forms import (
    CloseForm,
    EditExplorationForm,
    ExplorationForm,
    OptionForm,
    PointForm,
    TargetForm,
)


@require_http_methods(["GET", "POST"])
def exploration_list(request):
    form = ExplorationForm(request.POST or None)
    if form.is_valid():
        exploration = services.create_exploration(request.user, **form.cleaned_data)
        return redirect("explorations:detail", pk=exploration.pk)
    explorations = services.explorations_for(request.user)
    return TemplateResponse(
        request,
        "explorations/list.html",
        {"explorations": explorations, "form": form},
        status=400 if form.errors else 200,
    )


# People and conversations shown on the page: a long-running exploration has thousands
# (1.2 MB of HTML, 3 s a request); the rest are a link away.
SHOWN = 50


def detail_page(request, exploration, status=200, **forms):
    """The exploration page; a sub-form that failed comes back with its errors."""
    user = request.user
    people = people_in(user, exploration)
    conversations = conversations_in(user, exploration)
    context = {
        "exploration": exploration,
        "people": people[:SHOWN],
        "people_count": people.count(),
        "conversations": conversations[:SHOWN],
        "conversations_count": conversations.count(),
        "shown": SHOWN,
        "options": services.options_for(user, exploration),
        "lamp": services.lamp_list(user, exploration),
        "close_form": CloseForm(
            initial={
                "closed_on": timezone.localdate(),
                "version": exploration.version,
                "decision": exploration.decision,
            }
        ),
        "option_form": OptionForm(),
        "point_form": PointForm(user=user, exploration=exploration),
        "evidence": findings_in(user, exploration),
        "target_form": TargetForm(user=user),
        **forms,
    }
    return TemplateResponse(request, "explorations/detail.html", context, status=status)


@cached_page
def exploration_detail(request, pk):
    return detail_page(request, services.get_exploration_for(request.user, pk))


@require_http_methods(["GET", "POST"])
def exploration_edit(request, pk):
    exploration = services.get_exploration_for(request.user, pk)
    form = EditExplorationForm(
        request.POST or None, instance=exploration, initial={"version": exploration.version}
    )
    if form.is_valid():
        values = dict(form.cleaned_data)
        services.update_exploration(request.user, pk, values.pop("version"), **values)
        return redirect("explorations:detail", pk=pk)
    return TemplateResponse(
        request,
        "explorations/edit.html",
        {"exploration": exploration, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def exploration_close(request, pk):
    exploration = services.get_exploration_for(request.user, pk)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return detail_page(request, exploration, 400, close_form=form)
    services.close_exploration(request.user, pk, **form.cleaned_data)
    return redirect("explorations:detail", pk=pk)


@require_POST
def exploration_delete(request, pk):
    trashed(request, services.delete_exploration(request.user, pk))
    return redirect("explorations:list")


@require_POST
def exploration_reopen(request, pk):
    exploration = services.get_exploration_for(request.user, pk)
    services.reopen_exploration(request.user, pk, exploration.version)
    return redirect("explorations:detail", pk=pk)


@require_POST
def option_add(request, pk):
    exploration = services.get_exploration_for(request.user, pk)
    form = OptionForm(request.POST)
    if not form.is_valid():
        return detail_page(request, exploration, 400, option_form=form)
    services.add_option(request.user, exploration, form.cleaned_data["title"])
    return redirect(reverse("explorations:detail", args=[pk]) + "#options")


@require_POST
def point_add(request, pk, option_pk):
    exploration = services.get_exploration_for(request.user, pk)
    form = PointForm(request.POST, user=request.user, exploration=exploration)
    if not form.is_valid():
        return detail_page(request, exploration, 400, point_form=form)
    services.add_point(request.user, option_pk, **form.cleaned_data)
    return redirect(reverse("explorations:detail", args=[pk]) + "#options")


@require_POST
def target_set(request, pk):
    exploration = services.get_exploration_for(request.user, pk)
    form = TargetForm(request.POST, user=request.user)
    if not form.is_valid():
        return detail_page(request, exploration, 400, target_form=form)
    services.set_target(request.user, exploration, **form.cleaned_data)
    return redirect(reverse("explorations:detail", args=[pk]) + "#targets")
