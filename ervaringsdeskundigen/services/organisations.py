"""Linking a request to an organisation of the portal (huis.accounts.Organisation): a coordinator
links it to one that exists, or makes one from the request's data. Then the organisation's
requests can be seen together."""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from huis.accounts.models import Organisation
from huis.audit.services import log_action
from huis.core.locking import lock

from ..models import ExpertRequest
from .errors import ExpertsError


@transaction.atomic
def request_link_organisation(
    *, request: ExpertRequest, organisation: Organisation, actor: Any
) -> ExpertRequest:
    if not organisation.is_active:
        raise ExpertsError(_("This organisation is no longer active."))
    request = lock(ExpertRequest.objects.all(), request.pk)
    previous = request.organisation_id
    request.organisation = organisation
    request.save(update_fields=["organisation", "updated_at"])
    log_action(
        actor=actor,
        action="ervaringsdeskundigen.request.organisation_linked",
        obj=request,
        data={"organisation": organisation.pk, "previous": previous},
    )
    return request


@transaction.atomic
def request_unlink_organisation(*, request: ExpertRequest, actor: Any) -> ExpertRequest:
    request = lock(ExpertRequest.objects.all(), request.pk)
    previous = request.organisation_id
    request.organisation = None
    request.save(update_fields=["organisation", "updated_at"])
    log_action(
        actor=actor,
        action="ervaringsdeskundigen.request.organisation_unlinked",
        obj=request,
        data={"previous": previous},
    )
    return request


def _free_slug(name: str) -> str:
    base = slugify(name)[:70] or "organisatie"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def request_create_organisation(*, request: ExpertRequest, actor: Any) -> Organisation:
    """Make an organisation (kind: requester) from the request's name, email and phone, and link
    the request to it. A name that exists already (in any case) is linked, not made twice."""
    name = request.organisation_name.strip()
    if not name:
        raise ExpertsError(_("The request has no organisation name."))
    existing = Organisation.objects.filter(name__iexact=name).first()
    if existing is not None:
        raise ExpertsError(
            _("“%(name)s” exists already in the portal: link the request to it.") % {"name": name}
        )
    try:
        with transaction.atomic():
            organisation = Organisation.objects.create(
                name=name,
                slug=_free_slug(name),
                kind=Organisation.Kind.REQUESTER,
                email=request.contact_email,
                phone=request.contact_phone,
            )
    except IntegrityError as exc:  # made at the same moment by someone else
        raise ExpertsError(
            _("“%(name)s” exists already in the portal: link the request to it.") % {"name": name}
        ) from exc
    log_action(actor=actor, action="ervaringsdeskundigen.organisation.created", obj=organisation)
    request_link_organisation(request=request, organisation=organisation, actor=actor)
    return organisation
