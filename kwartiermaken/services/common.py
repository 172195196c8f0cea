"""What the writes of kwartiermaken share: their error, and the check that a worker logs work
only for an organisation they work for."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from huis.accounts.access import organisation_ids
from huis.accounts.models import Organisation
from huis.core.errors import DomainError


class KwartiermakenError(DomainError):
    """A change kwartiermaken refuses: `message` says why, `field` names the form field."""


def check_organisation(actor: Any, organisation: Organisation) -> None:
    if organisation.pk not in organisation_ids(actor):
        raise KwartiermakenError(
            _("You can only log work for an organisation you work for."), field="organisation"
        )


def changed_fields(obj: Any, before: dict[str, Any]) -> list[str]:
    """The names of the fields whose stored value differs from `before` (see `stored_values`)."""
    return sorted(
        name for name, value in stored_values(obj, before).items() if value != before[name]
    )


def stored_values(obj: Any, names: Any) -> dict[str, Any]:
    """The values of `names` as stored (a foreign key as its id: no query)."""
    return {name: getattr(obj, obj._meta.get_field(name).attname) for name in names}
