"""The refusals of vrijwilligers."""

from huis.core.errors import DomainError


class VolunteersError(DomainError):
    """A change that cannot be made; `message` says why, `field` names the form field."""


class NeedsConfirmation(VolunteersError):
    """The allowance would be lowered to stay under a cap: the coordinator must confirm."""
