"""Who is calling, whose records they may read, and their tokens (SPEC I3, M2)."""

from ninja import Router, Status

from coffeechat.accounts.team import explorers_coached_by

from .. import services
from ..common import actor, answers
from ..schemas import Id, MeOut, NewTokenOut, TokenIn, TokenOut

router = Router(tags=["account"])


@router.get("/me", response=answers({200: MeOut}))
def me(request):
    """The token's owner and the explorers who let them read their records."""
    user = actor(request)
    return {
        "id": user.pk,
        "username": user.username,
        "explorers": [
            {"id": grant.explorer_id, "username": grant.explorer.username}
            for grant in explorers_coached_by(user)
        ],
    }


@router.get("/tokens", response=answers({200: list[TokenOut]}))
def list_tokens(request):
    """Your personal access tokens with their last use (never their secrets)."""
    return list(services.tokens_for(actor(request)))


@router.post("/tokens", response=answers({201: NewTokenOut}))
def create_token(request, payload: TokenIn):
    """A new token; its secret is in this answer only."""
    token, secret = services.create_token(actor(request), payload.name)
    token.secret = secret
    return Status(201, token)


@router.delete("/tokens/{token_id}", response=answers({204: None}))
def revoke_token(request, token_id: Id):
    """Revoke a token: the next call made with it is refused."""
    services.revoke_token(actor(request), token_id)
    return Status(204, None)
