from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from coffeechat.conversations.calendar import calendar_of
from coffeechat.conversations.services import meetings_for
from coffeechat.today.services import tasks_on

from . import services
from .forms import ProfileForm


@require_http_methods(["GET", "POST"])
def settings_page(request):
    profile = services.profile_for(request.user)
    form = ProfileForm(request.POST or None, instance=profile, initial={"version": profile.version})
    if form.is_valid():
        values = dict(form.cleaned_data)
        services.update_profile(request.user, values.pop("version"), **values)
        return redirect("accounts:settings")
    return _settings(request, form)


def _settings(request, form, feed_url: str = ""):
    return TemplateResponse(
        request,
        "accounts/settings.html",
        {
            "form": form,
            "feed_url": feed_url,
            "feed_on": bool(services.profile_for(request.user).feed_digest),
            "digests": request.user.digests.all()[:7],
        },
        status=400 if form.errors else 200,
    )


@require_POST
def feed_renew(request):
    """A new feed address, shown on this page once: only its digest is kept."""
    token = services.renew_feed_token(request.user)
    profile = services.profile_for(request.user)
    form = ProfileForm(instance=profile, initial={"version": profile.version})
    feed = request.build_absolute_uri(reverse("accounts:feed", args=[token]))
    return _settings(request, form, feed)


@require_POST
def feed_revoke(request):
    services.revoke_feed(request.user)
    return redirect("accounts:settings")


def due_tasks(user):
    from django.utils import timezone

    return tasks_on(user, timezone.localdate())


def calendar_feed(request, token):
    """The private feed calendar apps subscribe to: the token is the only key."""
    user = services.user_for_feed(token)
    if user is None:
        raise Http404("No such calendar.")
    tasks = due_tasks(user) if services.profile_for(user).feed_tasks else ()
    response = HttpResponse(
        calendar_of(meetings_for(user), name="coffeechat meetings", tasks=tasks),
        content_type="text/calendar; charset=utf-8",
    )
    response["Cache-Control"] = "private, no-store"
    return response
