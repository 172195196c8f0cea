from django.conf import settings
from django.http import HttpRequest


def house(request: HttpRequest) -> dict:
    return {
        "HOUSE_NAME": "Huis met vele kamers",
        "LANGUAGES": settings.LANGUAGES,
        "SHOW_DEMO_BANNER": settings.DEBUG,
    }
