"""An empty list on the command line says what to do first, as the web pages do."""

from tests.cli.test_cli import coffeechat


def test_empty_lists_name_the_command_that_fills_them(tmp_path):
    for kind, first_step in [
        ("explorations", "coffeechat explorations add"),
        ("people", "coffeechat people add"),
        ("orgs", "coffeechat orgs add"),
    ]:
        out = coffeechat(kind, "list", data_dir=tmp_path).stdout
        assert first_step in out, kind
    assert "coffeechat explorations add" in coffeechat("today", data_dir=tmp_path).stdout


def test_the_suggested_first_step_works(tmp_path):
    coffeechat(
        "explorations",
        "add",
        "--title",
        "Should I move into UX research?",
        "--target",
        "UX researcher",
        data_dir=tmp_path,
    )
    assert "UX researcher" in coffeechat("explorations", "list", data_dir=tmp_path).stdout
