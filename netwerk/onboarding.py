"""The network's step in an organisation's onboarding (issue #25): has the organisation signed
the charter in force? Registered in the core (huis.core.registry.register_onboarding_step), so
the people and organisations page shows it without importing the network."""

from typing import Any

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from huis.core.registry import OnboardingState

from .models import CharterSignature
from .permissions import signing_organisation_ids
from .selectors import current_charter


def _day(moment: Any) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y")


def charter_states(organisations: list, user: Any) -> dict[int, OnboardingState]:
    """Two queries for any number of organisations: the charter in force, and the newest
    signature of each organisation."""
    charter = current_charter()
    if charter is None:
        return {
            o.pk: OnboardingState(done=True, text=_("There is no charter yet."))
            for o in organisations
        }
    newest: dict[int, CharterSignature] = {}
    signatures = (
        CharterSignature.objects.filter(organisation__in=[o.pk for o in organisations])
        .select_related("charter")
        .order_by("organisation_id", "-charter__version")
    )
    for signature in signatures:
        newest.setdefault(signature.organisation_id, signature)
    may_sign = signing_organisation_ids(user)
    charter_url = reverse("netwerk:charter")
    states = {}
    for organisation in organisations:
        signature = newest.get(organisation.pk)
        if signature is not None and signature.charter_id == charter.pk:
            states[organisation.pk] = OnboardingState(
                done=True,
                text=_("Charter signed on %(day)s by %(name)s (version %(version)s).")
                % {
                    "day": _day(signature.signed_at),
                    "name": signature.signed_by_name or "–",
                    "version": charter.version,
                },
            )
            continue
        if signature is not None:
            text = _(
                "Version %(old)s signed on %(day)s; version %(version)s is not signed yet."
            ) % {
                "old": signature.charter.version,
                "day": _day(signature.signed_at),
                "version": charter.version,
            }
        else:
            text = _("Charter not signed yet.")
        if organisation.pk in may_sign:
            states[organisation.pk] = OnboardingState(
                done=False,
                text=text,
                action_url=charter_url,
                action_label=_("Read and sign the charter"),
            )
        else:
            states[organisation.pk] = OnboardingState(
                done=False,
                text=text,
                action_url=charter_url,
                action_label=_("The contact person reads and signs it on the charter page"),
            )
    return states
