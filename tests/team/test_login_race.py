"""The login throttle holds under concurrency (issue 18, finding 2): 40 wrong passwords
sent at once (twice) to two server processes over one database reach the password check at
most PAIR_LIMIT times. Before, each attempt read the count, spent the hash's time,
then wrote its failure, so attempts in flight did not see each other: 9 of 40 were
checked. On PostgreSQL when DATABASE_URL is set, else on one SQLite file in WAL mode."""

from concurrent.futures import ThreadPoolExecutor

from coffeechat.accounts import throttle

from .test_scale_out import PASSWORD, coffeechat, csrf_token, running_servers

GUESSES = 40


def test_forty_guesses_at_once_get_at_most_five_password_checks(tmp_path):
    with running_servers(tmp_path, threads=8) as ((a, b), invitation, env):
        cookies = {}
        _, page, _ = a.request("GET", invitation, cookies)
        status, _, _ = a.request(
            "POST",
            invitation,
            cookies,
            {
                "csrfmiddlewaretoken": csrf_token(page),
                "username": "alice",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        assert status == 302
        attacker = {}
        _, page, _ = a.request("GET", "/account/login/", attacker)
        form = {"csrfmiddlewaretoken": csrf_token(page), "username": "alice"}

        def guess(number):
            server = (a, b)[number % 2]
            return server.request(
                "POST",
                "/account/login/",
                dict(attacker),
                {**form, "password": f"guess number {number}"},
            )[0]

        answers = []
        for _ in range(2):  # two bursts: the second must not get what the first left over
            with ThreadPoolExecutor(max_workers=GUESSES) as pool:
                answers += pool.map(guess, range(GUESSES))

        # A 400 is a guess whose password was checked and found wrong; 429 waited. (When
        # all arrive at once, each may see the others' places taken and wait: fewer
        # checks, never more.)
        assert set(answers) <= {400, 429} and 429 in answers, answers
        assert answers.count(400) <= throttle.PAIR_LIMIT, answers
        failures = coffeechat(
            env,
            "manage",
            "shell",
            "-v",
            "0",
            "-c",
            "from coffeechat.accounts.models import LoginFailure; "
            "print(LoginFailure.objects.filter(username='alice').count())",
        )
        assert int(failures) == answers.count(400)  # every check left its failure, no more
