"""Write docs/CLI.md from the commands' argparse help (coffeechat/cli/reference.py).

Usage: .venv/bin/python scripts/cli_reference.py [--check]
  --check  write nothing; exit 1 if docs/CLI.md is out of date
"""

import sys
from pathlib import Path

from coffeechat.cli.reference import render

TARGET = Path(__file__).resolve().parent.parent / "docs" / "CLI.md"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = TARGET.read_text() if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date: run scripts/cli_reference.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text)
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
