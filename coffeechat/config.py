"""The settings read from the environment (prefix COFFEECHAT_), without Django.

`coffeechat/settings.py` builds Django's settings from these helpers, and `coffeechat
today` reads the few it needs from here when it answers without starting Django
(coffeechat/today/fast_path.py): one parser of the environment for both.
"""

import os
from pathlib import Path


def env_str(name: str, default: str = "") -> str:
    """A setting from COFFEECHAT_<NAME>, or from the file named by COFFEECHAT_<NAME>_FILE."""
    key = f"COFFEECHAT_{name}"
    file_name = os.environ.get(f"{key}_FILE")
    if file_name:
        return Path(file_name).read_text().strip()
    return os.environ.get(key, default)


MODES = ("personal", "team")


class BadSetting(SystemExit):
    """A setting the program cannot run with: it stops, printing which one and why."""

    def __init__(self, message: str):
        super().__init__(f"coffeechat: {message}")


def mode() -> str:
    """The one mode of the whole program: 'personal' (SPEC M1) or 'team' (M2).

    COFFEECHAT_MODE_FILE wins over COFFEECHAT_MODE, as for every setting (env_str). The
    value is stripped and lower-cased, so 'Personal', 'PERSONAL' or 'team ' are read as meant.
    Only when neither variable is set is the mode 'personal'; a variable that is set but
    empty, an unreadable file or any other word stops the program: a server whose
    deployer wrote something else must not guess, as guessing 'personal' would drop
    the login and guessing 'team' would hide a typo. Settings and `serve`'s
    loopback-only guard both ask this function, so they can never disagree.
    """
    file_name = os.environ.get("COFFEECHAT_MODE_FILE")
    if file_name is not None:
        source = f"the file {file_name!r} named by COFFEECHAT_MODE_FILE"
        if not file_name.strip():
            raise BadSetting(
                "COFFEECHAT_MODE_FILE is set but empty: name the file that "
                "holds the mode, or unset it."
            )
        try:
            raw = Path(file_name).read_text()
        except (OSError, UnicodeDecodeError) as error:
            raise BadSetting(f"cannot read {source} ({error}).") from None
    elif "COFFEECHAT_MODE" in os.environ:
        source, raw = "COFFEECHAT_MODE", os.environ["COFFEECHAT_MODE"]
    else:
        return "personal"
    value = raw.strip().lower()
    if value not in MODES:
        shown = repr(raw.strip()[:40]) if raw.strip() else "empty"
        raise BadSetting(
            f"the mode in {source} is {shown}; it must be 'personal' or "
            "'team'. Fix it, or unset it for personal mode."
        )
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = env_str(name, "")
    return value.lower() in {"1", "true", "yes", "on"} if value else default


def env_int(name: str, default: int) -> int:
    value = env_str(name, "")
    return int(value) if value else default


def database_url() -> str:
    """DATABASE_URL selects PostgreSQL; empty means the workspace's SQLite file."""
    return os.environ.get("DATABASE_URL", "")


def cadence() -> dict[str, int]:
    """The cadences of the method (SPEC O6, F1); day counts are settings."""
    return {
        "ask_another_after": env_int("ASK_ANOTHER_AFTER", 3),
        "follow_up_after": env_int("FOLLOW_UP_AFTER", 7),
        "thank_you_within": env_int("THANK_YOU_WITHIN", 2),
        "horizon": env_int("TODAY_HORIZON", 7),
        "keep_in_touch_weeks": env_int("KEEP_IN_TOUCH_WEEKS", 8),
    }


def default_country() -> str:
    """Public holidays that are not business days, until the user picks a country."""
    return env_str("COUNTRY", "").upper()


def time_zone() -> str:
    """COFFEECHAT_TIME_ZONE, else the machine's IANA zone, so that "today" is the user's."""
    return env_str("TIME_ZONE") or local_time_zone()


def local_time_zone() -> str:
    from tzlocal import get_localzone_name

    try:
        return get_localzone_name() or "UTC"
    except Exception:  # an unusual system setup must not stop the app from starting
        return "UTC"
