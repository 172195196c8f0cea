"""Beeldvorming's part of "download my data" and "delete my account".

- Export: the person's stories (text, status) and every consent decision they made.
- Erase: their stories go offline and are deleted with their consent records (the stories are
  theirs; the house's reach figures do not count stories).
"""

from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.core.registry import PersonalDataProvider, register_personal_data

from .models import CampaignAction, ConsentRecord, Testimony


def _iso(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def export(user: Any) -> dict:
    stories = [
        {
            "title": t.title,
            "story": t.body,
            "status": t.status,
            "written_at": _iso(t.created_at),
            "published_at": _iso(t.published_at),
        }
        for t in Testimony.objects.filter(author=user).order_by("created_at", "pk")
    ]
    consent = [
        {
            "story": c.testimony.title,
            "decision": c.action,
            "purpose": c.purpose,
            "name_shown": c.attribution,
            "shown_name": c.shown_name,
            "text_version": c.text_version,
            "at": _iso(c.created_at),
        }
        for c in ConsentRecord.objects.filter(person=user)
        .select_related("testimony")
        .order_by("created_at", "pk")
    ]
    actions = [
        {
            "campaign": a.campaign.name,
            "action": str(a.get_kind_display()),
            "date": a.date.isoformat(),
        }
        for a in CampaignAction.objects.filter(experts=user).select_related("campaign")
    ]
    return {"stories": stories, "consent": consent, "campaign_actions": actions}


def erase(user: Any) -> None:
    stories = Testimony.objects.filter(author=user)
    # The latest-consent pointer protects consent records; clear it, then delete both.
    stories.update(consent=None, status=Testimony.Status.WITHDRAWN, published_at=None)
    ConsentRecord.objects.filter(testimony__author=user).delete()
    ConsentRecord.objects.filter(person=user).delete()
    stories.delete()
    for action in CampaignAction.objects.filter(experts=user):
        action.experts.remove(user)


def register() -> None:
    register_personal_data(
        PersonalDataProvider(
            name="beeldvorming",
            label=_("Stories: what you wrote and your consent"),
            export=export,
            erase=erase,
            order=30,
        )
    )
