"""The framework's ceiling: a view that does no work but returns a page of a given size.

It runs behind the same middleware, on the same server and in the same run as the
page it is compared with, so the ratio page/ceiling shows what the page itself costs.
"""

from functools import cache

from django.http import HttpResponse

FILLER = "<p>coffeechat benchmark filler, the same size as the page it stands beside.</p>\n"


@cache
def static_page(size: int) -> bytes:
    head, tail = "<!doctype html>\n<html><body>\n", "</body></html>\n"
    body = FILLER * (max(0, size - len(head) - len(tail)) // len(FILLER) + 1)
    page = (head + body)[: max(0, size - len(tail))] + tail
    return page.encode()[:size] if size >= len(tail) else b"x" * size


def bare(request, size: int):
    return HttpResponse(static_page(min(size, 10_000_000)), content_type="text/html")
