from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from coffeechat.conversations.services import conversations_for
from coffeechat.people.services import people_for

from . import services
from .forms import EditExplorationForm, ExplorationForm


@require_http_methods(["GET", "POST"])
def exploration_list(request):
    form = ExplorationForm(request.POST or None)
    if form.is_valid():
        exploration = services.create_exploration(request.user, **form.cleaned_data)
        return redirect("explorations:detail", pk=exploration.pk)
    explorations = services.explorations_for(request.user)
    return TemplateResponse(request, "explorations/list.html",
                            {"explorations": explorations, "form": form},
                            status=400 if form.errors else 200)


def exploration_detail(request, pk):
    exploration = services.get_exploration_for(request.user, pk)
    return TemplateResponse(request, "explorations/detail.html", {
        "exploration": exploration,
        "people": people_for(request.user).filter(exploration=exploration),
        "conversations": conversations_for(request.user).filter(exploration=exploration),
    })


@require_http_methods(["GET", "POST"])
def exploration_edit(request, pk):
    exploration = services.get_exploration_for(request.user, pk)
    form = EditExplorationForm(request.POST or None, instance=exploration,
                               initial={"version": exploration.version})
    if form.is_valid():
        values = dict(form.cleaned_data)
        services.update_exploration(request.user, pk, values.pop("version"), **values)
        return redirect("explorations:detail", pk=pk)
    return TemplateResponse(request, "explorations/edit.html",
                            {"exploration": exploration, "form": form},
                            status=400 if form.errors else 200)
