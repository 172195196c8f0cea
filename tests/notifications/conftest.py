"""The fake Twilio for the text-message tests (started per test, in a thread)."""

import pytest

from . import fake_twilio


@pytest.fixture
def twilio(settings):
    """A running fake Twilio, and the portal configured to send through it."""
    fake, server = fake_twilio.start()
    settings.NOTIFICATIONS_SMS_BACKEND = "huis.notifications.twilio_sms.TwilioSmsBackend"
    settings.TWILIO_ACCOUNT_SID = fake_twilio.ACCOUNT_SID
    settings.TWILIO_AUTH_TOKEN = fake_twilio.AUTH_TOKEN
    settings.TWILIO_FROM = "HuisVK"
    settings.TWILIO_MESSAGING_SERVICE_SID = ""
    settings.TWILIO_API_BASE_URL = fake.base_url
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _fresh_budget_count():
    """The month's text-message count is shared in Redis; each test starts it from its database."""
    from huis.notifications.sms import budget_forget

    budget_forget()
    yield
    budget_forget()
