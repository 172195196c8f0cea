"""Managed lists: administrators keep them in the admin; profiles and requests choose from them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from huis.core.content_language import local_text


class _ListItem(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        # In the reader's language (choices in forms, lists): a list item is a word, not a text.
        return local_text(self, "name").text


class Theme(_ListItem):
    """A theme of lived experience: psychosis, depression, addiction, ..."""

    class Meta(_ListItem.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class WorkKind(_ListItem):
    """A kind of work: testimony, training, co-teaching, panel, policy advice."""

    higher_cap = models.BooleanField(
        _("higher yearly cap applies"),
        default=False,
        help_text=_("The law allows a higher yearly allowance for a few kinds of work."),
    )

    class Meta(_ListItem.Meta):
        verbose_name = _("kind of work")
        verbose_name_plural = _("kinds of work")


class Language(_ListItem):
    """A language an expert speaks in."""

    class Meta(_ListItem.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class Region(models.Model):
    """A municipality or city of Flanders or Brussels, with its centre's coordinates.

    The coordinates are approximate (the town centre, to about a kilometre): enough to say
    "about 25 km" in matching, never an address. Administrators add or correct places here.
    """

    name = models.CharField(_("name"), max_length=80, unique=True)
    province = models.CharField(_("province or region"), max_length=40, blank=True)
    latitude = models.DecimalField(_("latitude (approximate)"), max_digits=7, decimal_places=4)
    longitude = models.DecimalField(_("longitude (approximate)"), max_digits=7, decimal_places=4)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places (approximate centres)")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__gte=49, latitude__lte=52, longitude__gte=2)
                & models.Q(longitude__lte=7),
                name="region_in_belgium",
            )
        ]

    def __str__(self) -> str:
        # In the reader's language (choices in forms, lists): a list item is a word, not a text.
        return local_text(self, "name").text
