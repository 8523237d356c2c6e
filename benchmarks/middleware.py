"""Benchmarks only: say in a response header whether the page came from a kept copy
(coffeechat/web/pagecache.py), so that a load run can count the kept-page hit rate."""


class KeptPageHeader:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "kept_page", False):
            response["X-Bench-Kept"] = "1"
        return response
