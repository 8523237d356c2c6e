"""Who in an imported file is already in the address book (SPEC P5), for many rows at once.

The rule is the one of `coffeechat.domain.duplicates` — same email, same profile
URL, or a very similar name at the same organization — plus what an earlier import
remembered of where each person came from (`ExternalId`: a vCard UID, a Google resource
name, the fingerprint of the row itself), the same phone number under the same name, and
the same name at the same organization. Only a personal profile URL counts (a company's
website is shared by its people: `importers.contact.is_personal`). Checking 10,000 rows
one query at a time would be 10,000 queries, so the owner's people are loaded once into
dictionaries; rapidfuzz narrows each organization's people to the close names before the
domain rule decides.
"""

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from coffeechat.domain import duplicates
from coffeechat.people.models import Organization, Person

from .models import ExternalId

PLAIN_URL = re.compile(r"https?://([a-z0-9.-]+)(/[a-z0-9._~%/-]*)?", re.IGNORECASE | re.ASCII)


def normal_profile_url(url: str) -> str:
    """`duplicates.normal_profile_url`, without urlsplit for the plain addresses of nearly
    every export: at 100,000 rows against 100,000 people it was a tenth of the import.
    A test checks that both agree."""
    if plain := PLAIN_URL.fullmatch(url):
        host, path = plain.groups()
        return host.lower().removeprefix("www.") + (path or "").rstrip("/").lower()
    return duplicates.normal_profile_url(url)


def normal_phone(phone: str) -> str:
    """The last nine digits: "+44 20 7946 0018", "020 7946 0018" and "0044 20 7946 0018"
    are one number. Fewer than seven digits is an extension, not a number to match on."""
    digits = "".join(char for char in phone if char.isdigit())
    return digits[-9:] if len(digits) >= 7 else ""


def external_value(value: str) -> str:
    """An identifier as stored (at most 255 characters: a longer one by its hash)."""
    return value if len(value) <= 255 else "sha1:" + hashlib.sha1(value.encode()).hexdigest()


SOURCES = {"vcard": "vCard UID", "key": "identifier in the exporting program"}


@dataclass(frozen=True)
class Found:
    person_id: int
    reason: str
    exact: bool  # same email, profile or UID: the same person, not just maybe


class Matcher:
    def __init__(self, user):
        people = list(
            Person.objects.filter(owner=user)
            .order_by("pk")
            .values_list("pk", "name", "email", "profile_url", "organization_id", "phone")
        )
        self.people = {row[0]: duplicates.Contact(*row[:5]) for row in people}
        self.by_phone = {}
        for pk, *_, phone in people:
            if key := normal_phone(phone):  # the first added wins
                self.by_phone.setdefault(key, []).append(pk)
        self.by_email, self.by_profile = {}, {}
        self.by_organization = defaultdict(list)
        self.names_by_organization = {}
        for contact in self.people.values():
            if email := duplicates.normal_email(contact.email):
                self.by_email.setdefault(email, contact.id)
            if profile := normal_profile_url(contact.profile_url):
                self.by_profile.setdefault(profile, contact.id)
            if contact.organization_id:
                self.by_organization[contact.organization_id].append(contact)
        self.by_external = {
            (source, value): pk
            for source, value, pk in ExternalId.objects.filter(owner=user).values_list(
                "source", "value", "person_id"
            )
        }
        self.organizations = {}
        for pk, name in (
            Organization.objects.filter(owner=user).order_by("pk").values_list("pk", "name")
        ):
            self.organizations.setdefault(name.strip().lower(), pk)

    def organization_id(self, name: str) -> int | None:
        return self.organizations.get(name.strip().lower()) if name.strip() else None

    def find(self, name, emails, profile, external, phones, organization) -> Found | None:
        """`emails` and `profile` as `normal_email` and `normal_profile_url` return them;
        `external` the row's (source, value) identifiers; `phones` as `normal_phone`."""
        for key in external:
            if key in self.by_external:
                return Found(
                    self.by_external[key],
                    "imported before from this row"
                    if key[0] == "row"
                    else f"same {SOURCES.get(key[0], key[0])}",
                    True,
                )
        for email in emails:
            if email in self.by_email:
                return Found(self.by_email[email], f"same email ({email})", True)
        if profile and profile in self.by_profile:
            return Found(self.by_profile[profile], "same profile URL", True)
        wanted = duplicates.normal_name(name)
        for phone in phones:
            for pk in self.by_phone.get(phone, []):
                if (
                    fuzz.token_sort_ratio(wanted, duplicates.normal_name(self.people[pk].name))
                    >= duplicates.NAME_SIMILARITY_THRESHOLD
                ):
                    return Found(pk, "same phone number and name", True)
        return self._close_name(name, self.organization_id(organization))

    def _close_name(self, name, organization_id) -> Found | None:
        colleagues = self.by_organization.get(organization_id) if organization_id else None
        if not colleagues:
            return None
        close = process.extract(
            duplicates.normal_name(name),
            self._names(organization_id),
            scorer=fuzz.token_sort_ratio,
            limit=None,
            score_cutoff=duplicates.NAME_SIMILARITY_THRESHOLD,
        )
        wanted = duplicates.normal_name(name)
        for _, score, index in close:
            if score >= 100 and self._names(organization_id)[index] == wanted:
                return Found(colleagues[index].id, "same name at the same organization", True)
        pool = [colleagues[index] for _, _, index in close]
        candidate = duplicates.Contact(None, name, organization_id=organization_id)
        matches = duplicates.likely_duplicates(candidate, pool, fuzz.token_sort_ratio)
        return Found(matches[0].id, matches[0].reason, False) if matches else None

    def _names(self, organization_id) -> list[str]:
        # Normalized once per organization, not once per row of the file: at 100,000 rows
        # that was millions of calls.
        if organization_id not in self.names_by_organization:
            self.names_by_organization[organization_id] = [
                duplicates.normal_name(c.name) for c in self.by_organization[organization_id]
            ]
        return self.names_by_organization[organization_id]
