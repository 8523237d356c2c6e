"""How much Today reads and under which key its due dates are cached.

Shared by services.py and the fast path of `coffeechat today` (fast_path.py), so it
imports nothing from Django.
"""

import hashlib
from collections.abc import Mapping

# Today reads at most this many conversations, most pressing first; the page says how
# many more wait behind them.
MOST_PRESSING = 150


def due_key(cadence: Mapping[str, int], country: str, year: int) -> str:
    """Names the settings the due dates were computed under; a change makes them stale."""
    text = f"{sorted(cadence.items())}|{country}|{year}"
    return hashlib.sha1(text.encode()).hexdigest()[:16]
