"""Every write of vrijwilligers. Callers write `services.shift_sign_up(...)`."""

from .applications import application_accept, application_decline, application_submit
from .errors import NeedsConfirmation, VolunteersError
from .hours import ALLOWANCE_SOURCE, hours_confirm, hours_quote, hours_report, register_totals
from .shifts import (
    ShiftData,
    claim_of,
    on_claim_promoted,
    series_create,
    shift_cancel,
    shift_create,
    shift_give_back,
    shift_sign_up,
    shift_update,
    sign_up_refusal,
)
from .swaps import swap_ask, swap_take, swap_withdraw
from .volunteers import (
    VolunteerDetails,
    volunteer_deactivate,
    volunteer_reactivate,
    volunteer_renew_feed,
    volunteer_update,
)

__all__ = [
    "ALLOWANCE_SOURCE",
    "NeedsConfirmation",
    "ShiftData",
    "VolunteerDetails",
    "VolunteersError",
    "application_accept",
    "application_decline",
    "application_submit",
    "claim_of",
    "hours_confirm",
    "hours_quote",
    "hours_report",
    "on_claim_promoted",
    "register_totals",
    "series_create",
    "shift_cancel",
    "shift_create",
    "shift_give_back",
    "shift_sign_up",
    "shift_update",
    "sign_up_refusal",
    "swap_ask",
    "swap_take",
    "swap_withdraw",
    "volunteer_deactivate",
    "volunteer_reactivate",
    "volunteer_renew_feed",
    "volunteer_update",
]
