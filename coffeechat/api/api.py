"""The JSON API under /api/v1 (SPEC I3): OpenAPI at /api/v1/openapi.json, docs at
/api/v1/docs. Endpoints translate; services decide (docs/ARCHITECTURE.md)."""

import json

from django.http import Http404
from django.shortcuts import render
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from coffeechat.errors import DomainError

from .auth import TokenAuth
from .routers import account, checker, conversations, explorations, people, questions, today


class Docs(Swagger):
    template = "api/swagger.html"  # ninja's page with a declared language

    def render_page(self, request, api, **kwargs):
        # Rendered as ninja does when it is an installed app (it is not: settings.NINJA_DIR).
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        return render(
            request,
            self.template,
            {
                "swagger_settings": json.dumps(self.settings, indent=1),
                "api": api,
                "add_csrf": False,  # tokens in a header, no cookie: nothing to forge
            },
        )


class ObjectBodies(Parser):
    """Every body the API takes is a JSON object, as the description says. Ninja would
    otherwise read `[]`, `5` or `"x"` as an empty object wherever every field has a
    default (the plan's `shape`), and take what the description refuses (issue 18)."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ValueError("the body must be a JSON object")
        return data


api = NinjaAPI(
    title="coffeechat API",
    version="1",
    description="Your explorations, people, conversations and their events, Today's tasks, "
    "questions, plans and findings. Authenticate with a personal access token: "
    "`Authorization: Bearer cc_…` (make one in Settings → API tokens, or with "
    "`coffeechat token create NAME`). See docs/API.md.",
    auth=TokenAuth(),
    urls_namespace="api",
    docs_url="/docs",
    docs=Docs(),
    openapi_url="/openapi.json",
    parser=ObjectBodies(),
)

for module in (account, explorations, people, conversations, questions, today, checker):
    api.add_router("", module.router)


def error(request, status: int, detail: str, errors=()):
    return api.create_response(request, {"detail": detail, "errors": list(errors)}, status=status)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    """The one hierarchy of coffeechat/errors.py, as JSON naming the field."""
    return error(
        request,
        exc.status,
        exc.message,
        [{"field": exc.field, "message": exc.message}] if exc.field else [],
    )


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    problems = [
        {"field": field_name(item.get("loc", ())), "message": item.get("msg", "")}
        for item in exc.errors
    ]
    return error(request, 422, "Please check the input.", problems)


def field_name(location) -> str | None:
    """("body", "payload", "name") -> "name"; ("query", "limit") -> "limit"."""
    parts = [
        str(part)
        for part in location
        if part not in ("body", "payload", "query", "path", "pagination")
    ]
    return ".".join(parts) or None


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    response = error(request, 401, "Send a valid personal access token: Authorization: Bearer cc_…")
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Http404)
def not_found(request, exc):
    return error(request, 404, "Not found.")


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return error(request, exc.status_code, str(exc))
