"""The errors of ervaringsdeskundigen's services: the core's `DomainError` (a translated message,
optionally the form field it is about), so every view shows them the one shared way."""

from huis.core.errors import DomainError


class ExpertsError(DomainError):
    """A change that cannot be made; the message (translated) says why."""


class NeedsConfirmation(ExpertsError):
    """The change is possible, but a person must first read the warning and confirm."""

    status = 409


class Gone(ExpertsError):
    """What the change is about is not there (any more): a link to something deleted."""

    status = 404
