"""What every API operation shares: who acts, whose records it reads, the answers."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from coffeechat.accounts.team import readable_owner
from coffeechat.errors import Invalid, NotFound

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
    """A record the caller names in the body: not theirs is a bad field, not a 404 page."""
    if pk is None:
        return None
    try:
        return load(user, pk)
    except NotFound as error:
        raise Invalid(error.message, field=field) from None


class Paged(LimitOffsetPagination):
    """?limit= (1-200, default 50) and ?offset=; the answer has `items` and `count`."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=200)
        offset: int = Field(0, ge=0, le=10_000_000)

    def __init__(self, **kwargs):
        super().__init__(max_limit=200, **kwargs)
