"""Reads of huis.places for the function apps.

Each function reaches only the claims of its own offerings: `claims_of(holder_model=Activity)`
never returns a course's enrolment, so a claim id from another function is simply not found
(404) on an activity's pages, and the other way round.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import PlaceClaim


def claims_of(*, holder_model: type[models.Model]) -> models.QuerySet[PlaceClaim]:
    """The claims of the offerings held by `holder_model` (an activity, a course, a session)."""
    holder_type = ContentType.objects.get_for_model(holder_model)
    return PlaceClaim.objects.select_related("offering").filter(offering__holder_type=holder_type)
