"""Start Django for a command, on the workspace the command was given."""

import os


def start_django(data_dir: str | None, migrate: bool = False) -> None:
    from coffeechat import workspace

    workspace.use_data_dir(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coffeechat.settings")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
