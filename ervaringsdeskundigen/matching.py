"""The ranked list of experts for a request, with the reasons in words.

One selector, a fixed number of queries whatever the size of the pool: one query reads the whole
pool as plain values, with for each expert whether they have the themes, the kind of work, the
language, are usually free then or away that day, have a clashing assignment, and this month's
load (subqueries the database answers with its indexes); the ranking happens in Python on those
values, and only the experts shown get their reasons in words and a model instance (one more
query). A pool of hundreds of experts thus costs a few milliseconds, not hundreds.

Distance: when the request's municipality and the expert's home municipality are both in the
managed list of places, the straight-line distance between their (approximate) centres is shown
as "about N km" against how far the expert travels; otherwise the region names are compared.

Never in the list: paused experts, and experts who do not want to speak about one of the
request's themes. Shown but not proposable: a clash with another assignment, a period away, or
a month that is already full. Shown with a warning: no sickness-fund permission on file.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from django.db import connection
from django.utils import timezone
from django.utils.translation import get_language, gettext

from huis.accounts.models import User

from . import caching
from .geo import haversine_km
from .models import Absence, Assignment, Availability, Expert, ExpertRequest, Region
from .models.expert import day_part_of
from .models.request import ACTIVE_ASSIGNMENT, MAX_ASSIGNMENT, AssignmentStatus


@dataclass
class Match:
    expert: Expert | None
    score: int = 0
    themes: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # these make a proposal impossible
    warnings: list[str] = field(default_factory=list)
    load: int = 0
    distance_km: int | None = None

    @property
    def can_propose(self) -> bool:
        return not self.problems

    # A ranking is kept in the cache and read on every view of a request's page, where its rows
    # are mostly written already (templatetags/experts_matching.py). Unpickling twenty experts
    # with their accounts as model instances cost more than the rest of the ranking, so the
    # expert is kept as the values it was made from and made again when something asks for it.
    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        expert = state.pop("expert", None)
        state["_expert_values"] = None if expert is None else _loaded_values(expert)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def __getattr__(self, name: str):
        # Only for what the instance does not hold: after unpickling, that is the expert.
        values = self.__dict__.get("_expert_values", _MISSING)
        if name != "expert" or values is _MISSING:
            raise AttributeError(name)
        del self.__dict__["_expert_values"]
        self.expert = None if values is None else _from_loaded_values(values)
        return self.expert


@dataclass
class Ranking:
    matches: list[Match]  # the best ones, with their reasons in words
    total: int  # everyone in the list, shown or not
    key: str = ""  # its cache key: the same key, the same ranking in the same words


def rank_experts(*, request: ExpertRequest) -> list[Match]:
    """The whole pool, best first, every expert with their reasons: read from the database, never
    from the cache, because a service decides from it (a proposal must see a clash made a moment
    ago, even one written past the signals)."""
    if request.starts_at is None:
        return []
    return _ranking(_Context(request), None, key="").matches


def ranking(*, request: ExpertRequest, limit: int | None = None) -> Ranking:
    """The pool ranked on plain values; the best `limit` (or all) described in words. For pages:
    kept in the cache (see .caching)."""
    if request.starts_at is None:
        return Ranking(matches=[], total=0)
    context = _Context(request)
    # Kept under the pool's version (see .caching): every change of an expert, an account in
    # the pool, an availability, absence, place or assignment makes it computed anew. What the
    # ranking reads of the request itself is part of the key.
    parts = (
        request.pk,
        request.starts_at.isoformat(),
        request.ends_at.isoformat() if request.ends_at else "",
        request.work_kind_id,
        request.spoken_language_id,
        context.language,
        request.region,
        request.place_region_id,
        sorted(context.wanted_themes.items()),
        limit,
        get_language(),
    )
    return caching.RANKING.get_or_set(
        *parts, compute=lambda: _ranking(context, limit, key=caching.RANKING.key(*parts))
    )


def _ranking(context: "_Context", limit: int | None, *, key: str) -> Ranking:
    request = context.request
    scored = []
    for row in _pool(request=request, wanted=list(context.wanted_themes)):
        match = _assess(row, context, words=False)
        scored.append((not match.can_propose, -match.score, row.display_name, row.pk, row))
    scored.sort(key=lambda item: item[:4])
    shown = [item[-1] for item in (scored if limit is None else scored[:limit])]
    matches = []
    for row in shown:
        match = _assess(row, context, words=True)
        match.expert = _expert(row)
        matches.append(match)
    return Ranking(matches=matches, total=len(scored), key=key)


class _Context:
    """What is the same for every expert of one request: worked out once per ranking."""

    def __init__(self, request: ExpertRequest) -> None:
        self.request = request
        self.place = request.place_region
        # The same few texts for hundreds of experts: translate each once per call.
        self.gettext = cache(gettext)
        self.wanted_themes = {t.pk: t.name for t in request.themes.all()}
        self.language = str(request.spoken_language) if request.spoken_language_id else ""
        self.region = request.region.strip().lower() if request.region else None
        self._distances: dict[int, int] = {}

    def distance_km(self, row: "_Row") -> int | None:
        """Whole km from the request's municipality to the expert's: one sum per municipality."""
        place = self.place
        if place is None or row.home_region_id is None:
            return None
        km = self._distances.get(row.home_region_id)
        if km is None:
            km = self._distances[row.home_region_id] = round(
                haversine_km(place.latitude, place.longitude, row.latitude, row.longitude)
            )
        return km


# The pool in one statement. Written out rather than built with the ORM: the ranking runs on
# every view of a request, and composing a query of this many subqueries cost more than the
# database needs to answer it. Each fact is either a hashed `IN (SELECT ...)` (the subquery runs
# once, not per expert) or a join to a small aggregate; the account is looked up per expert by
# its primary key (OFFSET 0 keeps it that way: joined, the planner reads every account of the
# portal to find a few hundred). Empty theme lists and no language make those facts false.
_POOL_SQL = """
SELECT e.id AS pk,
       e.user_id,
       account.display_name,
       account.email,
       e.home_region_id,
       place.latitude,
       place.longitude,
       e.region,
       e.travel_km,
       e.max_per_month,
       e.receives_benefit,
       e.fund_permission_since,
       own.themes AS own_themes,
       e.id IN (SELECT expert_id FROM {work_kinds} WHERE workkind_id = %(work_kind)s)
           AS does_kind,
       e.id IN (SELECT expert_id FROM {languages} WHERE language_id = %(language)s) AS speaks,
       e.id IN (SELECT expert_id FROM {availability} WHERE weekday = %(weekday)s
                AND part = %(part)s) AS usually_free,
       e.id IN (SELECT expert_id FROM {absence} WHERE starts_on <= %(day)s
                AND ends_on >= %(day)s) AS away,
       e.id IN (SELECT expert_id FROM {assignment} WHERE status = %(accepted)s
                AND expert_id IS NOT NULL AND request_id <> %(request)s
                AND starts_at < %(end)s AND starts_at > %(start_minus_max)s
                AND ends_at > %(start)s) AS clash,
       COALESCE(month.n, 0) AS load
FROM {expert} e
CROSS JOIN LATERAL (
    SELECT display_name, email, is_active FROM {user} WHERE id = e.user_id OFFSET 0
) account
LEFT JOIN {region} place ON place.id = e.home_region_id
LEFT JOIN (
    SELECT expert_id, array_agg(theme_id) AS themes FROM {themes}
    WHERE theme_id = ANY(%(wanted)s) GROUP BY expert_id
) own ON own.expert_id = e.id
LEFT JOIN (
    SELECT expert_id, count(*) AS n FROM {assignment}
    WHERE status = %(accepted)s AND request_id <> %(request)s
      AND starts_at >= %(month_start)s AND starts_at < %(next_month)s
    GROUP BY expert_id
) month ON month.expert_id = e.id
WHERE NOT e.is_paused
  AND account.is_active
  AND NOT EXISTS (
      SELECT 1 FROM {excluded_themes} x WHERE x.expert_id = e.id AND x.theme_id = ANY(%(wanted)s)
  )
  AND NOT EXISTS (
      SELECT 1 FROM {assignment} a
      WHERE a.request_id = %(request)s AND a.expert_id = e.id AND a.status = ANY(%(active)s)
  )
"""


class _Row(NamedTuple):
    pk: int
    user_id: int
    display_name: str
    email: str
    home_region_id: int | None
    latitude: Decimal | None
    longitude: Decimal | None
    region: str
    travel_km: int
    max_per_month: int
    receives_benefit: bool
    fund_permission_since: date | None
    own_themes: list[int] | None
    does_kind: bool
    speaks: bool
    usually_free: bool
    away: bool
    clash: bool
    load: int


@cache
def _pool_sql() -> str:
    tables = {
        "expert": Expert,
        "user": User,
        "region": Region,
        "availability": Availability,
        "absence": Absence,
        "assignment": Assignment,
        "themes": Expert.themes.through,
        "excluded_themes": Expert.excluded_themes.through,
        "work_kinds": Expert.work_kinds.through,
        "languages": Expert.languages.through,
    }
    return _POOL_SQL.format(
        **{name: connection.ops.quote_name(model._meta.db_table) for name, model in tables.items()}
    )


def _pool(*, request: ExpertRequest, wanted: list[int]) -> list[_Row]:
    """Every expert who may be listed, as plain values with the facts the ranking needs."""
    start, end = request.starts_at, request.ends_at
    local = timezone.localtime(start)
    day = local.date()
    month_start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    next_month = (month_start.replace(day=28) + timedelta(days=4)).replace(day=1)
    params = {
        "work_kind": request.work_kind_id,
        "language": request.spoken_language_id,
        "weekday": day.weekday(),
        "part": day_part_of(local.hour),
        "day": day,
        "accepted": AssignmentStatus.ACCEPTED.value,
        "active": [status.value for status in ACTIVE_ASSIGNMENT],
        "request": request.pk,
        "start": start,
        "end": end,
        "start_minus_max": start - MAX_ASSIGNMENT,
        "month_start": month_start,
        "next_month": next_month,
        "wanted": wanted,
    }
    with connection.cursor() as cursor:
        cursor.execute(_pool_sql(), params)
        return [_Row(*row) for row in cursor.fetchall()]


def _instance(model, values: dict):
    """A model instance from values already read, as a query with `only()` would build it
    (Django's `from_db` takes them in the order of the model's fields); the others load when
    used."""
    fields = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(connection.alias, fields, [values[name] for name in fields])


def _expert(row: _Row) -> Expert:
    """The expert and their account from the pool's values: no second query for the page."""
    expert = _instance(
        Expert,
        {
            "id": row.pk,
            "user_id": row.user_id,
            "home_region_id": row.home_region_id,
            "region": row.region,
            "travel_km": row.travel_km,
            "max_per_month": row.max_per_month,
            "receives_benefit": row.receives_benefit,
            "fund_permission_since": row.fund_permission_since,
        },
    )
    account = _instance(
        User, {"id": row.user_id, "display_name": row.display_name, "email": row.email}
    )
    Expert.user.field.set_cached_value(expert, account)
    return expert


_MISSING = object()


def _loaded_values(expert: Expert) -> tuple[dict, dict | None]:
    """What was read of the expert and, if read with it, of their account: only those, so that
    nothing deferred is loaded (and nothing is asked of the database) to keep them."""
    own = {
        f.attname: expert.__dict__[f.attname]
        for f in Expert._meta.concrete_fields
        if f.attname in expert.__dict__
    }
    if not Expert.user.is_cached(expert):
        return own, None
    account = expert.user
    return own, {
        f.attname: account.__dict__[f.attname]
        for f in User._meta.concrete_fields
        if f.attname in account.__dict__
    }


def _from_loaded_values(values: tuple[dict, dict | None]) -> Expert:
    own, account = values
    expert = _instance(Expert, own)
    if account is not None:
        Expert.user.field.set_cached_value(expert, _instance(User, account))
    return expert


def _assess(row: _Row, context: _Context, *, words: bool) -> Match:
    """Score one expert; with `words`, also say why. The problems are always named: they
    decide whether the expert can be proposed, and so the order."""
    _ = context.gettext
    match = Match(expert=None, load=row.load)
    own = row.own_themes or ()
    match.themes = [name for pk, name in context.wanted_themes.items() if pk in own]
    if match.themes:
        match.score += 10 * len(match.themes)
        if words:
            match.reasons.append(_("Themes: %(themes)s") % {"themes": ", ".join(match.themes)})
    elif context.wanted_themes and words:
        match.reasons.append(_("None of the themes asked for"))
    if row.does_kind:
        match.score += 5
        if words:
            match.reasons.append(_("Does this kind of work"))
    if row.usually_free:
        match.score += 6
        if words:
            match.reasons.append(_("Usually free at that time"))
    else:
        match.score -= 4
        if words:
            match.warnings.append(_("Not usually free at that time: ask first"))
    if row.away:
        match.problems.append(_("Away that day"))
    if row.clash:
        match.problems.append(_("Another assignment at that time"))
    most = row.max_per_month
    if match.load >= most:
        match.problems.append(
            _("Month full: %(load)s of at most %(max)s") % {"load": match.load, "max": most}
        )
    else:
        match.score += 3 * (most - match.load)
        if words:
            match.reasons.append(
                _("This month: %(load)s of at most %(max)s") % {"load": match.load, "max": most}
            )
    if context.request.spoken_language_id:
        if row.speaks:
            match.score += 5
            if words:
                match.reasons.append(_("Speaks %(language)s") % {"language": context.language})
        else:
            match.score -= 20
            if words:
                match.warnings.append(
                    _("Does not speak %(language)s") % {"language": context.language}
                )
    match.distance_km = context.distance_km(row)
    travel = row.travel_km
    if match.distance_km is not None:
        km = match.distance_km
        if km <= travel:
            match.score += 4 + (travel - km) * 4 // max(travel, 1)
            if words:
                match.reasons.append(
                    _("About %(km)s km away: within their %(max)s km") % {"km": km, "max": travel}
                )
        else:
            match.score -= 8
            if words:
                match.warnings.append(
                    _("About %(km)s km away: over their %(max)s km") % {"km": km, "max": travel}
                )
    elif context.region is not None and row.region:
        if context.region == row.region.strip().lower():
            match.score += 4
            if words:
                match.reasons.append(_("Same region"))
        elif words:
            match.warnings.append(
                _("Other region (%(region)s, travels up to %(km)s km)")
                % {"region": row.region, "km": travel}
            )
    if words and row.receives_benefit and row.fund_permission_since is None:
        match.warnings.append(_("Sickness fund's permission not on file"))
    return match
