"""People with only a phone number (issue #25): many visitors have no email address. Staff send
them a link by text message (after an import, or from their page); the link logs them in once,
from the phone it reached, and their profile then lets them add an email address to log in with a
code by themselves from then on.

The link is signed (SECRET_KEY), valid for two weeks and only once: it carries the moment of the
person's last login, which logging in changes. The text message itself carries a short link
(huis.notifications.shortlinks), made when the message is sent and forgotten with it.
"""

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.contrib.auth import login
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.audit.services import log_action
from huis.core.errors import DomainError
from huis.core.phone import is_mobile_number

from .models import User

VALID_FOR = dt.timedelta(days=14)
SALT = "huis.accounts.phone_login"
KIND = "accounts_phone_login"
BACKEND = "huis.accounts.authz.CachedModelBackend"


class PhoneLoginError(DomainError):
    """A text-message login that cannot be sent or used, with a reason a person can read."""


def _stamp(user: Any) -> str:
    return user.last_login.isoformat() if user.last_login else ""


def login_token(user: Any) -> str:
    return signing.dumps({"u": user.pk, "l": _stamp(user)}, salt=SALT)


def user_from_token(token: str) -> User:
    try:
        data = signing.loads(token, salt=SALT, max_age=VALID_FOR)
        pk = int(data["u"])
    except signing.SignatureExpired as exc:
        raise PhoneLoginError(
            _("This link has expired. Ask the house to send you a new one.")
        ) from exc
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise PhoneLoginError(
            _("This link is not valid. Check that you copied all of it.")
        ) from exc
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or data.get("l") != _stamp(user) or user.has_sensitive_role:
        raise PhoneLoginError(_("This link was already used. Ask the house to send you a new one."))
    return user


@transaction.atomic
def phone_login_send(*, person: User, actor: Any, request: Any = None, key: str = "") -> None:
    """Text `person` a link that logs them in (the outbox sends it, once per `key`)."""
    from huis.notifications.services import notification_schedule

    if not person.is_active:
        raise PhoneLoginError(_("This person is deactivated."))
    if person.email or person.has_sensitive_role:
        # Only for people without an address; a role with access to others' data logs in
        # with email and a second factor, never by a link.
        raise PhoneLoginError(_("This person logs in with their email address."))
    if not person.phone or not is_mobile_number(person.phone):
        raise PhoneLoginError(_("This person has no mobile number for a text message."))
    url = settings.SITE_URL + reverse("accounts:phone_login", kwargs={"token": login_token(person)})
    until = timezone.now() + VALID_FOR
    notification_schedule(
        key=key or f"accounts:phone-login:{person.pk}:{uuid.uuid4().hex}",
        kind=KIND,
        context={
            "name": person.display_name,
            "login_url": url,
            "_links_valid_until": until.isoformat(),
            "_forget_after_sending": True,
        },
        phone=person.phone,
        language=person.preferred_language,
    )
    log_action(
        actor=actor,
        action="accounts.phone_login_sent",
        obj=person,
        subject=person,
        request=request,
    )


@transaction.atomic
def phone_login_use(*, token: str, request: Any) -> User:
    """Log the holder of the link in (the link is used up by it)."""
    user = user_from_token(token)
    login(request, user, backend=BACKEND)  # sets last_login: the same link no longer works
    log_action(
        actor=user, action="accounts.phone_login_used", obj=user, subject=user, request=request
    )
    return user
