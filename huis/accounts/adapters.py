"""django-allauth adapter: new accounts get the visitor role and the language they signed up in."""

from dataclasses import dataclass
from urllib.parse import urlparse

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from .roles import Role
from .services import user_grant_role


@dataclass(frozen=True)
class HouseSite:
    """What allauth's mails call the site: the house's name, not the server's host name."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        site = HouseSite(name="Huis met vele kamers", domain=urlparse(settings.SITE_URL).netloc)
        super().send_mail(template_prefix, email, {**context, "current_site": site})

    def save_user(self, request: HttpRequest, user, form, commit: bool = True):
        user = super().save_user(request, user, form, commit=False)
        user.display_name = form.cleaned_data.get("display_name", "").strip()
        user.preferred_language = (get_language() or "nl")[:2]
        if commit:
            user.save()
            user_grant_role(user=user, role=Role.VISITOR, actor=None)
        return user
