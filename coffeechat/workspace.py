"""Where a workspace lives on disk: the data directory, its secret key, its database file
and the name of its one local user.

Imported by the CLI before Django starts, so it must stay light (no Django).
"""

import os
import secrets
from pathlib import Path

DATA_DIR_ENV = "COFFEECHAT_DATA_DIR"
SECRET_FILE_NAME = "secret_key"
DATABASE_FILE_NAME = "coffeechat.sqlite3"
LOCAL_USERNAME = "me"  # who acts in personal mode (SPEC M1)


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The workspace folder: --data-dir, else $COFFEECHAT_DATA_DIR, else the platform's."""
    chosen = explicit or os.environ.get(DATA_DIR_ENV)
    if not chosen:
        from platformdirs import user_data_dir

        chosen = user_data_dir("coffeechat", appauthor=False)
    path = Path(chosen).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def use_data_dir(explicit: str | os.PathLike | None) -> Path:
    """Select a workspace for this process and the server workers it starts."""
    path = data_dir(explicit)
    os.environ[DATA_DIR_ENV] = str(path)
    return path


def secret_key(folder: Path) -> str:
    """The workspace's secret key, generated on first use and kept private.

    Created with O_EXCL so that two processes starting together agree on one key.
    """
    path = folder / SECRET_FILE_NAME
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_when_written(path)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def _read_when_written(path: Path) -> str:
    # Another process may have created the file a moment ago and not written it yet.
    import time

    for _ in range(50):
        key = path.read_text().strip()
        if key:
            return key
        time.sleep(0.02)
    raise RuntimeError(f"{path} is empty: delete it and start again")
