"""Team mode's own pages say what to do first when they have nothing to show."""

import pytest

from tests.team.conftest import make_user
from tests.web.test_empty_states import EmptyStateLinks

pytestmark = pytest.mark.django_db


def empty_links(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = EmptyStateLinks()
    parser.feed(response.content.decode())
    return parser.links


def test_no_invitations_yet_points_to_the_invitation_form(client_of):
    admin = make_user("ada", is_staff=True)
    assert "#id_email" in empty_links(client_of(admin), "/account/invitations/")


def test_no_coach_yet_points_to_the_grant_form(client_of, alice):
    assert "#id_username" in empty_links(client_of(alice), "/account/coaches/")
