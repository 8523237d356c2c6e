"""A real server for the reliability tests, on the database the suite runs on."""

from contextlib import ExitStack

import pytest

from .server import Client, Server, Store, postgres_url, scratch_postgres


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """`coffeechat serve` with two worker processes of four threads: requests really run
    side by side, on a SQLite data dir or a scratch PostgreSQL database."""
    with ExitStack() as stack:
        data_dir = tmp_path_factory.mktemp("live")
        url = stack.enter_context(scratch_postgres()) if postgres_url() else None
        server = Server(Store(data_dir, url), data_dir / "server.log", workers=2)
        server.start()
        try:
            server.wait_ready()
            yield server
        finally:
            server.kill()


@pytest.fixture
def http(live):
    return Client(live.port)
