"""Write the journey diagram in docs/USER_GUIDE.md from the model (coffeechat/domain/).

Usage: .venv/bin/python scripts/journey_diagram.py [--check]
  --check  write nothing; exit 1 if the guide's diagram is out of date
"""

import sys
from pathlib import Path

from coffeechat.domain.diagram import replace_section

TARGET = Path(__file__).resolve().parent.parent / "docs" / "USER_GUIDE.md"


def main(argv: list[str]) -> int:
    current = TARGET.read_text()
    text = replace_section(current)  # the default cadence: the day counts the guide names
    if "--check" in argv:
        if current != text:
            print(
                f"{TARGET}: the journey diagram is out of date: run scripts/journey_diagram.py",
                file=sys.stderr,
            )
            return 1
        return 0
    TARGET.write_text(text)
    print(f"wrote the journey diagram in {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
