"""The answer when the database refuses a commit (issue 18, finding 7).

PostgreSQL and SQLite check foreign keys at commit (Django declares them deferred), after
the view has answered: a row named by the request that was deleted at the same moment
would surface there as an IntegrityError, and Django would answer 500. The API's
operations hold the rows they name (common.hold) and deletes hold theirs, so this should
not happen; if it still does, anywhere, the client gets a 409 naming the field when the
database says which, and nothing was saved (the transaction was rolled back): JSON under
/api/, the error page elsewhere.
"""

import re

from django.db import IntegrityError
from django.http import JsonResponse

from coffeechat.errors import Conflict, DomainErrorMiddleware

# PostgreSQL: 'Key (exploration_id)=(12) is not present in table ...'
# SQLite (Django's check): '... people_person.exploration_id contains a value ...'
COLUMN = re.compile(r"Key \((\w+)\)=|\.(\w+) contains a value")
MESSAGE = (
    "A record named in this request was changed or deleted at the same moment; "
    "nothing was saved. Read it again and retry."
)


class CommitConflictMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, IntegrityError):
            return None
        found = COLUMN.search(str(exception))
        field = next((name for name in found.groups() if name), None) if found else None
        if not request.path.startswith("/api/"):
            return DomainErrorMiddleware.process_exception(
                self, request, Conflict(MESSAGE, field=field)
            )
        return JsonResponse(
            {"detail": MESSAGE, "errors": [{"field": field, "message": MESSAGE}] if field else []},
            status=409,
        )
