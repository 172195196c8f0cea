class ExpertsError(Exception):
    """A change that cannot be made; the message (translated) says why."""


class NeedsConfirmation(ExpertsError):
    """The change is possible, but a person must first read the warning and confirm."""
