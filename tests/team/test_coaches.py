"""An explorer grants a coach read access, listed on both sides and revocable (M2)."""

from coffeechat.accounts.models import CoachGrant
from tests.conftest import make_person

from .conftest import make_user


def test_alice_grants_bob_and_both_see_it(team_mode, client_of, alice, db):
    bob = make_user("bob")
    page = client_of(alice).post("/account/coaches/", {"username": "bob"}, follow=True)
    assert (
        "If an active account named “bob” exists, it can now read your records."
        in page.content.decode()
    )
    assert [g.coach for g in page.context["my_coaches"]] == [bob]
    theirs = client_of(bob).get("/account/coaches/")
    assert [g.explorer for g in theirs.context["my_explorers"]] == [alice]
    assert f'href="/coach/{alice.pk}/"' in theirs.content.decode()


def test_granting_oneself_names_the_field(team_mode, client_of, alice):
    page = client_of(alice).post("/account/coaches/", {"username": "alice"})
    assert page.status_code == 400 and page.context["form"].errors["username"]


def grant_answer(client, username):
    """What the grant form tells its user: status, where it goes, the notice shown
    (with the typed name taken out, as the user typed it and knows it)."""
    response = client.post("/account/coaches/", {"username": username})
    notices = (
        [
            str(m).replace(username, "NAME")
            for m in client.get(response["Location"]).context["messages"]
        ]
        if response.status_code == 302
        else []
    )
    return response.status_code, response.get("Location"), notices


def test_the_grant_form_tells_nobody_which_usernames_exist(team_mode, client_of, alice):
    """Issue 18, finding 6: it answered 400 for an unknown username and 302 for a known
    one, so any account could list the others."""
    make_user("bob")
    make_user("dora", is_active=False)
    client = client_of(alice)
    known, unknown, inactive = (grant_answer(client, name) for name in ("bob", "nobody", "dora"))
    assert known == unknown == inactive
    assert known[0] == 302 and known[2] == [
        "If an active account named “NAME” exists, it can now read your records."
    ]
    assert [g.coach.username for g in CoachGrant.objects.filter(explorer=alice)] == ["bob"]
    assert grant_answer(client, "bob") == known  # granting again changes nothing either
    assert CoachGrant.objects.filter(explorer=alice).count() == 1


def test_a_revoked_coach_is_refused_at_once(team_mode, client_of, alice, bob):
    make_person(alice, name="Ada")
    coach = client_of(bob)
    assert coach.get(f"/coach/{alice.pk}/people/").status_code == 200
    grant = CoachGrant.objects.get(coach=bob)
    client_of(alice).post(f"/account/coaches/{grant.pk}/revoke/")
    assert coach.get(f"/coach/{alice.pk}/people/").status_code == 404


def test_a_coach_can_step_back(team_mode, client_of, alice, bob):
    grant = CoachGrant.objects.get(coach=bob)
    assert client_of(bob).post(f"/account/coaching/{grant.pk}/leave/").status_code == 302
    assert not CoachGrant.objects.exists()


def test_the_coach_view_says_whose_records_and_that_it_is_read_only(
    team_mode, client_of, alice, bob
):
    page = client_of(bob).get(f"/coach/{alice.pk}/").content.decode()
    assert "You are reading <strong>alice</strong>" in page
    assert 'action="/account/logout/"' in page  # the coach's own menu, outside the prefix


def test_the_coach_view_hides_settings_and_data(team_mode, client_of, alice, bob):
    coach = client_of(bob)
    for path in ("settings/", "data/", "settings/tokens/", "account/coaches/"):
        assert coach.get(f"/coach/{alice.pk}/{path}").status_code == 404


def test_a_coach_never_hears_the_recording(team_mode, client_of, alice, bob, settings, tmp_path):
    """Issue 22, point 6: the notes are shared with a coach, the raw audio never."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from coffeechat.conversations.models import Conversation
    from tests.conftest import make_ask

    settings.MEDIA_ROOT = tmp_path
    conversation = make_ask(alice)
    Conversation.objects.filter(pk=conversation.pk).update(recording_consent=True)
    client_of(alice).post(
        f"/conversations/{conversation.pk}/recording/",
        {"recording": SimpleUploadedFile("talk.ogg", b"OggS\x00\x02" + bytes(58))},
    )
    assert (
        client_of(alice).get(f"/conversations/{conversation.pk}/recording/file").status_code == 200
    )
    coach = client_of(bob)
    assert (
        coach.get(f"/coach/{alice.pk}/conversations/{conversation.pk}/recording/file").status_code
        == 404
    )
    page = coach.get(f"/coach/{alice.pk}/conversations/{conversation.pk}/").content.decode()
    assert "<audio" not in page
