"""Personal access tokens on the API: `Authorization: Bearer cc_…` (SPEC I3)."""

from ninja.security import HttpBearer

from .services import user_for_token


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        return user_for_token(token)
