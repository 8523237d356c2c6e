"""Where the assistant may send, read from the environment on every call.

In personal mode the user may name an endpoint in Settings; the environment
(COFFEECHAT_ASSISTANT_URL, _MODEL, _API_KEY or _API_KEY_FILE) gives the default.
In team mode the administrator decides: the assistant is usable only when
COFFEECHAT_ASSISTANT_ALLOWED is on, and then only with the endpoint the
environment names; what a user types in Settings is ignored.
"""

from dataclasses import dataclass

from django.conf import settings

from coffeechat.config import env_bool, env_int, env_str


@dataclass(frozen=True)
class Endpoint:
    url: str
    model: str
    api_key: str  # never shown back or logged

    @property
    def complete(self) -> bool:
        return bool(self.url and self.model)

    @property
    def label(self) -> str:
        """Where a draft goes, as shown before the first use and in the log."""
        return f"{self.model} at {self.url}"


def team_mode() -> bool:
    return getattr(settings, "MODE", "personal") == "team"


def allowed() -> bool:
    """Personal mode: yes unless the environment says no. Team mode: only when allowed."""
    return env_bool("ASSISTANT_ALLOWED", not team_mode())


def user_may_choose_endpoint() -> bool:
    return not team_mode()


def environment_endpoint() -> Endpoint:
    return Endpoint(
        env_str("ASSISTANT_URL").strip(),
        env_str("ASSISTANT_MODEL").strip(),
        env_str("ASSISTANT_API_KEY").strip(),
    )


def timeout_seconds() -> float:
    """How long a draft may wait for the next piece of the answer (a hang ends here)."""
    return float(env_int("ASSISTANT_TIMEOUT", 30))


def total_seconds() -> float:
    """How long one draft may take in all, retries included."""
    return float(env_int("ASSISTANT_TOTAL_TIMEOUT", 180))
