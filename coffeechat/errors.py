"""One error hierarchy for the whole app, turned into HTTP answers in one place.

Services raise these; views, API and CLI never invent their own status codes.
"""

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


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DomainError):
            return None
        body = render_to_string("error.html", {"error": exception}, request=request)
        return HttpResponse(body, status=exception.status)
