"""The question bank and the plan per conversation (SPEC Q1-Q5)."""

import pytest

from coffeechat.questions.models import ChecklistTick, PlanItem, Question
from coffeechat.questions.services import bank_for, build_plan
from tests.conftest import make_ask

pytestmark = pytest.mark.django_db


def plan_texts(conversation):
    return [item.question.text for item in PlanItem.objects.filter(conversation=conversation)]


def change(client, conversation, **data):
    return client.post(f"/conversations/{conversation.pk}/plan/change/", data)


def test_the_default_plan_is_two_about_them_one_field_two_advice(client, me):
    conversation = make_ask(me)
    change(client, conversation, action="build", shape="mix_212")
    domains = [item.question.domain for item in PlanItem.objects.filter(conversation=conversation)]
    assert sorted(domains) == ["about_them", "about_them", "advice", "advice", "field"]
    page = client.get(f"/conversations/{conversation.pk}/plan/").content.decode()
    assert "The plan: 20 minutes" in page and "their questions about you 4 min" in page


def test_a_tiara_plan_covers_the_five_areas_in_order(client, me):
    conversation = make_ask(me)
    change(client, conversation, action="build", shape="tiara")
    tiaras = [item.question.tiara for item in PlanItem.objects.filter(conversation=conversation)]
    assert tiaras == ["trends", "insights", "advice", "resources", "assignments"]


def test_reordering_and_swapping_keep_the_running_time(client, me):
    conversation = make_ask(me)
    change(client, conversation, action="build", shape="mix_212")
    first, second = PlanItem.objects.filter(conversation=conversation)[:2]
    change(client, conversation, action="down", item=first.pk)
    assert plan_texts(conversation)[:2] == [second.question.text, first.question.text]
    other = bank_for(me).exclude(pk__in=[i.question_id for i in PlanItem.objects.all()]).first()
    change(client, conversation, action="swap", item=first.pk, question=other.pk)
    assert other.text in plan_texts(conversation)


def test_the_plan_says_what_does_not_fit(client, me):
    conversation = make_ask(me)
    change(client, conversation, action="build", shape="mix_212")
    planned = PlanItem.objects.values("question")
    for question in bank_for(me).exclude(pk__in=planned)[:6]:
        change(client, conversation, action="add", question=question.pk)
    again = change(client, conversation, action="add", question=planned[0]["question"])
    assert again.status_code == 400 and "already in the plan" in again.content.decode()
    page = client.get(f"/conversations/{conversation.pk}/plan/").content.decode()
    assert "does not fit" in page and "left" in page


def test_the_htmx_swap_returns_only_the_plan(client, me):
    conversation = make_ask(me)
    response = client.post(
        f"/conversations/{conversation.pk}/plan/change/",
        {"action": "build", "shape": "mix_212"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert 'id="plan"' in body and "<html" not in body


def test_a_question_a_plan_used_is_retired_not_deleted(client, me):
    conversation = make_ask(me)
    build_plan(me, conversation)
    used = PlanItem.objects.first().question
    client.post(f"/questions/{used.pk}/retire/", {"retired": "on"})
    used.refresh_from_db()
    assert used.retired and PlanItem.objects.filter(question=used).exists()
    assert used not in bank_for(me)


def test_adding_an_own_question_checks_minutes_and_importance(client, me):
    response = client.post(
        "/questions/",
        {"text": "What surprised you?", "domain": "about_them", "minutes": "45", "rank": "9"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Minutes</a>: Between 1 and 30 minutes." in body
    assert "Importance</a>: From 1 (first) to 5" in body
    client.post(
        "/questions/",
        {
            "text": "What surprised you?",
            "domain": "about_them",
            "tiara": "insights",
            "minutes": "2",
            "rank": "1",
        },
    )
    assert Question.objects.filter(owner=me, text="What surprised you?").exists()


def test_ticking_the_checklist_is_kept_per_meeting(client, me):
    conversation = make_ask(me)
    page = client.get(f"/conversations/{conversation.pk}/plan/").content.decode()
    assert "early" in page  # arrive 10-15 minutes early, at their workplace
    from coffeechat.domain.prep import checklist_for

    key = checklist_for("workplace")[0].key
    client.post(f"/conversations/{conversation.pk}/checklist/", {"key": key, "done": "on"})
    assert ChecklistTick.objects.filter(conversation=conversation, key=key).exists()
    client.post(f"/conversations/{conversation.pk}/checklist/", {"key": key})
    assert not ChecklistTick.objects.exists()


def test_the_prep_sheet_has_the_plan_notes_and_checklist(client, me):
    conversation = make_ask(me)
    person = conversation.person
    person.notes = "Wrote the **onboarding** guide"
    person.save()
    build_plan(me, conversation)
    client.post(
        "/about-me/", {"topic": "introduction", "text": "Ten years teaching maths", "share": "on"}
    )
    page = client.get(f"/conversations/{conversation.pk}/prep/").content.decode()
    assert "<strong>onboarding</strong>" in page
    assert PlanItem.objects.first().question.text in page
    assert "Ten years teaching maths" in page and "☐" in page


def test_a_strangers_plan_is_not_found(client, me, charlie):
    theirs = make_ask(charlie)
    assert client.get(f"/conversations/{theirs.pk}/plan/").status_code == 404
    assert change(client, theirs, action="build").status_code == 404


def test_about_me_points_can_belong_to_one_exploration(client, me):
    from tests.conftest import make_exploration

    conversation = make_ask(me)
    other = make_exploration(me, title="Other question")
    client.post("/about-me/", {"topic": "skills", "text": "General point", "share": "on"})
    client.post(
        "/about-me/",
        {"topic": "skills", "text": "Only elsewhere", "share": "on", "exploration": other.pk},
    )
    page = client.get(f"/conversations/{conversation.pk}/prep/").content.decode()
    assert "General point" in page and "Only elsewhere" not in page
    assert "(only for Other question)" in client.get("/about-me/").content.decode()


def test_the_prep_sheet_downloads_as_a_pdf(client, me):
    conversation = make_ask(me)
    build_plan(me, conversation)
    response = client.get(f"/conversations/{conversation.pk}/prep.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == f'attachment; filename="prep-{conversation.pk}.pdf"'
