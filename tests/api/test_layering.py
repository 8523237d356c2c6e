"""The API translates; services decide (docs/ARCHITECTURE.md). Endpoints never reach
for models or the ORM themselves: every record comes through a service's loader."""

from pathlib import Path

from tests.test_architecture import imported_modules

ROUTERS = Path(__file__).resolve().parents[2] / "coffeechat" / "api" / "routers"


def test_endpoints_import_services_not_models():
    offenders = [
        f"{path.name}:{line} imports {module}"
        for path in ROUTERS.glob("*.py")
        for module, line in imported_modules(path)
        if module and (module.endswith(".models") or module.startswith("django.db"))
    ]
    assert offenders == []


def test_endpoints_act_as_the_token_never_as_request_user():
    offenders = [path.name for path in ROUTERS.glob("*.py") if "request.user" in path.read_text()]
    assert offenders == []
