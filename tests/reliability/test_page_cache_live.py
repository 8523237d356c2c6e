"""Kept pages (coffeechat/web/pagecache.py) on a real server: two worker processes of
four threads, each thread with its own connection and so its own kept copies. A change
made anywhere (another worker, another process writing to the database) shows on the
very next look, whichever thread answers it, on SQLite and on PostgreSQL."""

import uuid

from .crashkit import person_fields
from .server import pk_from

LOOKS = 24  # enough that every thread of both workers answers some of them


def looks(http, path: str) -> list[str]:
    pages = [http.get(path) for _ in range(LOOKS)]
    assert {page.status for page in pages} == {200}
    return [page.body for page in pages]


def test_a_change_by_another_process_shows_on_every_look(live, http):
    name = f"Kept {uuid.uuid4().hex}"
    pk = pk_from(http.post("/people/new/", person_fields(name, "Engineer")).location)
    for path in (f"/people/{pk}/", "/people/"):
        assert all(name in page for page in looks(http, path)), path
        renamed = f"Renamed {uuid.uuid4().hex}"
        connection = live.store.connect()  # another process's connection, autocommit
        try:
            connection.execute(f"UPDATE people_person SET name = '{renamed}' WHERE id = {pk}")
        finally:
            connection.close()
        assert all(renamed in page and name not in page for page in looks(http, path)), path
        name = renamed


def test_an_edit_through_one_worker_shows_on_the_other(live, http):
    pk = pk_from(
        http.post("/people/new/", person_fields(f"Edit {uuid.uuid4().hex}", "Before")).location
    )
    assert all("Before" in page for page in looks(http, f"/people/{pk}/"))
    for round_ in range(3):
        title = f"Title {round_} {uuid.uuid4().hex[:6]}"
        version = http.get(f"/people/{pk}/edit/").body.split('name="version" value="')[1]
        version = version.split('"')[0]
        response = http.post(
            f"/people/{pk}/edit/", {**person_fields(f"Edit {pk}", title), "version": version}
        )
        assert response.status == 302, response.body[:2000]
        assert all(title in page for page in looks(http, f"/people/{pk}/"))
        word = title.split()[-1]
        assert all(f"Edit {pk}" in page for page in looks(http, f"/search/?q={word}"))
