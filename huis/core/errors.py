"""The one domain error every function's services raise.

A service that refuses a change raises a subclass of `DomainError` with a message in the
person's language and, when the refusal is about one field of a form, that field's name. Views
show it next to the field (`huis.core.service_views.apply_service_error`) or as a message.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A change that cannot be made: `message` says why, `field` names the form field."""

    status = 400

    def __init__(self, message: Any, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class Busy(DomainError):
    """Someone else is changing the same thing right now: nothing was saved, try again."""

    status = 409

    def __init__(self, message: Any = None, *, field: str | None = None):
        super().__init__(
            message or _("Someone else is changing this right now. Please try again in a moment."),
            field=field,
        )
