"""The coordinators' week and month boards, kept in the cache with exact invalidation
(`huis.core.versioned_cache`): a board of a busy month draws hundreds of shifts and their people,
so it is drawn once per change, not once per view.

One scope, BOARD_SCOPE, bumped by every save or delete of a shift, a place claim (a volunteer
taking, giving back or being promoted to a shift) and an account's name; plus the places engine's
own "places" scope (bumped by every change of places and by the erasure of a claim's contact
details). The guard test (tests/core/test_versioned_cache.py) fails when the board reads a table
that is not declared here.
"""

from typing import Any

from huis.core.versioned_cache import Cached, watch

BOARD_SCOPE = "vrijwilligers-board"
TIMEOUT = 600  # seconds: bounds only what a change made past the application leaves behind
BOARD = Cached(
    "vrijwilligers:board",
    scopes=("places", BOARD_SCOPE),
    timeout=TIMEOUT,
    code=("vrijwilligers", "huis.places.models", "huis.accounts.models"),
)


def _not_a_login(*, instance: Any, update_fields: Any) -> bool:
    return update_fields is None or not set(update_fields) <= {"last_login"}


def connect() -> None:
    from django.contrib.auth import get_user_model

    from huis.places.models import PlaceClaim

    from .models import Shift

    watch(Shift, PlaceClaim, scopes=[BOARD_SCOPE])
    watch(get_user_model(), scopes=[BOARD_SCOPE], when=_not_a_login)
