"""The dependency rule of docs/ARCHITECTURE.md, checked rather than hoped for."""

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "coffeechat"


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module, node.lineno


def test_domain_imports_only_the_standard_library():
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}"
        for path in (PACKAGE / "domain").rglob("*.py")
        for module, line in imported_modules(path)
        if module.split(".")[0] not in sys.stdlib_module_names
    ]
    assert offenders == []


def test_services_never_import_views_or_the_cli():
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}"
        for path in PACKAGE.rglob("services.py")
        for module, line in imported_modules(path)
        if module.endswith(".views") or module.startswith("coffeechat.cli")
        or module.startswith("django.http") or module.startswith("django.shortcuts")
    ]
    assert offenders == []


def test_the_check_catches_a_forbidden_import(tmp_path):
    bad = tmp_path / "rule.py"
    bad.write_text("from django.db import models\nimport datetime\n")
    modules = [module for module, _ in imported_modules(bad)]
    assert [m for m in modules if m.split(".")[0] not in sys.stdlib_module_names] == ["django.db"]
