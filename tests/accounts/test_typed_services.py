"""Service arguments are typed: a misspelt field is an error at the call, not a silent no-op."""

import pytest

from huis.accounts.services import user_update_profile
from huis.audit.models import AuditEntry
from huis.core.errors import DomainError
from huis.notifications.services import NotificationError, preference_update

pytestmark = pytest.mark.django_db


def test_a_misspelt_profile_field_is_refused_at_the_call(visitor):
    with pytest.raises(TypeError):
        user_update_profile(user=visitor, actor=visitor, dispaly_name="Vera")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        user_update_profile(user=visitor, actor=visitor, is_staff=True)  # type: ignore[call-arg]
    visitor.refresh_from_db()
    assert not visitor.is_staff


def test_only_the_named_fields_change_and_the_change_is_audited(visitor):
    visitor.phone = "+32470123456"
    visitor.save()
    user_update_profile(user=visitor, actor=visitor, display_name="Vera Nieuw")
    visitor.refresh_from_db()
    assert visitor.display_name == "Vera Nieuw" and visitor.phone == "+32470123456"
    entry = AuditEntry.objects.get(action="accounts.profile_changed")
    assert entry.data == {"fields": ["display_name"]}
    user_update_profile(user=visitor, actor=visitor, display_name="Vera Nieuw")
    assert AuditEntry.objects.filter(action="accounts.profile_changed").count() == 1


def test_a_notification_refusal_is_a_domain_error(visitor):
    visitor.phone = ""
    visitor.save()
    with pytest.raises(DomainError) as refused:
        preference_update(user=visitor, by_email=True, by_sms=True, actor=visitor)
    assert isinstance(refused.value, NotificationError)
