"""The refusal of trajecten."""

from huis.core.errors import DomainError


class TrajectenError(DomainError):
    """A change that cannot be made; `message` says why, `field` names the form field."""
