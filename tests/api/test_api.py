"""The API's behaviour: OpenAPI, pagination, errors naming the field, versions (I3)."""

from django.test import Client

from tests.conftest import make_ask, make_exploration, make_person


def test_the_openapi_description_is_served_and_documents_every_area(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/explorations",
        "/api/v1/organizations",
        "/api/v1/people",
        "/api/v1/conversations",
        "/api/v1/conversations/{conversation_id}/events",
        "/api/v1/today",
        "/api/v1/questions",
        "/api/v1/conversations/{conversation_id}/plan",
        "/api/v1/conversations/{conversation_id}/findings",
    ):
        assert path in paths
    assert response.json()["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_the_docs_page_loads_its_scripts_from_this_server(db):
    page = Client().get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()


def test_lists_are_paginated(alice, api_as):
    for number in range(7):
        make_person(alice, name=f"Person {number}")
    api = api_as(alice)
    page = api.get("people", limit=3, offset=3).json()
    assert page["count"] == 7
    assert [p["name"] for p in page["items"]] == ["Person 3", "Person 4", "Person 5"]
    assert api.get("people", limit=500).status_code == 422


def test_invalid_input_is_a_422_naming_the_field(alice, api_as):
    response = api_as(alice).post("people", {"name": "Ada", "email": "not an email", "priority": 9})
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {"email", "priority"}


def test_characters_no_database_stores_are_refused(alice, api_as):
    response = api_as(alice).post("organizations", {"name": "Acme\x00"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "name"


def test_someone_elses_record_named_in_a_body_is_a_404_naming_the_field(alice, charlie, api_as):
    """Not found, as in a path: the body is valid by the description, the record is not
    the caller's (issue 18: a 400 here contradicted the description)."""
    theirs = make_exploration(charlie)
    response = api_as(alice).post("people", {"name": "Ada", "exploration_id": theirs.pk})
    assert response.status_code == 404
    assert response.json()["errors"] == [
        {"field": "exploration_id", "message": "No such exploration."}
    ]


def test_an_edit_on_a_stale_version_is_a_409(alice, api_as):
    person = make_person(alice)
    api = api_as(alice)
    assert api.patch(f"people/{person.pk}", {"version": 1, "title": "CTO"}).status_code == 200
    stale = api.patch(f"people/{person.pk}", {"version": 1, "title": "CEO"})
    assert stale.status_code == 409
    assert api.get(f"people/{person.pk}").json()["title"] == "CTO"


def test_a_whole_thread_through_the_api(alice, api_as):
    api = api_as(alice)
    exploration = api.post("explorations", {"title": "UX?", "target_position": "UX researcher"})
    person = api.post("people", {"name": "Ada", "new_organization": "Acme", "tags": ["alumni"]})
    assert person.json()["tags"] == ["alumni"] and person.json()["organization_id"]
    ask = api.post(
        "conversations",
        {
            "person_id": person.json()["id"],
            "exploration_id": exploration.json()["id"],
            "on": "2026-11-20",
            "channel": "email",
            "approach": "direct",
        },
    )
    conversation = ask.json()["id"]
    assert ask.status_code == 201 and ask.json()["stage"] == "asked"
    reply = api.post(
        f"conversations/{conversation}/events", {"kind": "replied", "on": "2026-11-21"}
    )
    assert reply.status_code == 422 and reply.json()["errors"][0]["message"].endswith(
        "outcome: say what they answered"
    )
    assert (
        api.post(
            f"conversations/{conversation}/events",
            {"kind": "replied", "on": "2026-11-21", "outcome": "accepted"},
        ).status_code
        == 201
    )
    meeting = api.post(
        f"conversations/{conversation}/schedule",
        {
            "on": "2026-11-21",
            "meeting_date": "2026-11-26",
            "meeting_time": "10:00",
            "time_zone": "Europe/Berlin",
            "minutes": 20,
            "mode": "coffee",
            "cost": "4.50",
        },
    )
    assert meeting.status_code == 201 and meeting.json()["cost"] == "4.50"
    plan = api.post(f"conversations/{conversation}/plan", {}).json()
    assert len(plan["items"]) == 5 and plan["agreed_minutes"] == 20
    tasks = api.get("today", on="2026-11-25").json()
    assert {t["kind"] for t in tasks} == {"confirm", "prepare", "log_meeting"}
    findings = api.put(
        f"conversations/{conversation}/findings",
        {"findings": {"likes": "The people", "dislikes": ""}},
    )
    assert findings.json() == [{"topic": "likes", "text": "The people"}]


# ---- the description tells the truth (issue 18, finding 8) ------------------------------


def test_what_the_description_refuses_is_refused(alice, api_as):
    """Each of these was taken although the description refused it."""
    api = api_as(alice)
    conversation = make_ask(alice)
    assert api.get("today", on="0").status_code == 422  # a timestamp is not a day
    assert api.get("today", on="2026-11-20T00:00:00").status_code == 422
    assert (
        api.post("organizations", {"name": "Acme", "would_like_to_work_here": 0}).status_code == 422
    )
    assert api.post("people", {"name": "Ada", "priority": "2"}).status_code == 422
    assert api.get("questions", retired="1").status_code == 422
    for strict in (0, 1, "true"):  # the checker's flag is a boolean, as described
        refused = api.post("check", {"text": "Hi", "strict": strict})
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "strict"
    assert api.post("check", {"text": "Hi", "strict": True}).status_code == 200
    for body in ([], [None, None], 5):
        assert api.post(f"conversations/{conversation.pk}/plan", body).status_code == 400
    assert api.post(f"conversations/{conversation.pk}/plan", {}).status_code == 200


def test_what_the_description_allows_is_taken(alice, api_as):
    """Each of these was refused although the description allowed it."""
    api = api_as(alice)
    exploration = make_exploration(alice)
    assert api.post("people", {"name": "Ada", "priority": 2.0}).status_code == 201
    closed = api.post(
        f"explorations/{exploration.pk}/close",
        {"version": 1, "decision": "", "closed_on": "2026-11-20"},
    )
    assert closed.status_code == 422  # described now: a decision needs a visible character
    assert closed.json()["errors"][0]["field"] == "decision"


def test_the_description_states_each_rule(api_as):
    from coffeechat.api.api import api
    from coffeechat.api.schemas import DAY_PATTERN, EMAIL_PATTERN, NO_NUL, URL_PATTERN

    described = api.get_openapi_schema()
    schemas = described["components"]["schemas"]
    person = schemas["PersonIn"]["properties"]
    assert person["notes"]["pattern"] == NO_NUL
    assert person["email"]["pattern"] == EMAIL_PATTERN
    assert person["profile_url"]["pattern"] == URL_PATTERN
    assert person["time_zone"]["pattern"].startswith("^(?:Africa/Abidjan|")
    assert schemas["ExplorationClose"]["properties"]["closed_on"]["pattern"] == DAY_PATTERN
    assert schemas["OrganizationIn"]["properties"]["would_like_to_work_here"]["type"] == "boolean"
    assert "if" in schemas["EventIn"]["allOf"][0]  # a reply needs its outcome
    assert "if" in schemas["ScheduleIn"]["allOf"][0]  # a video call needs its link
    today = described["paths"]["/api/v1/today"]["get"]["parameters"]
    on = next(parameter for parameter in today if parameter["name"] == "on")
    assert on["schema"]["anyOf"][0]["pattern"] == DAY_PATTERN
