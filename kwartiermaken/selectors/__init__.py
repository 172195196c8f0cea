"""Reads of kwartiermaken, each for an acting user and with a fixed number of queries.

Everything a worker sees passes `permissions.narrowed`: their organisation's rows only; coordinators
see all. One module per entity: entries, signals, recommendations, and the overviews (which
aggregate with GROUP BY in the database: the entries table is large).
"""

from .common import (
    OPEN_FOLLOW_UP,
    CountRow,
    FilterChoice,
    active_needs,
    active_neighbourhoods,
    filter_choices,
)
from .entries import (
    EntryPage,
    entries_for,
    entries_for_export,
    entry_page,
    entry_with_details,
    follow_ups_due,
    last_neighbourhood_id,
    notes_readers,
    recent_entries,
)
from .overview import (
    Overview,
    OverviewFilter,
    OverviewRow,
    organisations_for_filter,
    organisations_for_filter_kept,
    overview_export_rows,
    overview_for,
    overview_scope,
    overview_years,
)
from .recommendations import (
    Evidence,
    recommendation_evidence,
    recommendations_for,
    signals_to_bundle,
)
from .referrals import entry_referrals, outreach_referral_outcomes, overview_referral_outcomes
from .signals import signal_page, signals_for

__all__ = [
    "OPEN_FOLLOW_UP",
    "CountRow",
    "EntryPage",
    "Evidence",
    "FilterChoice",
    "Overview",
    "OverviewFilter",
    "OverviewRow",
    "active_needs",
    "active_neighbourhoods",
    "entries_for",
    "entries_for_export",
    "entry_page",
    "entry_referrals",
    "entry_with_details",
    "filter_choices",
    "follow_ups_due",
    "last_neighbourhood_id",
    "notes_readers",
    "organisations_for_filter",
    "organisations_for_filter_kept",
    "outreach_referral_outcomes",
    "overview_export_rows",
    "overview_for",
    "overview_referral_outcomes",
    "overview_scope",
    "overview_years",
    "recent_entries",
    "recommendation_evidence",
    "recommendations_for",
    "signal_page",
    "signals_for",
    "signals_to_bundle",
]
