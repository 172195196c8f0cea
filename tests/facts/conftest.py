from datetime import time, timedelta

import pytest
from django.utils import timezone

from huis.facts.services import FactsDetails, facts_update


def details(**changes) -> FactsDetails:
    values = {
        "name": "Huis met vele kamers",
        "street": "Kerkstraat",
        "number": "12",
        "postal_code": "8400",
        "municipality": "Zeestad",
        "phone": "+3259123456",
        "email": "welkom@huis.example",
        "route_nl": "Bus 6 tot halte Kerkplein.",
        "route_en": "Bus 6 to the Kerkplein stop.",
        "access_nl": "Geen trappen aan de ingang. Er is een lift.",
        "welcome_nl": "Kom gewoon binnen.",
        "welcome_fr": "Entrez simplement.",
    }
    return FactsDetails(**{**values, **changes})


EVERY_DAY = [(day, time(0, 0), time(23, 59)) for day in range(7)]


@pytest.fixture
def house_facts(coordinator):
    """The house's facts as a coordinator saved them: open all day every day, one closed day
    next month."""
    facts_update(
        actor=coordinator,
        details=details(),
        periods=EVERY_DAY,
        closures=[(timezone.localdate() + timedelta(days=30), "Teamdag")],
    )
    return coordinator
