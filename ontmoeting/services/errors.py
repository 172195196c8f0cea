"""The errors of ontmoeting's services: one for every refusal, carrying a translated message."""

from django.utils.translation import gettext as _

from huis.core.errors import DomainError
from huis.places.models import PlaceClaim


class ActivityError(DomainError):
    """A change to the programme or a sign-up that cannot be made; the message says why."""


class AlreadyRegistered(ActivityError):
    """The person (by account, email address or phone number) already has a sign-up: `claim`."""

    def __init__(self, claim: PlaceClaim):
        self.claim = claim
        super().__init__(_("You are already signed up for this."))
