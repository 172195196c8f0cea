"""Writes of beeldvorming: campaigns, actions, materials, testimonies and consent.

Every function is keyword-only, runs in one transaction, writes an audit entry and raises
`BeeldvormingError` with a message a person can read when something is not allowed.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.audit.services import log_action
from huis.core.content_language import Translations, translations_apply
from huis.core.errors import DomainError
from huis.core.locking import lock

from .models import (
    Attribution,
    Campaign,
    CampaignAction,
    CampaignMaterial,
    ConsentRecord,
    Testimony,
)
from .uploads import validate_material

# The consent text a person agrees to. A new wording gets a new version; old records keep theirs.
CONSENT_TEXT_VERSION = "2026-1"
CONSENT_TEXT = _(
    "I agree that the house publishes my story on its website, in the way I chose below. "
    "Someone of the house reads it first. I can take back my consent at any time with one "
    "button on “My stories”: the story is then taken offline at once."
)


class BeeldvormingError(DomainError):
    """A change beeldvorming refuses: `message` says why, `field` names the form field."""


# --- Campaigns ---------------------------------------------------------------------------------


def _check_period(starts_on: dt.date, ends_on: dt.date) -> None:
    if ends_on < starts_on:
        raise BeeldvormingError(_("The last day cannot be before the first day."))


@transaction.atomic
def campaign_create(
    *,
    actor: Any,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    goals: str,
    target_audiences: Iterable[str] = (),
    translations: Translations | None = None,
) -> Campaign:
    _check_period(starts_on, ends_on)
    campaign = Campaign(
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        goals=goals,
        target_audiences=list(target_audiences),
        created_by=actor,
    )
    translations_apply(campaign, translations or {})
    campaign.save()
    log_action(actor=actor, action="beeldvorming.campaign_created", obj=campaign)
    return campaign


@transaction.atomic
def campaign_update(
    *,
    campaign: Campaign,
    actor: Any,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    goals: str,
    target_audiences: Iterable[str] = (),
    translations: Translations | None = None,
) -> Campaign:
    _check_period(starts_on, ends_on)
    changed = translations_apply(campaign, translations or {})
    campaign.name = name
    campaign.starts_on = starts_on
    campaign.ends_on = ends_on
    campaign.goals = goals
    campaign.target_audiences = list(target_audiences)
    campaign.save()
    log_action(
        actor=actor,
        action="beeldvorming.campaign_changed",
        obj=campaign,
        data={"fields": ["ends_on", "goals", "name", "starts_on", "target_audiences", *changed]},
    )
    return campaign


def _check_experts(experts: Iterable[Any]) -> list[Any]:
    experts = list(experts)
    for person in experts:
        if not person.has_role("expert"):
            raise BeeldvormingError(
                _("%(name)s is not an expert by experience.") % {"name": person}
            )
    return experts


@transaction.atomic
def action_create(
    *,
    campaign: Campaign,
    actor: Any,
    kind: str,
    date: dt.date,
    audience: str,
    people_reached: int,
    place: str = "",
    notes: str = "",
    follow_up: str = "",
    experts: Iterable[Any] = (),
) -> CampaignAction:
    experts = _check_experts(experts)
    action = CampaignAction.objects.create(
        campaign=campaign,
        kind=kind,
        date=date,
        place=place,
        audience=audience,
        people_reached=people_reached,
        notes=notes,
        follow_up=follow_up,
    )
    action.experts.set(experts)
    log_action(
        actor=actor,
        action="beeldvorming.action_created",
        obj=action,
        data={"campaign": campaign.pk, "experts": [e.pk for e in experts]},
    )
    return action


@transaction.atomic
def action_update(
    *,
    action: CampaignAction,
    actor: Any,
    kind: str,
    date: dt.date,
    audience: str,
    people_reached: int,
    place: str = "",
    notes: str = "",
    follow_up: str = "",
    experts: Iterable[Any] | None = None,
) -> CampaignAction:
    action.kind = kind
    action.date = date
    action.place = place
    action.audience = audience
    action.people_reached = people_reached
    action.notes = notes
    action.follow_up = follow_up
    action.save()
    if experts is not None:
        action.experts.set(_check_experts(experts))
    log_action(
        actor=actor,
        action="beeldvorming.action_changed",
        obj=action,
        data={
            "fields": [
                "audience",
                "date",
                "follow_up",
                "kind",
                "notes",
                "people_reached",
                "place",
            ]
        },
    )
    return action


@transaction.atomic
def material_add(
    *, campaign: Campaign, actor: Any, title: str, file: UploadedFile
) -> CampaignMaterial:
    """Checks the file again here: a service must be safe without the form in front of it."""
    try:
        kind = validate_material(file)
    except ValidationError as exc:
        raise BeeldvormingError(exc.messages[0]) from exc
    material = CampaignMaterial(
        campaign=campaign,
        title=title,
        file_kind=kind,
        original_name=(file.name or "")[:200],
        size=file.size,
        uploaded_by=actor,
    )
    material.file.save(file.name, file, save=False)
    try:
        material.save()
    except Exception:
        # The row was not written: the stored file must not stay behind.
        material.file.storage.delete(material.file.name)
        raise
    log_action(
        actor=actor,
        action="beeldvorming.material_added",
        obj=material,
        data={"campaign": campaign.pk, "kind": kind, "size": material.size},
    )
    return material


@transaction.atomic
def material_delete(*, material: CampaignMaterial, actor: Any) -> None:
    log_action(
        actor=actor,
        action="beeldvorming.material_deleted",
        obj=material,
        data={"campaign": material.campaign_id},
    )
    stored = material.file.name
    storage = material.file.storage
    material.delete()
    transaction.on_commit(lambda: storage.delete(stored))


# --- Testimonies and consent -------------------------------------------------------------------


def _record_consent(
    *, testimony: Testimony, person: Any, attribution: str, shown_name: str
) -> ConsentRecord:
    if attribution not in Attribution.values:
        raise BeeldvormingError(_("Choose how we may show your name."))
    shown_name = shown_name.strip()
    if attribution == Attribution.ANONYMOUS:
        shown_name = ""
    elif not shown_name:
        raise BeeldvormingError(_("Write the name we may show with your story."))
    return ConsentRecord.objects.create(
        testimony=testimony,
        person=person,
        action=ConsentRecord.Action.GIVEN,
        purpose=ConsentRecord.Purpose.WEBSITE,
        attribution=attribution,
        shown_name=shown_name,
        text_version=CONSENT_TEXT_VERSION,
    )


@transaction.atomic
def testimony_create(
    *,
    author: Any,
    title: str,
    body: str,
    attribution: str,
    shown_name: str = "",
    language: str = "nl",
) -> Testimony:
    """A new story, in the author's language (`language`: the one they wrote it in)."""
    if not (author.has_role("visitor") or author.has_role("expert")):
        raise BeeldvormingError(_("Only visitors and experts by experience can share a story."))
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    testimony = Testimony.objects.create(
        author=author, title=title.strip(), body=body.strip(), language=language
    )
    testimony.consent = _record_consent(
        testimony=testimony, person=author, attribution=attribution, shown_name=shown_name
    )
    testimony.save(update_fields=["consent", "updated_at"])
    log_action(
        actor=author,
        action="beeldvorming.testimony_submitted",
        obj=testimony,
        data={"attribution": attribution, "consent": testimony.consent.pk},
    )
    return testimony


@transaction.atomic
def testimony_update(*, testimony: Testimony, actor: Any, title: str, body: str) -> Testimony:
    """The author changes their story. A changed story is read again before it is public."""
    testimony = lock(Testimony.objects.all(), testimony.pk)
    if testimony.author_id != actor.pk:
        raise BeeldvormingError(_("Only the person who wrote this story can change it."))
    if testimony.status == Testimony.Status.WITHDRAWN:
        raise BeeldvormingError(_("Give your consent again before you change this story."))
    testimony.title = title.strip()
    testimony.body = body.strip()
    testimony.status = Testimony.Status.SUBMITTED
    testimony.published_at = None
    testimony.save()
    log_action(actor=actor, action="beeldvorming.testimony_changed", obj=testimony)
    return testimony


@transaction.atomic
def testimony_give_consent(
    *, testimony: Testimony, actor: Any, attribution: str, shown_name: str = ""
) -> Testimony:
    """Give consent again, or change the name shown. The story goes back to review."""
    testimony = lock(Testimony.objects.all(), testimony.pk)
    if testimony.author_id != actor.pk:
        raise BeeldvormingError(_("Only the person who wrote this story can give consent."))
    testimony.consent = _record_consent(
        testimony=testimony, person=actor, attribution=attribution, shown_name=shown_name
    )
    testimony.status = Testimony.Status.SUBMITTED
    testimony.published_at = None
    testimony.save()
    log_action(
        actor=actor,
        action="beeldvorming.consent_given",
        obj=testimony,
        data={"attribution": attribution, "consent": testimony.consent.pk},
    )
    return testimony


@transaction.atomic
def testimony_withdraw_consent(*, testimony: Testimony, actor: Any) -> Testimony:
    """One button: the story goes offline in this same transaction."""
    testimony = lock(Testimony.objects.all(), testimony.pk)
    if testimony.author_id != actor.pk:
        raise BeeldvormingError(_("Only the person who wrote this story can take back consent."))
    if testimony.status == Testimony.Status.WITHDRAWN:
        return testimony
    testimony.consent = ConsentRecord.objects.create(
        testimony=testimony,
        person=actor,
        action=ConsentRecord.Action.WITHDRAWN,
        purpose=ConsentRecord.Purpose.WEBSITE,
        text_version=CONSENT_TEXT_VERSION,
    )
    testimony.status = Testimony.Status.WITHDRAWN
    testimony.published_at = None
    testimony.save()
    log_action(
        actor=actor,
        action="beeldvorming.consent_withdrawn",
        obj=testimony,
        data={"consent": testimony.consent.pk},
    )
    return testimony


@transaction.atomic
def testimony_publish(*, testimony: Testimony, actor: Any) -> Testimony:
    testimony = lock(Testimony.objects.select_related("consent"), testimony.pk, of=("self",))
    if not testimony.has_consent:
        raise BeeldvormingError(_("This story has no consent: it cannot be published."))
    if testimony.status == Testimony.Status.PUBLISHED:
        raise BeeldvormingError(_("This story is already published."))
    testimony.status = Testimony.Status.PUBLISHED
    testimony.published_at = timezone.now()
    testimony.reviewed_by = actor
    testimony.review_note = ""
    testimony.save()
    log_action(actor=actor, action="beeldvorming.testimony_published", obj=testimony)
    return testimony


@transaction.atomic
def testimony_decline(*, testimony: Testimony, actor: Any, note: str = "") -> Testimony:
    """Do not publish (or take offline). The note tells the author why."""
    testimony = lock(Testimony.objects.all(), testimony.pk)
    if testimony.status == Testimony.Status.WITHDRAWN:
        raise BeeldvormingError(_("The author took back consent: there is nothing to decide."))
    testimony.status = Testimony.Status.NOT_PUBLISHED
    testimony.published_at = None
    testimony.reviewed_by = actor
    testimony.review_note = note.strip()
    testimony.save()
    log_action(actor=actor, action="beeldvorming.testimony_declined", obj=testimony)
    return testimony
