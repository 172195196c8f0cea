"""The notifications' domain error."""

from huis.core.errors import DomainError


class NotificationError(DomainError):
    """A domain error with a message a person can read."""
