"""Apps depend one way: accounts <- workshops <- metrics <- library <- measures <- bets <- checkups
<- reviews <- changes.

A later app may import an earlier one, never the reverse; an earlier app tells later ones
what happened through signals and lets them add live regions (docs/architecture.md).
"""

import ast
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
LAYERS = ["accounts", "workshops", "metrics", "library", "measures", "bets", "checkups", "reviews", "changes"]


def imported_apps(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.update(name.split(".")[0] for name in names)
    return found & set(LAYERS)


@pytest.mark.parametrize("app", LAYERS)
def test_an_app_imports_only_the_apps_before_it(app):
    later = set(LAYERS[LAYERS.index(app) + 1 :])
    wrong = {
        str(path.relative_to(BASE_DIR)): sorted(imported_apps(path) & later)
        for path in (BASE_DIR / app).rglob("*.py")
        if imported_apps(path) & later
    }
    assert wrong == {}, f"{app} imports later apps: {wrong}"


def test_the_check_sees_a_backwards_import(tmp_path):
    module = tmp_path / "backwards.py"
    module.write_text("from library.models import Bet\nimport metrics.live\n")
    assert imported_apps(module) == {"library", "metrics"}
