"""How a request's transaction begins on SQLite: reads beside each other, writes in turn.

SQLite has one write lock. A transaction begun IMMEDIATE takes it at BEGIN and waits
its turn (the busy timeout); one begun DEFERRED takes it at its first write, and if it
has read before, SQLite refuses that upgrade at once, without waiting, whenever another
connection writes or has written since. So unsafe methods begin IMMEDIATE (the
settings' mode) and GETs begin DEFERRED: they read beside each other and beside a
writer (WAL) instead of queuing on the lock. The few GETs that write (a cache made
fresh on read, a row made on first visit) mostly succeed; one that meets a writer is
rolled back and run once more, IMMEDIATE. PostgreSQL needs none of this.
"""

from django.db import OperationalError, connections

READS = ("GET", "HEAD", "OPTIONS")


class TransactionModeMiddleware:
    """Last in MIDDLEWARE, so that it wraps the view alone and sees its exception first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        connection = connections["default"]
        if connection.vendor != "sqlite" or request.method not in READS:
            return self.get_response(request)
        connection.ensure_connection()  # connecting sets the mode from the settings
        writes_first = configured_mode(connection)
        connection.transaction_mode = "DEFERRED"
        try:
            response = self.get_response(request)
            if getattr(request, "retry_with_write_lock", False):
                request.retry_with_write_lock = False
                connection.transaction_mode = writes_first
                response = self.get_response(request)
            return response
        finally:
            connection.transaction_mode = writes_first

    def process_exception(self, request, exception):
        # Only mark it: the 503 rendered meanwhile is replaced by the second run.
        connection = connections["default"]
        if (
            connection.vendor == "sqlite"
            and connection.transaction_mode == "DEFERRED"
            and isinstance(exception, OperationalError)
            and "is locked" in str(exception)
        ):
            request.retry_with_write_lock = True


def configured_mode(connection) -> str | None:
    """The settings' mode, not the connection's current one: the live server of the
    browser tests shares one in-memory connection between its threads, and a mode read
    from it while another request runs DEFERRED would be carried on to every later one."""
    mode = connection.settings_dict.get("OPTIONS", {}).get("transaction_mode")
    return mode.upper() if mode else None
