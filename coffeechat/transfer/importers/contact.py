"""What every importer produces: one `Row` per record of the file, holding a `Contact`
in the app's terms, or the reason the record cannot be used."""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

LIMITS = {"name": 200, "title": 200, "organization": 200, "location": 200, "phone": 50}
URL_MAX = 200
EMAIL_MAX = 254
REPLACEMENT = "\ufffd"
EXCHANGE_PREFIX = "/o="  # Outlook exports an Exchange directory path instead of an address
# Django's URLValidator costs ~0.2 ms a call, most of an import's checking. This accepts
# only a strict subset of what it accepts (http(s), ASCII host names, no user or IP, a
# printable path), which is what nearly every export holds; anything else still goes to
# the validator, so what is refused does not change.
PLAIN_URL = re.compile(
    r"https?://(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}"
    r"(?::[0-9]{1,5})?(?:[/?#][!-~]*)?",
    re.IGNORECASE | re.ASCII,
)
validate_url = URLValidator(schemes=["http", "https"])


@dataclass
class Contact:
    """A person as read from a file, before any check against the app's records."""

    name: str = ""
    title: str = ""
    organization: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    location: str = ""
    notes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    uid: str = ""
    how_found: str = "other"
    # What identifies this record in the program that wrote it, as "source:key" (a
    # Google resource name): importing the same file again finds the same person.
    keys: list[str] = field(default_factory=list)
    # Values the app has no field for, as (label, text): they go into the notes, and the
    # report says so ("Nickname → notes").
    extra: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Row:
    """One record of the file: `line` is where it starts, as an editor numbers lines."""

    line: int
    contact: Contact | None = None
    problem: str = ""
    warnings: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # "Nickname → notes"
    review: bool = False  # the name was made up from an email, organization or phone

    def label(self) -> str:
        name = self.contact.name if self.contact else ""
        return f"line {self.line}" + (f" ({name})" if name else "")


def clean(text) -> str:
    """One line of text: no surrounding or repeated whitespace."""
    return " ".join(str(text or "").split())


def checked(row: Row) -> Row:
    """Validate and shape a row's contact for a Person. A row is refused only when it has
    nothing to know the person by (no name, email, phone or organization); a bad
    optional value is left out with a warning."""
    contact = row.contact
    if contact is None:
        return row
    _drop_nul(contact)
    if any(REPLACEMENT in value for value in _texts(contact)):
        row.warnings.append(
            "bytes that could not be read (the file is damaged here) are "
            "shown as “\ufffd”: check this person"
        )
    for attribute in ("title", "organization", "location"):
        value = clean(getattr(contact, attribute))
        if len(value) > LIMITS[attribute]:
            row.warnings.append(
                f"{attribute} longer than {LIMITS[attribute]} characters: shortened"
            )
            value = value[: LIMITS[attribute]].rstrip()
        setattr(contact, attribute, value)
    contact.emails = _emails(contact.emails, row.warnings)
    contact.phones = _phones(contact.phones, row.warnings)
    contact.urls = _urls(contact.urls, row.warnings)
    contact.name = clean(contact.name)
    if not contact.name:
        _name_for_review(row)
        if not contact.name:
            row.problem = "nothing to know this person by: no name, email, phone or organization"
            return row
    if len(contact.name) > LIMITS["name"]:
        row.warnings.append(f"the name is {len(contact.name)} characters long: shortened to 200")
        contact.name = contact.name[: LIMITS["name"]].rstrip()
    contact.tags = list(dict.fromkeys(clean(t)[:50] for t in contact.tags if clean(t)))
    contact.notes = [
        note.replace("\r\n", "\n").replace("\r", "\n").strip()
        for note in contact.notes
        if note and note.strip()
    ]
    contact.extra = [
        (label, text.strip()) for label, text in contact.extra if text and text.strip()
    ]
    row.moved += list(dict.fromkeys(f"{label} → notes" for label, _ in contact.extra))
    return row


def _profile_slug(urls: list[str]) -> str:
    """ "Jane Doe" from linkedin.com/in/jane-doe-0a1b2c3."""
    for url in urls:
        if is_personal(url):
            slug = url.rstrip("/").rsplit("/", 1)[-1].split("?")[0]
            words = [w for w in re.split(r"[-_.]+", slug) if w.isalpha()]
            if words:
                return " ".join(word.capitalize() for word in words)
    return ""


def _texts(contact: Contact):
    for value in vars(contact).values():
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            for item in value:
                yield from ([item] if isinstance(item, str) else item)


# Addresses of a team, not a person: the organization names such a contact better.
ROLE_ADDRESSES = {
    "info",
    "contact",
    "hello",
    "office",
    "admin",
    "sales",
    "support",
    "mail",
    "team",
    "noreply",
    "no-reply",
    "enquiries",
    "inquiries",
    "kontakt",
    "jobs",
    "careers",
    "hr",
    "press",
}


def _name_for_review(row: Row) -> None:
    """A name made up from what the row has, so the contact is kept; marked for review."""
    contact = row.contact
    local = contact.emails[0].split("@")[0] if contact.emails else ""
    if contact.organization and local.lower() in ROLE_ADDRESSES:
        name, source = contact.organization, "the organization"
    elif contact.emails:
        name = " ".join(part.capitalize() for part in re.split(r"[._+-]+", local) if part)
        source = "the email address"
    elif slug := _profile_slug(contact.urls):
        name, source = slug, "the profile address"
    elif contact.organization:
        name, source = contact.organization, "the organization"
    elif contact.phones:
        name, source = contact.phones[0], "the phone number"
    else:
        return
    contact.name = clean(name) or contact.emails[0]
    row.review = True
    row.warnings.append(f"no name: named “{contact.name}” after {source}; check it")


def _drop_nul(contact: Contact) -> None:
    """U+0000 (from a damaged file, or "=00" in a vCard) is no text: PostgreSQL refuses it."""
    for name, value in vars(contact).items():
        if isinstance(value, str):
            if "\x00" in value:
                setattr(contact, name, value.replace("\x00", ""))
        elif isinstance(value, list) and any("\x00" in v for v in value if isinstance(v, str)):
            setattr(
                contact, name, [v.replace("\x00", "") if isinstance(v, str) else v for v in value]
            )


def _emails(values, warnings) -> list[str]:
    emails = []
    for value in values:
        value = clean(value).removeprefix("mailto:").removeprefix("MAILTO:")
        if not value:
            continue
        if value.lower().startswith(EXCHANGE_PREFIX):
            warnings.append("an Exchange directory path instead of an email address: left out")
            continue
        try:
            validate_email(value)
        except ValidationError:
            warnings.append(f"“{value[:80]}” is not an email address: left out")
            continue
        if len(value) <= EMAIL_MAX and value.lower() not in {e.lower() for e in emails}:
            emails.append(value)
    return emails


def _phones(values, warnings) -> list[str]:
    phones = []
    for value in values:
        value = clean(value).removeprefix("tel:")
        if not value:
            continue
        if len(value) > LIMITS["phone"]:
            warnings.append(f"a phone number longer than {LIMITS['phone']} characters: left out")
            continue
        if value not in phones:
            phones.append(value)
    return phones


def _urls(values, warnings) -> list[str]:
    urls = []
    for value in values:
        value = clean(value)
        if not value:
            continue
        if "://" not in value:
            value = f"https://{value}"
        if len(value) > URL_MAX or not PLAIN_URL.fullmatch(value):
            try:
                validate_url(value)
            except ValidationError:
                warnings.append(f"“{value[:80]}” is not a web address: left out")
                continue
        if len(value) > URL_MAX:
            warnings.append(f"a web address longer than {URL_MAX} characters: left out")
            continue
        if value not in urls:
            urls.append(value)
    return urls


# Addresses of one person's own page: only these identify someone. A company's site or a
# blog is shared by many, so it is kept in the notes, never used to match.
PERSONAL = re.compile(
    r"^(?:https?://)?(?:[a-z]{2,3}\.|www\.|m\.)?(?:"
    r"linkedin\.com/(?:in|pub)/[^/?#]+"
    r"|xing\.com/profile/[^/?#]+"
    r"|(?:github|gitlab)\.com/[^/?#]+/?$"
    r"|(?:twitter|x)\.com/(?!home|search|intent|share)[^/?#]+/?$"
    r"|(?:facebook|instagram)\.com/(?!pages/|groups/|events/)[^/?#]+/?$"
    r"|about\.me/[^/?#]+"
    r"|keybase\.io/[^/?#]+)",
    re.IGNORECASE,
)


def is_personal(url: str) -> bool:
    return bool(PERSONAL.match(url.strip()))


def profile_url_of(contact: Contact) -> str:
    """The address that identifies the person: a LinkedIn profile, else another personal
    profile page; never a company's website."""
    personal = [url for url in contact.urls if is_personal(url)]
    for url in personal:
        if "linkedin.com/" in url.lower():
            return url
    return personal[0] if personal else ""


def company_website_of(contact: Contact) -> str:
    """The organization's own site among the card's addresses, or "": not a personal
    profile, and on the domain of one of the contact's emails or named like the
    organization (www.acme.example for Acme). It goes to the organization, never to the
    person, whose notes keep it as well."""
    if not contact.organization:
        return ""
    domains = {email.rsplit("@", 1)[1].lower() for email in contact.emails if "@" in email}
    squashed = re.sub(r"[^a-z0-9]", "", contact.organization.lower())
    for url in contact.urls:
        if is_personal(url):
            continue
        full = url if "//" in url else "https://" + url
        host = (urlsplit(full).hostname or "").lower().removeprefix("www.")
        if not host:
            continue
        same_domain = any(
            host == domain or domain.endswith("." + host) or host.endswith("." + domain)
            for domain in domains
        )
        named = len(squashed) >= 3 and squashed in re.sub(r"[^a-z0-9]", "", host)
        if same_domain or named:
            return full
    return ""


def notes_of(contact: Contact) -> str:
    """The notes text a Person gets: the file's notes, then what has no field."""
    extra = [f"{label}: {text}" for label, text in contact.extra]
    if len(contact.emails) > 1:
        extra.append("Other email addresses: " + ", ".join(contact.emails[1:]))
    if len(contact.phones) > 1:
        extra.append("Other phone numbers: " + ", ".join(contact.phones[1:]))
    profile = profile_url_of(contact)
    others = [url for url in contact.urls if url != profile]
    if others:
        extra.append("Web addresses: " + ", ".join(others))
    return "\n\n".join(contact.notes + extra)


def person_values(contact: Contact) -> dict:
    """The Person fields this contact fills; what has no field goes into the notes."""
    return {
        "name": contact.name,
        "title": contact.title,
        "email": contact.emails[0] if contact.emails else "",
        "phone": contact.phones[0] if contact.phones else "",
        "profile_url": profile_url_of(contact),
        "location": contact.location,
        "how_found": contact.how_found,
        "notes": notes_of(contact),
    }
