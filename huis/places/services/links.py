"""Signed links: cancel a sign-up or accept an offer without logging in."""

from datetime import datetime

from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import PlaceClaim
from .errors import PlaceError

TOKEN_SALT = "huis.places.claim"


def claim_make_token(*, claim: PlaceClaim, valid_until: datetime) -> str:
    return signing.dumps({"c": claim.pk, "u": int(valid_until.timestamp())}, salt=TOKEN_SALT)


def claim_from_token(*, token: str, now: datetime | None = None) -> PlaceClaim:
    """The claim a signed link is for. PlaceError for a changed, broken or expired link."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
        claim_id, until = int(data["c"]), int(data["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise PlaceError(_("This link is not valid. Check that you copied all of it.")) from exc
    if (now or timezone.now()).timestamp() > until:
        raise PlaceError(_("This link has expired."))
    claim = PlaceClaim.objects.select_related("offering").filter(pk=claim_id).first()
    if claim is None:
        raise PlaceError(_("This link is not valid. Check that you copied all of it."))
    return claim
