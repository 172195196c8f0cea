"""Values kept in the cache under the versions of scopes: one way for the whole portal.

A *scope* names a body of data ("ervaringsdeskundigen-pool", "authz", "kwartiermaken-figures").
Its version is a number in the cache. A *cached value* (`Cached`) is declared once with the
scopes it is made of; it is stored with the versions of those scopes it was computed under,
read before the data, and served only while every version is unchanged. Changing the data bumps
the scopes (`bump`): now, and again after the transaction commits, because a visitor who read the
versions between the two still saw the old rows. So a change shows on the very next view, never
"a few minutes later"; the timeout only bounds what a change made past the application leaves.

What bumps a scope is declared next to the values, with `watch()` (called from the app's
`ready()`): a save or delete of a model, a change of a many-to-many relation, optionally only
when a condition holds. Writes that send no signals (bulk inserts, queryset updates, raw SQL)
call `bump()` themselves, and their tables are declared with `watch(..., bumped_by=...)` so the
reader knows who does it. A guard test (tests/core/test_versioned_cache.py) records the tables
every cached value reads while it is computed with the real code (`recording()`), and fails when
one of them is not watched by one of the value's scopes; whole pages cached for anonymous
visitors (huis.core.pagecache) are recorded and checked the same way (`computed_under`).

Writes never decide from a cached value: a service that must check something reads it from the
database (the cached value may be a moment old while the transaction runs).

The shape of what is stored changes with the code (a new field in a stored dataclass, a model's
new column): each value's key holds a hash of the source of the modules named in `code`, so a
new release reads none of the values an older one stored, without a number to raise by hand.
"""

import contextlib
import hashlib
import re
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.cache import cache as shared_cache
from django.core.signals import request_finished, request_started
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

# --- Versions of scopes ------------------------------------------------------------------------


def _version_key(scope: str) -> str:
    return f"pagecache:version:{scope}"  # the page cache's keys of old: versions carry over


def bump(*scopes: str) -> None:
    """Values made of these scopes must be computed anew, now and again once the current
    transaction commits (a value computed in between still saw the old data)."""
    if not scopes:
        return

    def _bump() -> None:
        # One round trip for all of them; a version not there (never set, or evicted) starts
        # from a value never used before. What this request read ahead is read again.
        _forget_read_ahead()
        shared_cache.incr_versions([_version_key(s) for s in scopes], start=time.time_ns())

    if connection.in_atomic_block:
        _bump()
    # Outside a transaction this runs at once: once is enough then.
    transaction.on_commit(_bump)


def _versions_from(found: dict[str, Any], scopes: tuple[str, ...]) -> list[int]:
    result = []
    for scope in scopes:
        key = _version_key(scope)
        if key not in found:
            # A missing version (first use, or evicted) becomes a value never used before, so a
            # value stored under an older counter can never come back.
            shared_cache.add(key, time.time_ns(), timeout=None)
            found[key] = shared_cache.get(key)
        result.append(int(found[key]))
    return result


def versions(*scopes: str) -> list[int]:
    """The current version of each scope; read them before the data a cached value is made of."""
    return _versions_from(shared_cache.get_many([_version_key(s) for s in scopes]), scopes)


# --- Reading ahead, within one request ---------------------------------------------------------
#
# Each cache round trip costs a request about 0.1 ms of CPU (issue #30), and a page reads several
# kept values one after the other: the person, the house's facts for the footer, a page's own
# values. A request may read them ahead in one round trip (`read_ahead`); the reads that follow
# take what was read, each entry once. What was read ahead lives for this request only (from
# Django's request_started to request_finished) and is forgotten at every bump in this process, so
# a request that writes reads its own change. Outside a request (tasks, commands) nothing is read
# ahead.

_ABSENT = object()
_read_ahead: ContextVar[dict[str, Any] | None] = ContextVar("versioned_cache_read_ahead")
# What nearly every page reads, read along with the person (`read_ahead(..., with_pages=True)`):
# {name: a function giving the cache keys to read now}.
_WITH_PAGES: dict[str, Callable[[], list[str]]] = {}


def _start_request(**kwargs: Any) -> None:
    _read_ahead.set({})


def _end_request(**kwargs: Any) -> None:
    _read_ahead.set(None)


def _forget_read_ahead() -> None:
    if _read_ahead.get(None):
        _read_ahead.set({})


request_started.connect(_start_request, dispatch_uid="versioned-cache-read-ahead-start")
request_finished.connect(_end_request, dispatch_uid="versioned-cache-read-ahead-end")


def _keys(scopes: tuple[str, ...], entry: str) -> list[str]:
    return [*(_version_key(s) for s in scopes), entry]


def read_with_pages(value: "Cached", parts: Callable[[], tuple[Any, ...]]) -> None:
    """Declare `value` (with its parts, computed at reading time) as shown on nearly every page:
    it is read ahead with the person of every logged-in request (the house's facts in the
    footer)."""
    _WITH_PAGES[value.name] = lambda: _keys(value.scopes, value._entry_key(parts()))


def read_key_with_pages(key: str, scopes: tuple[str, ...]) -> None:
    """The same for an entry kept under `key` and read with `read_with_versions(key, scopes)`:
    small, and read by many pages (when the next offer of a place lapses)."""
    _WITH_PAGES[key] = lambda: _keys(scopes, key)


def read_ahead(*wanted: tuple["Cached", tuple[Any, ...]], with_pages: bool = False) -> None:
    """Read the versions and entries of these `(value, parts)` in one round trip, for the reads
    of this request that follow; `with_pages`: the values shown on nearly every page too. Does
    nothing outside a request, and while the guard records (everything is computed then)."""
    memo = _read_ahead.get(None)
    if memo is None or _recording is not None:
        return
    wanted_keys = [
        key for value, parts in wanted for key in _keys(value.scopes, value._entry_key(parts))
    ]
    if with_pages:
        wanted_keys += [key for keys in _WITH_PAGES.values() for key in keys()]
    keys = dict.fromkeys(key for key in wanted_keys if key not in memo)
    if not keys:
        return
    found = shared_cache.get_many(list(keys))
    memo.update({key: found.get(key, _ABSENT) for key in keys})


def _read(keys: list[str], entry: str) -> dict[str, Any]:
    """`keys` from what this request read ahead, or from the cache (one round trip for what was
    not read ahead). The entry is taken once: a value computed and kept after this read is read
    from the cache the next time."""
    memo = _read_ahead.get(None)
    if not memo:
        return shared_cache.get_many(keys)
    missing = [key for key in keys if key not in memo]
    found = shared_cache.get_many(missing) if missing else {}
    result = {key: memo[key] for key in keys if key in memo and memo[key] is not _ABSENT}
    result.update(found)
    memo.pop(entry, None)
    return result


def read_with_versions(key: str, scopes: tuple[str, ...]) -> tuple[list[int], tuple | None]:
    """In one round trip: the current versions of `scopes`, and the entry `(versions, value)`
    stored under `key` when it was stored under exactly those versions (else None)."""
    found = _read([*(_version_key(s) for s in scopes), key], key)
    current = _versions_from(found, scopes)
    entry = found.get(key)
    if _recording is None and entry is not None and entry[0] == current:
        return current, entry
    return current, None


# --- The code's shape --------------------------------------------------------------------------


_SOURCE = {".py", ".html", ".txt", ".po"}


@cache
def code_version(*modules: str) -> str:
    """A hash of the source of these modules (a package: its Python files, templates and
    catalogs): it changes with every release that changes them, and is the same in every process
    running the same code."""
    digest = hashlib.sha256()
    for name in sorted({*modules, __name__}):
        module = import_module(name)
        origin = Path(module.__file__ or "")
        files = [origin]
        if origin.name == "__init__.py":
            files = sorted(p for p in origin.parent.rglob("*") if p.suffix in _SOURCE)
        for path in files:
            digest.update(str(path.relative_to(origin.parent)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# --- Cached values -----------------------------------------------------------------------------

VALUES: dict[str, "Cached"] = {}
_recording: dict[str, set[str]] | None = None
# What was recorded without a `Cached` declaration (a cached page): name -> its scopes.
RECORDED_SCOPES: dict[str, tuple[str, ...]] = {}


@dataclass(frozen=True)
class Cached:
    """A value kept under the versions of `scopes`. `code`: the modules that compute it and
    define what is stored (their source is part of every key)."""

    name: str
    scopes: tuple[str, ...]
    timeout: int
    code: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if VALUES.setdefault(self.name, self) is not self:
            raise ValueError(f"A cached value named {self.name!r} is declared twice.")

    def _base(self, parts: tuple[Any, ...]) -> str:
        words = [self.name, code_version(*self.code), *map(str, parts)]
        return hashlib.sha256("\x1f".join(words).encode()).hexdigest()

    def key(self, *parts: Any) -> str:
        """A key naming the parts and the scopes' current versions: for what is derived from
        the value and kept elsewhere (rows written from a ranking, kept in this process)."""
        stamp = ":".join(map(str, versions(*self.scopes)))
        return f"cached:{self.name}:{self._base(parts)}:{stamp}"

    def get_or_set(self, *parts: Any, compute: Callable[[], Any], restamp: bool = False) -> Any:
        """The value for `parts`: from the cache when computed under the current versions, else
        `compute()` (and kept). One cache round trip when it is there; `restamp`: and its stamp
        written again (a second round trip), for a caller that makes values on purpose and must
        leave them visible to `all_ready` even if the cache dropped a stamp alone."""
        key = self._entry_key(parts)
        current, entry = read_with_versions(key, self.scopes)
        if entry is not None:
            if restamp:
                shared_cache.set(self._stamp_key(parts), current, self.timeout)
            return entry[1]
        value = self._compute(compute)
        # With a stamp of the versions alone: `all_ready` learns whether values are there
        # without reading them (a report's sections are hundreds of KB each at full scale).
        shared_cache.set_many(
            {key: (current, value), self._stamp_key(parts): current}, self.timeout
        )
        return value

    def _entry_key(self, parts: tuple[Any, ...]) -> str:
        return f"cached:{self.name}:{self._base(parts)}"

    def _stamp_key(self, parts: tuple[Any, ...]) -> str:
        return f"cached-stamp:{self.name}:{self._base(parts)}"

    def get(self, *parts: Any) -> Any:
        """The value for `parts` when it was computed under the current versions, else None
        (nothing is computed): for a page that opens a value at once or asks for it to be made."""
        if _recording is not None:
            return None
        entry = read_with_versions(self._entry_key(parts), self.scopes)[1]
        return None if entry is None else entry[1]

    def _compute(self, compute: Callable[[], Any]) -> Any:
        return _record(self.name, compute)


def all_ready(values: list[tuple[Cached, tuple[Any, ...]]]) -> bool:
    """Whether every `(cached value, parts)` was kept under its scopes' current versions, in one
    round trip that reads only their stamps, not the values: a page that opens many large values
    at once, or else says they must be made first (the yearly report), learns which it is
    without fetching megabytes (issue #30). True does not promise that a value was not evicted
    since: read them with `get()`, which says so."""
    if _recording is not None:
        return False
    scopes = tuple(dict.fromkeys(scope for value, _parts in values for scope in value.scopes))
    stamps = [value._stamp_key(parts) for value, parts in values]
    found = shared_cache.get_many([*(_version_key(s) for s in scopes), *stamps])
    current = dict(zip(scopes, _versions_from(found, scopes), strict=True))
    return all(
        found.get(stamp) == [current[scope] for scope in value.scopes]
        for stamp, (value, _parts) in zip(stamps, values, strict=True)
    )


def _record(name: str, compute: Callable[[], Any]) -> Any:
    if _recording is None:
        return compute()
    tables = _recording.setdefault(name, set())

    def record(execute, sql, params, many, context):
        tables.update(_TABLE.findall(sql))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        return compute()


def is_recording() -> bool:
    """True while `recording()` is open: what is cached must be computed, not read."""
    return _recording is not None


def computed_under(name: str, scopes: tuple[str, ...], compute: Callable[[], Any]) -> Any:
    """`compute()` for something cached under `scopes` without a `Cached` declaration (a whole
    page: huis.core.pagecache); while `recording()` is open its tables are recorded under `name`,
    so the guard checks them like a value's."""
    if _recording is not None:
        RECORDED_SCOPES[name] = tuple(scopes)
    return _record(name, compute)


_TABLE = re.compile(r'(?:FROM|JOIN)\s+"([^"]+)"', re.IGNORECASE)


@contextlib.contextmanager
def recording() -> Iterator[dict[str, set[str]]]:
    """While open, every cached value is computed (never read from the cache) and the tables
    its computation reads are recorded: {value name: {table, ...}}. For the guard test."""
    global _recording
    previous, _recording = _recording, {}
    try:
        yield _recording
    finally:
        _recording = previous


# --- What bumps a scope ------------------------------------------------------------------------


@dataclass
class _Watch:
    scopes: set[str] = field(default_factory=set)
    bumped_by: set[str] = field(default_factory=set)


WATCHED: dict[str, _Watch] = {}  # table -> who keeps its scopes' versions


def watch(
    *senders: Any,
    scopes: tuple[str, ...] | list[str],
    when: Callable[..., bool] | None = None,
    bumped_by: str = "",
) -> None:
    """Bump `scopes` on every save and delete of these models, and on every change of these
    many-to-many relations (`Expert.themes`). `when(instance=..., update_fields=...)` limits it
    to the changes that matter. `bumped_by` instead names the code that writes these tables
    without signals and bumps by hand (no signal is connected then).

    A model watched for several scopes (a sign-up: the places, and each function's part of the
    yearly report) has one receiver that bumps all of them at once: one round trip per save."""
    scopes = tuple(scopes)
    for sender in senders:
        relation = getattr(sender, "through", None)
        model = relation if relation is not None else sender
        if not bumped_by:
            watchers = _WATCHERS.get(model)
            if watchers is None:
                watchers = _WATCHERS[model] = []
                uid = f"versioned-cache:{model._meta.label_lower}"
                if relation is not None:
                    m2m_changed.connect(
                        _relation_changed, sender=model, weak=False, dispatch_uid=uid
                    )
                else:
                    post_save.connect(_changed, sender=model, weak=False, dispatch_uid=uid)
                    post_delete.connect(_changed, sender=model, weak=False, dispatch_uid=uid)
            if (scopes, when) not in watchers:
                watchers.append((scopes, when))
        declared = WATCHED.setdefault(model._meta.db_table, _Watch())
        declared.scopes.update(scopes)
        if bumped_by:
            declared.bumped_by.add(bumped_by)


# model -> [(scopes, when)]: what a save, delete or relation change of it bumps.
_WATCHERS: dict[Any, list[tuple[tuple[str, ...], Callable[..., bool] | None]]] = {}


def _changed(sender, instance=None, update_fields=None, **kwargs) -> None:
    scopes = {
        scope: None
        for scopes, when in _WATCHERS.get(sender, ())
        if when is None or when(instance=instance, update_fields=update_fields)
        for scope in scopes
    }
    if scopes:
        bump(*scopes)


def _relation_changed(sender, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        scopes = {scope: None for scopes, _when in _WATCHERS.get(sender, ()) for scope in scopes}
        if scopes:
            bump(*scopes)


def unless_only(*fields: str) -> Callable[..., bool]:
    """A `when` for `watch()`: every change except a save of only these fields (a login's
    `last_login`)."""

    def when(*, instance: Any, update_fields: Any) -> bool:
        return update_fields is None or not set(update_fields) <= set(fields)

    return when


def unwatched(recorded: dict[str, set[str]]) -> dict[str, list[str]]:
    """For each recorded value, the models it read that none of its scopes watches."""
    models_by_table = {m._meta.db_table: m for m in apps.get_models(include_auto_created=True)}
    missing = {}
    for name, tables in recorded.items():
        scopes = set(VALUES[name].scopes if name in VALUES else RECORDED_SCOPES[name])
        found = sorted(
            models_by_table[table]._meta.label
            for table in tables
            if table in models_by_table and not scopes & WATCHED.get(table, _Watch()).scopes
        )
        if found:
            missing[name] = found
    return missing
