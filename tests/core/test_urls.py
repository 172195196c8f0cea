"""The root URL list puts the includes without a prefix last (a prefix that does not match costs
one string test; an include without one tries each of its patterns). That order may change what a
request costs, never where it goes: no path of the portal matches patterns of two entries of the
root list (inside one app's list, the order is the app's own, as `gastvrije-plekken/kaart/`
before `gastvrije-plekken/<slug>/`)."""

import re
import uuid

from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

SAMPLES = {"int": 7, "slug": "een-woord", "str": "abc", "path": "a/b", "uuid": uuid.UUID(int=7)}


def _leaves(patterns, prefix="", namespace="", converters=None):
    """(full regex, view name, converters) of every named pattern, through every include."""
    for pattern in patterns:
        regex = prefix + pattern.pattern.regex.pattern.lstrip("^")
        found = {**(converters or {}), **getattr(pattern.pattern, "converters", {})}
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _leaves(pattern.url_patterns, regex, inner, found)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield re.compile("^" + regex), f"{namespace}{pattern.name}", found


def test_every_named_path_is_matched_by_one_entry_of_the_root_url_list_only():
    leaves = [
        (root, *leaf)
        for root, entry in enumerate(get_resolver().url_patterns)
        for leaf in _leaves([entry])
        if not leaf[1].startswith("admin:")
    ]
    checked = 0
    for _root, _regex, name, converters in leaves:
        kwargs = {}
        for key, converter in converters.items():
            kind = type(converter).__name__.removesuffix("Converter").lower()
            kwargs[key] = SAMPLES.get(kind, "abc")
        try:
            url = reverse(name, kwargs=kwargs)
        except Exception:  # a regex pattern with positional groups: not one of ours
            continue
        path = url.lstrip("/")
        roots = {root for root, regex, _name, _c in leaves if regex.search(path)}
        assert len(roots) == 1, (url, roots)
        assert resolve(url).view_name == name, url
        checked += 1
    # Every function's pages are in it (a broken walk would check nothing).
    assert checked > 300, checked
