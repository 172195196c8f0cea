"""The ranked list of experts for a request, with the reasons in words.

One selector, a fixed number of queries whatever the size of the pool: the experts, which of them
have the themes, the kind of work, the language, are usually free then or away that day, the
clashing assignments, this month's loads and the request's own proposals are each one query
(plain pairs, not model instances), and the ranking happens in Python.

Distance: when the request's municipality and the expert's home municipality are both in the
managed list of places, the straight-line distance between their (approximate) centres is shown
as "about N km" against how far the expert travels; otherwise the region names are compared.

Never in the list: paused experts, and experts who do not want to speak about one of the
request's themes. Shown but not proposable: a clash with another assignment, a period away, or
a month that is already full. Shown with a warning: no sickness-fund permission on file.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext

from .geo import distance_between
from .models import Absence, Assignment, Availability, Expert, ExpertRequest
from .models.expert import day_part_of
from .models.request import ACTIVE_ASSIGNMENT, MAX_ASSIGNMENT, AssignmentStatus


@dataclass
class Match:
    expert: Expert
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


def rank_experts(*, request: ExpertRequest) -> list[Match]:
    # The same few texts for hundreds of experts: translate each once per call.
    _ = cache(gettext)
    start = request.starts_at
    if start is None:
        return []
    end = request.ends_at
    local = timezone.localtime(start)
    day = local.date()
    part = day_part_of(local.hour)
    wanted_themes = {t.pk: t.name for t in request.themes.all()}
    experts = list(
        Expert.objects.filter(is_paused=False, user__is_active=True)
        .exclude(excluded_themes__in=list(wanted_themes))
        .select_related("user", "home_region")
        .distinct()
    )
    ids = [e.pk for e in experts]
    # The lists as plain pairs, not model instances: a pool of hundreds of experts with a few
    # themes, languages and kinds each would otherwise build thousands of objects per page.
    own_themes: dict[int, set[int]] = {}
    for expert_id, theme_id in Expert.themes.through.objects.filter(
        expert_id__in=ids, theme_id__in=list(wanted_themes)
    ).values_list("expert_id", "theme_id"):
        own_themes.setdefault(expert_id, set()).add(theme_id)
    does_kind = set(
        Expert.work_kinds.through.objects.filter(
            expert_id__in=ids, workkind_id=request.work_kind_id
        ).values_list("expert_id", flat=True)
    )
    speaks = set()
    if request.spoken_language_id:
        speaks = set(
            Expert.languages.through.objects.filter(
                expert_id__in=ids, language_id=request.spoken_language_id
            ).values_list("expert_id", flat=True)
        )
    usually_free = set(
        Availability.objects.filter(
            expert_id__in=ids, weekday=day.weekday(), part=part
        ).values_list("expert_id", flat=True)
    )
    away = set(
        Absence.objects.filter(expert_id__in=ids, starts_on__lte=day, ends_on__gte=day).values_list(
            "expert_id", flat=True
        )
    )
    clashes = set(
        Assignment.objects.filter(
            status=AssignmentStatus.ACCEPTED,
            starts_at__lt=end,
            starts_at__gt=start - MAX_ASSIGNMENT,
            ends_at__gt=start,
        )
        .exclude(request=request)
        .values_list("expert_id", flat=True)
    )
    month_start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    next_month = (month_start.replace(day=28) + timedelta(days=4)).replace(day=1)
    loads = dict(
        Assignment.objects.filter(
            status=AssignmentStatus.ACCEPTED,
            starts_at__gte=month_start,
            starts_at__lt=next_month,
        )
        .exclude(request=request)
        .values("expert_id")
        .annotate(n=Count("id"))
        .values_list("expert_id", "n")
    )
    proposed = set(
        request.assignments.filter(status__in=ACTIVE_ASSIGNMENT).values_list("expert_id", flat=True)
    )
    matches = []
    for expert in experts:
        if expert.pk in proposed:
            continue
        match = Match(expert=expert, load=loads.get(expert.pk, 0))
        own = own_themes.get(expert.pk, set())
        match.themes = [name for pk, name in wanted_themes.items() if pk in own]
        if match.themes:
            match.score += 10 * len(match.themes)
            match.reasons.append(_("Themes: %(themes)s") % {"themes": ", ".join(match.themes)})
        elif wanted_themes:
            match.reasons.append(_("None of the themes asked for"))
        if expert.pk in does_kind:
            match.score += 5
            match.reasons.append(_("Does this kind of work"))
        if expert.pk in usually_free:
            match.score += 6
            match.reasons.append(_("Usually free at that time"))
        else:
            match.score -= 4
            match.warnings.append(_("Not usually free at that time: ask first"))
        if expert.pk in away:
            match.problems.append(_("Away that day"))
        if expert.pk in clashes:
            match.problems.append(_("Another assignment at that time"))
        if match.load >= expert.max_per_month:
            match.problems.append(
                _("Month full: %(load)s of at most %(max)s")
                % {"load": match.load, "max": expert.max_per_month}
            )
        else:
            match.score += 3 * (expert.max_per_month - match.load)
            match.reasons.append(
                _("This month: %(load)s of at most %(max)s")
                % {"load": match.load, "max": expert.max_per_month}
            )
        if request.spoken_language_id:
            if expert.pk in speaks:
                match.score += 5
                match.reasons.append(
                    _("Speaks %(language)s") % {"language": request.spoken_language}
                )
            else:
                match.score -= 20
                match.warnings.append(
                    _("Does not speak %(language)s") % {"language": request.spoken_language}
                )
        match.distance_km = distance_between(request.place_region, expert.home_region)
        if match.distance_km is not None:
            words = {"km": match.distance_km, "max": expert.travel_km}
            if match.distance_km <= expert.travel_km:
                match.score += 4 + (expert.travel_km - match.distance_km) * 4 // max(
                    expert.travel_km, 1
                )
                match.reasons.append(_("About %(km)s km away: within their %(max)s km") % words)
            else:
                match.score -= 8
                match.warnings.append(_("About %(km)s km away: over their %(max)s km") % words)
        elif request.region and expert.region:
            if request.region.strip().lower() == expert.region.strip().lower():
                match.score += 4
                match.reasons.append(_("Same region"))
            else:
                match.warnings.append(
                    _("Other region (%(region)s, travels up to %(km)s km)")
                    % {"region": expert.region, "km": expert.travel_km}
                )
        if expert.lacks_fund_permission:
            match.warnings.append(_("Sickness fund's permission not on file"))
        matches.append(match)
    matches.sort(key=lambda m: (not m.can_propose, -m.score, m.expert.user.display_name))
    return matches
