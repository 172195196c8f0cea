"""The demo house's facts: an address in the made-up town of Zeestad, hours and a closed day."""

from datetime import date, time

from django.utils import timezone

from huis.core.registry import register_demo_seeder

DEMO_HOURS = {
    0: [(time(10), time(12, 30)), (time(13, 30), time(17))],
    1: [(time(10), time(12, 30)), (time(13, 30), time(17))],
    2: [(time(10), time(17))],
    3: [(time(10), time(12, 30)), (time(13, 30), time(20))],
    4: [(time(10), time(16))],
    5: [(time(10), time(13))],
}


def _next(month: int, day: int) -> date:
    today = timezone.localdate()
    found = date(today.year, month, day)
    return found if found >= today else date(today.year + 1, month, day)


@register_demo_seeder("facts", order=5)
def seed(*, stdout) -> None:
    from .models import HouseFacts
    from .services import FactsDetails, facts_update

    row = HouseFacts.objects.filter(pk=1).first()
    if row is not None and row.street:
        stdout.write("  the house's facts: already there")
        return
    facts_update(
        actor=None,
        details=FactsDetails(
            name="Huis met vele kamers",
            street="Kerkstraat",
            number="12",
            postal_code="8400",
            municipality="Zeestad",
            phone="+3259123456",
            email="welkom@huismetvelekamers.example",
            route_nl=(
                "Met de bus: lijn 6 tot halte Kerkplein, dan 2 minuten te voet. "
                "Met de trein: 10 minuten wandelen van het station. "
                "De ingang is de groene deur naast de bakker."
            ),
            route_fr=(
                "En bus : ligne 6 jusqu'à l'arrêt Kerkplein, puis 2 minutes à pied. "
                "En train : 10 minutes à pied de la gare. "
                "L'entrée est la porte verte à côté de la boulangerie."
            ),
            route_en=(
                "By bus: line 6 to the Kerkplein stop, then a 2-minute walk. "
                "By train: a 10-minute walk from the station. "
                "The entrance is the green door next to the bakery."
            ),
            access_nl=(
                "De ingang heeft geen trappen. Er is een lift naar de eerste verdieping "
                "en een aangepast toilet op het gelijkvloers."
            ),
            access_fr=(
                "L'entrée est de plain-pied. Un ascenseur mène au premier étage et il y a "
                "des toilettes adaptées au rez-de-chaussée."
            ),
            access_en=(
                "The entrance has no steps. A lift goes to the first floor and there is an "
                "accessible toilet on the ground floor."
            ),
            welcome_nl="Kom gewoon binnen. Een koffie staat klaar.",
            welcome_fr="Entrez simplement. Le café est prêt.",
            welcome_en="Just walk in. The coffee is ready.",
        ),
        periods=[(day, o, c) for day, spans in DEMO_HOURS.items() for o, c in spans],
        closures=[(_next(12, 25), "Kerstmis"), (_next(1, 1), "Nieuwjaar")],
    )
    stdout.write("  the house's facts: address, hours and two closed days")
