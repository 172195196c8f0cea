"""Who may do what in the partner network; the building blocks come from huis.accounts.access.

- Workers (partner workers and the house's people) see the network page and the charter, refer
  people, and follow their organisation's referrals and guidance.
- A referral is seen by its sending organisation, its receiving organisation and coordinators;
  nobody else learns it exists (404). Only the receiver accepts, declines, starts or closes it.
- A person's details are seen by the organisation that registered them, and by a receiving
  organisation only while the person's consent for that referral is active (selectors);
  coordinators follow referrals and guidance, not the person's story.
- A guidance agreement is seen by its lead partner, the other partners involved and coordinators.
- Contact persons and managers sign the charter for their organisation; coordinators publish a
  new version, record that an organisation leaves the network and record handovers.
"""

from typing import Any

import rules
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce

from huis.accounts.access import (
    is_coordinator,
    is_expert,
    is_house,
    is_partner_worker,
    organisation_ids,
)
from huis.accounts.models import Membership

is_worker = is_house | is_partner_worker

SIGNING_FUNCTIONS = (Membership.Function.CONTACT, Membership.Function.MANAGER)


def signing_organisation_ids(user: Any) -> frozenset[int]:
    """The organisations `user` may sign the charter for: as contact person or manager."""
    if not is_worker.test(user):
        return frozenset()
    cached = getattr(user, "_netwerk_signing_ids", None)
    if cached is None:
        cached = frozenset(
            user.memberships.filter(
                Q(function__in=SIGNING_FUNCTIONS) | Q(is_contact_person=True),
                ended_on__isnull=True,
                organisation__is_active=True,
            ).values_list("organisation_id", flat=True)
        )
        user._netwerk_signing_ids = cached
    return cached


@rules.predicate
def may_sign_for_an_organisation(user: Any) -> bool:
    return bool(signing_organisation_ids(user))


@rules.predicate
def is_referral_party(user: Any, referral: Any) -> bool:
    """The referral's sender or receiver, or an organisation in its chain (it was passed on)."""
    if referral is None:
        return False
    orgs = organisation_ids(user)
    if referral.from_organisation_id in orgs or referral.to_organisation_id in orgs:
        return True
    return _chain_parties(referral.__class__, orgs).filter(pk=referral.pk).exists()


@rules.predicate
def is_referral_receiver(user: Any, referral: Any) -> bool:
    return referral is not None and referral.to_organisation_id in organisation_ids(user)


@rules.predicate
def is_referral_sender(user: Any, referral: Any) -> bool:
    return referral is not None and referral.from_organisation_id in organisation_ids(user)


@rules.predicate
def registered_the_person(user: Any, person: Any) -> bool:
    return person is not None and person.organisation_id in organisation_ids(user)


@rules.predicate
def leads_the_guidance(user: Any, agreement: Any) -> bool:
    return agreement is not None and agreement.lead_organisation_id in organisation_ids(user)


@rules.predicate
def is_guidance_partner(user: Any, agreement: Any) -> bool:
    if agreement is None:
        return False
    orgs = organisation_ids(user)
    if agreement.lead_organisation_id in orgs:
        return True
    return any(pk in orgs for pk in _partner_ids(agreement))


def _partner_ids(agreement: Any) -> list[int]:
    cache = getattr(agreement, "_prefetched_objects_cache", {})
    if "partners" in cache:
        return [p.pk for p in cache["partners"]]
    return list(agreement.partners.values_list("pk", flat=True))


@rules.predicate
def place_of_own_organisation(user: Any, place: Any) -> bool:
    return place is not None and place.partner_id in organisation_ids(user)


def _group_of(obj: Any) -> Any:
    """A learning group, or the group of a session."""
    return getattr(obj, "group", obj)


@rules.predicate
def is_group_member(user: Any, obj: Any) -> bool:
    group = _group_of(obj)
    if group is None or not getattr(user, "is_authenticated", False):
        return False
    cache = getattr(group, "_prefetched_objects_cache", {})
    if "members" in cache:
        return any(member.pk == user.pk for member in cache["members"])
    return group.members.filter(pk=user.pk).exists()


@rules.predicate
def leads_the_group(user: Any, obj: Any) -> bool:
    group = _group_of(obj)
    return (
        group is not None and group.coordinator_id is not None and group.coordinator_id == user.pk
    )


rules.add_perm("netwerk.view_home", is_worker)
rules.add_perm("netwerk.view_network", is_worker)
rules.add_perm("netwerk.manage_charter", is_coordinator)
rules.add_perm("netwerk.sign_charter", is_worker & may_sign_for_an_organisation)
rules.add_perm("netwerk.refer", is_worker)
rules.add_perm("netwerk.view_referral", is_coordinator | (is_worker & is_referral_party))
rules.add_perm("netwerk.handle_referral", is_worker & is_referral_receiver)
# Privacy requests on behalf of the referred person (export, erasure): the referring
# organisation's workers and the house's people; any other organisation does not find the page.
rules.add_perm("netwerk.privacy_on_behalf", is_house | (is_worker & is_referral_sender))
rules.add_perm("netwerk.view_person", is_worker & registered_the_person)
rules.add_perm("netwerk.withdraw_consent", is_worker & registered_the_person)
rules.add_perm("netwerk.start_guidance", is_worker)
rules.add_perm("netwerk.view_guidance", is_coordinator | (is_worker & is_guidance_partner))
rules.add_perm("netwerk.change_guidance", is_worker & leads_the_guidance)
rules.add_perm("netwerk.leave_guidance", is_worker & is_guidance_partner)
rules.add_perm("netwerk.hand_over_guidance", is_coordinator | (is_worker & leads_the_guidance))
rules.add_perm("netwerk.see_guidance_without_lead", is_coordinator)
rules.add_perm("netwerk.manage_members", is_coordinator)
rules.add_perm("netwerk.manage_places", is_worker)
rules.add_perm("netwerk.change_place", is_coordinator | (is_worker & place_of_own_organisation))
rules.add_perm("netwerk.publish_place", is_coordinator)
# Partners learn together: the groups' list for workers and experts (each sees their own groups);
# a group, its sessions, agendas and minutes for its members, its coordinator and coordinators.
rules.add_perm("netwerk.view_groups", is_worker | is_expert)
rules.add_perm("netwerk.create_group", is_coordinator)
rules.add_perm("netwerk.view_group", is_coordinator | leads_the_group | is_group_member)
rules.add_perm("netwerk.manage_group", is_coordinator | leads_the_group)
rules.add_perm("netwerk.join_session", is_group_member)


def referrals_narrowed[Q_: QuerySet](user: Any, queryset: Q_) -> Q_:
    """Every list of referrals goes through here: sender's and receiver's and those of the chains
    they are in (a referral passed on), coordinators all. An organisation outside a chain sees
    nothing of it."""
    if is_coordinator.test(user):
        return queryset
    if not is_worker.test(user):
        return queryset.none()
    orgs = organisation_ids(user)
    return queryset.filter(pk__in=_chain_parties(queryset.model, orgs).values("pk"))


def _chain_parties(model: Any, orgs: frozenset[int]) -> QuerySet:
    """Referrals whose chain holds a referral the organisations sent or received."""
    own = model.objects.filter(Q(from_organisation__in=orgs) | Q(to_organisation__in=orgs))
    chains = own.annotate(chain=Coalesce("root_id", "pk")).values("chain")
    return model.objects.filter(
        Q(from_organisation__in=orgs)
        | Q(to_organisation__in=orgs)
        | Q(pk__in=chains)
        | Q(root_id__in=chains)
    )


def guidance_narrowed[Q_: QuerySet](user: Any, queryset: Q_) -> Q_:
    if is_coordinator.test(user):
        return queryset
    if not is_worker.test(user):
        return queryset.none()
    orgs = organisation_ids(user)
    return queryset.filter(Q(lead_organisation__in=orgs) | Q(pk__in=_agreements_with_partner(orgs)))


def _agreements_with_partner(orgs: frozenset[int]):
    from .models import GuidanceAgreement

    return GuidanceAgreement.partners.through.objects.filter(organisation_id__in=orgs).values(
        "guidanceagreement_id"
    )
