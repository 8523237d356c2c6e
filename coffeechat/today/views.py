from datetime import date

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from coffeechat.domain.businessdays import FIRST_DAY, LAST_DAY
from coffeechat.errors import Invalid
from coffeechat.explorations.services import has_explorations
from coffeechat.web.feedback import back, changed
from coffeechat.web.pagecache import cached_page

from . import services


def chosen_day(request):
    """?on=YYYY-MM-DD shows the list as of another day (SPEC T3); else today."""
    raw = request.GET.get("on") or request.POST.get("on") or ""
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        error = f"“{raw}” is not a date: use YYYY-MM-DD." if raw else None
        return timezone.localdate(), error
    if not FIRST_DAY <= day <= LAST_DAY:  # the rules would run off the calendar
        return timezone.localdate(), f"Choose a day between {FIRST_DAY.year} and {LAST_DAY.year}."
    return day, None


SHOWN = 100  # tasks on the page; a long backlog is summed up, not dumped


def home_context(request, day, error=None):
    groups, hidden = [], 0
    for bucket, tasks in services.grouped_tasks_on(request.user, day):
        room = SHOWN - sum(len(items) for _, items in groups)
        if room > 0:
            groups.append((bucket, tasks[:room]))
        hidden += max(0, len(tasks) - max(room, 0))
    return {
        "day": day,
        "is_today": day == timezone.localdate(),
        "date_error": error,
        "groups": groups,
        "hidden": hidden,
        "waiting": services.waiting_behind(request.user, day),
        "has_exploration": has_explorations(request.user),
        "digest_problem": services.latest_digest_problem(request.user),
    }


@cached_page
def home(request):
    day, error = chosen_day(request)
    return TemplateResponse(
        request, "today/home.html", home_context(request, day, error), status=400 if error else 200
    )


MARKED = {
    "done": "Marked “{title}” done.",
    "dismissed": "Dismissed “{title}”.",
    "snoozed": "Snoozed “{title}” for {days} day(s).",
}


@require_POST
def unmark(request, pk):
    services.unmark_task(request.user, pk)
    changed(request, "The task is back on the list.")
    return back(request, "today:home")


@require_POST
def mark(request):
    """Done, dismiss or snooze a task in place; htmx gets the refreshed list back."""
    day, error = chosen_day(request)
    if error:
        raise Invalid(error, field="on")
    action, days = request.POST.get("action", ""), request.POST.get("days", "1")
    mark = services.snooze_task(request.user, request.POST.get("task", ""), action, day, days)
    changed(
        request,
        MARKED[action].format(
            title=request.POST.get("title", "").strip()[:120] or "the task", days=days
        ),
        undo=reverse("today:unmark", args=[mark.pk]),
    )
    template = "today/home.html#tasks" if request.headers.get("HX-Request") else "today/home.html"
    return TemplateResponse(request, template, home_context(request, day))
