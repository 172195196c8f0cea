"""A person's privacy rights: download everything the portal holds about them, delete the account.

Both are built on `huis.core.registry.personal_data_providers()`: every app registers its part
(export and erase), so a function added later is covered by adding its provider.

Deleting an account anonymises the person's row instead of deleting it: the row keeps no name,
address, phone, password, role or membership, and can never log in again, while everything that
counts (a sign-up, an attendance, who entered a record) keeps pointing to a row. The audit log is
append-only and keeps its entries about the (now anonymous) person.
"""

from datetime import datetime

from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.audit.services import log_action
from huis.core.locking import lock
from huis.core.registry import PersonalDataProvider, personal_data_providers, register_personal_data

from .authz import forget as forget_authz
from .models import User

ERASED_DOMAIN = "erased.invalid"


def _iso(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def is_erased(user: User) -> bool:
    return user.email.endswith("@" + ERASED_DOMAIN)


# --- The accounts provider --------------------------------------------------------------------


def export_account(user: User) -> dict:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    return {
        "profile": {
            "email": user.email,
            "name": user.display_name,
            "language": user.preferred_language,
            "phone": user.phone,
            "joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "roles": sorted(user.role_names),
        },
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "organisations": [
            {
                "organisation": m.organisation.name,
                "function": m.function,
                "since": m.started_on.isoformat(),
                "until": m.ended_on.isoformat() if m.ended_on else None,
            }
            for m in user.memberships.select_related("organisation").order_by("pk")
        ],
        "two_factor": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
        "sessions": [
            {
                "from_address": s.ip,
                "browser": s.user_agent,
                "since": _iso(s.created_at),
                "last_seen": _iso(s.last_seen_at),
            }
            for s in UserSession.objects.filter(user=user).order_by("created_at")
        ],
    }


def erase_account(user: User) -> None:
    """Anonymise the person's own row and remove everything that identifies or admits them."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    user.data_exports.all().delete()
    session_keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    UserSession.objects.filter(user=user).delete()
    Session.objects.filter(session_key__in=session_keys).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.memberships.all().delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"erased-{user.pk}@{ERASED_DOMAIN}"
    user.display_name = ""
    user.phone = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()  # also ends every session: their hash no longer matches
    user.save()
    forget_authz(user)


def export_audit(user: User) -> dict:
    from huis.audit.selectors import entries_about

    return {
        "who_touched_my_data": [
            {
                "at": _iso(e.at),
                "who": str(e.actor_label),
                "what": str(_("Read") if e.is_read else _("Changed")),
                "record": e.kind_label,
                "action": e.action,
            }
            for e in entries_about(user=user, limit=10_000).entries
        ]
    }


def _keep_audit(user: User) -> None:
    """The audit log is append-only: its entries stay, pointing to the anonymised row."""


def register() -> None:
    register_personal_data(
        PersonalDataProvider(
            name="accounts",
            label=_("Your account"),
            export=export_account,
            erase=erase_account,
            order=1000,  # last: the other providers still find the person by their account
        )
    )
    register_personal_data(
        PersonalDataProvider(
            name="audit",
            label=_("Who read or changed your data"),
            export=export_audit,
            erase=_keep_audit,
            order=990,
        )
    )


# --- Services ---------------------------------------------------------------------------------


def personal_data_export(*, user: User, request: HttpRequest | None = None) -> dict:
    """Everything the portal holds about `user`, JSON-serialisable, one section per app."""
    sections = {}
    for provider in personal_data_providers():
        data = provider.export(user)
        if data:
            sections[provider.name] = {"label": str(provider.label), "data": data}
    log_action(
        actor=user,
        action="accounts.data_exported",
        obj=user,
        subject=user,
        data={"sections": list(sections)},
        request=request,
    )
    return {
        "portal": "Huis met vele kamers",
        "generated_at": _iso(timezone.now()),
        "person": user.email,
        "sections": sections,
    }


@transaction.atomic
def account_erase(*, user: User, request: HttpRequest | None = None) -> None:
    """Erase or anonymise everything about `user`, through every app's provider, all or nothing."""
    user = lock(User.objects.all(), user.pk)
    if is_erased(user):
        return
    log_action(
        actor=user,
        action="accounts.erased",
        obj=user,
        subject=user,
        data={"providers": [p.name for p in personal_data_providers()]},
        request=request,
    )
    for provider in personal_data_providers():
        provider.erase(user)
