"""Personal access tokens: made, listed with their last use, revoked (SPEC I3)."""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils import timezone

from coffeechat.errors import Invalid, NotFound

from .models import PersonalAccessToken

PREFIX = "cc_"
# Writing "last used" on every call would turn each read into a write; a minute is
# precise enough for a list that says when a token was last seen.
LAST_USED_PRECISION = timedelta(minutes=1)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user, name: str) -> tuple[PersonalAccessToken, str]:
    """A new token; the secret is returned now and never again."""
    name = name.strip()
    if not name:
        raise Invalid("Name the token after where it is used, e.g. “laptop script”.", field="name")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = PersonalAccessToken.objects.create(
        owner=user, name=name[:100], prefix=secret[:10], digest=_digest(secret)
    )
    return token, secret


def tokens_for(user) -> QuerySet[PersonalAccessToken]:
    return PersonalAccessToken.objects.filter(owner=user)


def revoke_token(user, pk) -> PersonalAccessToken:
    try:
        token = tokens_for(user).get(pk=pk)
    except (PersonalAccessToken.DoesNotExist, ValueError, TypeError):
        raise NotFound("No such token.") from None
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def user_for_token(secret: str, now=None) -> User | None:
    """The active owner of this secret, or None; records when it was last used."""
    if not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    token = (
        PersonalAccessToken.objects.select_related("owner")
        .filter(digest=_digest(secret), revoked_at__isnull=True, owner__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        PersonalAccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.owner
