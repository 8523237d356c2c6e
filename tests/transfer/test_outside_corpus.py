"""The same checks as the project's own corpus, over a folder of real files kept outside
the project (their licences do not all let them be shipped). Skipped unless
COFFEECHAT_CONTACTS_CORPUS names the folder:

    COFFEECHAT_CONTACTS_CORPUS=~/contact-files pytest tests/transfer/test_outside_corpus.py
"""

import os
from pathlib import Path

import pytest

from coffeechat.errors import Invalid
from coffeechat.transfer import services
from coffeechat.transfer.importing import Status

pytestmark = pytest.mark.django_db
FOLDER = os.environ.get("COFFEECHAT_CONTACTS_CORPUS", "")
FILES = sorted(p for p in Path(FOLDER).expanduser().iterdir() if p.is_file()) if FOLDER else []


@pytest.mark.skipif(not FOLDER, reason="COFFEECHAT_CONTACTS_CORPUS is not set")
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_a_real_file_imports_and_a_second_import_adds_and_changes_nothing(me, path):
    data = path.read_bytes()
    try:
        _, planned, first = services.import_contacts(me, data)
    except Invalid as error:
        pytest.skip(f"not a contacts file: {error.message}")
    refused = [(row.line, row.reason) for row in planned if row.status == Status.REJECTED]
    _, again, second = services.import_contacts(me, data)
    assert (second.added, second.updated) == (0, 0), [
        (row.line, row.name, row.status, row.fills)
        for row in again
        if row.status not in {Status.SAME, Status.REPEAT, Status.REJECTED} or row.fills
    ]
    assert all("nothing to know" in reason or "contact group" in reason for _, reason in refused), (
        refused
    )
