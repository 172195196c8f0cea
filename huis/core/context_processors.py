from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def house(request: HttpRequest) -> dict:
    from huis.facts.selectors import house_facts

    # Read once per page, from the cache, and only when the page shows them (every page's footer).
    facts = SimpleLazyObject(house_facts)
    return {
        "HOUSE_NAME": SimpleLazyObject(lambda: facts.name),
        "HOUSE_FACTS": facts,
        "LANGUAGES": settings.LANGUAGES,
        "SHOW_DEMO_BANNER": settings.DEBUG,
    }
