"""Where function apps plug into the shared pages without the core importing them.

- `register_dashboard_link`: an app adds its management pages to the staff dashboard.
- `register_demo_seeder`: an app adds its part of `manage.py seed_demo`.
- `register_home_section`: an app shows a block on the home page (its template, its context).
- `register_personal_data`: an app adds its part of a person's data download and account erasure.
- `register_represented_data`: an app names people without an account whom its workers
  represent in privacy requests (a referred person): their data download, made by the same engine.
- `register_retention_rule`: an app says which records it erases after a time (days are data).
- `register_scale_seeder`: an app adds its part of `manage.py seed_scale` (the benchmark's data).
- `register_report_section`: an app adds its section (figures and definitions) to the yearly report.
- `register_sensitive_record`: an app names the records whose reading must be audited; the
  portal-wide crawl (tests/trust/test_audited_reads.py) fails for any page that shows one unlogged.
- `register_agenda_source`: an app adds a person's coming appointments to their own agenda.
- `register_onboarding_step`: an app adds a step to an organisation's onboarding (the network's
  charter), shown on the people and organisations page and the organisation's onboarding page.
- `register_staff_provider`: an app names the people it puts on another app's object (an
  activity's volunteers), so that app shows them without importing it.

Apps call these from their AppConfig.ready() (dashboard) or their demo.py and scale.py (seeders).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class DashboardLink:
    section: str | Promise
    title: str | Promise
    url_name: str
    description: str | Promise
    perm: str
    order: int = 100
    # A live line under the link (a count, a warning): status(user) -> text, "" for none.
    status: Callable[[Any], str | Promise] | None = None


_dashboard: list[DashboardLink] = []


def register_dashboard_link(link: DashboardLink) -> None:
    if all(existing.url_name != link.url_name for existing in _dashboard):
        _dashboard.append(link)


def dashboard_links_for(user: Any) -> list[DashboardLink]:
    return sorted(
        (link for link in _dashboard if user.has_perm(link.perm)),
        key=lambda link: (link.order, str(link.title)),
    )


@dataclass(frozen=True)
class DemoSeeder:
    name: str
    order: int
    seed: Callable[..., None]


_seeders: dict[str, DemoSeeder] = {}


def register_demo_seeder(name: str, *, order: int) -> Callable:
    """Decorator: `seed(*, stdout)` builds this app's demo data, idempotently."""

    def decorator(func: Callable[..., None]) -> Callable[..., None]:
        _seeders[name] = DemoSeeder(name=name, order=order, seed=func)
        return func

    return decorator


def demo_seeders() -> list[DemoSeeder]:
    return sorted(_seeders.values(), key=lambda s: (s.order, s.name))


@dataclass(frozen=True)
class HomeSection:
    name: str
    template_name: str
    context: Callable[[Any], dict]  # called with the request
    order: int = 100


_home_sections: dict[str, HomeSection] = {}


def register_home_section(section: HomeSection) -> None:
    _home_sections[section.name] = section


def home_sections_for(request: Any) -> list[dict]:
    """Each section's template and context, in order, for the home page's template."""
    return [
        {"template_name": s.template_name, "context": s.context(request)}
        for s in sorted(_home_sections.values(), key=lambda s: (s.order, s.name))
    ]


# --- Privacy: what each app holds about a person, and how long it keeps records ---------------


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


# --- Scale data for the benchmark ---------------------------------------------------------------


@dataclass(frozen=True)
class ScaleSeeder:
    name: str
    order: int
    seed: Callable[..., None]


_scale_seeders: dict[str, ScaleSeeder] = {}


def register_scale_seeder(name: str, *, order: int) -> Callable:
    """Decorator: `seed(*, sizes, rng, stdout)` bulk-inserts this app's part of `seed_scale`.

    `sizes` maps names such as "activities" or "outreach" to counts; `rng` is a seeded
    random.Random, so the same sizes always give the same data.
    """

    def decorator(func: Callable[..., None]) -> Callable[..., None]:
        _scale_seeders[name] = ScaleSeeder(name=name, order=order, seed=func)
        return func

    return decorator


def scale_seeders() -> list[ScaleSeeder]:
    return sorted(_scale_seeders.values(), key=lambda s: (s.order, s.name))


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


# --- The yearly report ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportSection:
    """One function's part of the yearly report (huis.core.report).

    `build(*, period)` returns a `huis.core.report.figures.Section` for a `Period` (start and end
    dates): its figures, each with the definition printed beside it, and the pseudonymous keys
    of the people it counted (`huis.core.report.people.person_key`), never names. `scopes` are
    the versioned-cache scopes of every table it reads (each watched by the app), so a section
    is built again only when its data changed. `code`: the modules whose source shapes it.
    """

    name: str
    title: str | Promise
    build: Callable[..., Any]
    scopes: tuple[str, ...]
    code: tuple[str, ...] = ()
    order: int = 100


_report_sections: dict[str, ReportSection] = {}


def register_report_section(section: ReportSection) -> None:
    _report_sections[section.name] = section


def report_sections() -> list[ReportSection]:
    return sorted(_report_sections.values(), key=lambda s: (s.order, s.name))


# --- Messages from staff to the people concerned ------------------------------------------------


@dataclass(frozen=True)
class MessageAudience:
    """Something people sign up for, to whom staff can write a short message (issue #25).

    `objects(user)` returns what this user may write about (a queryset, narrowed to them);
    `occasion(obj)` the huis.notifications.notices.Occasion; `addressees(obj, waiting)` the
    people signed up (waiting False) or on the waiting list (True); `back_url(obj)` the page
    the writer came from.
    """

    name: str
    label: str | Promise
    objects: Callable[[Any], Any]
    occasion: Callable[[Any], Any]
    addressees: Callable[[Any, bool], list]
    back_url: Callable[[Any], str]


_audiences: dict[str, MessageAudience] = {}


def register_message_audience(audience: MessageAudience) -> None:
    _audiences[audience.name] = audience


def message_audience(name: str) -> MessageAudience | None:
    return _audiences.get(name)


# --- A departing worker's open work ---------------------------------------------------------------


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


# --- A person's agenda, and the people who staff an object ------------------------------------


@dataclass(frozen=True)
class AgendaEntry:
    """One coming appointment of a person that another function holds (a volunteer's shift)."""

    title: str
    starts_at: Any
    ends_at: Any
    url: str
    status: str | Promise = ""
    place: str = ""


@dataclass(frozen=True)
class AgendaSource:
    """An app adds a person's coming appointments to their agenda ("Mijn activiteiten").
    `entries(user)` returns AgendaEntry rows in a fixed number of queries."""

    name: str
    entries: Callable[[Any], list[AgendaEntry]]


_agenda_sources: dict[str, AgendaSource] = {}


def register_agenda_source(source: AgendaSource) -> None:
    _agenda_sources[source.name] = source


def agenda_entries_for(user: Any) -> list[AgendaEntry]:
    """The coming appointments other functions hold for `user`, earliest first."""
    if not getattr(user, "is_authenticated", False):
        return []
    rows = [e for name in sorted(_agenda_sources) for e in _agenda_sources[name].entries(user)]
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


# --- An organisation's onboarding -----------------------------------------------------------------


@dataclass(frozen=True)
class OnboardingState:
    """Where one organisation stands in one onboarding step. `text` says it ("charter signed on
    3 March 2026 by An"); `action_url` and `action_label` the way to do what is missing (empty
    when done or when the user cannot act)."""

    done: bool
    text: str
    action_url: str = ""
    action_label: str = ""


@dataclass(frozen=True)
class OnboardingStep:
    """A function's part of an organisation's onboarding (issue #25: the network's charter).
    `states(organisations, user)` returns {organisation pk: OnboardingState} for all of them in a
    fixed number of queries (the people page asks it once for every organisation)."""

    name: str
    label: str | Promise
    states: Callable[[list, Any], dict[int, OnboardingState]]
    order: int = 100


_onboarding: dict[str, OnboardingStep] = {}


def register_onboarding_step(step: OnboardingStep) -> None:
    _onboarding[step.name] = step


def onboarding_of(organisations: list, user: Any) -> dict[int, list[tuple[Any, OnboardingState]]]:
    """{organisation pk: [(step label, state), ...]} in the steps' order."""
    result: dict[int, list[tuple[Any, OnboardingState]]] = {o.pk: [] for o in organisations}
    if not organisations:
        return result
    for step in sorted(_onboarding.values(), key=lambda s: (s.order, s.name)):
        states = step.states(organisations, user)
        for organisation in organisations:
            state = states.get(organisation.pk)
            if state is not None:
                result[organisation.pk].append((step.label, state))
    return result


@dataclass(frozen=True)
class TranslationEditor:
    """Where staff add the French and English of a translated model ("app_label.Model"):
    `url_name` takes the object's pk (or nothing, for a one-row model such as the house's facts).
    Without an editor, the overview links the admin's change page."""

    model: str
    url_name: str


_translation_editors: dict[str, TranslationEditor] = {}


def register_translation_editor(editor: TranslationEditor) -> None:
    _translation_editors[editor.model.lower()] = editor


def translation_editor_for(label: str) -> TranslationEditor | None:
    return _translation_editors.get(label.lower())
