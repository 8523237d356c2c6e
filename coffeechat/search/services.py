"""One search over people, organizations, explorations and notes, on either database.

SQLite answers from its FTS5 table, PostgreSQL from a GIN-indexed tsvector; both
match every word of the query as a prefix, so typing "pri rese" finds
"Priya Raman, Head of Research".
"""

import re
from dataclasses import dataclass

from django.db import connection

from .models import Kind, SearchDocument

MAX_TERMS = 8
SNIPPET_CHARS = 140


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    title: str
    snippet: str


def terms_of(text: str) -> list[str]:
    """The words of a query, lower-cased; punctuation never reaches the SQL."""
    return re.findall(r"\w+", (text or "").lower())[:MAX_TERMS]


def index_document(owner, kind: Kind, object_id: int, title: str, body: str) -> None:
    SearchDocument.objects.update_or_create(
        kind=kind, object_id=object_id,
        defaults={"owner": owner, "title": title[:300], "body": body},
    )


def retitle(kind: Kind, object_ids, title: str) -> None:
    """Give several documents a new title in one UPDATE (e.g. notes of a renamed person)."""
    SearchDocument.objects.filter(kind=kind, object_id__in=object_ids).exclude(
        title=title[:300]).update(title=title[:300])


def unindex(kind: Kind, object_ids) -> None:
    SearchDocument.objects.filter(kind=kind, object_id__in=list(object_ids)).delete()


def search_for(user, text: str, limit: int = 20) -> list[Hit]:
    terms = terms_of(text)
    if not terms:
        return []
    rows = _postgres(user, terms, limit) if connection.vendor == "postgresql" else \
        _sqlite(user, terms, limit)
    return [Hit(kind, object_id, title, snippet(body, terms))
            for kind, object_id, title, body in rows]


def _sqlite(user, terms, limit):
    match = " ".join(f'"{term}"*' for term in terms)
    sql = ("SELECT d.kind, d.object_id, d.title, d.body FROM search_fts "
           "JOIN search_searchdocument d ON d.id = search_fts.rowid "
           "WHERE search_fts MATCH %s AND d.owner_id = %s ORDER BY search_fts.rank LIMIT %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, user.pk, limit])
        return cursor.fetchall()


def _postgres(user, terms, limit):
    query = " & ".join(f"{term}:*" for term in terms)
    sql = ("SELECT kind, object_id, title, body FROM search_searchdocument "
           "WHERE owner_id = %s AND tsv @@ to_tsquery('simple', %s) "
           "ORDER BY ts_rank(tsv, to_tsquery('simple', %s)) DESC, id LIMIT %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, query, query, limit])
        return cursor.fetchall()


def snippet(body: str, terms: list[str]) -> str:
    """A short piece of the body around the first matching word."""
    if not body:
        return ""
    lowered = body.lower()
    positions = [p for p in (lowered.find(term) for term in terms) if p >= 0]
    start = max(0, min(positions, default=0) - 40)
    piece = " ".join(body[start:start + SNIPPET_CHARS].split())
    return ("…" if start else "") + piece + ("…" if start + SNIPPET_CHARS < len(body) else "")
