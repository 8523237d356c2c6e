import base64
import hashlib

from django.http import HttpResponse
from django.template.response import TemplateResponse

from coffeechat.errors import NotFound
from coffeechat.explorations.services import get_exploration_for
from coffeechat.security import CONTENT_SECURITY_POLICY

from . import services

REPORT_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}


def overview(request, pk):
    exploration = get_exploration_for(request.user, pk)
    return TemplateResponse(
        request,
        "insights/overview.html",
        {"exploration": exploration, "o": services.overview(request.user, exploration)},
    )


def side_by_side(request, pk):
    exploration = get_exploration_for(request.user, pk)
    return TemplateResponse(
        request,
        "insights/side_by_side.html",
        {"exploration": exploration, "s": services.side_by_side(request.user, exploration)},
    )


def report_policy() -> str:
    digest = base64.b64encode(
        hashlib.sha256(services.report_stylesheet().encode()).digest()
    ).decode()
    return CONTENT_SECURITY_POLICY.replace("style-src 'self'", f"style-src 'sha256-{digest}'")


def report(request, pk, kind):
    """The exploration as Markdown, HTML or PDF (SPEC L4), downloaded as a file."""
    if kind not in REPORT_TYPES:
        raise NotFound("Reports come as md, html or pdf.")
    exploration = get_exploration_for(request.user, pk)
    body = services.report(request.user, exploration, kind, request=request)
    response = HttpResponse(body, content_type=REPORT_TYPES[kind])
    if kind == "html":  # its one inline stylesheet, allowed by its hash and nothing else
        response["Content-Security-Policy"] = report_policy()
    if request.GET.get("download", "1") != "0":
        response["Content-Disposition"] = f'attachment; filename="exploration-{pk}.{kind}"'
    return response
