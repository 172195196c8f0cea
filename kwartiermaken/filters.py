"""The filters of the entry list, the signal list and the overview, read from the address once
(django-filter).

The GET parameter names are Dutch (`zoek`, `wijk`, `soort`, `opvolging`, `organisatie`, `jaar`,
`categorie`):
they show in the address a worker shares. A value that is not one of the choices, not a whole
number in the range of an id, or otherwise not valid is left out, as if it were not given: a
hand-made address shows the list, never an error page. Only coordinators filter by organisation;
for everyone else that parameter does not exist.
"""

from dataclasses import dataclass
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from .codes import parse_contact_codes
from .models import OutreachEntry, OutreachKind, OutreachMonth, Signal, SignalCategory
from .selectors import OPEN_FOLLOW_UP, OverviewFilter, entries_for, signals_for

MAX_ID = 2**31 - 1
QUERY_LENGTH = 100
SEE_ALL = "kwartiermaken.see_all_organisations"


class IdFilter(django_filters.NumberFilter):
    """A row's id from the address (`?wijk=3`): a whole number from 1 up, else left out."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class _FilterSet(django_filters.FilterSet):
    def __init__(self, data: Any = None, *args: Any, **kwargs: Any):
        super().__init__(data, *args, **kwargs)
        if data is not None:
            # django-filter swaps an empty QueryDict for a new one; keep the request's own, so
            # what the filters read is read from it (the portal's hostile crawl records which
            # parameters each page reads, and sends them hostile values).
            self.data = data

    def valid(self) -> dict[str, Any]:
        """The values that passed validation; the others are left out."""
        self.errors  # noqa: B018 (validates the form)
        return self.form.cleaned_data


@dataclass(frozen=True)
class EntryFilter:
    """The entry list's filters as the page shows them in its form."""

    query: str = ""
    neighbourhood: int | None = None
    kind: str = ""
    follow_up_open: bool = False
    organisation: int | None = None


class EntryFilterSet(_FilterSet):
    """The entries `user` may see (`selectors.entries_for`), filtered as the address asks."""

    zoek = django_filters.CharFilter(method="filter_words")
    wijk = IdFilter(field_name="neighbourhood_id")
    soort = django_filters.ChoiceFilter(field_name="kind", choices=OutreachKind.choices)
    opvolging = django_filters.ChoiceFilter(choices=[("open", "open")], method="filter_open")
    organisatie = IdFilter(field_name="organisation_id")

    class Meta:
        model = OutreachEntry
        fields: list[str] = []

    def __init__(self, data: Any, *, user: Any):
        super().__init__(data, queryset=entries_for(user=user))
        if not user.has_perm(SEE_ALL):
            del self.filters["organisatie"]

    def filter_words(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        query = value[:QUERY_LENGTH].strip()
        if not query:
            return queryset
        try:
            codes = parse_contact_codes(query)
        except ValidationError:
            codes = []
        # A contact code finds the earlier entries about the same person; other words search
        # what the worker wrote about referrals and follow-ups (never the notes: reading those is
        # recorded one entry at a time).
        condition = Q(referred_to__icontains=query) | Q(follow_up_note__icontains=query)
        if len(codes) == 1:
            condition |= Q(contact_codes__contains=codes)
        return queryset.filter(condition)

    def filter_open(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(OPEN_FOLLOW_UP)

    @property
    def values(self) -> EntryFilter:
        valid = self.valid()
        return EntryFilter(
            query=(valid.get("zoek") or "")[:QUERY_LENGTH],
            neighbourhood=valid.get("wijk"),
            kind=valid.get("soort") or "",
            follow_up_open=valid.get("opvolging") == "open",
            organisation=valid.get("organisatie"),
        )


@dataclass(frozen=True)
class SignalFilter:
    """The signal list's filters as the page shows them in its form."""

    category: str = ""
    neighbourhood: int | None = None
    query: str = ""


class SignalFilterSet(_FilterSet):
    """The signals `user` may see (`selectors.signals_for`), filtered as the address asks."""

    categorie = django_filters.ChoiceFilter(field_name="category", choices=SignalCategory.choices)
    wijk = IdFilter(field_name="neighbourhood_id")
    zoek = django_filters.CharFilter(method="filter_words")

    class Meta:
        model = Signal
        fields: list[str] = []

    def __init__(self, data: Any, *, user: Any):
        super().__init__(data, queryset=signals_for(user=user))

    def filter_words(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        query = value[:QUERY_LENGTH].strip()
        if not query:
            return queryset
        return queryset.filter(Q(service__icontains=query) | Q(description__icontains=query))

    @property
    def values(self) -> SignalFilter:
        valid = self.valid()
        return SignalFilter(
            category=valid.get("categorie") or "",
            neighbourhood=valid.get("wijk"),
            query=(valid.get("zoek") or "")[:QUERY_LENGTH],
        )


class OverviewFilterSet(_FilterSet):
    """The overview's year, neighbourhood, kind and organisation, as an `OverviewFilter`.

    The overview reads several tables of monthly figures (`selectors.overview`), so the values
    go to its selectors as one typed `OverviewFilter` rather than as one filtered queryset. The
    year is one of `years` (those with entries) or `alle`; without one, the newest year."""

    jaar = django_filters.ChoiceFilter(method="filter_year")
    wijk = IdFilter(field_name="neighbourhood_id")
    soort = django_filters.ChoiceFilter(field_name="kind", choices=OutreachKind.choices)
    organisatie = IdFilter(field_name="organisation_id")

    class Meta:
        model = OutreachMonth
        fields: list[str] = []

    ALL_YEARS = "alle"

    def __init__(self, data: Any, *, user: Any, years: list[int]):
        super().__init__(data, queryset=OutreachMonth.objects.none())
        self.years = years
        self.filters["jaar"].extra["choices"] = [
            (self.ALL_YEARS, self.ALL_YEARS),
            *((str(year), str(year)) for year in years),
        ]
        if not user.has_perm(SEE_ALL):
            del self.filters["organisatie"]

    def filter_year(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == self.ALL_YEARS:
            return queryset
        return queryset.filter(month__year=int(value))

    @property
    def values(self) -> OverviewFilter:
        valid = self.valid()
        raw_year = valid.get("jaar") or ""
        if raw_year == self.ALL_YEARS:
            year = None
        elif raw_year:
            year = int(raw_year)
        else:
            year = self.years[0] if self.years else None
        return OverviewFilter(
            year=year,
            neighbourhood=valid.get("wijk"),
            kind=valid.get("soort") or "",
            organisation=valid.get("organisatie"),
        )
