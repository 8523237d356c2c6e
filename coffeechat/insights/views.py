from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone

from coffeechat.errors import Invalid, NotFound
from coffeechat.explorations.services import get_exploration_for, options_for

from . import services

REPORT_TYPES = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
                "pdf": "application/pdf"}


def overview(request, pk):
    exploration = get_exploration_for(request.user, pk)
    return TemplateResponse(request, "insights/overview.html", {
        "exploration": exploration, "o": services.overview(request.user, exploration)})


def side_by_side(request, pk):
    exploration = get_exploration_for(request.user, pk)
    return TemplateResponse(request, "insights/side_by_side.html", {
        "exploration": exploration, "s": services.side_by_side(request.user, exploration)})


def report_context(user, exploration):
    return {"exploration": exploration, "o": services.overview(user, exploration),
            "s": services.side_by_side(user, exploration),
            "options": options_for(user, exploration), "generated": timezone.localdate()}


def report(request, pk, kind):
    """The exploration as Markdown, HTML or PDF (SPEC L4), downloaded as a file."""
    if kind not in REPORT_TYPES:
        raise NotFound("Reports come as md, html or pdf.")
    exploration = get_exploration_for(request.user, pk)
    context = report_context(request.user, exploration)
    if kind == "md":
        body = render_to_string("insights/report.md", context).encode()
    else:
        html = render_to_string("insights/report.html", {**context, "for_pdf": kind == "pdf"},
                                request=request)
        body = html.encode() if kind == "html" else pdf_of(html)
    response = HttpResponse(body, content_type=REPORT_TYPES[kind])
    if request.GET.get("download", "1") != "0":
        response["Content-Disposition"] = f'attachment; filename="exploration-{pk}.{kind}"'
    return response


def pdf_of(html: str) -> bytes:
    """Render with WeasyPrint; it needs Pango from the system (see docs/DATA.md)."""
    try:
        from weasyprint import CSS, HTML
    except OSError as error:  # the system libraries are missing
        raise Invalid(f"PDF needs the Pango library on this machine ({error}). The Markdown "
                      "and HTML reports work without it.", field="kind") from None
    stylesheet = CSS(filename=finders.find("coffeechat/report.css"))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])
