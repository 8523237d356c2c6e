"""Team mode (SPEC M2): invitations, coach grants, and who may read whose records.

Every record belongs to one explorer. A coach reads an explorer's records only while
that explorer's grant stands, and never changes them: the web (`/coach/<id>/…`) and
the API (`?explorer=<id>`) both ask `readable_owner` which records a request may read,
and both refuse to write on anyone's behalf but the acting user's own.
"""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coffeechat.errors import Conflict, Invalid, NotFound

from .models import CoachGrant, Invitation

INVITATION_DAYS = 7


def digest_of(secret: str) -> str:
    """Secrets are long and random, so a plain SHA-256 is enough to store them safely."""
    return hashlib.sha256(secret.encode()).hexdigest()


# ---- who may read whose records ------------------------------------------------------


def readable_owner(user, explorer_id=None):
    """The owner whose records `user` may read: themselves, or an explorer who granted
    them. Anyone else is *not found*, so an id tells a stranger nothing."""
    if explorer_id in (None, "", user.pk, str(user.pk)):
        return user
    grant = (
        CoachGrant.objects.select_related("explorer")
        .filter(coach=user, explorer_id=_as_id(explorer_id), explorer__is_active=True)
        .first()
    )
    if grant is None:
        raise NotFound("No such explorer.")
    return grant.explorer


def _as_id(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise NotFound("No such explorer.") from None
    if not 0 < number < 2**63:
        raise NotFound("No such explorer.")
    return number


# ---- grants: listed on both sides, revocable by the explorer -------------------------


def coaches_of(explorer):
    return CoachGrant.objects.filter(explorer=explorer).select_related("coach")


def explorers_coached_by(coach):
    return CoachGrant.objects.filter(coach=coach, explorer__is_active=True).select_related(
        "explorer"
    )


def grant_coach(explorer, username: str) -> CoachGrant | None:
    """Let the user called `username` read my records; None when no active account has
    that name. The caller answers both cases alike, so the form tells nobody which
    usernames exist (issue 18, finding 6); a grant already given is simply kept."""
    username = username.strip()
    if username == explorer.username:
        raise Invalid("You can already see your own records.", field="username")
    coach = get_user_model().objects.filter(username=username, is_active=True).first()
    if coach is None:
        return None
    with transaction.atomic():  # a second tab granting at the same moment is no error
        grant, _ = CoachGrant.objects.get_or_create(explorer=explorer, coach=coach)
    return grant


def revoke_grant(explorer, grant_pk) -> None:
    """The explorer takes the access back; the coach's next request is refused."""
    deleted, _ = CoachGrant.objects.filter(explorer=explorer, pk=_as_grant_id(grant_pk)).delete()
    if not deleted:
        raise NotFound("No such coach.")


def leave_explorer(coach, grant_pk) -> None:
    """A coach may also step back from an explorer."""
    deleted, _ = CoachGrant.objects.filter(coach=coach, pk=_as_grant_id(grant_pk)).delete()
    if not deleted:
        raise NotFound("No such explorer.")


def _as_grant_id(value) -> int:
    try:
        return _as_id(value)
    except NotFound:
        raise NotFound("No such grant.") from None


# ---- invitations: signup is closed; an admin invites --------------------------------


def invite(
    email: str, invited_by=None, make_admin: bool = False, now=None
) -> tuple[Invitation, str]:
    """A one-time invitation; the secret is returned once and only its digest is kept."""
    now = now or timezone.now()
    secret = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email.strip(),
        digest=digest_of(secret),
        invited_by=invited_by,
        make_admin=make_admin,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    return invitation, secret


def open_invitation(secret: str, now=None) -> Invitation:
    """The invitation this secret opens, if still unused and unexpired."""
    now = now or timezone.now()
    if not secret or len(secret) > 100:
        raise NotFound("This invitation is not valid.")
    invitation = Invitation.objects.filter(
        digest=digest_of(secret), accepted_at__isnull=True, expires_at__gt=now
    ).first()
    if invitation is None:
        raise NotFound("This invitation is not valid any more: ask for a new one.")
    return invitation


@transaction.atomic  # a refusal after a write leaves nothing behind (ARCHITECTURE.md)
def accept_invitation(secret: str, *, username: str, password: str, now=None):
    """Create the account the invitation was for; the invitation cannot be used again."""
    now = now or timezone.now()
    invitation = open_invitation(secret, now)
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise Invalid("That username is taken: choose another.", field="username")
    user = User(
        username=username,
        email=invitation.email,
        is_staff=invitation.make_admin,
        is_superuser=invitation.make_admin,
    )
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise Invalid(" ".join(error.messages), field="password1") from None
    user.set_password(password)
    user.save()
    used = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        accepted_at=now, accepted_by=user
    )
    if used != 1:  # accepted in another tab a moment ago
        raise Conflict("This invitation was used a moment ago.")
    return user


def invitations_by(user):
    return Invitation.objects.all() if user.is_staff else Invitation.objects.none()


def withdraw_invitation(user, pk) -> None:
    if not user.is_staff:
        raise NotFound("No such invitation.")
    deleted, _ = Invitation.objects.filter(pk=_as_grant_id(pk), accepted_at__isnull=True).delete()
    if not deleted:
        raise NotFound("No such invitation.")
