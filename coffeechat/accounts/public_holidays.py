"""Public holidays, which are not business days (SPEC O6).

Kept apart from services.py because it needs no Django: `coffeechat today` reads them
before Django starts (coffeechat/today/fast_path.py).
"""

from functools import cache


@cache
def public_holidays(country: str, first_year: int, last_year: int) -> frozenset:
    """The public holidays of `country` in those years (empty when no country is set, or
    for a code the library does not know: a typo in COFFEECHAT_COUNTRY, an old export).
    Asked for one country, not checked against the list of all: listing them loads
    every country's module (half a second)."""
    if not country:
        return frozenset()
    import holidays

    try:
        days = holidays.country_holidays(country, years=range(first_year, last_year + 1))
    except NotImplementedError:
        return frozenset()
    return frozenset(days)
