"""The house's organizer in UiTdatabank: searched by name (Search API /organizers, as publiq's
guide "Finding and reusing existing organizers" asks), chosen by staff, or created (POST
/organizers) only when none fits. The setting UITDATABANK_ORGANIZER_ID stays as a fallback."""

from typing import Any

from django.conf import settings
from django.db import transaction

from huis.audit.services import log_action

from . import client
from .models import HouseOrganizer


def current_organizer_id() -> str:
    chosen = HouseOrganizer.objects.filter(pk=1).values_list("organizer_id", flat=True).first()
    return chosen or settings.UITDATABANK_ORGANIZER_ID


def _name(member: dict) -> str:
    name = member.get("name")
    if isinstance(name, dict):
        return str(name.get("nl") or next(iter(name.values()), ""))
    return str(name or "")


def organizer_search(*, name: str) -> list[tuple[str, str]]:
    """(id, name) of existing UiTdatabank organizers whose name matches."""
    answer = client.search("/organizers/", {"name": name, "embed": "true", "limit": "10"})
    found = []
    for member in (answer.data or {}).get("member") or []:
        at_id = str(member.get("@id") or "")
        if "/organizers/" in at_id:
            found.append((at_id.rstrip("/").rsplit("/", 1)[-1], _name(member)))
    return found


def organizer_choose(*, organizer_id: str, name: str, actor: Any, request: Any = None) -> None:
    with transaction.atomic():
        organizer, _new = HouseOrganizer.objects.update_or_create(
            pk=1, defaults={"organizer_id": organizer_id, "name": name}
        )
        log_action(
            actor=actor,
            action="uitdatabank.organizer_chosen",
            obj=organizer,
            data={"created_in_uitdatabank": False},
            request=request,
        )


def organizer_create(*, name: str, url: str, actor: Any, request: Any = None) -> str:
    """Create the organizer in UiTdatabank (a body as organizer.json asks) and choose it."""
    body = {"mainLanguage": "nl", "name": {"nl": name}, "url": url}
    answer = client.call("POST", "/organizers", body)
    organizer_id = str((answer.data or {}).get("id") or (answer.data or {}).get("organizerId"))
    with transaction.atomic():
        organizer, _new = HouseOrganizer.objects.update_or_create(
            pk=1, defaults={"organizer_id": organizer_id, "name": name}
        )
        log_action(
            actor=actor,
            action="uitdatabank.organizer_chosen",
            obj=organizer,
            data={"created_in_uitdatabank": True},
            request=request,
        )
    return organizer_id
