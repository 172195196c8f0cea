"""The portal-wide access matrix: how every app's `MATRIX` is read, collected and checked.

Each app's `tests/<app>/test_access.py` holds a module-level `MATRIX`:

    MATRIX = {
        "<namespace>:<url name>": (method, object key or None, expected),
    }

`expected` is either a callable `expected(role) -> answer` or a dict `{role: answer}` covering
every fixture in `tests.conftest.ROLE_FIXTURES`. An answer is 200, 302, 400, 403, 404 or
`"login"` (a redirect to the login page). The app's own parametrised test checks every cell
against its own objects; `tests/trust/test_access_matrix.py` collects every MATRIX and fails when
a URL of the portal has no row, or a row lacks a role.
"""

import importlib
import pkgutil
from types import ModuleType

from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

import tests

LOGIN = "login"
ANSWERS = frozenset({200, 204, 302, 400, 403, 404, 405, LOGIN})
METHODS = frozenset({"get", "post"})

# URL groups that are not the portal's own views: checked as a group in test_access_matrix.py.
GROUP_PREFIXES = ("admin:",)
ALLAUTH_MODULES = ("allauth.",)


def expected_answer(row: tuple, role: str):
    expected = row[2]
    return expected(role) if callable(expected) else expected[role]


def assert_answer(response, want, *, where: str = "") -> None:
    if want == LOGIN:
        assert response.status_code == 302, (where, response.status_code)
        assert response.url.startswith(reverse("account_login")), (where, response.url)
    else:
        assert response.status_code == want, (where, response.status_code, want)


def access_modules() -> list[ModuleType]:
    """Every `tests/<package>/test_access*.py` module that defines a MATRIX."""
    found = []
    for package in pkgutil.iter_modules(tests.__path__):
        if not package.ispkg:
            continue
        parent = importlib.import_module(f"tests.{package.name}")
        for module in pkgutil.iter_modules(parent.__path__):
            if module.name.startswith("test_access"):
                imported = importlib.import_module(f"tests.{package.name}.{module.name}")
                if isinstance(getattr(imported, "MATRIX", None), dict):
                    found.append(imported)
    return found


def collected_matrix() -> dict[str, tuple[str, tuple]]:
    """URL name -> (module name, row), over every app. A name defined twice is an error."""
    collected: dict[str, tuple[str, tuple]] = {}
    for module in access_modules():
        for name, row in module.MATRIX.items():
            if name in collected and collected[name][0] != module.__name__:
                raise AssertionError(f"{name} is in {collected[name][0]} and {module.__name__}")
            collected[name] = (module.__name__, row)
    return collected


def portal_url_names() -> dict[str, str]:
    """Every named URL pattern of the portal, fully qualified -> the module of its view."""
    names: dict[str, str] = {}

    def walk(patterns, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                full = f"{namespace}:{inner}" if namespace and inner else inner or namespace
                walk(pattern.url_patterns, full)
            elif isinstance(pattern, URLPattern) and pattern.name:
                qualified = f"{namespace}:{pattern.name}" if namespace else pattern.name
                callback = pattern.callback
                module = getattr(callback, "view_class", callback).__module__
                names.setdefault(qualified, module)

    walk(get_resolver().url_patterns, None)
    return names


def dummy_url(name: str) -> str:
    """A URL for `name` with made-up arguments (1 for numbers, "x" for text)."""
    from django.urls import get_resolver

    def params(patterns, path: list[str]):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                found = params(pattern.url_patterns, path)
                if found is not None:
                    return _names(pattern) | found
            elif isinstance(pattern, URLPattern) and pattern.name == path[-1]:
                return _names(pattern)
        return None

    resolver, parts = get_resolver(), name.split(":")
    patterns = resolver.url_patterns
    for namespace in parts[:-1]:
        resolver = resolver.namespace_dict[namespace][1]
        patterns = resolver.url_patterns
    names = params(patterns, parts) or set()
    kwargs = {key: "accounts" if key == "app_label" else "1" for key in names}
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:  # a <uuid:...> parameter
        return reverse(name, kwargs=dict.fromkeys(names, "00000000-0000-4000-8000-000000000001"))


def _names(pattern) -> set[str]:
    inner = pattern.pattern
    converters = getattr(inner, "converters", None)
    if converters is not None and converters:
        return set(converters)
    regex = getattr(inner, "regex", None)
    return set(regex.groupindex) if regex is not None else set()


def is_grouped(name: str, module: str) -> bool:
    """Django's admin and allauth's own pages: covered by group tests, not a row each."""
    return name.startswith(GROUP_PREFIXES) or module.startswith(ALLAUTH_MODULES)
