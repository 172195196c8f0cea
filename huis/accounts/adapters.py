"""django-allauth adapter: new accounts get the visitor role and the language they signed up in;
every mail allauth writes goes through the outbox; signing up takes the same work whether the
address has an account or not; login codes to one address are capped per day."""

import hashlib
import logging
from dataclasses import dataclass
from urllib.parse import urlparse
from uuid import uuid4

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language

from huis.notifications.services import FORGET_CONTENT, notification_schedule

from .roles import Role
from .services import user_grant_role

logger = logging.getLogger(__name__)

# What asking for a login code mails: the code, or "there is no account with this address".
CAPPED_TEMPLATES = {"account/email/login_code", "account/email/unknown_account"}


@dataclass(frozen=True)
class HouseSite:
    """What allauth's mails call the site: the house's name, not the server's host name."""

    name: str
    domain: str


def login_code_allowed(email: str) -> bool:
    """Count a login code for this address today; False once it passed the daily cap.

    The count is kept under a hash of the address (no address in Redis). The caller answers the
    same either way, so nobody learns whether an address is capped, or has an account."""
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    key = f"login-code-day:{timezone.localdate():%Y%m%d}:{digest}"
    cache.add(key, 0, timeout=60 * 60 * 25)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=60 * 60 * 25)
        count = 1
    return count <= settings.LOGIN_CODES_PER_ADDRESS_PER_DAY


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render now (allauth's context holds the request), send through the outbox: the
        request only writes one row, whatever the mail is (see `SignupForm`)."""
        if template_prefix in CAPPED_TEMPLATES and not login_code_allowed(email):
            logger.info("Login mail not sent: the daily limit for this address was reached.")
            return
        site = HouseSite(name="Huis met vele kamers", domain=urlparse(settings.SITE_URL).netloc)
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, **context, "current_site": site},
        )
        html = next(
            (body for body, mimetype in getattr(message, "alternatives", []) if "html" in mimetype),
            "",
        )
        notification_schedule(
            key=f"account-mail:{uuid4().hex}",
            kind="account_mail",
            context={
                "subject": message.subject,
                "text": message.body,
                "html": str(html),
                # A login code or a confirmation link: not kept once the mail is out.
                FORGET_CONTENT: True,
            },
            email=email,
            language=get_language(),
        )

    def save_user(self, request: HttpRequest, user, form, commit: bool = True):
        user = super().save_user(request, user, form, commit=False)
        user.display_name = form.cleaned_data.get("display_name", "").strip()
        user.preferred_language = (get_language() or "nl")[:2]
        if commit:
            user.save()
            user_grant_role(user=user, role=Role.VISITOR, actor=None)
        return user
