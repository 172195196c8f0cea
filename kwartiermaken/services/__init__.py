"""Writes of kwartiermaken: outreach entries, follow-ups, signals and policy recommendations.

Every function is keyword-only, runs in one transaction, writes an audit entry and raises
`KwartiermakenError` (a `huis.core.errors.DomainError`) with a message a person can read when
something is not allowed. What a person writes comes as one frozen dataclass per change
(`EntryDetails`, `SignalDetails`, `RecommendationDetails`): a misspelt field is an error at the
call. One module per entity.
"""

from .common import KwartiermakenError
from .consultation import ConsultationDetails, consultation_record, quote_add, quote_remove
from .entries import (
    FOLLOW_UP_HOUR,
    FOLLOW_UP_KIND,
    NOTES_VIEWED,
    EntryDetails,
    entry_create,
    entry_follow_up_done,
    entry_notes_read,
    entry_update,
    follow_up_due_at,
    follow_up_key_prefix,
)
from .recommendations import (
    TRANSITIONS,
    RecommendationDetails,
    recommendation_create,
    recommendation_decide,
    recommendation_record_answer,
    recommendation_send,
    recommendation_update,
)
from .referrals import ReferralFromOutreach, entry_refer
from .signals import SignalDetails, signal_create, signal_update

__all__ = [
    "FOLLOW_UP_HOUR",
    "FOLLOW_UP_KIND",
    "NOTES_VIEWED",
    "TRANSITIONS",
    "ConsultationDetails",
    "EntryDetails",
    "KwartiermakenError",
    "RecommendationDetails",
    "ReferralFromOutreach",
    "SignalDetails",
    "consultation_record",
    "entry_create",
    "entry_follow_up_done",
    "entry_notes_read",
    "entry_refer",
    "entry_update",
    "follow_up_due_at",
    "follow_up_key_prefix",
    "quote_add",
    "quote_remove",
    "recommendation_create",
    "recommendation_decide",
    "recommendation_record_answer",
    "recommendation_send",
    "recommendation_update",
    "signal_create",
    "signal_update",
]
