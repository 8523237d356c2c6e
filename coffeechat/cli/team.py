"""Accounts of a team server (SPEC M2) and API tokens (SPEC I3).

`coffeechat invite EMAIL` prints a one-time link that creates an account (signup is
closed); `--admin` makes the new account an admin who can invite others from the web
(Account → Invite people). Start a new server with `coffeechat invite you@… --admin`.

`coffeechat token create NAME` prints a personal access token for the JSON API, shown
once; `token list` shows tokens with their last use; `token revoke ID` ends one. In
team mode name the account with --user; in personal mode it is the local user.
"""

import argparse
import sys


def describe(name: str) -> str:
    return __doc__


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "invite":
        parser.add_argument("email", help="the email address of the person invited")
        parser.add_argument(
            "--admin", action="store_true", help="make the new account an admin (can invite others)"
        )
        parser.add_argument(
            "--base-url",
            metavar="URL",
            help="the server's public address for the link (default: $COFFEECHAT_BASE_URL)",
        )
        parser.add_argument("--json", action="store_true", help="print JSON instead of text")
        return
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, help="create, list or revoke"
    )
    create = actions.add_parser(
        "create",
        help="make a token and print it once",
        description="Make a personal access token and print it.",
    )
    create.add_argument("name", help="where the token is used, e.g. 'laptop script'")
    listing = actions.add_parser(
        "list",
        help="list tokens with their last use",
        description="List tokens (never their secrets).",
    )
    revoke = actions.add_parser(
        "revoke",
        help="revoke a token by its id",
        description="Revoke a token: its next use is refused.",
    )
    revoke.add_argument("id", type=int, help="the token's id, as `token list` shows it")
    for sub in (create, listing, revoke):
        sub.add_argument(
            "--user", metavar="USERNAME", help="the account (team mode; default: the local user)"
        )
        sub.add_argument(
            "--data-dir",
            metavar="DIR",
            default=argparse.SUPPRESS,
            help="workspace folder (as for every command)",
        )
        sub.add_argument("--json", action="store_true", help="print JSON instead of text")


def run(args) -> int:
    from .setup import start_django

    start_django(args.data_dir, migrate=True)
    from django.db import transaction

    with transaction.atomic():
        return invite(args) if args.command == "invite" else token(args)


def invite(args) -> int:
    from django.conf import settings

    from coffeechat.accounts.team import INVITATION_DAYS
    from coffeechat.accounts.team import invite as make_invitation

    from .output import print_json

    _, secret = make_invitation(args.email, make_admin=args.admin)
    base = (args.base_url or settings.BASE_URL).rstrip("/")
    link = f"{base}/account/invitation/{secret}/"
    if args.json:
        print_json(
            {"email": args.email, "admin": args.admin, "link": link, "valid_days": INVITATION_DAYS}
        )
        return 0
    print(link)
    print(f"Valid once, for {INVITATION_DAYS} days.", file=sys.stderr)
    return 0


def token_dict(item) -> dict:
    """A token as `token list --json` shows it: never its secret."""
    return {
        "id": item.pk,
        "name": item.name,
        "prefix": item.prefix,
        "created_at": item.created_at,
        "last_used_at": item.last_used_at,
        "revoked_at": item.revoked_at,
    }


def token(args) -> int:
    from coffeechat.api import services
    from coffeechat.errors import DomainError

    from .output import print_json

    user = account(args.user)
    if user is None:
        print(
            f"coffeechat: no active account named {args.user!r}"
            if args.user
            else "coffeechat: name the account with --user USERNAME (team mode)",
            file=sys.stderr,
        )
        return 2
    try:
        if args.action == "create":
            item, secret = services.create_token(user, args.name)
            if args.json:
                print_json({**token_dict(item), "token": secret})
            else:
                print(secret)
        elif args.action == "revoke":
            services.revoke_token(user, args.id)
            if args.json:
                print_json({"id": args.id, "revoked": True})
            else:
                print(f"Token {args.id} revoked.")
        elif args.json:
            print_json([token_dict(item) for item in services.tokens_for(user)])
        else:
            for item in services.tokens_for(user):
                used = f"{item.last_used_at:%Y-%m-%d %H:%M}" if item.last_used_at else "never"
                state = " (revoked)" if item.revoked_at else ""
                print(f"{item.pk:>5}  {item.prefix}…  {item.name}  last used {used}{state}")
    except DomainError as error:
        print(f"coffeechat: {error.message}", file=sys.stderr)
        return 1
    return 0


def account(username):
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from coffeechat.accounts.services import local_user

    if username is None:
        return local_user() if settings.MODE == "personal" else None
    return get_user_model().objects.filter(username=username, is_active=True).first()
