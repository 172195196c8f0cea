"""Privacy: what each app holds about a person (or someone it represents), how long it keeps
records, and which records' reads are audited."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class PersonalDataProvider:
    """One app's part of "download my data" and "delete my account".

    `export(user)` returns everything the app holds about the person, JSON-serialisable (dates as
    ISO strings), in a dict keyed by kind of record. `erase(user)` removes or anonymises it inside
    the caller's transaction, keeping the rows that the house's counts depend on (an attendance
    stays counted, its name goes).
    """

    name: str
    label: str | Promise
    export: Callable[[Any], dict]
    erase: Callable[[Any], None]
    order: int = 100


_personal_data: dict[str, PersonalDataProvider] = {}


def register_personal_data(provider: PersonalDataProvider) -> None:
    _personal_data[provider.name] = provider


def personal_data_providers() -> list[PersonalDataProvider]:
    return sorted(_personal_data.values(), key=lambda p: (p.order, p.name))


@dataclass(frozen=True)
class RepresentedData:
    """Someone without an account whom a worker represents in privacy requests (a person
    referred in the network, issue #25). The worker's data download for them is built by the
    same engine as a person's own (huis.accounts.exports), for the subject `"<name>:<pk>"`.

    `export(pk)` returns what the app holds about them, like PersonalDataProvider.export;
    `label(pk)` how the file names them (an alias); `url(pk)` the page the worker asked from.
    """

    name: str
    label: str | Promise
    export: Callable[[int], dict]
    subject_label: Callable[[int], str]
    url: Callable[[int], str]


_represented: dict[str, RepresentedData] = {}


def register_represented_data(provider: RepresentedData) -> None:
    _represented[provider.name] = provider


def represented_data(subject_ref: str) -> tuple[RepresentedData, int] | None:
    """The provider and primary key of a subject reference such as "netwerk.person:12"."""
    name, _sep, pk = subject_ref.rpartition(":")
    provider = _represented.get(name)
    if provider is None or not pk.isdigit():
        return None
    return provider, int(pk)


@dataclass(frozen=True)
class RetentionRule:
    """A kind of record that is erased or anonymised after a time.

    `key` names the rule in the retention table (the number of days is data, editable by an
    administrator; `default_days` is the value the table starts with). `purge(cutoff=...)` erases
    or anonymises the records that passed `cutoff` (an aware datetime) and returns how many.
    """

    key: str
    label: str | Promise
    default_days: int
    purge: Callable[..., int]


_retention: dict[str, RetentionRule] = {}


def register_retention_rule(rule: RetentionRule) -> None:
    _retention[rule.key] = rule


def retention_rules() -> list[RetentionRule]:
    return sorted(_retention.values(), key=lambda r: r.key)


@dataclass(frozen=True)
class SensitiveRecord:
    """A kind of record whose every read by someone else is audited (issue #10).

    `records()` returns the stored records; `texts(record)` the pieces of it that only a page
    showing that record would contain (a note, a question: distinctive text, never a label); and
    `owner_id(record)` the person it is about, who may read it without a trace (or None).
    A page shows the record when one of its texts is in the page; it must then have written an
    audit entry whose action ends in "_viewed" for the person reading.
    """

    name: str
    records: Callable[[], Any]
    texts: Callable[[Any], list[str]]
    owner_id: Callable[[Any], int | None] = lambda record: None


_sensitive: dict[str, SensitiveRecord] = {}


def register_sensitive_record(record: SensitiveRecord) -> None:
    _sensitive[record.name] = record


def sensitive_records() -> list[SensitiveRecord]:
    return sorted(_sensitive.values(), key=lambda r: r.name)
