"""Who is acting. In personal mode (SPEC M1) that is always the one local user."""

from django.contrib.auth import get_user_model

LOCAL_USERNAME = "me"


def local_user():
    """The single owner of a personal workspace, created on first use."""
    user, _ = get_user_model().objects.get_or_create(
        username=LOCAL_USERNAME, defaults={"first_name": "", "is_active": True}
    )
    return user
