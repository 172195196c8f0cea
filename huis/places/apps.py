from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "huis.places"
    label = "places"
    verbose_name = _("Places and waiting lists")

    def ready(self) -> None:
        from huis.core.registry import PersonalDataProvider, register_personal_data
        from huis.core.versioned_cache import read_key_with_pages, watch

        from .models import PlaceOffering
        from .services.lapses import NEXT_LAPSE_KEY

        # Pages that show places left are cached under "places"; services bump it by hand.
        watch(
            PlaceOffering,
            scopes=["places"],
            bumped_by="huis.places.services.offerings._lock_offering",
        )
        # Every page that shows someone's places first asks whether an offer lapsed (a small
        # entry): a logged-in request reads it with the person.
        read_key_with_pages(NEXT_LAPSE_KEY, ("places",))

        register_personal_data(
            PersonalDataProvider(
                name="places",
                label=_("Other sign-ups"),
                export=_export_nothing,
                erase=_erase_remaining_claims,
                order=900,  # after the function apps, which export and cancel their own
            )
        )


def _export_nothing(user) -> dict:
    # Each function app exports its own sign-ups, with what they are for.
    return {}


def _erase_remaining_claims(user) -> None:
    """A safety net: any sign-up no function app erased loses its name and contact details."""
    from .models import PlaceClaim
    from .privacy import claims_cancel_for_person, claims_erase_contact

    claims_cancel_for_person(user=user)
    claims_erase_contact(claims=PlaceClaim.objects.filter(user=user))
