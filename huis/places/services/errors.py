"""What goes wrong with a sign-up, said to the person who tried."""

from django.utils.translation import gettext as _

from huis.core.errors import DomainError

from ..models import PlaceClaim


class PlaceError(DomainError):
    """A sign-up change that cannot be made, with a message for the person who tried."""


class AlreadySignedUp(PlaceError):
    def __init__(self, claim: PlaceClaim):
        self.claim = claim
        super().__init__(_("You are already signed up for this."))
