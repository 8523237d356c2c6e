from tests.team.conftest import alice, bob, client_of, team_mode  # noqa: F401 - shared
