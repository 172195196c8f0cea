"""How trajecten and netwerk talk: through each other's services and selectors, never by writing
the other's models, and netwerk's reads never need its writes (no import cycle)."""

import ast
import inspect
import pkgutil
from importlib import import_module

import netwerk.selectors
import trajecten.services


def _imported_modules(module) -> set[str]:
    tree = ast.parse(inspect.getsource(module))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add("." * node.level + node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_netwerk_selectors_do_not_import_netwerk_services():
    modules = [netwerk.selectors] + [
        import_module(f"netwerk.selectors.{info.name}")
        for info in pkgutil.iter_modules(netwerk.selectors.__path__)
    ]
    assert len(modules) > 1  # a package, one module per entity
    for module in modules:
        imported = _imported_modules(module)
        assert not {name for name in imported if "services" in name}, (module, imported)


def test_trajecten_services_do_not_touch_netwerk_models():
    for info in pkgutil.iter_modules(trajecten.services.__path__):
        module = import_module(f"trajecten.services.{info.name}")
        imported = _imported_modules(module)
        assert not {name for name in imported if name.startswith("netwerk.models")}, info.name
