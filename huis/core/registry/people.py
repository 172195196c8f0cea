"""A person's open work and coming appointments held by other functions, and the people an app
puts on another app's object."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.utils.functional import Promise


@dataclass(frozen=True)
class OpenWork:
    """One piece of open work a person holds (a referral, a request they handle)."""

    label: str
    url: str


@dataclass(frozen=True)
class OpenWorkProvider:
    """An app lists the open work a person holds, for handover before they are deactivated.
    `items(user)` returns OpenWork rows (few queries: it is asked once per person page)."""

    name: str
    label: str | Promise
    items: Callable[[Any], list[OpenWork]]


_open_work: dict[str, OpenWorkProvider] = {}


def register_open_work(provider: OpenWorkProvider) -> None:
    _open_work[provider.name] = provider


def open_work_of(user: Any) -> list[tuple[Any, list[OpenWork]]]:
    """(label, items) per app that has open work for `user`."""
    result = []
    for provider in sorted(_open_work.values(), key=lambda p: p.name):
        items = provider.items(user)
        if items:
            result.append((provider.label, items))
    return result


@dataclass(frozen=True)
class AgendaEntry:
    """One coming appointment of a person that another function holds (a volunteer's shift)."""

    title: str
    starts_at: Any
    ends_at: Any
    url: str
    status: str | Promise = ""
    place: str = ""


class HeldClaim(Protocol):
    """One of a person's places that still count, as the agenda page has read them already:
    the offering, the model holding it (its content type) and the place's status."""

    offering_id: int
    holder_type_id: int
    status: str


@dataclass(frozen=True)
class AgendaSource:
    """An app adds a person's coming appointments to their agenda ("Mijn activiteiten").
    `entries(user, claims=None)` returns AgendaEntry rows in a fixed number of queries;
    `claims`, when given, are all the person's places that still count (`HeldClaim`), read by
    the page already: the source finds its own among them instead of asking again, and needs no
    query when there are none."""

    name: str
    entries: Callable[..., list[AgendaEntry]]


_agenda_sources: dict[str, AgendaSource] = {}


def register_agenda_source(source: AgendaSource) -> None:
    _agenda_sources[source.name] = source


def agenda_entries_for(
    user: Any, *, claims: Sequence[HeldClaim] | None = None
) -> list[AgendaEntry]:
    """The coming appointments other functions hold for `user`, earliest first. `claims`: all
    the person's places that still count, when the caller has read them (see AgendaSource)."""
    if not getattr(user, "is_authenticated", False):
        return []
    rows = [
        entry
        for name in sorted(_agenda_sources)
        for entry in _agenda_sources[name].entries(user, claims=claims)
    ]
    return sorted(rows, key=lambda e: e.starts_at)


@dataclass(frozen=True)
class StaffMember:
    """Someone who staffs an activity or session (a volunteer who leads or helps)."""

    first_name: str
    full_name: str
    role: str | Promise


@dataclass(frozen=True)
class StaffProvider:
    """An app names the people it puts on another app's object: `people(obj)` returns
    StaffMember rows in a fixed number of queries."""

    name: str
    people: Callable[[Any], list[StaffMember]]


_staff_providers: dict[str, StaffProvider] = {}

# The cache scope of what staff_of() reads: a provider watches its tables under it
# (huis.core.versioned_cache.watch) and a cached page that shows staff_of() lists it in its scopes.
STAFF_SCOPE = "staffing"


def register_staff_provider(provider: StaffProvider) -> None:
    _staff_providers[provider.name] = provider


def staff_of(obj: Any) -> list[StaffMember]:
    """The people other functions put on `obj` (an activity), in the providers' order."""
    return [p for name in sorted(_staff_providers) for p in _staff_providers[name].people(obj)]
