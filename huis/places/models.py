"""Limited places and waiting lists, for anything people sign up for.

One `PlaceOffering` belongs to one thing with places (an activity, a course, an intervision
session) through a generic relation; its `PlaceClaim`s are the people who took a place or wait
for one. The function apps never count places themselves: huis.places.services does, under a row
lock on the offering, so it can never hand out more places than exist.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class PlaceOffering(models.Model):
    class WaitlistMode(models.TextChoices):
        AUTOMATIC = "automatic", _("The next person gets the place at once")
        OFFER = "offer", _("The next person gets an offer and must accept it in time")

    holder_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    holder_id = models.PositiveBigIntegerField()
    holder = GenericForeignKey("holder_type", "holder_id")
    # Empty: nobody needs to sign up (people just walk in).
    capacity = models.PositiveIntegerField(_("number of places"), null=True, blank=True)
    # Places held by confirmed claims and open offers. Recounted from the claims under the lock
    # after every change, so it cannot drift; it lets lists show "places left" without counting.
    taken = models.PositiveIntegerField(_("places taken"), default=0)
    waitlist_mode = models.CharField(
        _("when a place frees up"),
        max_length=16,
        choices=WaitlistMode.choices,
        default=WaitlistMode.AUTOMATIC,
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to accept an offer"),
        default=24,
        help_text=_("Only when the next person gets an offer."),
    )
    max_places_per_claim = models.PositiveSmallIntegerField(
        _("most places in one sign-up"),
        default=4,
        help_text=_("For example a parent with children."),
    )
    # Whether anyone may sign up or be moved up now (off for drafts and cancelled activities).
    is_open = models.BooleanField(_("sign-up open"), default=False)
    opens_at = models.DateTimeField(_("sign-up opens"), null=True, blank=True)
    # Sign-ups stop and offers never run past this moment (usually the start of the activity).
    closes_at = models.DateTimeField(_("sign-up closes"), null=True, blank=True)

    class Meta:
        verbose_name = _("places")
        verbose_name_plural = _("places")
        constraints = [
            models.UniqueConstraint(
                fields=["holder_type", "holder_id"], name="place_offering_one_per_holder"
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True)
                | models.Q(taken__lte=models.F("capacity")),
                name="place_offering_never_overbooked",
            ),
            models.CheckConstraint(
                condition=models.Q(max_places_per_claim__gte=1),
                name="place_offering_group_at_least_one",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder_type.model} {self.holder_id}"

    @property
    def needs_sign_up(self) -> bool:
        return self.capacity is not None

    @property
    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.taken, 0)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.taken >= self.capacity


ACTIVE_STATUSES = ("confirmed", "offered", "waiting")
HOLDING_STATUSES = ("confirmed", "offered")


class PlaceClaim(models.Model):
    """One sign-up: one person (with an account or as a guest) for one or more places."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Has a place")
        OFFERED = "offered", _("A place is offered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        LAPSED = "lapsed", _("Offer not taken in time")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("Not checked yet")
        ATTENDED = "attended", _("Was there")
        NO_SHOW = "no_show", _("Did not come")

    offering = models.ForeignKey(
        PlaceOffering, on_delete=models.CASCADE, related_name="claims", verbose_name=_("places")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="place_claims",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=32, blank=True)
    # Digits only, to recognise the same number written differently.
    phone_digits = models.CharField(max_length=32, blank=True, editable=False)
    language = models.CharField(_("language"), max_length=8, default="nl")
    places = models.PositiveSmallIntegerField(_("number of places"), default=1)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    # Order on the waiting list: lowest first. Staff moving someone up gives them the lowest.
    rank = models.BigIntegerField(_("place on the waiting list"), default=0)
    offer_expires_at = models.DateTimeField(_("offer valid until"), null=True, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=16, choices=Attendance.choices, default="", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed up by"),
    )
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("place since"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # Set when the person's name and contact details were erased (account deleted, or the
    # retention period passed). The row stays, so the house's counts stay right.
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["rank", "id"]
        indexes = [
            models.Index(fields=["offering", "status", "rank"]),
            # Open offers are looked up before pages show places: a small index, not a scan.
            models.Index(
                fields=["offer_expires_at"],
                condition=models.Q(status="offered"),
                name="place_claim_open_offers",
            ),
            # "Mijn activiteiten": a person's own sign-ups.
            models.Index(fields=["user", "status"], name="place_claim_user_status"),
            # The last rank on the waiting list, read under the lock at every sign-up that waits.
            models.Index(fields=["offering", "-rank"], name="place_claim_last_rank"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(places__gte=1), name="place_claim_places"),
            models.CheckConstraint(
                condition=~models.Q(email="", phone="", user__isnull=True)
                | models.Q(erased_at__isnull=False),
                name="place_claim_reachable",
            ),
            # The same person never holds two active sign-ups for one offering.
            models.UniqueConstraint(
                fields=["offering", "user"],
                condition=models.Q(status__in=ACTIVE_STATUSES, user__isnull=False),
                name="place_claim_once_per_user",
            ),
            models.UniqueConstraint(
                "offering",
                Lower("email"),
                condition=models.Q(status__in=ACTIVE_STATUSES) & ~models.Q(email=""),
                name="place_claim_once_per_email",
            ),
            models.UniqueConstraint(
                fields=["offering", "phone_digits"],
                condition=models.Q(status__in=ACTIVE_STATUSES) & ~models.Q(phone_digits=""),
                name="place_claim_once_per_phone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def holds_place(self) -> bool:
        return self.status in HOLDING_STATUSES


class PlaceChange(models.Model):
    """Why a sign-up changed, when a person decided it (moving someone up needs a reason)."""

    claim = models.ForeignKey(PlaceClaim, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=40)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.claim_id}"
