"""Rendered pages kept while nothing they show can have changed.

A person page costs ~25 ms of CPU to build (objects, template) and is read far more
often than anything on it changes. A view decorated with `cached_page` answers a GET
from memory when all of these are the same as when it was rendered:

- the database's version, read from the database itself, so that writes by anyone
  count: this server's other threads and workers, the CLI, an import, the digest worker.
  SQLite: `PRAGMA data_version` (moves when another connection commits) and this
  connection's `total_changes` (every row it inserted, updated or deleted, committed
  or not). PostgreSQL: `pg_current_wal_insert_lsn()`, which moves with every change
  written to the server's log, committed or not (and sometimes without one of ours:
  then the page is only rendered again);
- the address with its query, the htmx headers, the user (and the coach reading as
  them), the day (pages say "today", "overdue") and the client's CSRF secret, so that
  the form tokens in a kept page are still that client's own.

The version is read before the view reads anything, so a page is never older than its
key; a page is kept only if the version did not move while it was rendered (the view
wrote, or another writer committed meanwhile), only for a 200 with no cookie of its
own, and never while a message waits to be shown. Each process keeps at most
`settings.PAGE_CACHE_MB` of pages, least recently used first out; 0 turns it off.
"""

import itertools
import threading
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone

_pages: OrderedDict = OrderedDict()
_bytes = 0
_lock = threading.Lock()
_generations = itertools.count(1)


def data_version(wrapper=connection):
    """What changes whenever the data may have: None where it cannot be told."""
    wrapper.ensure_connection()
    if wrapper.vendor == "sqlite":
        raw = wrapper.connection
        if getattr(wrapper, "_page_cache_raw", None) is not raw:
            # A new connection starts its counters again: its pages are its own.
            wrapper._page_cache_raw, wrapper._page_cache_generation = raw, next(_generations)
        (elsewhere,) = raw.execute("PRAGMA data_version").fetchone()
        return wrapper._page_cache_generation, elsewhere, raw.total_changes
    if wrapper.vendor == "postgresql":
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_insert_lsn()")
            return cursor.fetchone()[0]
    return None


def cached_page(view):
    """Serve `view`'s GETs from memory while their key holds (see the module's doc)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        limit = settings.PAGE_CACHE_MB * 2**20
        secret = request.META.get("CSRF_COOKIE")
        if not limit or request.method != "GET" or not secret or len(get_messages(request)):
            return view(request, *args, **kwargs)
        version = data_version()
        if version is None:
            return view(request, *args, **kwargs)
        coach = getattr(request, "coach", None)
        key = (
            view.__module__,
            view.__qualname__,
            request.path,
            request.META.get("QUERY_STRING", ""),
            tuple(sorted((k, v) for k, v in request.META.items() if k.startswith("HTTP_HX_"))),
            request.user.pk,
            coach.pk if coach else None,
            secret,
            timezone.localdate(),
            version,
        )
        kept = _get(key)
        if kept is not None:
            content, headers = kept
            response = HttpResponse(content, headers=headers)
            response.kept_page = True  # for benchmarks/middleware.py's hit rate
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            if hasattr(response, "render"):
                response.render()
            if data_version() == version:
                _put(key, (response.content, dict(response.items())), limit)
        return response

    return wrapper


def _get(key):
    with _lock:
        kept = _pages.get(key)
        if kept is not None:
            _pages.move_to_end(key)
        return kept


def _put(key, page, limit: int) -> None:
    global _bytes
    size = len(page[0])
    if size > limit // 8:  # one huge page would push out everything else
        return
    with _lock:
        if key in _pages:
            return
        _pages[key] = page
        _bytes += size
        while _bytes > limit:
            _, (content, _) = _pages.popitem(last=False)
            _bytes -= len(content)


def clear() -> None:
    """Forget every kept page (the tests' reset between tests rolls data back)."""
    global _bytes
    with _lock:
        _pages.clear()
        _bytes = 0


def size() -> tuple[int, int]:
    """(pages, bytes) kept in this process."""
    with _lock:
        return len(_pages), _bytes
