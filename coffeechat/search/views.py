from django.template.response import TemplateResponse
from django.urls import reverse

from coffeechat.people.services import people_of_notes
from coffeechat.web.pagecache import cached_page

from . import services

URL_NAMES = {
    "person": "people:detail",
    "organization": "people:organization",
    "exploration": "explorations:detail",
    "conversation": "conversations:detail",
}


@cached_page
def search(request):
    """The search page; an htmx request (type-ahead) gets only the results partial."""
    query = request.GET.get("q", "")[:200]
    hits = services.search_for(request.user, query)
    template = (
        "search/page.html#results" if request.headers.get("HX-Request") else "search/page.html"
    )
    return TemplateResponse(
        request, template, {"query": query, "results": with_urls(request.user, hits)}
    )


def with_urls(user, hits):
    """Each hit with the address of its page; a note opens on its person."""
    note_people = people_of_notes(user, [h.object_id for h in hits if h.kind == "note"])
    return [(hit, _url(hit, note_people)) for hit in hits]


def _url(hit, note_people):
    if hit.kind == "note":
        return reverse("people:detail", args=[note_people[hit.object_id]]) + "#notes-title"
    return reverse(URL_NAMES[hit.kind], args=[hit.object_id])
