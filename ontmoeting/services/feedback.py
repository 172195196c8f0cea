"""Feedback after an activity: one tap on a face from the day-after message, anonymous.

No audit entry is written on purpose: an entry's time and the sign-up it names would tell who
gave which answer. Once per person and activity: `voter` is an HMAC of the activity and the
person's pseudonymous key (huis.core.report.people), unique per activity.
"""

import hashlib
import hmac

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.core.report.people import person_key, secret
from huis.places.models import PlaceClaim

from ..models import Activity, ActivityFeedback
from .errors import ActivityError

MAX_COMMENT = 500


def _voter(*, claim: PlaceClaim, activity: Activity) -> str:
    person = (
        person_key(
            email=claim.user.email if claim.user_id else claim.email,
            phone_digits=claim.phone_digits,
            user_id=claim.user_id,
        )
        or f"claim:{claim.pk}"
    )
    raw = f"feedback:{activity.pk}:{person}".encode()
    return hmac.new(secret(), raw, hashlib.sha256).hexdigest()[:32]


def feedback_refusal(*, claim: PlaceClaim, activity: Activity) -> str:
    """Why this sign-up cannot give feedback now ("" when it can): the one rule for the page
    and the service."""
    if activity.status != Activity.Status.PUBLISHED:
        return _("This activity did not take place.")
    if activity.ends_at > timezone.now():
        return _("You can tell us how it was after the activity.")
    if claim.status != PlaceClaim.Status.CONFIRMED:
        return _("Only people who had a place can answer.")
    if ActivityFeedback.objects.filter(
        activity=activity, voter=_voter(claim=claim, activity=activity)
    ).exists():
        return _("You already told us how it was. Thank you!")
    return ""


def feedback_give(
    *, claim: PlaceClaim, activity: Activity, face: int, comment: str = ""
) -> ActivityFeedback:
    if face not in ActivityFeedback.Face.values:
        raise ActivityError(_("Choose one of the three faces."), field="face")
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise ActivityError(
            _("Keep it to %(n)s characters, please.") % {"n": MAX_COMMENT}, field="comment"
        )
    refusal = feedback_refusal(claim=claim, activity=activity)
    if refusal:
        raise ActivityError(refusal)
    try:
        with transaction.atomic():
            return ActivityFeedback.objects.create(
                activity=activity,
                face=face,
                comment=comment,
                voter=_voter(claim=claim, activity=activity),
            )
    except IntegrityError as exc:  # the same person tapped twice at once
        raise ActivityError(_("You already told us how it was. Thank you!")) from exc
