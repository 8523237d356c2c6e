"""Holidays by region (issue 19, point 7): a subdivision such as GB-ENG has its own list,
Settings offers countries and regions by name, and an unknown code is a clear error."""

from datetime import date

import pytest

from coffeechat.accounts.public_holidays import public_holidays, region_choices, region_error
from coffeechat.errors import Invalid
from coffeechat.today.services import holidays_for
from tests.conftest import make_ask, make_person

EASTER_MONDAY_2026 = date(2026, 4, 6)


def test_england_has_easter_monday_and_the_united_kingdom_as_a_whole_does_not():
    assert EASTER_MONDAY_2026 in public_holidays("GB-ENG", 2026, 2026)
    assert EASTER_MONDAY_2026 not in public_holidays("GB", 2026, 2026)


@pytest.mark.parametrize("code", ["DE-BY", "US-CA", "gb_eng", "de-by"])
def test_regions_the_holidays_package_knows_are_accepted(code):
    assert region_error(code) is None
    assert public_holidays(code, 2026, 2026)


def test_bavaria_has_epiphany_and_berlin_does_not():
    assert date(2026, 1, 6) in public_holidays("DE-BY", 2026, 2026)
    assert date(2026, 1, 6) not in public_holidays("DE-BE", 2026, 2026)


@pytest.mark.parametrize(
    "code, words",
    [
        ("XX", "'XX' is not a country whose public holidays are known"),
        ("GB-XX", "GB has no region XX"),
        ("England", "is not a country or region code"),
    ],
)
def test_an_unknown_code_is_named_with_the_reason(code, words):
    assert words in region_error(code)


def test_settings_offers_each_country_once_by_name_with_its_regions():
    codes = [code for code, _ in region_choices()]
    assert len(codes) == len(set(codes))
    assert "UK" not in codes and codes.count("GB") == 1
    names = dict(region_choices())
    assert names["GB"] == "United Kingdom (GB)"
    assert names["GB-ENG"] == "United Kingdom — England (GB-ENG)"
    assert "Bayern" in names["DE-BY"] and "California" in names["US-CA"]
    # Each region by its name, not by an abbreviation the package also knows it by.
    assert names["AT-9"] == "Austria — Wien (AT-9)"
    assert names["NZ-AUK"] == "New Zealand — Auckland (NZ-AUK)"
    assert names["MY-01"] == "Malaysia — Johor (MY-01)"
    assert names["FR-971"] == "France — Guadeloupe (FR-971)"


def test_a_region_chosen_in_settings_moves_the_business_days(client, me):
    from coffeechat.accounts.services import profile_for

    make_ask(me, person=make_person(me, name="Grace"), on=date(2026, 4, 1))  # Wednesday
    # Good Friday is a holiday in GB and England; Easter Monday only in England.
    client.post("/settings/", {"country": "GB", "version": profile_for(me).version})
    page = client.get("/?on=2026-04-08").content.decode()
    assert "due Mon 13 Apr" in page  # the follow-up, 7 business days on
    response = client.post("/settings/", {"country": "gb-eng", "version": profile_for(me).version})
    assert response.status_code == 302
    assert profile_for(me).country == "GB-ENG"
    page = client.get("/?on=2026-04-08").content.decode()
    assert "due Mon 13 Apr" not in page and "due Tue 14 Apr" in page
    form = client.get("/settings/").content.decode()
    assert "United Kingdom — England (GB-ENG)" in form


def test_an_unknown_region_in_settings_is_refused_and_nothing_saved(client, me):
    from coffeechat.accounts.services import profile_for

    response = client.post(
        "/settings/",
        {"country": "GB-XX", "display_name": "Sam", "version": profile_for(me).version},
    )
    assert response.status_code == 400
    assert "GB has no region XX" in response.content.decode()
    assert profile_for(me).country == "" and profile_for(me).display_name == ""


def test_an_unknown_default_country_is_an_error_naming_the_setting(me, settings):
    settings.DEFAULT_COUNTRY = "ZZ"
    with pytest.raises(Invalid, match="COFFEECHAT_COUNTRY: 'ZZ' is not a country"):
        holidays_for(me, date(2026, 4, 6))
