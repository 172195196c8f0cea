"""The network's refusal, and the check every write for an organisation starts with."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from huis.accounts.access import organisation_ids
from huis.accounts.models import Organisation
from huis.core.errors import DomainError


class NetwerkError(DomainError):
    """A change to the network that cannot be made; `message` says why, `field` names the field."""


def check_member(actor: Any, organisation: Organisation, *, field: str = "organisation") -> None:
    if organisation.pk not in organisation_ids(actor):
        raise NetwerkError(_("You can only act for an organisation you work for."), field=field)
