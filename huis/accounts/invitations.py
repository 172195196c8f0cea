"""Onboarding without the Django admin (issue #25): invitations by email naming an organisation
and a role, accepted by logging in with the emailed code; roles changed and people deactivated
from the people page, after their open work is handed over. Everything audited."""

import datetime as dt
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import signing
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from huis.audit.services import log_action
from huis.core.errors import DomainError
from huis.core.versioned_cache import bump

from .access import is_coordinator
from .authz import MEMBERSHIPS
from .authz import forget as forget_authz
from .models import Invitation, Membership, Organisation, User
from .roles import Role
from .services import user_grant_role

VALID_FOR = dt.timedelta(days=14)
TOKEN_SALT = "huis.accounts.invitation"
KIND_INVITATION = "accounts_invitation"
# What a contact person may hand out: their own organisation, this role only.
CONTACT_ROLE = Role.PARTNER_WORKER


class PeopleError(DomainError):
    """A change to people or invitations that cannot be made."""


def is_contact_person_of(user: Any, organisation: Organisation) -> bool:
    return Membership.objects.filter(
        user=user, organisation=organisation, is_contact_person=True, ended_on__isnull=True
    ).exists()


def roles_to_hand_out(*, actor: Any, organisation: Organisation | None = None) -> list[str]:
    """The roles this person may give: coordinators all but administrator (administrators all);
    a contact person only 'partner worker' in their own organisation."""
    if is_coordinator.test(actor):
        roles = [role.value for role in Role]
        if not actor.has_role(Role.ADMINISTRATOR) and not actor.is_superuser:
            roles.remove(Role.ADMINISTRATOR.value)
        return roles
    if organisation is not None and is_contact_person_of(actor, organisation):
        return [CONTACT_ROLE.value]
    return []


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk}, salt=TOKEN_SALT)


def invitation_from_token(token: str) -> Invitation:
    try:
        pk = int(signing.loads(token, salt=TOKEN_SALT)["i"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise PeopleError(_("This link is not valid. Check that you copied all of it.")) from exc
    invitation = Invitation.objects.select_related("organisation").filter(pk=pk).first()
    if invitation is None:
        raise PeopleError(_("This invitation no longer exists."))
    return invitation


@transaction.atomic
def invitation_create(
    *,
    email: str,
    display_name: str,
    organisation: Organisation,
    role: str,
    actor: Any,
    language: str = "nl",
    function: str = Membership.Function.WORKER,
    request: Any = None,
) -> Invitation:
    """Invite someone by email. An account for the address is made (without a password) when
    there is none, so the emailed login code can reach it. Only a coordinator invites an
    organisation's contact person or manager (who then signs the charter in its onboarding)."""
    from huis.notifications.services import notification_schedule

    email = email.strip().lower()
    display_name = " ".join(display_name.split())[:150]
    if not email:
        raise PeopleError(_("Fill in an email address."), field="email")
    if not display_name:
        raise PeopleError(_("Fill in a name."), field="display_name")
    if role not in roles_to_hand_out(actor=actor, organisation=organisation):
        raise PeopleError(_("You cannot invite someone in this role here."), field="role")
    if function not in Membership.Function.values or (
        function != Membership.Function.WORKER and not is_coordinator.test(actor)
    ):
        raise PeopleError(_("You cannot invite someone with this function."), field="function")
    if Invitation.objects.filter(
        email__iexact=email,
        organisation=organisation,
        accepted_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exists():
        raise PeopleError(_("This person already has an open invitation."), field="email")
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=None, display_name=display_name, preferred_language=language
        )
        # Unverified until they log in with the code sent to it (which proves the mailbox).
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    invitation = Invitation.objects.create(
        email=email,
        display_name=display_name,
        organisation=organisation,
        role=role,
        function=function,
        language=language,
        invited_by=actor,
        expires_at=timezone.now() + VALID_FOR,
    )
    url = settings.SITE_URL + reverse(
        "people:invitation", kwargs={"token": invitation_token(invitation)}
    )
    with translation.override(language):
        role_label = str(Role(role).label)
    notification_schedule(
        key=f"accounts:invitation:{invitation.pk}",
        kind=KIND_INVITATION,
        context={
            "name": display_name,
            "organisation": organisation.name,
            "role": role_label,
            "url": url,
            "until": timezone.localtime(invitation.expires_at).date().isoformat(),
            "_forget_after_sending": True,
        },
        email=email,
        language=language,
    )
    log_action(
        actor=actor,
        action="accounts.invitation_sent",
        obj=invitation,
        subject=user,
        data={"organisation": organisation.pk, "role": role, "function": function},
        request=request,
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: Any, request: Any = None) -> Membership:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise PeopleError(_("This invitation was already accepted."))
    if invitation.expires_at <= timezone.now():
        raise PeopleError(_("This invitation has expired. Ask for a new one."))
    if user.email.strip().lower() != invitation.email:
        raise PeopleError(
            _("This invitation is for another email address. Log in with that address.")
        )
    user_grant_role(user=user, role=invitation.role, actor=user)
    membership, _created = Membership.objects.get_or_create(
        user=user,
        organisation=invitation.organisation,
        defaults={
            "function": invitation.function,
            "is_contact_person": invitation.function == Membership.Function.CONTACT,
        },
    )
    if membership.ended_on is not None:
        membership.ended_on = None
        membership.save(update_fields=["ended_on"])
    if invitation.function != Membership.Function.WORKER and not _created:
        membership.function = invitation.function
        membership.is_contact_person = membership.is_contact_person or (
            invitation.function == Membership.Function.CONTACT
        )
        membership.save(update_fields=["function", "is_contact_person"])
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    forget_authz(user)
    log_action(
        actor=user,
        action="accounts.invitation_accepted",
        obj=invitation,
        subject=user,
        data={"organisation": invitation.organisation_id, "role": invitation.role},
        request=request,
    )
    return membership


@transaction.atomic
def person_set_roles(*, person: User, roles: list[str], actor: Any, request: Any = None) -> None:
    """Coordinators change a person's roles (only administrators hand out 'administrator')."""
    allowed = set(roles_to_hand_out(actor=actor))
    if not allowed:
        raise PeopleError(_("You cannot change roles."))
    current = set(person.groups.values_list("name", flat=True))
    wanted = set(roles)
    if (wanted ^ current) - allowed:
        raise PeopleError(_("You cannot give or take this role."), field="roles")
    if person.pk == actor.pk and Role.COORDINATOR in current - wanted:
        raise PeopleError(_("You cannot take your own coordinator role away."), field="roles")
    for name in wanted - current:
        person.groups.add(Group.objects.get_or_create(name=name)[0])
    for name in current - wanted:
        person.groups.remove(Group.objects.get(name=name))
    forget_authz(person)
    log_action(
        actor=actor,
        action="accounts.roles_changed",
        obj=person,
        subject=person,
        data={"added": sorted(wanted - current), "removed": sorted(current - wanted)},
        request=request,
    )


@transaction.atomic
def person_deactivate(*, person: User, actor: Any, request: Any = None) -> User:
    """A worker leaves: they can no longer log in and no longer count as a member. Their open
    work stays where it is (the page lists it for handover first)."""
    from huis.core.registry import open_work_of

    if person.pk == actor.pk:
        raise PeopleError(_("You cannot deactivate yourself."))
    if not person.is_active:
        raise PeopleError(_("This person is already deactivated."))
    open_items = sum(len(items) for _label, items in open_work_of(person))
    person.is_active = False
    person.save(update_fields=["is_active"])
    Membership.objects.filter(user=person, ended_on__isnull=True).update(
        ended_on=timezone.localdate()
    )
    bump(MEMBERSHIPS)  # an update sends no signal: what a kept person may see goes at once
    forget_authz(person)
    log_action(
        actor=actor,
        action="accounts.person_deactivated",
        obj=person,
        subject=person,
        data={"open_work": open_items},
        request=request,
    )
    return person


def may_sign_for(user: Any, organisation: Organisation) -> bool:
    """A contact person or manager of the organisation: they complete its onboarding."""
    return (
        Membership.objects.filter(user=user, organisation=organisation, ended_on__isnull=True)
        .filter(
            models.Q(is_contact_person=True)
            | models.Q(function__in=[Membership.Function.CONTACT, Membership.Function.MANAGER])
        )
        .exists()
    )
