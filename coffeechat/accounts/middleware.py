from django.conf import settings

from .services import local_user


class LocalUserMiddleware:
    """Personal mode has no login page: every request acts as the local user.

    The server refuses to bind anything but loopback in this mode, so only the
    person at this machine can reach it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.MODE == "personal":
            request.user = local_user()
        return self.get_response(request)
