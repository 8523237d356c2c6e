"""Who is acting. In personal mode (SPEC M1) that is always the one local user."""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from coffeechat.versioning import save_if_unchanged
from coffeechat.workspace import LOCAL_USERNAME

from .models import Profile
from .team import digest_of


def local_user() -> User:
    """The single owner of a personal workspace, created on first use."""
    user, _ = get_user_model().objects.get_or_create(
        username=LOCAL_USERNAME, defaults={"first_name": "", "is_active": True}
    )
    return user


def profile_for(user) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def update_profile(user, version: int, **changes) -> Profile:
    profile = profile_for(user)
    if "country" in changes:
        changes["country"] = changes["country"].upper()
    save_if_unchanged(profile, version, changes, "profile", owner_field="user")
    return profile_for(user)


@cache
def supported_countries() -> tuple[str, ...]:
    """The two-letter codes of the countries whose public holidays are known."""
    import holidays

    return tuple(sorted(code for code in holidays.list_supported_countries() if len(code) == 2))


def renew_feed_token(user) -> str:
    """A new secret for the calendar feed URL; the old URL stops working at once.
    Only its digest is kept (like API tokens), so the secret is returned now and never
    again: a copy of the database opens no feed."""
    import secrets

    token = secrets.token_urlsafe(32)
    Profile.objects.filter(pk=profile_for(user).pk).update(feed_digest=digest_of(token))
    return token


def revoke_feed(user) -> None:
    Profile.objects.filter(user=user).exclude(feed_digest="").update(feed_digest="")


def user_for_feed(token: str) -> User | None:
    """The active owner of a calendar feed token, or None (an unknown token reveals
    nothing). A deactivated account's feed is closed here even before its revocation."""
    if not token or not 20 <= len(token) <= 100:
        return None
    profile = (
        Profile.objects.select_related("user")
        .filter(feed_digest=digest_of(token), user__is_active=True)
        .first()
    )
    return profile.user if profile else None


def close_feed_when_credentials_change(sender, instance, **kwargs) -> None:
    """post_save of the user (AccountsConfig.ready): a new password or a deactivated
    account ends the calendar feed, as it ends sessions and API tokens. `_password`
    is set only by set_password, and Django clears it for a mere rehash at login."""
    if getattr(instance, "_password", None) is not None or not instance.is_active:
        revoke_feed(instance)
