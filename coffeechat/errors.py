"""One error hierarchy for the whole app, turned into HTTP answers in one place.

Services raise these; views, API and CLI never invent their own status codes.
"""

from django.db import OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string


class DomainError(Exception):
    status = 400
    title = "That did not work"

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError):
    status = 404
    title = "Not found"


class Conflict(DomainError):
    """Someone else changed the record since it was loaded: never overwrite silently."""

    status = 409
    title = "Changed elsewhere"


class Invalid(DomainError):
    status = 400
    title = "Please check the input"


class UnknownColumns(Invalid):
    """A CSV whose header names none of the columns an import needs: the user can still
    say which column holds what."""


class Busy(DomainError):
    """SQLite stayed locked past its busy timeout (20 s): a long write such as a large
    import holds it. The request's transaction was rolled back, so it is safe to retry."""

    status = 503
    title = "Busy for a moment"


def busy_instead_of(exception: Exception) -> Exception:
    if isinstance(exception, OperationalError) and "is locked" in str(exception):
        return Busy(
            "coffeechat is busy saving something large (an import?). Nothing you "
            "sent was saved: try again in a minute."
        )
    return exception


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        exception = busy_instead_of(exception)
        if not isinstance(exception, DomainError):
            return None
        body = render_to_string("error.html", {"error": exception}, request=request)
        response = HttpResponse(body, status=exception.status)
        if isinstance(exception, Busy):
            response["Retry-After"] = "30"
        return response
