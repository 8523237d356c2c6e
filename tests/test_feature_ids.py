"""Every feature id the code cites resolves in docs/FEATURES.md, and every path the
catalogue and docs/ARCHITECTURE.md name exists (issue 25: references that lead nowhere).

A reference is read only where a person writes one: Python comments and docstrings,
comments of templates, of our script and of our style sheets. Strings the program uses
(regular expressions, test data, user-facing text) and vendored files are not read, and
templates' markup is not either: an SVG path's "M1 0 L5 2" is a drawing, not a citation.
"""

import ast
import importlib.util
import io
import re
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCANNED = [ROOT / "coffeechat", ROOT / "tests"]


def load_feature_table():
    spec = importlib.util.spec_from_file_location(
        "feature_table", ROOT / "scripts" / "feature_table.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


feature_table = load_feature_table()
FEATURES_TEXT = feature_table.FEATURES_MD.read_text()
FEATURES = feature_table.catalogue(FEATURES_TEXT)
SECTIONS = feature_table.sections(FEATURES_TEXT)

# ---- what a reference looks like -------------------------------------------------

LETTERS = "EPOSQCFTLDIMU"  # the sections of the catalogue (test_the_letters_are_the_sections)
ID = rf"[{LETTERS}][1-9][a-z]?"
# Not inside a word ("ISO2", "E2E"), a hex colour ("#C1C1C1"), an escape ("%C3", "=C3",
# "\xC3"), a path, a dotted name or an option; a dash after it must start a range.
BEFORE = r"(?<![\w#%=./\\+$@&-])"
AFTER = r"(?![\w=%]|[-–]\w|\.\w)"
FEATURE = re.compile(rf"{BEFORE}(?P<first>{ID})(?:[-–](?P<last>{ID}))?{AFTER}")
# A lone section letter counts only in a list that starts with SPEC: "SPEC O5, O6, S, C, F".
ITEM = rf'(?:{ID}(?:[-–]{ID})?|[{LETTERS}](?!\w)|"\d[A-Z]\d")'
SPEC_LIST = re.compile(rf'\bSPEC\s+{ITEM}(?:(?:\s*,\s*|\s+and\s+|\s+(?=")){ITEM})*')
SECTION_ITEM = re.compile(rf"(?<![\w\"-])([{LETTERS}])(?![\w-])")
# Named routines: "3B7" (digit, capital, digit) and "2-1-2" (three digits and dashes).
NAMED = re.compile(r"(?<![\w#%=./\\-])(\d[A-Z]\d|\d-\d-\d)(?![\w-])")


@dataclass(frozen=True)
class Mention:
    where: str
    text: str  # as written: "P1-P5", "O", "3B7"
    ids: tuple[str, ...]  # what it cites: ("P1", …, "P5"), ("O",), ("3B7",)
    kind: str  # "feature", "section" or "named"


def expand(first: str, last: str | None) -> tuple[str, ...]:
    """P1-P5 -> P1 … P5. A range across letters, or backwards, cites nothing valid."""
    if last is None:
        return (first,)
    if first[0] != last[0] or first[1] > last[1] or first[2:] or last[2:]:
        return (f"{first}-{last}",)
    return tuple(f"{first[0]}{n}" for n in range(int(first[1]), int(last[1]) + 1))


def mentions_in(text: str, path: str, line: int = 1) -> Iterator[Mention]:
    """The references in `text`, which starts on `line` of `path`."""

    def where(match: re.Match) -> str:
        return f"{path}:{line + text.count(chr(10), 0, match.start())}"

    for match in FEATURE.finditer(text):
        yield Mention(where(match), match[0], expand(match["first"], match["last"]), "feature")
    for match in SPEC_LIST.finditer(text):
        for letter in SECTION_ITEM.findall(match[0].removeprefix("SPEC")):
            yield Mention(where(match), letter, (letter,), "section")
    for match in NAMED.finditer(text):
        yield Mention(where(match), match[0], (match[0],), "named")


# ---- where people write references ----------------------------------------------


def python_prose(source: str) -> Iterator[tuple[int, str]]:
    """Comments and docstrings of a Python module, with their line numbers."""
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                yield body[0].lineno, body[0].value.value


TEMPLATE_COMMENT = re.compile(
    r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}"
    r"|<!--.*?-->",
    re.S,
)
SCRIPT_COMMENT = re.compile(r"/\*.*?\*/|(?<![:\\])//[^\n]*", re.S)


def matched_prose(pattern: re.Pattern, source: str) -> Iterator[tuple[int, str]]:
    for match in pattern.finditer(source):
        yield source.count("\n", 0, match.start()) + 1, match[0]


def prose_of(path: Path) -> Iterator[tuple[int, str]]:
    """The human-written prose of one file, or nothing for files no one cites from."""
    if "vendor" in path.parts or ".min." in path.name:
        return
    if path.suffix == ".py":
        yield from python_prose(path.read_text())
    elif "templates" in path.parts and path.suffix in {".html", ".txt", ".md", ".xml"}:
        yield from matched_prose(TEMPLATE_COMMENT, path.read_text())
    elif path.suffix in {".js", ".css"}:
        yield from matched_prose(SCRIPT_COMMENT, path.read_text())


def every_mention(folders=SCANNED) -> list[Mention]:
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            for line, prose in prose_of(path):
                found += mentions_in(prose, str(path.relative_to(folder.parent)), line)
    return found


def known() -> dict[str, set[str]]:
    """What a mention of each kind may cite."""
    return {
        "feature": {feature.id for feature in FEATURES},
        "section": set(SECTIONS),
        "named": {alias for feature in FEATURES for alias in feature.aliases},
    }


def unresolved(mentions: list[Mention]) -> list[str]:
    allowed = known()
    return [
        f"{m.where}: {m.text!r} cites {cited}, which docs/FEATURES.md lacks"
        for m in mentions
        for cited in m.ids
        if cited not in allowed[m.kind]
    ]


# ---- paths the docs name --------------------------------------------------------

# `coffeechat/domain/today.py`, `docs/DECISIONS.md`, `coffeechat/domain/`: a relative
# path with a folder, ending in a file name with an extension or in a slash.
DOC_PATH = re.compile(r"`([\w.-]+(?:/[\w.-]+)*/(?:[\w-]+\.\w+)?)`")


def missing_paths(text: str, *, bases: list[Path]) -> list[str]:
    return sorted(
        {
            path
            for path in DOC_PATH.findall(text)
            if not any((base / path).exists() for base in bases)
        }
    )


# ---- the tests ----------------------------------------------------------------------


def test_the_catalogue_has_every_feature_once_with_its_paragraph_and_module_to_open():
    ids = [feature.id for feature in FEATURES]
    assert len(ids) == len(set(ids)) > 50
    aliases = [alias for feature in FEATURES for alias in feature.aliases]
    assert len(aliases) == len(set(aliases)) and {"3B7", "2-1-2"} <= set(aliases)
    for feature in FEATURES:
        assert re.fullmatch(ID, feature.id), feature.id
        assert feature.section in SECTIONS, f"{feature.id}: no section {feature.section}"
        assert len(feature.about.split()) >= 12, f"{feature.id}: say what it means for the user"
        assert len(feature.open) == 1, f"{feature.id}: name one module to open"
        assert feature.built in {"", "partly", "not"}
        if feature.built != "not":
            assert feature.tests, f"{feature.id}: built, so name its tests"
        else:
            assert feature.status, f"{feature.id}: say what is missing"


def test_the_letters_are_the_sections():
    assert set(LETTERS) == set(SECTIONS)


def test_every_feature_id_the_code_cites_is_in_the_catalogue():
    mentions = every_mention()
    assert len(mentions) > 150, "the scan reads the comments and docstrings it should"
    assert {m.kind for m in mentions} == {"feature", "section", "named"}
    assert unresolved(mentions) == []


def test_the_ids_docs_architecture_cites_are_in_the_catalogue():
    text = feature_table.ARCHITECTURE_MD.read_text()
    assert unresolved(list(mentions_in(text, "docs/ARCHITECTURE.md"))) == []


def test_every_path_the_catalogue_names_exists_from_the_repository_root():
    assert missing_paths(FEATURES_TEXT, bases=[ROOT]) == []
    named = {path for feature in FEATURES for path in feature.open + feature.code + feature.tests}
    assert named and all(DOC_PATH.fullmatch(f"`{path}`") for path in named)


def test_every_path_architecture_names_exists():
    # ARCHITECTURE.md also writes an app's modules from the package: `today/cache.py`.
    text = feature_table.ARCHITECTURE_MD.read_text()
    assert missing_paths(text, bases=[ROOT, ROOT / "coffeechat"]) == []


def test_architecture_names_the_module_to_open_for_every_feature():
    text = feature_table.ARCHITECTURE_MD.read_text()
    assert text == feature_table.with_table(text, FEATURES), (
        "docs/ARCHITECTURE.md's feature table is out of date: "
        "run .venv/bin/python scripts/feature_table.py"
    )
    rows = re.findall(rf"^\| ({ID}) \|.*\| `([^`]+)` \|$", text, re.M)
    assert [feature_id for feature_id, _ in rows] == [feature.id for feature in FEATURES]
    assert all((ROOT / module).is_file() for _, module in rows)


# ---- the checks themselves can fail -----------------------------------------------


def cited(text: str) -> list[str]:
    return [cited for m in mentions_in(text, "-") for cited in m.ids]


def test_the_pattern_reads_every_form_of_reference():
    assert cited("(SPEC O5, O6, S, C, F)") == ["O5", "O6", "S", "C", "F"]
    assert cited("SPEC P1-P5, D4") == ["P1", "P2", "P3", "P4", "P5", "D4"]
    assert cited("(E1–E3)") == ["E1", "E2", "E3"]
    assert cited('What to do now (SPEC T1, O6 "3B7", F1)') == ["T1", "O6", "F1", "3B7"]
    assert cited("the 2-1-2 mix (Q2, Q1b)") == ["Q2", "Q1b", "2-1-2"]
    assert cited("(SPEC O)") == ["O"]
    assert cited("per P5; the C1 warning.") == ["P5", "C1"]


def test_the_pattern_ignores_what_only_looks_like_an_id():
    for text in [
        "ISO2 and E2E tests",
        "colour #C1C1C1 or #F1F",
        "0xE1, \\xC3, %C3%BC, =C3=BC",
        "migration 0003_p1_fields, search/0004",
        "SPECIAL_CASES",
        "ASPECTS_GROWTH",
        "SPEC P6, Dalton's list",
        "SPEC Q5, as keys",
        "SHA256",
        "ASVS 5.0 V3.4",
        "M1.x.y",
        "docs/E1.md",
        "--O2",
        "O6-style",
        "2026-11-09",
        "v1-2-3",
        "a Q1bis note",
    ]:
        assert cited(text) in ([], ["P6"], ["Q5"]), text


def test_an_unknown_id_in_any_kind_of_prose_is_caught(tmp_path):
    package = tmp_path / "coffeechat"
    (package / "app" / "templates" / "app").mkdir(parents=True)
    (package / "app" / "rules.py").write_text(
        '"""Rules (SPEC O9)."""\n\nRULE = "E8 in a string is data"  # but Q7 here is not\n\n\n'
        'def f():\n    """The 4X4 routine,\n    then P1-Q2."""\n'
    )
    (package / "app" / "templates" / "app" / "page.html").write_text(
        "{# see SPEC O, Z #}\n<svg><path d='M9 0 L8 2'/></svg>\n<!-- (T9) -->\n"
    )
    (package / "app.js").write_text("var a = 'F9'; // live mode (C9)\n/* U9 */\n")
    problems = unresolved(every_mention([package]))
    assert sorted(p.split(" cites ")[0] for p in problems) == [
        "coffeechat/app.js:1: 'C9'",
        "coffeechat/app.js:2: 'U9'",
        "coffeechat/app/rules.py:1: 'O9'",
        "coffeechat/app/rules.py:3: 'Q7'",
        "coffeechat/app/rules.py:7: '4X4'",
        "coffeechat/app/rules.py:8: 'P1-Q2'",
        "coffeechat/app/templates/app/page.html:3: 'T9'",
    ]


def test_a_missing_path_is_caught():
    text = "Open `coffeechat/domain/today.py`, then `coffeechat/domain/tomorrow.py` and `gone/`."
    assert missing_paths(text, bases=[ROOT]) == ["coffeechat/domain/tomorrow.py", "gone/"]
    assert missing_paths("`text/html`, `/api/v1`, `*_for(user)`", bases=[ROOT]) == []
