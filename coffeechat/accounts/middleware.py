import copy
import re
import time

from django.conf import settings
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.views import redirect_to_login
from django.db.models.signals import post_delete, post_migrate, post_save
from django.http import Http404, HttpResponseForbidden
from django.urls import get_script_prefix, set_script_prefix

from coffeechat.errors import NotFound

from .services import local_user
from .team import readable_owner


class LocalUserMiddleware:
    """Personal mode has no login page: every request acts as the local user.

    The server refuses to bind anything but loopback in this mode, so only the
    person at this machine can reach it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.known = None  # the local user as first read
        user_model = get_user_model()
        post_save.connect(self.forget, sender=user_model)
        post_delete.connect(self.forget, sender=user_model)
        # `flush` empties the tables without a signal per row, then sends post_migrate (the
        # tests' reset between transactional tests, with one live server for the session).
        post_migrate.connect(self.forget)

    def __call__(self, request):
        if settings.MODE == "personal":
            request.user = self.local_user()
        return self.get_response(request)

    def local_user(self):
        """One query per process instead of one per request. Each request gets its own
        copy, so nothing a request sets on it leaks into the next one; a change of the
        row made here (or its deletion) makes the next request read it again."""
        if self.known is None:
            self.known = local_user()
        return copy.copy(self.known)

    def forget(self, sender, **kwargs):
        self.known = None


# Reached without a session: the login and invitation pages, static files, the API
# (its own tokens) and calendar feeds (the secret in their address).
PUBLIC_PATHS = ("/account/login/", "/account/invitation/", "/static/", "/api/", "/calendar/")
COACH_PATH = re.compile(r"^/coach/(?P<explorer>[0-9]{1,18})(?P<rest>/.*)$")
# What a coach does not see even when granted: the explorer's settings and secrets,
# bulk export and import, accounts, and the API (which has its own `?explorer=`).
HIDDEN_FROM_COACHES = ("/settings/", "/data/", "/account/", "/coach/", "/api/", "/calendar/")
SAFE_METHODS = ("GET", "HEAD")
LOGGED_IN_AT, SEEN_AT = "coffeechat_auth_at", "coffeechat_seen_at"


class TeamAccessMiddleware:
    """Team mode (SPEC M2): a login for everything but the public paths, session
    timeouts, and the read-only coach view of an explorer's records.

    A coach reads `/coach/<explorer id>/<any page>`: the page is rendered exactly as
    the explorer sees it, with links pointing back under the same prefix, but only
    GET and HEAD pass; nothing is ever changed on the explorer's behalf.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.MODE != "team" or request.path_info.startswith(PUBLIC_PATHS):
            return self.get_response(request)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if session_expired(request.session, time.time()):
            logout(request)  # flushes the session on the server, not just the cookie
            return redirect_to_login(request.get_full_path())
        match = COACH_PATH.match(request.path_info)
        if match:
            return self.coach_view(request, match["explorer"], match["rest"])
        return self.get_response(request)

    def coach_view(self, request, explorer_id, rest):
        try:
            explorer = readable_owner(request.user, explorer_id)
        except NotFound:
            raise Http404("No such explorer.") from None
        if rest.startswith(HIDDEN_FROM_COACHES):
            raise Http404("Not part of the coach view.")
        if request.method not in SAFE_METHODS:
            return HttpResponseForbidden(
                "A coach can read an explorer's records, never change them."
            )
        own_prefix = get_script_prefix()
        request.coach, request.user, request.own_script_prefix = request.user, explorer, own_prefix
        request.path_info = rest
        set_script_prefix(f"{own_prefix}coach/{explorer.pk}/")
        try:
            response = self.get_response(request)
        finally:
            set_script_prefix(own_prefix)
        response["Cache-Control"] = "no-store"
        return response


def session_expired(session, now: float) -> bool:
    """Idle and absolute timeouts (ASVS V7.3); `seen` is refreshed at most once a
    minute so that most requests do not write the session."""
    logged_in = session.get(LOGGED_IN_AT)
    seen = session.get(SEEN_AT, logged_in)
    if logged_in is None:
        session[LOGGED_IN_AT] = session[SEEN_AT] = now
        return False
    if now - logged_in > settings.SESSION_ABSOLUTE_TIMEOUT:
        return True
    if now - seen > settings.SESSION_IDLE_TIMEOUT:
        return True
    if now - seen > 60:
        session[SEEN_AT] = now
    return False


def start_session_clock(sender, request, user, **kwargs):
    """On login (connected in AccountsConfig.ready): the timeouts count from now."""
    if hasattr(request, "session"):
        request.session[LOGGED_IN_AT] = request.session[SEEN_AT] = time.time()
