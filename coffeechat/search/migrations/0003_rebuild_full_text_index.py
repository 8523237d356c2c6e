"""Index the documents written before the full-text index existed (SQLite).

0002 created the FTS5 table and the triggers that keep it current, but left the rows
already in search_searchdocument out: a workspace upgraded from 0001 found none of
them. A rebuild reads the whole content table again; PostgreSQL's generated column
was computed for existing rows when it was added.
"""

from django.db import migrations


def rebuild(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text_index")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
