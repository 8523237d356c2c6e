"""vCard 2.1, 3.0 and 4.0 (.vcf), read by our own line parser.

vobject, which read cards before, lost values real files hold (docs/DECISIONS.md): it
kept only the first part of FN, TITLE and NOTE at an unescaped comma, left lowercase
`quoted-printable` undecoded, refused whole cards for CR CR LF line ends, a
`PROFILE:VCard` line, a nested BEGIN or a photo with bad base64, and took time that grew
much faster than the card with a large folded photo. This parser:

- reads the file once, line by line, so time grows with the size of the file;
- skips binary properties (PHOTO, LOGO, SOUND, KEY) without collecting their lines, and
  leaves out any other value longer than `MAX_VALUE` with a warning;
- unfolds lines, joins quoted-printable soft breaks, decodes quoted-printable and base64
  text in the card's CHARSET (UTF-8 if none, Windows-1252 if that fails);
- splits only the structured properties (N, ADR, ORG, CATEGORIES) at their separators;
  every other value is kept whole, unescaped commas included;
- never refuses a card for one property: what it cannot read is left out and named in
  the row's warnings; a card without END:VCARD, or a card inside another, is still read.

Preference is read the three ways it is written: `PREF=1` (4.0), `TYPE=pref` (3.0) and
a bare `PREF` (2.1).
"""

import base64
import binascii
import quopri
import re
from dataclasses import dataclass, field

from .contact import Contact, Row, clean
from .dates import dated_note
from .decoding import UTF8_SEQUENCE

NAME = "vcard"
LABEL = "vCard"
LINE_END = re.compile(r"\r\n|\r|\n")
PROPERTY = re.compile(r"^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?[;:]")
BINARY = {"PHOTO", "LOGO", "SOUND", "KEY", "X-MS-CARDPICTURE"}
MAX_VALUE = 64 * 1024  # characters of one property, after unfolding
ESCAPE = re.compile(r"\\(.)", re.DOTALL)
IM = {
    "IMPP",
    "X-AIM",
    "X-ICQ",
    "X-JABBER",
    "X-MSN",
    "X-YAHOO",
    "X-SKYPE",
    "X-SKYPE-USERNAME",
    "X-GOOGLE-TALK",
    "X-GTALK",
    "X-QQ",
    "X-GADUGADU",
    "X-MS-IMADDRESS",
    "X-WECHAT",
    "X-TWITTER",
}
NOTED = {
    "NICKNAME": "Nickname",
    "ROLE": "Role",
    "ANNIVERSARY": "Anniversary",
    "X-ANNIVERSARY": "Anniversary",
    "X-MS-ANNIVERSARY": "Anniversary",
    "X-MS-MANAGER": "Manager",
    "X-MANAGER": "Manager",
    "X-MS-ASSISTANT": "Assistant",
    "X-ASSISTANT": "Assistant",
    "X-MS-SPOUSE": "Spouse",
    "X-SPOUSE": "Spouse",
    "RELATED": "Related",
    "EXPERTISE": "Expertise",
    "HOBBY": "Hobby",
    "INTEREST": "Interest",
    "TZ": "Time zone",
    "X-DEPARTMENT": "Department",
    "X-ORG-UNIT": "Department",
    "GENDER": "Gender",
    "X-GENDER": "Gender",
    "LABEL": "Address label",
}
GROUP_KINDS = {"group", "org-group"}


def recognise(text: str) -> bool:
    """A vCard file: BEGIN:VCARD on one of its first lines (some writers put a blank line,
    a comment or a byte-order mark first)."""
    return bool(
        re.search(r"^[\ufeff\s]*BEGIN:VCARD\s*$", text[:4000], re.IGNORECASE | re.MULTILINE)
    )


@dataclass
class Property:
    name: str
    params: dict[str, list[str]]
    value: str


@dataclass
class Card:
    line: int
    properties: list[Property] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def all(self, name: str) -> list[Property]:
        return [prop for prop in self.properties if prop.name == name]

    def first(self, name: str) -> str:
        found = self.all(name)
        return found[0].value if found else ""


def rows(text: str) -> list[Row]:
    """One row per card, in the order the cards start (a card inside another ends first).
    A contact group (Apple's, vCard 4.0's KIND:group) is no person: its name becomes a tag
    of the members the file holds."""
    found = sorted(((card, read_card(card)) for card in cards(text)), key=lambda pair: pair[1].line)
    by_uid = {
        row.contact.uid.lower().removeprefix("urn:uuid:"): row.contact
        for _, row in found
        if row.contact and row.contact.uid
    }
    for card, row in found:
        if row.contact is None and _kind(card) in GROUP_KINDS:
            name = clean(unescape(card.first("FN"))) or clean(unescape(card.first("N")))
            members = [
                by_uid[uid]
                for prop in card.all("MEMBER") + card.all("X-ADDRESSBOOKSERVER-MEMBER")
                if (uid := unescape(prop.value).lower().removeprefix("urn:uuid:")) in by_uid
            ]
            for member in members:
                member.tags.append(name)
            row.problem = (
                f"a contact group, not a person: “{name}” is a tag of its "
                f"{len(members)} member{'s' if len(members) != 1 else ''} in "
                "this file"
            )
    return [row for _, row in found]


def _kind(card: Card) -> str:
    return (card.first("KIND") or card.first("X-ADDRESSBOOKSERVER-KIND")).strip().lower()


# ---- lines to cards ----------------------------------------------------------------


def cards(text: str):
    """Every card of the file, in the order they end, each with the line it starts on."""
    stack: list[Card] = []
    pending = None  # [line, pieces, size, binary, quoted_printable]

    def finish():
        nonlocal pending
        if pending and stack and not pending[3]:
            prop, problem = parse_property("".join(pending[1]))
            if problem:
                stack[-1].warnings.append(f"line {pending[0]}: {problem}; left out")
            elif pending[2] > MAX_VALUE:
                stack[-1].warnings.append(
                    f"line {pending[0]}: {prop.name} longer than {MAX_VALUE:,} characters; left out"
                )
            elif prop:
                stack[-1].properties.append(prop)
        pending = None

    number = 0
    # Some writers end lines with CR CR LF: one line end, not a line end and a blank line
    # (which would cut a quoted-printable value in two). Lines keep their numbers.
    lines = (
        LINE_END.split(text.replace("\r\r\n", "\r\n")) if "\r\r\n" in text else LINE_END.split(text)
    )
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            # A blank line ends a 2.1 base64 value, and a quoted-printable value whose last
            # line wrongly ends in "=": the next line is a property of its own.
            if pending and pending[3]:
                finish()
            elif pending:
                pending[4] = False
            continue
        soft_break = pending and pending[4] and pending[1] and pending[1][-1].endswith("=")
        if pending and (
            line[0] in " \t" or soft_break or (pending[3] and not PROPERTY.match(line))
        ):
            if soft_break:
                pending[1][-1] = pending[1][-1][:-1]  # a quoted-printable soft break
                piece = line
            else:
                piece = line[1:] if line[0] in " \t" else line
            pending[2] += len(piece)
            if not pending[3] and pending[2] <= MAX_VALUE:
                pending[1].append(piece)
            continue
        finish()
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            stack.append(Card(number))
        elif upper == "END:VCARD":
            if stack:
                yield stack.pop()
        elif stack:
            head = line.split(":", 1)[0].upper()
            name = head.split(";", 1)[0].rsplit(".", 1)[-1]
            binary = name in BINARY or name.startswith("X-") and "PHOTO" in name
            pending = [
                number,
                [] if binary else [line],
                len(line),
                binary,
                "QUOTED-PRINTABLE" in head,
            ]
    finish()
    while stack:
        card = stack.pop()
        card.warnings.append("the card has no END:VCARD (the file may be cut short)")
        yield card


def parse_property(text: str) -> tuple[Property | None, str]:
    """A content line as (name, parameters, decoded value), or the reason it is unreadable."""
    colon = _unquoted_colon(text)
    if colon < 0:
        return None, f"“{text[:40]}” is not a property (no colon)"
    head, value = text[:colon], text[colon + 1 :]
    parts = _split(head, ";")
    name = parts[0].rsplit(".", 1)[-1].strip().upper()
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        key, equals, values = part.partition("=")
        if equals:
            params.setdefault(key.strip().upper(), []).extend(
                v.strip().strip('"') for v in _split(values, ",")
            )
        elif part.strip().upper() in {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}:
            params.setdefault("ENCODING", []).append(part.strip())
        elif part.strip():
            params.setdefault("TYPE", []).append(part.strip())
    encoding = " ".join(params.get("ENCODING", [])).upper()
    charset = (params.get("CHARSET") or ["utf-8"])[0]
    try:
        if "QUOTED-PRINTABLE" in encoding:
            value = _decode(quopri.decodestring(value.encode("utf-8")), charset)
        elif encoding in {"B", "BASE64"}:
            value = _decode(base64.b64decode("".join(value.split()), validate=False), charset)
    except (ValueError, binascii.Error):
        return None, f"{name} cannot be decoded ({encoding.lower()})"
    return Property(name, params, value), ""


def _decode(data: bytes, charset: str) -> str:
    """Bytes of a quoted-printable or base64 value, in the card's CHARSET; UTF-8 with a
    broken byte keeps the rest (U+FFFD flags the row), anything else is Windows-1252."""
    try:
        return data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            if UTF8_SEQUENCE.search(data):
                return data.decode("utf-8", errors="replace")
            return data.decode("cp1252", errors="replace")


def _unquoted_colon(text: str) -> int:
    quoted = False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return index
        elif index > 4000:  # a head is never this long: take the first colon
            return text.find(":")
    return -1


def _split(text: str, separator: str) -> list[str]:
    """Split at separators that are neither escaped nor inside double quotes."""
    parts, current, quoted, escaped = [], [], False, False
    for char in text:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            current.append(char)
            escaped = True
        elif char == '"':
            quoted = not quoted
            current.append(char)
        elif char == separator and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def unescape(text: str) -> str:
    return ESCAPE.sub(lambda m: "\n" if m[1] in "nN" else m[1], text).strip()


def components(value: str, separator: str = ";") -> list[str]:
    """A structured value's parts, each unescaped."""
    parts, current, escaped = [], [], False
    for char in value:
        if escaped:
            current.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append(unescape("".join(current)))
            current = []
        else:
            current.append(char)
    parts.append(unescape("".join(current)))
    return parts


# ---- a card to a contact -----------------------------------------------------------


def read_card(card: Card) -> Row:
    row = Row(card.line, warnings=list(card.warnings))
    if _kind(card) in GROUP_KINDS:
        return row  # `rows` says what became of it
    row.contact = contact(card, row.warnings)
    return row


def contact(card: Card, warnings: list[str]) -> Contact:
    found = Contact(uid=clean(unescape(card.first("UID"))))
    found.name = name_of(card)
    _organization(card, found)
    titles = [clean(unescape(p.value)) for p in card.all("TITLE") if clean(p.value)]
    found.title = titles[0] if titles else ""
    found.extra += [("Other title", title) for title in titles[1:]]
    found.emails = [unescape(p.value) for p in preferred(card, "EMAIL")]
    found.phones = [unescape(p.value) for p in preferred(card, "TEL")]
    found.urls = [unescape(p.value) for p in preferred(card, "URL")]
    for prop in card.all("X-SOCIALPROFILE"):
        value = unescape(prop.value)
        if "://" in value or "." in value.split("/")[0]:
            found.urls.append(value)
        elif value:
            found.extra.append(("Social profile", value))
    _addresses(card, found)
    found.notes = [unescape(p.value) for p in card.all("NOTE")]
    birthday = unescape(card.first("BDAY"))
    if birthday:
        found.notes.append(dated_note("Birthday", birthday, warnings))
    found.tags = [tag for p in card.all("CATEGORIES") for tag in components(p.value, ",")]
    for prop in card.properties:
        if prop.name in IM:
            value = unescape(prop.value)
            kinds = [t for t in prop.params.get("TYPE", []) if t.lower() not in {"pref"}]
            found.extra.append(("IM", f"{value} ({', '.join(kinds)})" if kinds else value))
        elif prop.name in NOTED:
            label = NOTED[prop.name]
            value = unescape(prop.value)
            if label == "Anniversary":
                value = (
                    dated_note("Anniversary", value, warnings).removeprefix("Anniversary: ") or ""
                )
            found.extra.append((label, value))
        elif prop.name == "X-ANDROID-CUSTOM":
            parts = components(prop.value)
            if parts and parts[0].endswith("/nickname") and len(parts) > 1:
                found.extra.append(("Nickname", parts[1]))
            elif parts and parts[0].endswith("/relation") and len(parts) > 1:
                found.extra.append(("Related", parts[1]))
    return found


def name_of(card: Card) -> str:
    full = clean(unescape(card.first("FN")))
    if full:
        return full
    value = card.first("N")
    if value:
        parts = components(value) + [""] * 5
        family, given, additional, prefix, suffix = parts[:5]
        full = clean(
            " ".join(part.replace(",", " ") for part in (prefix, given, additional, family, suffix))
        )
    return full or clean(unescape(card.first("NICKNAME")))


def _organization(card: Card, found: Contact) -> None:
    for index, prop in enumerate(card.all("ORG")):
        parts = [clean(part) for part in components(prop.value) if clean(part)]
        if not parts:
            continue
        if index == 0 and not found.organization:
            found.organization = parts[0]
        else:
            found.extra.append(("Other organization", parts[0]))
        found.extra += [("Department", part) for part in parts[1:]]


def _addresses(card: Card, found: Contact) -> None:
    for prop in preferred(card, "ADR"):
        parts = components(prop.value) + [""] * 7
        box, extended, street, city, region, code, country = (clean(p) for p in parts[:7])
        city = city.replace(",", " ")
        if city and not found.location:
            found.location = city
        text = ", ".join(
            p
            for p in (
                box,
                extended,
                street,
                city,
                " ".join(p for p in (region, code) if p),
                country,
            )
            if p
        )
        if text:
            kinds = [t.lower() for t in prop.params.get("TYPE", []) if t.lower() != "pref"]
            found.extra.append((f"Address ({', '.join(kinds)})" if kinds else "Address", text))


def preferred(card: Card, name: str) -> list[Property]:
    """The values of a property, the preferred one first."""
    props = [prop for prop in card.all(name) if prop.value.strip()]
    return sorted(props, key=lambda prop: 0 if is_preferred(prop) else 1)


def is_preferred(prop: Property) -> bool:
    if "PREF" in prop.params:  # 4.0: PREF=1 is the most preferred
        return any(v in {"1", ""} for v in prop.params["PREF"]) or not prop.params["PREF"]
    return any(v.lower() == "pref" for v in prop.params.get("TYPE", []))
