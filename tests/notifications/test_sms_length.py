"""Every SMS template of the portal, in Dutch, French and English, fits one text message (160
GSM-7 characters, or 70 UCS-2) with the longest real values filled in: the longest title an
activity can have, the longest day name and month, the short link on a production-length site
address."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import formats, translation

from huis.notifications import gsm
from huis.notifications.models import Notification
from huis.notifications.services import render

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
LANGUAGES = ["nl", "fr", "en"]
SITE = "https://www.huismetvelekamers.be"  # 32 characters: a real production address
TOKEN = "Ab3" * 40  # a signed link's token (longer than any the portal makes)


def sms_kinds() -> list[str]:
    found = {
        path.parent.name
        for path in ROOT.glob("*/templates/notifications/*/sms.txt")
        if ".venv" not in path.parts
    }
    found |= {path.parent.name for path in ROOT.glob("huis/*/templates/notifications/*/sms.txt")}
    return sorted(found)


def _longest(fmt: str) -> str:
    """The longest way a moment of the coming year is written in the active language."""
    start = dt.datetime(2027, 1, 1, 10, 30)
    return max(
        (formats.date_format(start + dt.timedelta(days=n), fmt) for n in range(366)), key=len
    )


def longest_values() -> dict:
    day = _longest("l j F Y")
    return {
        "name": "Marie-Christine Vandenbroucke-Verhaeghe",
        "title": "W" * 150,  # Activity.title's max_length; wide letters
        "day": day,
        "day_short": _longest("l j/n"),
        "offer_until_short": _longest("l j/n H:i"),
        "start": formats.time_format(dt.time(23, 45), "TIME_FORMAT"),
        "end": formats.time_format(dt.time(23, 45), "TIME_FORMAT"),
        "when": f"{day}, 23:45",
        "place": "Grote zaal, Kortrijksesteenweg 1234, 9000 Gent",
        "places": 9,
        "manage_url": f"{SITE}/agenda/inschrijving/{TOKEN}/",
        "activity_url": f"{SITE}/agenda/12345-{'w' * 60}/",
        "offer_until": _longest("l j F, H:i"),
        "cancel_reason": "W" * 300,
        "reason": "W" * 300,  # a change notice's reason, as staff type it
        "text": "W" * 1000,  # a message staff write to everyone signed up
        "feedback_url": f"{SITE}/agenda/hoe-was-het/{TOKEN}/",
        "follow_up_day": day,
        "kind": "Aanwezigheid op een buurtactiviteit",
        "neighbourhood": "Sint-Amandsberg-Oostakker-Desteldonk",
        "family": "Familie Vandenbroucke-Verhaeghe",
        "outcome": "Aanvaard met voorwaarden",
        "months": 24,
        "url": "/trajecten/trajecten/123456/",
        "plan_url": f"{SITE}/herstelacademie/mijn-leerpad/",
        "course_url": f"{SITE}/herstelacademie/cursussen/{'w' * 60}/",
        "topic": "W" * 200,
        "work_kind": "Getuigenis en vorming voor professionals",
        "organisation": "W" * 150,
        "proposal_url": f"{SITE}/ervaringsdeskundigen/voorstel/{TOKEN}/",
        "dashboard_url": f"{SITE}/ervaringsdeskundigen/mijn-inzetten/",
        "login_url": f"{SITE}/profiel/sms-login/{TOKEN}/",
        "_links_valid_until": "2027-12-31T23:00:00+00:00",
    }


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", sms_kinds())
def test_every_sms_template_fits_one_text_message(kind, language, settings):
    settings.SITE_URL = SITE
    with translation.override(language):
        context = longest_values()
    row = Notification(
        key=f"length:{kind}:{language}",
        kind=kind,
        channel="sms",
        phone="+32470123456",
        language=language,
        context=context,
    )
    text = render(row).sms
    used, limit = gsm.length(text)
    encoding = "GSM-7" if limit == 160 else "UCS-2"
    assert used <= limit, f"{kind} in {language}: {used} > {limit} ({encoding}):\n{text}"
    assert TOKEN not in text  # a signed link is always made short


def test_the_kinds_are_found():
    assert {"ontmoeting_reminder", "ontmoeting_registration_confirmed"} <= set(sms_kinds())


def test_gsm_counts():
    assert gsm.length("Désolé: à demain") == (16, 160)
    assert gsm.length("€") == (2, 160)
    assert gsm.length("Être là") == (7, 70)  # Ê is not GSM-7
    assert gsm.length("’") == (1, 70)
