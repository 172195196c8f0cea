"""The one mechanism for limited places: sign up, wait, get a place, give it back.

Every change runs in a transaction that first locks the offering's row (huis.core.locking, with
a lock timeout: a lock held too long answers "busy, try again" instead of hanging a worker), so
sign-ups for one offering happen one after the other and the count of places taken is always
right. The database's check constraint (`taken <= capacity`) is the last guard.

When a place goes to someone who was waiting, `claim_promoted` is sent inside the transaction:
the function app that owns the offering tells the person (huis.places does not know what an
activity or a course is).

One module per entity: `offerings` (the places and who gets one that comes free), `claims` (a
person's sign-up), `lapses` (offers not taken in time), `links` (signed links to act without
logging in); every public name is importable from here.
"""

from .claims import (
    claim_accept_offer,
    claim_cancel,
    claim_create,
    claim_move_up,
    claim_set_attendance,
    normalise_phone,
)
from .errors import AlreadySignedUp, PlaceError
from .lapses import NEXT_LAPSE_KEY, NEXT_LAPSE_TIMEOUT, offers_expire, offers_expire_if_due
from .links import TOKEN_SALT, claim_from_token, claim_make_token
from .offerings import (
    OfferingSettings,
    claim_promoted,
    offering_configure,
    offering_for,
    offering_set_open,
)

__all__ = [
    "NEXT_LAPSE_KEY",
    "NEXT_LAPSE_TIMEOUT",
    "TOKEN_SALT",
    "AlreadySignedUp",
    "OfferingSettings",
    "PlaceError",
    "claim_accept_offer",
    "claim_cancel",
    "claim_create",
    "claim_from_token",
    "claim_make_token",
    "claim_move_up",
    "claim_promoted",
    "claim_set_attendance",
    "normalise_phone",
    "offering_configure",
    "offering_for",
    "offering_set_open",
    "offers_expire",
    "offers_expire_if_due",
]
