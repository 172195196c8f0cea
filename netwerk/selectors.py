"""Reads of the partner network, each for an acting user and with a fixed number of queries.

Lists of referrals and guidance pass `permissions.referrals_narrowed` / `guidance_narrowed`.
Whether a receiver may see a person's details is decided here, on every read, from the consent:
a withdrawal stops the sharing at once, without touching the referral.
"""

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet

from huis.accounts.access import is_coordinator, organisation_ids
from huis.accounts.models import Membership, Organisation

from .models import (
    Charter,
    CharterSignature,
    Consent,
    ConsentWithdrawal,
    GuidanceAgreement,
    GuidanceEvaluation,
    GuidanceHandover,
    Person,
    Referral,
    ReferralEvent,
    WelcomingPlace,
)
from .models.places import PlaceKind
from .permissions import (
    guidance_narrowed,
    is_worker,
    referrals_narrowed,
    signing_organisation_ids,
)

PAGE_SIZE = 25


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


def consent_is_active(consent: Consent) -> bool:
    """True until the person withdraws it. Uses a select_related withdrawal when there is one."""
    try:
        consent.withdrawal  # noqa: B018 - the reverse one-to-one; cached when select_related
    except ConsentWithdrawal.DoesNotExist:
        return True
    return False


def active_consent_q(prefix: str = "consent") -> Q:
    """`consent_is_active` as a filter, for lists of rows that point at a consent (no query per
    row): `prefix` is the path to the consent (`"consent"`, `"application__consent"`; `""` for
    a list of consents itself)."""
    return Q(**{f"{prefix}__withdrawal__isnull" if prefix else "withdrawal__isnull": True})


def active_consents_recorded_by(*, user: Any) -> QuerySet[Consent]:
    """Consents the user's organisations recorded and that still stand (for another function
    to base its work on, such as an application in trajecten)."""
    return (
        Consent.objects.filter(recorded_by_organisation__in=organisation_ids(user))
        .filter(active_consent_q(""))
        .select_related("person", "recorded_by_organisation")
        .order_by("person__alias", "-recorded_at")
    )


def may_see_person_details(*, user: Any, referral: Referral) -> bool:
    """Who may read the person's alias, contact, question and what is needed.

    The organisation that registered the person (the sender) always: it holds its own record.
    The receiver only while the consent is active and names it. Nobody else, coordinators
    included: they follow the referral (organisations, status, history), not the person.
    """
    orgs = organisation_ids(user)
    if referral.from_organisation_id in orgs and referral.person.organisation_id in orgs:
        return True
    if referral.to_organisation_id not in orgs or not consent_is_active(referral.consent):
        return False
    return any(o.pk == referral.to_organisation_id for o in referral.consent.organisations.all())


# --- Charter ---------------------------------------------------------------------------------


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


# --- Referrals -------------------------------------------------------------------------------

REFERRAL_BOXES = ("in", "out", "all")


@dataclass(frozen=True)
class ReferralFilter:
    box: str = "in"
    status: str = ""


def referrals_for(*, user: Any) -> QuerySet[Referral]:
    return referrals_narrowed(
        user,
        Referral.objects.select_related(
            "person",
            "consent",
            "consent__withdrawal",
            "from_organisation",
            "to_organisation",
            "from_worker",
        ),
    )


def referral_page(*, user: Any, filters: ReferralFilter, page: str | int = 1):
    """One page of the inbox (received), the sent list, or (coordinators) all referrals."""
    queryset = referrals_for(user=user)
    orgs = organisation_ids(user)
    if filters.box == "in":
        queryset = queryset.filter(to_organisation__in=orgs)
    elif filters.box == "out":
        queryset = queryset.filter(from_organisation__in=orgs)
    if filters.status in Referral.Status.values:
        queryset = queryset.filter(status=filters.status)
    queryset = queryset.prefetch_related("consent__organisations").order_by("-created_at", "-pk")
    paginator = Paginator(queryset, PAGE_SIZE)
    page_obj = paginator.get_page(page)
    rows = [
        {
            "referral": referral,
            "show_person": may_see_person_details(user=user, referral=referral),
            "consent_active": consent_is_active(referral.consent),
        }
        for referral in page_obj.object_list
    ]
    return page_obj, rows


def inbox_counts(*, user: Any) -> dict[str, int]:
    """How many referrals wait for the user's organisations, and how many they sent are open."""
    orgs = organisation_ids(user)
    if not orgs or not is_worker.test(user):
        return {"waiting": 0, "open_sent": 0}
    result = Referral.objects.aggregate(
        waiting=Count("pk", filter=Q(to_organisation__in=orgs, status=Referral.Status.SENT)),
        open_sent=Count(
            "pk", filter=Q(from_organisation__in=orgs, status__in=Referral.OPEN_STATUSES)
        ),
    )
    return result


def referral_with_details(*, user: Any) -> QuerySet[Referral]:
    """For fetch_for: the referral, its consent (with withdrawal) and its history."""
    return referrals_for(user=user).prefetch_related(
        "consent__organisations",
        Prefetch(
            "events",
            queryset=ReferralEvent.objects.select_related("by", "organisation").order_by(
                "at", "pk"
            ),
        ),
    )


# --- Persons ---------------------------------------------------------------------------------


def persons_for(*, user: Any) -> QuerySet[Person]:
    """Persons the user may see in full: registered by their own organisation, nobody else's."""
    queryset = Person.objects.select_related("organisation", "created_by")
    if not is_worker.test(user):
        return queryset.none()
    return queryset.filter(organisation__in=organisation_ids(user))


def person_with_details(*, user: Any) -> QuerySet[Person]:
    return persons_for(user=user).prefetch_related(
        Prefetch(
            "consents",
            queryset=Consent.objects.select_related("withdrawal", "recorded_by")
            .prefetch_related("organisations")
            .order_by("-recorded_at", "-pk"),
        ),
        Prefetch(
            "referrals",
            queryset=Referral.objects.select_related("to_organisation").order_by("-created_at"),
        ),
        Prefetch(
            "guidance_agreements",
            queryset=GuidanceAgreement.objects.select_related("lead_organisation"),
        ),
    )


def person_for_guidance(*, user: Any, referral: Referral | None, person_id: int | None):
    """The person a worker may start guidance for: one their organisation registered, or the
    person of a referral their organisation accepted, while that consent is active."""
    if referral is not None:
        if referral.status not in (Referral.Status.ACCEPTED, Referral.Status.IN_PROGRESS):
            return None
        if not may_see_person_details(user=user, referral=referral):
            return None
        return referral.person
    if person_id is None:
        return None
    return persons_for(user=user).filter(pk=person_id).first()


# --- Guidance --------------------------------------------------------------------------------


def guidance_for(*, user: Any) -> QuerySet[GuidanceAgreement]:
    return guidance_narrowed(
        user,
        GuidanceAgreement.objects.select_related(
            "person", "lead_organisation", "previous_lead_organisation"
        ).prefetch_related("partners"),
    )


def guidance_list(*, user: Any, status: str = GuidanceAgreement.Status.ACTIVE):
    queryset = guidance_for(user=user)
    if status in GuidanceAgreement.Status.values:
        queryset = queryset.filter(status=status)
    return queryset.order_by("ends_on", "pk")


def guidance_without_lead(*, user: Any) -> QuerySet[GuidanceAgreement]:
    """Open guidance whose lead partner withdrew and that nobody took over yet (coordinators)."""
    if not is_coordinator.test(user):
        return GuidanceAgreement.objects.none()
    return (
        guidance_for(user=user)
        .filter(status=GuidanceAgreement.Status.ACTIVE, lead_organisation__isnull=True)
        .order_by("lead_withdrawn_at", "pk")
    )


def guidance_with_details(*, user: Any) -> QuerySet[GuidanceAgreement]:
    return guidance_for(user=user).prefetch_related(
        Prefetch(
            "evaluations",
            queryset=GuidanceEvaluation.objects.select_related("done_by").order_by("planned_on"),
        ),
        Prefetch(
            "handovers",
            queryset=GuidanceHandover.objects.select_related(
                "from_organisation", "to_organisation", "by"
            ),
        ),
    )


def evaluations_for(*, user: Any) -> QuerySet[GuidanceEvaluation]:
    return GuidanceEvaluation.objects.filter(
        agreement__in=guidance_for(user=user).values("pk")
    ).select_related("agreement")


def upcoming_evaluations(*, user: Any, limit: int = 5) -> list[GuidanceEvaluation]:
    from django.utils import timezone

    return list(
        evaluations_for(user=user)
        .filter(done_at__isnull=True, planned_on__gte=timezone.localdate())
        .select_related("agreement__person")
        .order_by("planned_on")[:limit]
    )


# --- Welcoming places --------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceFilter:
    kind: str = ""
    municipality: str = ""
    query: str = ""
    wheelchair: bool = False


def published_places(*, filters: PlaceFilter | None = None) -> QuerySet[WelcomingPlace]:
    filters = filters or PlaceFilter()
    queryset = WelcomingPlace.objects.filter(is_published=True).select_related("partner")
    if filters.kind in PlaceKind.values:
        queryset = queryset.filter(kind=filters.kind)
    if filters.municipality:
        queryset = queryset.filter(municipality__iexact=filters.municipality)
    if filters.query:
        queryset = queryset.filter(
            Q(name__icontains=filters.query) | Q(offer__icontains=filters.query)
        )
    if filters.wheelchair:
        queryset = queryset.filter(wheelchair_accessible=True)
    return queryset.order_by("name", "pk")


def municipalities() -> list[str]:
    return list(
        WelcomingPlace.objects.filter(is_published=True)
        .order_by("municipality")
        .values_list("municipality", flat=True)
        .distinct()
    )


def places_to_manage(*, user: Any) -> QuerySet[WelcomingPlace]:
    queryset = WelcomingPlace.objects.select_related("partner").order_by("name", "pk")
    if is_coordinator.test(user):
        return queryset
    if not is_worker.test(user):
        return queryset.none()
    return queryset.filter(partner__in=organisation_ids(user))


def map_points(places) -> list[dict]:
    """What the map script needs, as data (json_script): no personal data, only the place."""
    return [
        {
            "name": p.name,
            "lat": float(p.latitude),
            "lng": float(p.longitude),
            "url": p.get_absolute_url(),
            "kind": str(p.get_kind_display()),
        }
        for p in places
        if p.latitude is not None and p.longitude is not None
    ]
