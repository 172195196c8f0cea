"""Writes of the partner network: charter, intake and referral, consent, guidance, places.

Every function is keyword-only, runs in one transaction, writes an audit entry (ids and field
names, never what the person told) and raises `NetwerkError` with a message a person can read.
Rows are locked through `huis.core.locking`. Reads (also the ones these writes need, like
`network_organisations`) live in `netwerk.selectors`.
"""

from .agreement import guidance_record_signed
from .errors import NetwerkError, check_member
from .guidance import (
    EVALUATION_REMIND_DAYS,
    EVALUATION_REMINDER_KIND,
    GUIDANCE_VIEWED,
    evaluation_done,
    evaluation_plan,
    evaluations_remind_due,
    guidance_create,
    guidance_end,
    guidance_hand_over,
    guidance_leave,
    guidance_read,
)
from .network import charter_publish, charter_sign, organisation_leave_network
from .onward import pass_on_refusal, pass_on_targets, referral_pass_on
from .places import (
    PlaceDetails,
    map_tile_host,
    place_create,
    place_set_published,
    place_update,
)
from .privacy import person_erase_on_behalf, person_export_on_behalf
from .referrals import (
    ALLOWED_STEPS,
    PERSON_VIEWED,
    REFERRAL_VIEWED,
    consent_record,
    consent_withdraw,
    person_read,
    person_register,
    referral_accept,
    referral_close,
    referral_create,
    referral_decline,
    referral_read,
    referral_start,
)

__all__ = [
    "ALLOWED_STEPS",
    "EVALUATION_REMINDER_KIND",
    "EVALUATION_REMIND_DAYS",
    "GUIDANCE_VIEWED",
    "PERSON_VIEWED",
    "REFERRAL_VIEWED",
    "NetwerkError",
    "PlaceDetails",
    "charter_publish",
    "charter_sign",
    "check_member",
    "consent_record",
    "consent_withdraw",
    "evaluation_done",
    "evaluation_plan",
    "evaluations_remind_due",
    "guidance_create",
    "guidance_end",
    "guidance_hand_over",
    "guidance_leave",
    "guidance_read",
    "guidance_record_signed",
    "map_tile_host",
    "organisation_leave_network",
    "pass_on_refusal",
    "pass_on_targets",
    "person_erase_on_behalf",
    "person_export_on_behalf",
    "person_read",
    "person_register",
    "place_create",
    "place_set_published",
    "place_update",
    "referral_accept",
    "referral_close",
    "referral_create",
    "referral_decline",
    "referral_pass_on",
    "referral_read",
    "referral_start",
]
