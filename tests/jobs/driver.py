"""Queue jobs of tests/jobs/sample.py on a workspace, from a process of its own:
`python -m tests.jobs.driver DATA_DIR JOB '[args]' '[args]' ...` prints the new ids."""

import json
import sys


def main() -> None:
    data_dir, name, *arguments = sys.argv[1:]
    from coffeechat.cli.setup import start_django

    start_django(data_dir, migrate=True)
    from django.db import transaction

    from coffeechat.accounts.services import local_user
    from coffeechat.jobs.services import enqueue
    from tests.jobs import sample

    with transaction.atomic():
        owner = local_user()
        ids = [
            enqueue(getattr(sample, name), *json.loads(each), owner=owner).pk for each in arguments
        ]
    print(json.dumps(ids))


if __name__ == "__main__":
    main()
