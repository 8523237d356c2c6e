"""Every reply path (SPEC O6): the proposed answer, the next person, the refusals."""

from datetime import date

import pytest

from coffeechat.conversations.models import Event
from coffeechat.people.models import Person
from tests.conftest import make_ask, make_exploration, make_organization, make_person

pytestmark = pytest.mark.django_db


def reply(client, conversation, outcome, **extra):
    return client.post(
        f"/conversations/{conversation.pk}/",
        {"kind": "replied", "on": "2026-11-23", "outcome": outcome, **extra},
    )


def test_too_busy_proposes_thanks_and_asking_whom_else_plus_the_next_person(client, me):
    exploration = make_exploration(me)
    acme = make_organization(me, name="Acme")
    asked = make_person(me, name="Priya Raman", organization=acme, exploration=exploration)
    make_person(me, name="Other Acme", organization=acme, exploration=exploration, priority=1)
    conversation = make_ask(me, person=asked, exploration=exploration)
    reply(client, conversation, "declined_busy")
    body = client.get(f"/conversations/{conversation.pk}/").content.decode()
    assert "Thank them and ask whom else they would suggest." in body
    assert "Is there someone else" in body
    assert "Next person to ask: <a" in body and "Other Acme" in body


def test_a_clear_no_marks_do_not_ask_and_a_later_ask_needs_confirmation(client, me):
    exploration = make_exploration(me)
    person = make_person(me, name="Nope")
    conversation = make_ask(me, person=person, exploration=exploration)
    reply(client, conversation, "clear_no")
    assert Person.objects.get(pk=person.pk).do_not_ask
    other = make_exploration(me, title="Another question")
    ask = {"exploration": other.pk, "on": "2026-12-01", "channel": "email", "approach": "direct"}
    refused = client.post(f"/people/{person.pk}/ask/", ask)
    assert refused.status_code == 400
    assert "gave a clear no earlier" in refused.content.decode()
    assert client.post(f"/people/{person.pk}/ask/", {**ask, "despite_no": "on"}).status_code == 302


def test_busy_now_needs_a_callback_date_and_sets_a_callback_task(client, me):
    conversation = make_ask(me, person=make_person(me, name="Busy Bee"))
    assert reply(client, conversation, "busy_now").status_code == 400
    reply(client, conversation, "busy_now", callback_on="2026-12-07")
    body = client.get("/?on=2026-12-07").content.decode()
    assert "Ask Busy Bee again for a better time" in body


def test_thanking_before_the_meeting_is_refused_with_a_reason(client, me):
    conversation = make_ask(me)
    response = client.post(
        f"/conversations/{conversation.pk}/", {"kind": "thanked", "on": "2026-11-23"}
    )
    assert response.status_code == 400
    assert Event.objects.count() == 1


def test_a_second_follow_up_is_refused(client, me):
    conversation = make_ask(me)
    client.post(f"/conversations/{conversation.pk}/", {"kind": "followed_up", "on": "2026-12-01"})
    response = client.post(
        f"/conversations/{conversation.pk}/", {"kind": "followed_up", "on": "2026-12-05"}
    )
    assert response.status_code == 400
    assert Event.objects.filter(kind="followed_up").count() == 1


def test_an_event_dated_before_the_last_one_is_refused(client, me):
    conversation = make_ask(me, on=date(2026, 11, 20))
    response = client.post(
        f"/conversations/{conversation.pk}/",
        {"kind": "replied", "on": "2026-11-01", "outcome": "accepted"},
    )
    assert response.status_code == 400
    assert "Date</a>: This happened before the last logged step" in response.content.decode()


def test_holidays_of_the_chosen_country_are_not_business_days(client, me):
    make_ask(me, person=make_person(me, name="Grace"), on=date(2026, 11, 23))  # Monday
    # Thanksgiving (Thu 26 Nov) pushes the third business day from Thursday to Friday.
    before = client.get("/?on=2026-11-26").content.decode()
    assert "No reply from Grace" in before and "due Thu 26 Nov" in before
    profile = client.get("/settings/")
    assert profile.status_code == 200
    from coffeechat.accounts.services import profile_for

    client.post(
        "/settings/", {"display_name": "Sam", "country": "US", "version": profile_for(me).version}
    )
    after = client.get("/?on=2026-11-26").content.decode()
    assert "due Thu 26 Nov" not in after and "due Fri 27 Nov" in after


def test_an_unknown_country_is_named(client, me):
    from coffeechat.accounts.services import profile_for

    response = client.post("/settings/", {"country": "XX", "version": profile_for(me).version})
    assert response.status_code == 400
    assert (
        "Country for public holidays</a>: &#x27;XX&#x27; is not a country whose public "
        "holidays are known"
    ) in response.content.decode()


def test_while_waiting_the_conversation_suggests_someone_at_the_same_organization(client, me):
    exploration = make_exploration(me)
    acme, other = make_organization(me, name="Acme"), make_organization(me, name="Other")
    asked = make_person(me, name="Asked", organization=acme, exploration=exploration)
    make_person(me, name="Elsewhere", organization=other, exploration=exploration, priority=3)
    make_person(me, name="Colleague", organization=acme, exploration=exploration, priority=1)
    conversation = make_ask(me, person=asked, exploration=exploration)
    body = client.get(f"/conversations/{conversation.pk}/").content.decode()
    assert "ask someone else as well" in body
    assert "Next person to ask: <a" in body and "Colleague" in body


def test_whom_a_decliner_suggested_becomes_a_referral_of_that_conversation(client, me):
    conversation = make_ask(me, person=make_person(me, name="Too Busy"))
    reply(client, conversation, "declined_busy")
    assert 'id="referral-name"' in client.get(f"/conversations/{conversation.pk}/").content.decode()
    response = client.post(
        f"/conversations/{conversation.pk}/live/referral/",
        {"name": "Lena Fischer", "title": "Principal Researcher", "back": "detail"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/conversations/{conversation.pk}/"
    referral = Person.objects.get(name="Lena Fischer")
    assert referral.found_via_conversation == conversation and referral.how_found == "referral"
