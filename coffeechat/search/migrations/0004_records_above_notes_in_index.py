"""Number people, organizations and explorations above every note in the FTS5 index.

search.services scores at most CANDIDATES documents per query, taken newest first in
the index's rowid order, which FTS5 walks without scoring. A record's rowid is now its
id + 2**40 (RECORD_BAND), so that walk meets every matching person, organization and
exploration before any note: a name is never crowded out by the notes that mention
it. The index reads its content through a view that computes those rowids; the tokens,
and so the bm25 scores, are those of 0002's index. The view has no index on the
computed rowid: read titles and bodies from search_searchdocument, not search_fts.

PostgreSQL needs nothing: its query orders the candidates itself.
"""

from django.db import migrations

BAND = 1 << 40  # services.RECORD_BAND; ids stay far below it


def fts_rowid(row: str) -> str:
    return f"CASE WHEN {row}.kind = 'note' THEN {row}.id ELSE {row}.id + {BAND} END"


DROP_INDEX = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]
TABLE = """CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body, content='{content}', content_rowid='{rowid}',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3')"""


def triggers(rowid) -> list[str]:
    insert = f"INSERT INTO search_fts(rowid, title, body) VALUES ({rowid('new')}, new.title, new.body);"
    delete = (f"INSERT INTO search_fts(search_fts, rowid, title, body) "
              f"VALUES ('delete', {rowid('old')}, old.title, old.body);")
    return [
        f"CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN {insert} END",
        f"CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN {delete} END",
        f"CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN "
        f"{delete} {insert} END",
    ]


FORWARD = [
    *DROP_INDEX,
    f"""CREATE VIEW search_fts_content AS SELECT {fts_rowid('search_searchdocument')} AS fts_rowid,
        title, body FROM search_searchdocument""",
    TABLE.format(content="search_fts_content", rowid="fts_rowid"),
    *triggers(fts_rowid),
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
BACKWARD = [  # 0002's index: rowid = id
    *DROP_INDEX,
    "DROP VIEW IF EXISTS search_fts_content",
    TABLE.format(content="search_searchdocument", rowid="id"),
    *triggers(lambda row: f"{row}.id"),
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0003_rebuild_full_text_index")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
