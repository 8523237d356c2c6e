"""The new-person form says who the person may already be while the name or email is
typed (htmx, after a pause in typing), by the rule used on saving (issue 24, point 4)."""

import pytest
from playwright.sync_api import expect

from coffeechat.accounts.services import local_user
from tests.conftest import make_organization, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_typing_an_email_already_here_shows_who_it_is(page):
    me = local_user()
    acme = make_organization(me, name="Acme")
    grace = make_person(me, name="Grace Hopper", email="grace@navy.mil", organization=acme)
    asked = []
    page.on(
        "request",
        lambda request: (
            asked.append(request.url) if "/people/new/duplicates/" in request.url else None
        ),
    )
    page.goto("/people/new/")
    notice = page.locator("#duplicate-check")
    page.get_by_label("Name", exact=True).press_sequentially("Ada Lovelace", delay=20)
    page.get_by_label("Email").press_sequentially("Grace@navy.mil", delay=20)
    expect(notice).to_contain_text("Already here? Grace Hopper (Acme): same email")
    assert 1 <= len(asked) < len("Ada Lovelace" + "Grace@navy.mil") / 2, asked  # debounced
    expect(notice.get_by_role("link", name="Grace Hopper")).to_have_attribute(
        "href", f"/people/{grace.pk}/"
    )
    # A close name at the same organization, chosen from the list.
    page.get_by_label("Email").fill("")
    expect(notice).not_to_contain_text("Already here?")
    page.get_by_label("Name", exact=True).fill("Grace  Hoper")
    page.get_by_label("Organization", exact=True).select_option(label="Acme")
    expect(notice).to_contain_text("a very similar name at the same organization")
    # The form still saves as before: the check only warns.
    page.get_by_label("Name", exact=True).fill("Ada Lovelace")
    expect(notice).not_to_contain_text("Already here?")
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_role("heading", name="Ada Lovelace")).to_be_visible()
