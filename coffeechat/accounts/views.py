from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from . import services
from .forms import ProfileForm


@require_http_methods(["GET", "POST"])
def settings_page(request):
    profile = services.profile_for(request.user)
    form = ProfileForm(request.POST or None, instance=profile,
                       initial={"version": profile.version})
    if form.is_valid():
        values = dict(form.cleaned_data)
        services.update_profile(request.user, values.pop("version"), **values)
        return redirect("accounts:settings")
    return TemplateResponse(request, "accounts/settings.html", {"form": form},
                            status=400 if form.errors else 200)
