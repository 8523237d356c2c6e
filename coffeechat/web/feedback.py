"""A message after every change, shown on full pages and on htmx swaps alike (issue 24).

Views say what happened in their own words (`changed(request, "Logged the ask …",
undo=url)`); a change whose view said nothing gets a plain "Saved.". For htmx answers
the messages travel as an out-of-band swap of the page's live region, so they are seen
(and read out) wherever the swap lands.
"""

from functools import wraps

from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme

UNDO = "undo:"
QUIET_PREFIXES = ("/api/", "/account/login/", "/account/logout/", "/account/invitation/")


def changed(request, text: str, undo: str = "") -> None:
    """Tell the user what just changed; `undo` is the address a POST to which undoes it."""
    messages.success(request, text, extra_tags=f"{UNDO}{undo}" if undo else "")


def trashed(request, item) -> None:
    """ "Moved Dana Reyes to the Trash." with Undo (SPEC U1)."""
    from django.urls import reverse

    changed(
        request, f"Moved {item.label} to the Trash.", undo=reverse("trash:restore", args=[item.pk])
    )


def quiet(view):
    """A POST that changes nothing the user needs telling about (a preview, an autosave)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.quiet_change = True
        return view(request, *args, **kwargs)

    return wrapper


def undo_url(message) -> str:
    tags = message.extra_tags or ""
    return tags[len(UNDO) :] if tags.startswith(UNDO) else ""


class FeedbackMiddleware:
    """Below MessageMiddleware: adds "Saved." and renders messages into htmx answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not hasattr(request, "_messages") or request.path.startswith(QUIET_PREFIXES):
            return response
        if (
            request.method == "POST"
            and response.status_code < 400
            and not getattr(request, "quiet_change", False)
            and not request._messages._queued_messages
        ):
            messages.success(request, "Saved.")
        if (
            request.headers.get("HX-Request")
            and 200 <= response.status_code < 300
            and "text/html" in response.get("Content-Type", "")
            and not response.streaming
            and request._messages._queued_messages
        ):
            region = render_to_string("_messages.html", {"oob": True}, request=request)
            response.content += region.encode()
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response


def back(request, fallback="trash:home"):
    """Where the Undo was clicked (its form names the page), else `fallback`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)
