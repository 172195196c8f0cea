"""The network itself: its organisations, the charter, who signed which version."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from huis.accounts.access import is_coordinator
from huis.accounts.models import Membership, Organisation

from ..models import Charter, CharterSignature
from ..permissions import signing_organisation_ids


def network_organisations() -> QuerySet[Organisation]:
    """The organisations of the network that are still in it: the house and its partners."""
    return Organisation.objects.filter(
        is_active=True, kind__in=[Organisation.Kind.HOUSE, Organisation.Kind.PARTNER]
    ).order_by("name")


def organisations_that_may_leave(*, user: Any) -> QuerySet[Organisation]:
    """The partners a coordinator may record as leaving the network (never the house itself);
    none for anyone else."""
    if not is_coordinator.test(user):
        return Organisation.objects.none()
    return network_organisations().exclude(kind=Organisation.Kind.HOUSE)


def current_charter() -> Charter | None:
    return Charter.objects.filter(published_at__isnull=False).order_by("-version").first()


def charter_versions() -> QuerySet[Charter]:
    return Charter.objects.filter(published_at__isnull=False).order_by("-version")


def organisations_to_sign(*, user: Any) -> list[Organisation]:
    """The organisations `user` signs for whose signature of the current version is missing."""
    ids = signing_organisation_ids(user)
    charter = current_charter()
    if not ids or charter is None:
        return []
    return list(
        Organisation.objects.filter(pk__in=ids)
        .exclude(charter_signatures__charter=charter)
        .order_by("name")
    )


@dataclass(frozen=True)
class Member:
    organisation: Organisation
    contacts: list[Any]
    signed_version: int | None
    signed_at: Any
    signed_current: bool


def network_members() -> list[Member]:
    """Who does what: the organisations of the network, their contact persons and the charter
    version each signed last. Three queries for any number of organisations."""
    charter = current_charter()
    contacts = Membership.objects.filter(
        Q(function__in=[Membership.Function.CONTACT, Membership.Function.MANAGER])
        | Q(is_contact_person=True),
        ended_on__isnull=True,
        user__is_active=True,
    ).select_related("user")
    organisations = network_organisations().prefetch_related(
        Prefetch("memberships", queryset=contacts, to_attr="contact_memberships"),
        Prefetch(
            "charter_signatures",
            queryset=CharterSignature.objects.select_related("charter").order_by(
                "-charter__version"
            ),
            to_attr="signatures_newest_first",
        ),
    )
    members = []
    for organisation in organisations:
        last = (
            organisation.signatures_newest_first[0]
            if organisation.signatures_newest_first
            else None
        )
        members.append(
            Member(
                organisation=organisation,
                contacts=list(organisation.contact_memberships),
                signed_version=last.charter.version if last else None,
                signed_at=last.signed_at if last else None,
                signed_current=bool(last and charter and last.charter_id == charter.pk),
            )
        )
    return members


def signatures_of(*, charter: Charter) -> QuerySet[CharterSignature]:
    return charter.signatures.select_related("organisation").order_by("organisation__name")
