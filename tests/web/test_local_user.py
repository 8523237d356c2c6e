"""Personal mode reads the local user once per process, not once per request."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coffeechat.accounts.services import local_user


def test_the_local_user_is_read_once(client, db):
    client.get("/people/")
    with CaptureQueriesContext(connection) as context:
        client.get("/people/")
    assert not any("auth_user" in q["sql"] for q in context.captured_queries)


def test_a_deleted_and_recreated_local_user_is_read_again(client, db):
    client.get("/people/")
    local_user().delete()
    assert client.get("/people/new/").status_code == 200
    form = {"name": "Ada Lovelace", "level": "above", "how_found": "alumni", "priority": 2}
    assert client.post("/people/new/", form).status_code == 302
    assert local_user().people.get().name == "Ada Lovelace"
