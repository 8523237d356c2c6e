"""The dependency rule of docs/ARCHITECTURE.md, checked rather than hoped for."""

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "coffeechat"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def resolve(path: Path, node: ast.ImportFrom) -> str:
    """The absolute module a `from ... import` names, relative ones included."""
    if not node.level:
        return node.module
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    package = package[: len(package) - (node.level - 1)]
    return ".".join(package + ([node.module] if node.module else []))


def imported_modules(path: Path):
    """(module, line) of every import, relative ones resolved; `from . import x` gives
    both the package and `package.x` (x may be a module)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            module = resolve(path, node)
            yield module, node.lineno
            if node.level and not node.module:
                for alias in node.names:
                    yield f"{module}.{alias.name}", node.lineno


def test_domain_imports_only_the_standard_library():
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}"
        for path in (PACKAGE / "domain").rglob("*.py")
        for module, line in imported_modules(path)
        if module.split(".")[0] not in sys.stdlib_module_names
        and not module.startswith("coffeechat.domain")
    ]
    assert offenders == []


def test_services_never_import_views_or_the_cli():
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}"
        for path in PACKAGE.rglob("services.py")
        for module, line in imported_modules(path)
        if module.endswith(".views")
        or module.startswith("coffeechat.cli")
        or module.startswith("django.http")
        or module.startswith("django.shortcuts")
    ]
    assert offenders == []


def test_the_check_catches_a_forbidden_import(tmp_path):
    bad = tmp_path / "rule.py"
    bad.write_text("from django.db import models\nimport datetime\n")
    modules = [module for module, _ in imported_modules(bad)]
    assert [m for m in modules if m.split(".")[0] not in sys.stdlib_module_names] == ["django.db"]


def test_relative_imports_are_resolved():
    path = PACKAGE / "people" / "services.py"
    node = ast.parse("from ..search import services").body[0]
    assert resolve(path, node) == "coffeechat.search"
    assert (
        resolve(path, ast.parse("from .models import Person").body[0]) == "coffeechat.people.models"
    )


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
    "checked_file": "a pure function",
    # The view calls restoring.restore_file now (it was `restore`): it opens its
    # transaction inside a try that deletes the audio written when it rolls back, which
    # the check (a body that is one `with transaction.atomic()`) cannot see.
    "restore_file": "owns its transaction (the view is non_atomic_requests)",
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
                or any(
                    isinstance(s, ast.With) and "atomic" in ast.unparse(s.items[0])
                    for s in node.body
                )
            ):
                names.add(node.name)
    return names


def refused_calls(path: Path):
    """(line, function name) of each call inside a `try` that catches a domain error."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Try) and any(
            handler.type is not None
            and REFUSALS
            & {
                n.id if isinstance(n, ast.Name) else getattr(n, "attr", "")
                for n in ast.walk(handler.type)
            }
            for handler in node.handlers
        ):
            for statement in node.body:
                for call in ast.walk(statement):
                    if (
                        isinstance(call, ast.Call)
                        and isinstance(call.func, ast.Attribute)
                        and isinstance(call.func.value, ast.Name)
                        and call.func.value.id not in {"form", "request", "self"}
                    ):
                        yield call.lineno, call.func.attr
                    elif isinstance(call, ast.Call) and isinstance(call.func, ast.Name):
                        yield call.lineno, call.func.id


def test_views_and_routers_never_open_a_transaction():
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
        for path in edge_modules()
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Attribute) and node.attr == "atomic"
    ]
    assert offenders == []


def test_a_refusal_a_view_catches_undoes_its_service_s_writes():
    """ATOMIC_REQUESTS rolls back only what raises out of the view; a refusal the view
    turns into a form error would commit what the service wrote before it refused."""
    atomic = atomic_functions()
    defined = {
        node.name
        for path in PACKAGE.rglob("*.py")
        if path.name not in EDGE_FILES
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef)
    }
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line} calls {name}"
        for path in edge_modules()
        for line, name in refused_calls(path)
        if name in defined
        and name not in atomic
        and name not in NOT_ATOMIC
        and not name[0].isupper()
    ]
    assert offenders == []


# ---- one order of the apps: each may use the ones before it, never one after --------

# Lowest first. An app's modules (models, services and the rest) import only apps
# before it; the pages (EDGE_FILES, templatetags) and the API and CLI translate, and may
# call any app's services, but never another app's views or urls.
ORDER = [
    "accounts",
    "search",
    "jobs",
    "trash",
    "people",
    "conversations",
    "questions",
    "today",
    "explorations",
    "outreach",
    "insights",
    "assistant",
    "transfer",
    "demo",
]
EDGE_APPS = ["api", "cli"]  # nothing imports them but the project's urls.py
# Below every app and importing none: the rules, shared template tags, and the
# project's modules (errors, versioning, config, workspace, settings...).
FOUNDATION = ["domain", "web", "testing"]


def app_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "coffeechat" or len(parts) < 2:
        return None
    return parts[1] if (PACKAGE / parts[1]).is_dir() else "(project)"


def is_edge(path: Path) -> bool:
    return path.name in EDGE_FILES or "templatetags" in path.parts


PAGES = ("views.py", "team_views.py", "urls.py")


def module_is_page(module: str) -> bool:
    """Views, urls and template tags: no other app's module imports them (forms may be
    shared: the CLI validates with the web's forms)."""
    return f"{module.split('.')[-1]}.py" in PAGES or ".templatetags" in module


def source_files():
    return (path for path in PACKAGE.rglob("*.py") if "migrations" not in path.parts)


def app_imports():
    """(path, line, importing app, imported app, imported module) across apps."""
    for path in source_files():
        app = app_of(module_name(path))
        for module, line in imported_modules(path):
            target = app_of(module or "")
            if target and target != app:
                yield path, line, app, target, module


def test_every_app_has_its_place_in_the_order():
    apps = {
        path.name for path in PACKAGE.iterdir() if path.is_dir() and (path / "__init__.py").exists()
    }
    assert apps == set(ORDER) | set(EDGE_APPS) | set(FOUNDATION)


def order_offence(path, app, target, module) -> str | None:
    rank = {name: i for i, name in enumerate(ORDER)}
    if module_name(path) == "coffeechat.urls":  # the root of the addresses: all pages
        return None
    if target == "api" and app != "cli":
        return "the API is an edge: only the CLI (its tokens) and urls.py import it"
    if target == "cli":
        return "the CLI is an edge: nothing imports it"
    if app in FOUNDATION or app == "(project)":
        below = target in FOUNDATION or target == "(project)"
        return None if below else "foundation imports an app"
    if target in FOUNDATION or target == "(project)":
        return None
    if module_is_page(module):
        return "another app's pages"
    if app in EDGE_APPS or is_edge(path):
        return None
    if rank[target] > rank[app]:
        return f"{target} comes after {app} in ORDER"
    return None


def test_apps_import_only_apps_before_them():
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}: {why}"
        for path, line, app, target, module in app_imports()
        if (why := order_offence(path, app, target, module))
    ]
    assert offenders == []


def test_no_app_cycle():
    """Shown on its own: the graph of the apps' own modules (pages aside) has no cycle."""
    graph = {}
    for path, _, app, target, _module in app_imports():
        if not is_edge(path) and app in ORDER and target in ORDER:
            graph.setdefault(app, set()).add(target)
    cycles = []

    def visit(app, trail):
        for target in sorted(graph.get(app, ())):
            if target in trail:
                cycles.append(" -> ".join(trail[trail.index(target) :] + [target]))
            else:
                visit(target, trail + [target])

    for app in ORDER:
        visit(app, [app])
    assert cycles == []


def test_the_order_check_catches_an_import_upwards():
    path = PACKAGE / "people" / "services.py"
    assert order_offence(path, "people", "conversations", "coffeechat.conversations.services")
    assert not order_offence(path, "people", "search", "coffeechat.search.services")
    views = PACKAGE / "people" / "views.py"
    assert not order_offence(views, "people", "conversations", "coffeechat.conversations.services")
    assert order_offence(views, "people", "conversations", "coffeechat.conversations.views")


# ---- imports at the top: a function-local import hides a cycle ---------------------

LOCAL_IMPORTS_ALLOWED = {
    # The CLI imports inside its commands on purpose: `coffeechat today` starts without
    # Django or the apps it does not need (ARCHITECTURE.md, "coffeechat today without Django").
    "cli": "start-up speed of every command",
    # Django imports apps.py before any models exist: ready() and the signal receivers
    # it connects import them late, as Django documents.
    "apps.py": "AppConfig.ready()",
    # The job-request model's weights are read on first use, not on every import.
    "domain/checker.py": "weights loaded on first use",
}


def local_project_imports(path: Path):
    tree = ast.parse(path.read_text())
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(function):
                if (
                    isinstance(node, ast.ImportFrom)
                    and (node.level or (node.module or "").startswith("coffeechat"))
                    or isinstance(node, ast.Import)
                    and any(alias.name.startswith("coffeechat") for alias in node.names)
                ):
                    yield node.lineno


def test_project_modules_are_imported_at_the_top():
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in source_files()
        if not any(
            key in path.relative_to(PACKAGE).as_posix().split("/")
            or path.relative_to(PACKAGE).as_posix() == key
            for key in LOCAL_IMPORTS_ALLOWED
        )
        for line in sorted(set(local_project_imports(path)))
    ]
    assert offenders == []


# ---- pages and the API translate: no model manager, no queryset built there --------

QUERYSET_METHODS = {
    "filter",
    "exclude",
    "order_by",
    "select_related",
    "prefetch_related",
    "annotate",
    "values",
    "values_list",
    "only",
    "defer",
    "in_bulk",
    "aggregate",
    "exists",
}


def page_modules():
    yield from (
        path for path in PACKAGE.rglob("*.py") if path.name in {"views.py", "team_views.py"}
    )
    yield from (PACKAGE / "api" / "routers").glob("*.py")


def test_views_and_routers_never_read_a_model_manager():
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
        for path in edge_modules()
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Attribute)
        and node.attr in {"objects", "_default_manager", "_base_manager"}
    ]
    assert offenders == []


def test_views_and_routers_build_no_queryset():
    """The owner-scoped querysets a page shows come whole from a service."""
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno} .{node.func.attr}()"
        for path in page_modules()
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in QUERYSET_METHODS
        and not ast.unparse(node.func.value).endswith("form")
    ]  # form.values()
    assert offenders == []


def test_views_reverse_addresses_by_name():
    """`redirect("explorations:detail", pk=pk)` or reverse(): an address written by hand
    breaks unseen when urls.py changes."""

    def literal_start(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if (
            isinstance(node, ast.JoinedStr)
            and node.values
            and isinstance(node.values[0], ast.Constant)
        ):
            return node.values[0].value
        return None

    offenders = []
    for path in page_modules():
        if "routers" in path.parts:  # a router's own paths are its declaration
            continue
        tree = ast.parse(path.read_text())
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.Module, ast.ClassDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        offenders += [
            f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
            for node in ast.walk(tree)
            if id(node) not in docstrings
            and (start := literal_start(node))
            and start.startswith("/")
            and not isinstance(node, ast.JoinedStr)
            or isinstance(node, ast.JoinedStr)
            and (literal_start(node) or "").startswith("/")
        ]
    assert offenders == []


def test_every_public_service_says_what_it_returns():
    """The services are the project's API for views, the JSON API and the CLI: each public
    function names its return type (ruff's ANN201, which ruff cannot select per file)."""
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name}"
        for path in PACKAGE.rglob("services.py")
        for node in ast.parse(path.read_text()).body
        if isinstance(node, ast.FunctionDef)
        and not node.name.startswith("_")
        and node.returns is None
    ]
    assert offenders == []


# ---- the files of an app (ARCHITECTURE.md, "The files of an app") ------------------

COMMON = {
    "__init__.py",
    "apps.py",
    "models.py",
    "services.py",
    "forms.py",
    "views.py",
    "urls.py",
    "templates",
    "migrations",
    "static",
    "templatetags",
    "__pycache__",
}
CROSS_CUTTING_TESTS = {"web", "browser", "security", "reliability", "team", "cli", "domain"}
ARCHITECTURE = PACKAGE.parent / "docs" / "ARCHITECTURE.md"


def apps_with_files():
    return [PACKAGE / name for name in ORDER + ["api"]]


def test_every_app_has_the_common_files():
    offenders = []
    for app in apps_with_files():
        names = {path.name for path in app.iterdir()}
        has = names.__contains__
        if not has("services.py") or not has("apps.py") and app.name != "demo":
            offenders.append(f"{app.name}: apps.py and services.py")
        if has("models.py") != any((app / "migrations").glob("0001_*.py")):
            offenders.append(f"{app.name}: models.py and its migrations go together")
        if has("views.py") != has("urls.py"):
            offenders.append(f"{app.name}: views.py and urls.py go together")
        if has("views.py") and not (app / "templates" / app.name).is_dir():
            offenders.append(f"{app.name}: pages have templates/{app.name}/")
        if has("forms.py") and not has("views.py"):
            offenders.append(f"{app.name}: forms.py only beside views.py")
    assert offenders == []


def listed_modules() -> set[str]:
    text = ARCHITECTURE.read_text()
    table = text.split("<!-- modules beyond the common files")[1].split("<!-- end of modules")[0]
    return {line.split("`")[1].rstrip("/") for line in table.splitlines() if line.startswith("| `")}


def test_every_other_module_is_listed_in_architecture_md():
    found = {
        f"{app.name}/{path.name}"
        for app in apps_with_files() + [PACKAGE / "web"]
        for path in app.iterdir()
        if path.name not in COMMON
    }
    assert found == listed_modules()


def test_every_test_folder_is_an_app_s_or_cuts_across():
    folders = {
        path.name
        for path in (PACKAGE.parent / "tests").iterdir()
        if path.is_dir() and (path / "__init__.py").exists()
    }
    assert folders - set(ORDER) - set(EDGE_APPS) - CROSS_CUTTING_TESTS == set()
