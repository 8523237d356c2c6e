from datetime import date

from django.template.response import TemplateResponse
from django.utils import timezone

from coffeechat.explorations.services import explorations_for

from . import services


def chosen_day(request):
    """?on=YYYY-MM-DD shows the list as of another day (SPEC T3); else today."""
    raw = request.GET.get("on", "")
    try:
        return date.fromisoformat(raw), None
    except ValueError:
        error = f"“{raw}” is not a date: use YYYY-MM-DD." if raw else None
        return timezone.localdate(), error


def home(request):
    day, error = chosen_day(request)
    return TemplateResponse(request, "today/home.html", {
        "day": day,
        "is_today": day == timezone.localdate(),
        "date_error": error,
        "groups": services.grouped_tasks_on(request.user, day),
        "has_exploration": explorations_for(request.user).exists(),
    }, status=400 if error else 200)
