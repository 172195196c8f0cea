"""Welcoming places: clubs, associations and businesses that welcome people with a vulnerability.

Public once published: the list at /gastvrije-plekken/ and its map. Coordinates are optional; a
place without them is in the list, not on the map.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import Organisation
from huis.core.phone import display_phone_number


class PlaceKind(models.TextChoices):
    SPORT = "sport", _("Sport and movement")
    CULTURE = "culture", _("Culture and creativity")
    FOOD = "food", _("Food and drink")
    NATURE = "nature", _("Nature and gardening")
    VOLUNTEERING = "volunteering", _("Volunteering")
    LEARNING = "learning", _("Learning and languages")
    MEETING = "meeting", _("Meeting people")
    OTHER = "other", _("Other")


class WelcomingPlace(models.Model):
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("short name in web addresses"), max_length=160, unique=True)
    kind = models.CharField(_("what"), max_length=16, choices=PlaceKind.choices)
    offer = models.TextField(_("what they offer"))
    address = models.CharField(_("address"), max_length=250)
    municipality = models.CharField(_("municipality"), max_length=80)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    when = models.CharField(_("when"), max_length=200, help_text=_("For example: Tuesdays 14–17"))
    accessibility = models.TextField(_("accessibility"), blank=True)
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), default=False)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    website = models.URLField(_("website"), blank=True)
    partner = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="welcoming_places",
        verbose_name=_("partner who made the contact"),
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("welcoming place")
        verbose_name_plural = _("welcoming places")
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["is_published", "kind"], name="netwerk_place_kind"),
            models.Index(fields=["is_published", "municipality"], name="netwerk_place_where"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="netwerk_place_both_coordinates_or_none",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("netwerk:place_detail", kwargs={"slug": self.slug})

    @property
    def contact_phone_display(self) -> str:
        """The stored number (E.164) the way people read it: 0470 12 34 56."""
        return display_phone_number(self.contact_phone)
