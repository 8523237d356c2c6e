"""Every command, subcommand, option and setting is documented, and the docs are current."""

import re
from pathlib import Path

from coffeechat.cli.reference import commands, documented_arguments, render

ROOT = Path(__file__).resolve().parents[2]
CLI_MD = ROOT / "docs" / "CLI.md"
SETTINGS_MD = ROOT / "docs" / "SETTINGS.md"

ENV_HELPER = re.compile(r'env_(?:str|bool|int)\(\s*"([A-Z0-9_]+)"')
LITERAL = re.compile(r"\bCOFFEECHAT_[A-Z0-9_]*[A-Z0-9]\b")


def sections() -> dict[str, str]:
    """docs/CLI.md cut at its headings: `coffeechat people add` -> that section's text."""
    parts = re.split(r"^#+ `(coffeechat[^`]*)`$", CLI_MD.read_text(), flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_cli_reference_is_what_the_generator_writes_now():
    assert CLI_MD.read_text() == render(), (
        "docs/CLI.md is out of date: run .venv/bin/python scripts/cli_reference.py"
    )


def test_every_command_subcommand_and_option_has_its_section():
    documented = sections()
    missing = []
    for path, _, parser in commands():
        name = "coffeechat " + " ".join(path)
        text = documented.get(name)
        if text is None:
            missing.append(name)
            continue
        for action in documented_arguments(parser):
            words = action.option_strings or [action.metavar or action.dest.upper()]
            missing += [f"{name} {word}" for word in words if f"`{word}" not in text]
    assert missing == []


def settings_read_by_the_app() -> set[str]:
    names = set()
    for path in (ROOT / "coffeechat").rglob("*.py"):
        source = path.read_text()
        names |= {f"COFFEECHAT_{name}" for name in ENV_HELPER.findall(source)}
        names |= set(LITERAL.findall(source))
    return names


def test_every_setting_read_by_the_app_is_documented():
    documented = set(re.findall(r"`(COFFEECHAT_[A-Z0-9_]+)`", SETTINGS_MD.read_text()))
    names = settings_read_by_the_app()
    assert {"COFFEECHAT_DATA_DIR", "COFFEECHAT_FOLLOW_UP_AFTER", "COFFEECHAT_MODE"} <= names
    assert sorted(names - documented) == []


def test_the_settings_check_sees_a_new_helper_call(tmp_path):
    source = 'X = env_int("NEW_KNOB", 3)\nY = env_bool(\n    "OTHER")\n'
    assert {f"COFFEECHAT_{n}" for n in ENV_HELPER.findall(source)} == {
        "COFFEECHAT_NEW_KNOB",
        "COFFEECHAT_OTHER",
    }


def test_every_file_the_readme_and_guides_link_to_exists():
    broken = []
    for page in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text()):
            if not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)} -> {target}")
    assert broken == []
