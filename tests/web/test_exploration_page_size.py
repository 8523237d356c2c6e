"""The exploration page shows the first people and latest conversations, and links to
the rest, so that its size does not grow with the exploration."""

import pytest

from coffeechat.explorations.views import SHOWN
from tests.conftest import make_ask, make_exploration, make_person

pytestmark = pytest.mark.django_db


def test_a_large_exploration_links_to_its_people_instead_of_listing_them(client, me):
    exploration = make_exploration(me)
    people = [
        make_person(me, name=f"Person {n:03}", exploration=exploration) for n in range(SHOWN + 1)
    ]
    make_ask(me, person=people[0], exploration=exploration)
    page = client.get(f"/explorations/{exploration.pk}/").content.decode()
    assert f"The first {SHOWN} of {SHOWN + 1}" in page
    assert f"/people/?exploration={exploration.pk}" in page
    assert "Person 000" in page and f"Person {SHOWN:03}" not in page
    assert "Asked" in page or "asked" in page  # the conversation, with its cached stage
