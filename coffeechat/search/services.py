"""One search over people, organizations, explorations, conversations and notes, on either database.

SQLite answers from its FTS5 table, PostgreSQL from a GIN-indexed tsvector; both
match every word of the query as a prefix, so typing "pri rese" finds
"Priya Raman, Head of Research".

Results come best first: bm25 on SQLite, ts_rank on PostgreSQL, ties oldest first.
Scoring costs microseconds a document, so at most CANDIDATES of the user's matching
documents are scored: all matching people, organizations and explorations, then the
newest matching notes. A query matching more (a common word among a million notes)
shows the best of those, never an older note outside them.
"""

import re
from dataclasses import dataclass

from django.db import connection

from .models import Kind, SearchDocument

MAX_TERMS = 8
SNIPPET_CHARS = 140
# bm25 costs 2-3 µs a document (it reads the document's size and positions). Scoring
# 12,000 keeps a common word among a million notes near 40 ms (p95 190 ms when all of
# its 40,000-280,000 matches were scored) and still covers every match of the
# benchmark's names and word pairs (at most 10,903), whose results are unchanged.
CANDIDATES = 12_000
RECORD_BAND = 1 << 40  # a record's FTS5 rowid is its id + RECORD_BAND (migration 0004)


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    title: str
    snippet: str


def terms_of(text: str) -> list[str]:
    """The words of a query, lower-cased; punctuation never reaches the SQL."""
    return re.findall(r"\w+", (text or "").lower())[:MAX_TERMS]


# ---- what each record's document says: one builder per kind, for the services, the
# import's bulk writer and the demo generator alike -------------------------------------


def conversation_title(person_name: str) -> str:
    return f"Conversation with {person_name}"


def person_text(
    *, title: str, organization: str, email: str, location: str, tags, notes: str
) -> str:
    """The searchable body of a person (their name is the document's title); `tags` are
    names, in the order given (by name, as the model orders them)."""
    return "\n".join([title, organization, email, location, " ".join(tags), notes])


def organization_text(*, sector: str, website: str, research_notes: str) -> str:
    return "\n".join([sector, website, research_notes])


def exploration_text(*, field: str, target_position: str, notes: str, decision: str) -> str:
    return "\n".join([field, target_position, notes, decision])


def index_document(owner, kind: Kind, object_id: int, title: str, body: str) -> None:
    SearchDocument.objects.update_or_create(
        kind=kind,
        object_id=object_id,
        defaults={"owner": owner, "title": title[:300], "body": body},
    )


def retitle(kind: Kind, object_ids, title: str) -> None:
    """Give several documents a new title in one UPDATE (e.g. notes of a renamed person)."""
    SearchDocument.objects.filter(kind=kind, object_id__in=object_ids).exclude(
        title=title[:300]
    ).update(title=title[:300])


def unindex(kind: Kind, object_ids) -> None:
    SearchDocument.objects.filter(kind=kind, object_id__in=list(object_ids)).delete()


def search_for(user, text: str, limit: int = 20, candidates: int = CANDIDATES) -> list[Hit]:
    terms = terms_of(text)
    if not terms:
        return []
    rows = (
        _postgres(user, terms, limit, candidates)
        if connection.vendor == "postgresql"
        else _sqlite(user, terms, limit, candidates)
    )
    return [
        Hit(kind, object_id, title, snippet(body, terms)) for kind, object_id, title, body in rows
    ]


def _sqlite(user, terms, limit, candidates):
    # FTS5 walks its rowids newest first without scoring (records sit above notes, see
    # RECORD_BAND) and the owner's first `candidates` get a bm25 score; only the best
    # `limit` rows are then read. Checking a candidate's owner reads its row, which costs
    # as much as scoring it, so a workspace where nobody else has documents skips it
    # (two ranges of the owner index: "owner_id <>" would scan it). %% is SQL's modulo.
    sql = f"""SELECT d.kind, d.object_id, d.title, d.body FROM (
                SELECT id, score FROM (
                    SELECT search_fts.rowid %% {RECORD_BAND} AS id, bm25(search_fts) AS score
                    FROM search_fts WHERE search_fts MATCH %(match)s AND (
                        NOT EXISTS (SELECT 1 FROM search_searchdocument
                                    WHERE owner_id < %(owner)s OR owner_id > %(owner)s)
                        OR EXISTS (SELECT 1 FROM search_searchdocument
                                   WHERE id = search_fts.rowid %% {RECORD_BAND}
                                   AND owner_id = %(owner)s))
                    ORDER BY search_fts.rowid DESC LIMIT %(candidates)s)
                ORDER BY score, id LIMIT %(limit)s) AS best
              CROSS JOIN search_searchdocument d ON d.id = best.id
              WHERE d.owner_id = %(owner)s ORDER BY best.score, best.id"""
    params = {
        "match": " ".join(f'"{term}"*' for term in terms),
        "owner": user.pk,
        "candidates": candidates,
        "limit": limit,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _postgres(user, terms, limit, candidates):
    query = " & ".join(f"{term}:*" for term in terms)
    sql = """SELECT d.kind, d.object_id, d.title, d.body FROM search_searchdocument d
             JOIN (SELECT id FROM search_searchdocument
                   WHERE owner_id = %(owner)s AND tsv @@ to_tsquery('simple', %(query)s)
                   ORDER BY kind <> 'note' DESC, id DESC LIMIT %(candidates)s) AS c ON c.id = d.id
             ORDER BY ts_rank(d.tsv, to_tsquery('simple', %(query)s)) DESC, d.id LIMIT %(limit)s"""
    with connection.cursor() as cursor:
        cursor.execute(
            sql, {"owner": user.pk, "query": query, "candidates": candidates, "limit": limit}
        )
        return cursor.fetchall()


def snippet(body: str, terms: list[str]) -> str:
    """A short piece of the body around the first matching word."""
    if not body:
        return ""
    lowered = body.lower()
    positions = [p for p in (lowered.find(term) for term in terms) if p >= 0]
    start = max(0, min(positions, default=0) - 40)
    piece = " ".join(body[start : start + SNIPPET_CHARS].split())
    return ("…" if start else "") + piece + ("…" if start + SNIPPET_CHARS < len(body) else "")
