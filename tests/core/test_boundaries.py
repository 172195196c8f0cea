"""The import graph of the portal, as docs/architecture.md draws it: the shared core (`huis`) never
imports a function app; a function app never imports another function app's models (it calls that
app's services and selectors); and no two apps import each other (no cycle)."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
FUNCTION_APPS = [
    "ontmoeting",
    "ervaringsdeskundigen",
    "herstelacademie",
    "beeldvorming",
    "kwartiermaken",
    "netwerk",
    "trajecten",
    "vrijwilligers",
    "uitdatabank",
]


def _imports(app: str) -> list[tuple[str, str]]:
    """(file, imported module) for every absolute import in the app's code (not migrations)."""
    found = []
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((str(path.relative_to(ROOT)), node.module))
            elif isinstance(node, ast.Import):
                found += [(str(path.relative_to(ROOT)), alias.name) for alias in node.names]
    return found


def _graph() -> dict[str, set[str]]:
    apps = [*FUNCTION_APPS, "huis"]
    return {
        app: {module.split(".")[0] for _, module in _imports(app)} & set(apps) - {app}
        for app in apps
    }


def test_the_core_imports_no_function_app():
    assert _graph()["huis"] == set()


def test_no_function_app_imports_another_apps_models():
    crossing = [
        (path, module)
        for app in FUNCTION_APPS
        for path, module in _imports(app)
        if module.split(".")[0] in set(FUNCTION_APPS) - {app} and ".models" in module
    ]
    assert crossing == []


def test_no_two_apps_import_each_other():
    graph = _graph()
    assert [(a, b) for a in graph for b in graph[a] if a in graph.get(b, set())] == []
    # What crosses today, written down so a new edge is a decision, not an accident.
    assert {app: deps - {"huis"} for app, deps in graph.items() if deps - {"huis"}} == {
        "trajecten": {"netwerk"},
        # A shift staffs a coming activity or course session, read through their selectors.
        "vrijwilligers": {"ontmoeting", "herstelacademie"},
        # A home visit starts a referral in one step (netwerk's services and selectors).
        "kwartiermaken": {"netwerk"},
        # Publishing to UiTdatabank reads the public agenda through ontmoeting's and
        # herstelacademie's selectors; it hears of their changes through model signals by label.
        "uitdatabank": {"ontmoeting", "herstelacademie"},
    }


def test_uitdatabank_reads_other_apps_only_through_their_selectors():
    crossing = {
        module
        for _path, module in _imports("uitdatabank")
        if module.split(".")[0] in {"ontmoeting", "herstelacademie"}
    }
    assert crossing <= {"ontmoeting", "herstelacademie"}
    imported_names = set()
    for path in (ROOT / "uitdatabank").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module in {
                "ontmoeting",
                "herstelacademie",
            }:
                imported_names |= {alias.name for alias in node.names}
    assert imported_names <= {"selectors"}
