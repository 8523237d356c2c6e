"""What every API operation shares: who acts, whose records it reads, the answers."""

from contextlib import contextmanager

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from coffeechat.accounts.team import readable_owner
from coffeechat.errors import Conflict, Invalid, NotFound

from .schemas import Error

# Every operation documents every error it can answer, so a client (and Schemathesis)
# can rely on the description.
ERRORS = {400: Error, 401: Error, 404: Error, 409: Error, 422: Error}


def answers(ok: dict) -> dict:
    return {**ok, **ERRORS}


def actor(request):
    """The token's owner. Never `request.user`: in personal mode that is always the local
    user, whoever calls."""
    return request.auth


def reader(request, explorer: int | None):
    """Whose records a read operation reads: the caller's, or a granting explorer's."""
    return readable_owner(actor(request), explorer)


def owned(load, user, pk, field: str):
    """A record the caller names in the body, held until the request commits.

    Not theirs (or no such record) is a 404 naming the field. One that existed when read
    but was deleted before it could be held (a delete running at the same moment) is a 409
    naming the field: either way the write never points at a row that is gone, which
    PostgreSQL would only notice at commit, as a 500 (issue 18, finding 7)."""
    if pk is None:
        return None
    try:
        record = load(user, pk)
    except NotFound as error:
        raise NotFound(error.message, field=field) from None
    return hold(record, field)


def hold(record, field: str | None = None):
    """Lock the record's row until the transaction ends, so that a concurrent delete (which
    locks it first too, see the delete services) waits for this write or this write sees
    it gone. A no-op on SQLite, whose writers take turns for the whole transaction."""
    rows = type(record)._default_manager.select_for_update().filter(pk=record.pk)
    if not list(rows.values_list("pk", flat=True)):
        raise Conflict("It was deleted meanwhile.", field=field)
    return record


@contextmanager
def state_rules():
    """Services refuse some well-formed requests because of what is stored: a step the
    conversation's history does not allow, a closed exploration, someone who said no. The
    body is valid by the description; the records are in the way, which is a 409."""
    try:
        yield
    except Invalid as refused:
        raise Conflict(refused.message, field=refused.field) from None


class Paged(LimitOffsetPagination):
    """?limit= (1-200, default 50) and ?offset=; the answer has `items` and `count`."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=200)
        offset: int = Field(0, ge=0, le=10_000_000)

    def __init__(self, **kwargs):
        super().__init__(max_limit=200, **kwargs)
