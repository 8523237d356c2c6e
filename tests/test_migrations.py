from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(
            f"Models changed without a migration (run `make migrations`):\n"
            f"{out.getvalue()} (exit {exit_.code})"
        )
