"""Public holidays, which are not business days (SPEC O6).

A region is a country code ("DE") or a country and one of its subdivisions ("GB-ENG",
"DE-BY", "US-CA"), as the `holidays` package knows them: England's Easter Monday is
in GB-ENG's list and not in GB's country-wide one.

Kept apart from services.py because it needs no Django: `coffeechat today` reads them
before Django starts (coffeechat/today/fast_path.py).
"""

import re
from functools import cache

_CODE = re.compile(r"^([A-Z]{2})(?:-([A-Z0-9]{1,12}))?$")


class UnknownRegion(ValueError):
    """A code the `holidays` package does not know, with a message that names it."""


def normalize_region(code: str) -> str:
    """Upper case, "_" or a space read as "-": "gb_eng" -> "GB-ENG"."""
    return re.sub(r"[\s_]+", "-", (code or "").strip()).upper()


@cache
def public_holidays(country: str, first_year: int, last_year: int) -> frozenset:
    """The public holidays of a region in those years (empty when none is set).

    Raises UnknownRegion for a code the library does not know (a typo in
    COFFEECHAT_COUNTRY, an old export): falling back to weekends only without a word
    would move every due date. Asked for one country, not checked against the list
    of all: listing them loads every country's module (half a second)."""
    if not country:
        return frozenset()
    return frozenset(_entity(normalize_region(country), range(first_year, last_year + 1)))


def region_error(code: str) -> str | None:
    """Why `code` is not a region the holidays package knows, or None when it is."""
    if not code:
        return None
    try:
        _entity(normalize_region(code), ())
    except UnknownRegion as error:
        return str(error)
    return None


def _entity(region: str, years):
    import holidays

    match = _CODE.match(region)
    if not match:
        raise UnknownRegion(
            f"'{region}' is not a country or region code: use two letters, "
            "optionally with a region (US, GB-ENG, DE-BY)."
        )
    country, subdivision = match.groups()
    try:
        return holidays.country_holidays(country, subdiv=subdivision, years=years)
    except NotImplementedError:
        if subdivision and country in _canonical_codes():
            known = ", ".join(f"{country}-{code}" for code in _subdivisions(country)[:8])
            raise UnknownRegion(
                f"'{region}': {country} has no region {subdivision} in the "
                f"holidays list (known: {known}…)."
            ) from None
        raise UnknownRegion(
            f"'{region}' is not a country whose public holidays are known (e.g. US, DE, GB-ENG)."
        ) from None


@cache
def _canonical_codes() -> dict[str, str]:
    """Two-letter code -> English name, one entry per country (no alias such as UK)."""
    from holidays.registry import COUNTRIES

    return {entry[1]: _spaced(entry[0]) for entry in COUNTRIES.values()}


def _spaced(class_name: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", class_name)


def _subdivisions(country: str) -> list[str]:
    import holidays

    entity = getattr(holidays, _canonical_codes()[country].replace(" ", ""), None)
    return [code for code in getattr(entity, "subdivisions", ()) if code.isupper()]


@cache
def region_choices() -> tuple[tuple[str, str], ...]:
    """(code, name) for every country and each of its regions, sorted by name: "United
    Kingdom", then "United Kingdom — England (GB-ENG)". Loads every country's module, so
    only the Settings page asks for it."""
    import holidays

    choices = []
    for code, name in sorted(_canonical_codes().items(), key=lambda item: item[1]):
        choices.append((code, f"{name} ({code})"))
        entity = getattr(holidays, name.replace(" ", ""), None)
        names = {}  # the package lists a region's full name before its abbreviations
        for alias, sub in getattr(entity, "subdivisions_aliases", {}).items():
            names.setdefault(sub, alias)
        for sub in getattr(entity, "subdivisions", ()):
            if sub.isupper() or sub.isdigit():
                label = names.get(sub, sub)
                # France's overseas regions go by their own country codes ("GP").
                label = _canonical_codes().get(label, label)
                choices.append((f"{code}-{sub}", f"{name} — {label} ({code}-{sub})"))
    return tuple(choices)
