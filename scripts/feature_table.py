"""Read the feature catalogue (docs/FEATURES.md) and write its newcomer's table into
docs/ARCHITECTURE.md, so the two never disagree (tests/test_feature_ids.py checks it).

Run after editing docs/FEATURES.md:  .venv/bin/python scripts/feature_table.py
"""

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FEATURES_MD = ROOT / "docs" / "FEATURES.md"
ARCHITECTURE_MD = ROOT / "docs" / "ARCHITECTURE.md"

BEGIN = "<!-- feature table: written by scripts/feature_table.py from docs/FEATURES.md -->"
END = "<!-- end of feature table -->"

SECTION = re.compile(r"^## (?P<letter>[A-Z]) — (?P<title>.+)$", re.M)
HEADING = re.compile(r"^### (?P<id>[A-Z][1-9][a-z]?) · (?P<name>.+)$", re.M)
ENTRY = re.compile(r"^- (?P<key>Open|Code|Tests|Status|Also called): (?P<value>.+)$", re.M)
PATH = re.compile(r"`([^`]+)`")


@dataclass
class Feature:
    id: str
    name: str
    about: str
    open: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)
    tests: list[str] = field(default_factory=list)
    status: str = ""
    aliases: list[str] = field(default_factory=list)

    @property
    def section(self) -> str:
        return self.id[0]

    @property
    def built(self) -> str:
        """'', 'partly' or 'not': read from the start of the Status line."""
        if self.status.startswith("not built"):
            return "not"
        return "partly" if self.status.startswith("partly built") else ""


def sections(text: str) -> dict[str, str]:
    """The section letters (E, P, O, …) and their titles."""
    return {m["letter"]: m["title"] for m in SECTION.finditer(text)}


def catalogue(text: str) -> list[Feature]:
    """Every `### ID · name` entry of the catalogue, in the order written."""
    headings = list(HEADING.finditer(text))
    features = []
    for heading, after in zip(headings, [*headings[1:], None], strict=True):
        body = text[heading.end() : after.start() if after else len(text)]
        body = SECTION.split(body)[0]  # the next section's heading is not this entry's
        feature = Feature(heading["id"], heading["name"].strip(), body.split("\n- ")[0].strip())
        for entry in ENTRY.finditer(body):
            key, value = entry["key"], entry["value"].strip()
            if key == "Status":
                feature.status = value
            elif key == "Also called":
                feature.aliases = [alias.strip() for alias in value.split(",")]
            else:
                getattr(feature, key.lower()).extend(PATH.findall(value))
        features.append(feature)
    return features


def table(features: list[Feature]) -> str:
    """The newcomer's table: for each feature id, the module to open first."""
    rows = ["| id | feature | open first |", "|---|---|---|"]
    for feature in features:
        name = feature.name.replace("|", "\\|")
        if feature.built:
            name += f" *({feature.built} built)*"
        opened = ", ".join(f"`{path}`" for path in feature.open)
        rows.append(f"| {feature.id} | {name} | {opened} |")
    return "\n".join(rows)


def with_table(architecture: str, features: list[Feature]) -> str:
    """ARCHITECTURE.md's text with the table between its markers rewritten."""
    start, end = architecture.index(BEGIN) + len(BEGIN), architecture.index(END)
    return f"{architecture[:start]}\n{table(features)}\n{architecture[end:]}"


def main() -> int:
    features = catalogue(FEATURES_MD.read_text())
    ARCHITECTURE_MD.write_text(with_table(ARCHITECTURE_MD.read_text(), features))
    print(f"{ARCHITECTURE_MD.relative_to(ROOT)}: {len(features)} features")
    return 0


if __name__ == "__main__":
    sys.exit(main())
