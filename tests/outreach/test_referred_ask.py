"""Issue 20, point 7: an ask to someone referred in a conversation names who referred."""

from datetime import date

import pytest

from coffeechat.conversations.services import add_referral
from coffeechat.outreach.services import draft
from coffeechat.people.models import Person
from tests.conftest import make_ask, make_person

pytestmark = pytest.mark.django_db


def test_the_referred_template_names_the_person_met(client, me):
    conversation = make_ask(me, person=make_person(me, name="Priya Raman"), on=date(2026, 11, 2))
    noor = add_referral(me, conversation, name="Noor Haddad", title="Research Ops")
    page = client.get(f"/people/{noor.pk}/compose/?approach=referred").content.decode()
    assert "Priya Raman" in page and "[acquaintance]" not in page


def test_people_referred_before_the_link_was_kept_still_get_the_name(me):
    conversation = make_ask(me, person=make_person(me, name="Priya Raman"), on=date(2026, 11, 2))
    noor = add_referral(me, conversation, name="Noor Haddad")
    Person.objects.filter(pk=noor.pk).update(found_via_person=None)  # as older rows are
    written = draft(
        me,
        Person.objects.get(pk=noor.pk),
        conversation.exploration,
        approach="referred",
        form="written",
    )
    assert "Priya Raman" in written.body and "acquaintance" not in written.missing
