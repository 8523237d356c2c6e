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


# ---- transactions: the request owns one, a service that refuses after writing owns a savepoint


EDGE_FILES = ("views.py", "team_views.py", "forms.py", "team_forms.py", "urls.py")
REFUSALS = {"DomainError", "Invalid", "Conflict", "NotFound"}
# Services a view calls inside `try/except DomainError` that are not atomic, and why.
NOT_ATOMIC = {
    "get_conversation_for": "reads only",
    "settings_for": "reads only, or makes the row on first visit",
    "open_invitation": "reads only",
    "summarize": "the log of what was sent must survive the endpoint's refusal (O7)",
    "start_job": "an import job's steps commit as they go; the job shows its failure",
    "map_columns": "the same: the held job takes the new columns, then reads them",
    "loads": "a pure function",
    "check_size": "a pure function",
    "read": "an uploaded file's read()",
    "restore": "owns its transaction (the view is non_atomic_requests)",
}


def edge_modules():
    yield from (path for path in PACKAGE.rglob("*.py") if path.name in EDGE_FILES)
    yield from (PACKAGE / "api" / "routers").glob("*.py")


def atomic_functions() -> set[str]:
    """Names of the functions, anywhere outside the edge, that run in transaction.atomic:
    decorated with it, or whose body is one `with transaction.atomic()`."""
    names = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef) and (
                    any("atomic" in ast.unparse(d) for d in node.decorator_list)
                    or any(isinstance(s, ast.With) and "atomic" in ast.unparse(s.items[0])
                           for s in node.body)):
                names.add(node.name)
    return names


def refused_calls(path: Path):
    """(line, function name) of each call inside a `try` that catches a domain error."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Try) and any(
                handler.type is not None and REFUSALS & {
                    n.id if isinstance(n, ast.Name) else getattr(n, "attr", "")
                    for n in ast.walk(handler.type)} for handler in node.handlers):
            for statement in node.body:
                for call in ast.walk(statement):
                    if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
                            and isinstance(call.func.value, ast.Name) \
                            and call.func.value.id not in {"form", "request", "self"}:
                        yield call.lineno, call.func.attr
                    elif isinstance(call, ast.Call) and isinstance(call.func, ast.Name):
                        yield call.lineno, call.func.id


def test_views_and_routers_never_open_a_transaction():
    offenders = [f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
                 for path in edge_modules()
                 for node in ast.walk(ast.parse(path.read_text()))
                 if isinstance(node, ast.Attribute) and node.attr == "atomic"]
    assert offenders == []


def test_a_refusal_a_view_catches_undoes_its_service_s_writes():
    """ATOMIC_REQUESTS rolls back only what raises out of the view; a refusal the view
    turns into a form error would commit what the service wrote before it refused."""
    atomic = atomic_functions()
    defined = {node.name for path in PACKAGE.rglob("*.py") if path.name not in EDGE_FILES
               for node in ast.walk(ast.parse(path.read_text()))
               if isinstance(node, ast.FunctionDef)}
    offenders = [f"{path.relative_to(PACKAGE.parent)}:{line} calls {name}"
                 for path in edge_modules() for line, name in refused_calls(path)
                 if name in defined and name not in atomic and name not in NOT_ATOMIC
                 and not name[0].isupper()]
    assert offenders == []
