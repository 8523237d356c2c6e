"""Likely duplicates among people (SPEC P5): the rule, over plain values.

The name similarity score comes in as a function, so the rule stays standard
library only while the app plugs in a well-kept fuzzy matcher (rapidfuzz).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

NAME_SIMILARITY_THRESHOLD = 85  # out of 100


@dataclass(frozen=True)
class Contact:
    id: int | None
    name: str
    email: str = ""
    profile_url: str = ""
    organization_id: int | None = None


@dataclass(frozen=True)
class Match:
    id: int
    reason: str


def normal_email(email: str) -> str:
    return email.strip().lower()


def normal_profile_url(url: str) -> str:
    """Profile URLs compared without scheme, www., case or trailing slash."""
    if not url.strip():
        return ""
    try:
        parts = urlsplit(url.strip() if "//" in url else f"//{url.strip()}")
    except ValueError:  # e.g. an unclosed or invalid "[…]" host: compare it as text
        return url.strip().rstrip("/").lower()
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/').lower()}"


def normal_name(name: str) -> str:
    return " ".join(name.lower().split())


def likely_duplicates(
    candidate: Contact, others: Iterable[Contact], similarity: Callable[[str, str], float]
) -> list[Match]:
    """Who `candidate` probably already is: same email, same profile, or a close
    name at the same organization."""
    email = normal_email(candidate.email)
    profile = normal_profile_url(candidate.profile_url)
    name = normal_name(candidate.name)
    matches = []
    for other in others:
        if other.id == candidate.id:
            continue
        reason = _reason(candidate, other, email, profile, name, similarity)
        if reason:
            matches.append(Match(other.id, reason))
    return matches


def _reason(candidate, other, email, profile, name, similarity) -> str | None:
    if email and email == normal_email(other.email):
        return f"same email ({other.email})"
    if profile and profile == normal_profile_url(other.profile_url):
        return "same profile URL"
    same_org = candidate.organization_id and candidate.organization_id == other.organization_id
    if same_org and similarity(name, normal_name(other.name)) >= NAME_SIMILARITY_THRESHOLD:
        return "a very similar name at the same organization"
    return None
