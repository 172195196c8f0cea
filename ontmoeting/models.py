"""The house's programme: activities (alone or in a weekly series), open hours and walk-in counts.

Places and waiting lists are not here: every activity has a huis.places offering (see
services.activity_offering) that counts the places for it, as for courses and sessions.
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from huis.rooms.models import Room

SEARCH_CONFIG = "dutch"


def search_vector() -> SearchVector:
    # The same expression in the index and in the query, so PostgreSQL uses the index.
    return SearchVector("title", "summary", "description", config=SEARCH_CONFIG)


class Category(models.TextChoices):
    MEETING = "ontmoeting", _("Meeting")
    CREATIVE = "creatief", _("Creative")
    MOVEMENT = "beweging", _("Moving")
    OUTING = "uitstap", _("Outing")
    MEAL = "maaltijd", _("Meal")
    LEARNING = "vorming", _("Learning")
    OTHER = "andere", _("Other")


# Accessibility facts, each a field on Activity: (field, short label for icons and filters).
ACCESSIBILITY = [
    ("step_free", _("Step-free")),
    ("accessible_toilet", _("Accessible toilet")),
    ("hearing_loop", _("Hearing loop")),
    ("quiet_room", _("Quiet room")),
    ("sign_language", _("Sign language")),
    ("easy_to_read", _("Easy to read")),
]


class Series(models.Model):
    """A weekly series, created once. Its activities are ordinary activities that point here."""

    title = models.CharField(_("title"), max_length=150)
    weekday = models.PositiveSmallIntegerField(_("weekday"))  # 0 = Monday
    starts_at_time = models.TimeField(_("start time"))
    ends_at_time = models.TimeField(_("end time"))
    first_date = models.DateField(_("first date"))
    last_date = models.DateField(_("last date"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("weekly series")
        verbose_name_plural = _("weekly series")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_date__gte=models.F("first_date")),
                name="series_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Activity(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("short name in web addresses"), max_length=160, blank=True)
    summary = models.CharField(
        _("in one sentence"), max_length=200, help_text=_("Short and simple.")
    )
    description = models.TextField(
        _("description"), help_text=_("In easy words: what you do, what to bring, what it costs.")
    )
    category = models.CharField(
        _("kind of activity"), max_length=16, choices=Category.choices, default=Category.MEETING
    )
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("room"),
        help_text=_("Leave empty when the activity is not in the house."),
    )
    location = models.CharField(
        _("place outside the house"),
        max_length=200,
        blank=True,
        help_text=_("Where to meet, for an outing."),
    )
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    leaders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("led by (people with an account)"),
    )
    leader_names = models.CharField(
        _("led by (other names)"),
        max_length=200,
        blank=True,
        help_text=_("For example volunteers without an account."),
    )
    price = models.DecimalField(
        _("price in euro"), max_digits=6, decimal_places=2, default=0, help_text=_("0 is free.")
    )
    price_note = models.CharField(_("about the price"), max_length=200, blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    quiet_room = models.BooleanField(_("quiet room nearby"), default=False)
    sign_language = models.BooleanField(_("sign language interpreter"), default=False)
    easy_to_read = models.BooleanField(_("easy-to-read information"), default=False)
    accessibility_notes = models.TextField(_("more about accessibility"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    cancel_reason = models.CharField(_("why it is cancelled"), max_length=300, blank=True)
    series = models.ForeignKey(
        Series,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("weekly series"),
    )
    # Changed on its own: changes to "the rest of the series" leave it as it is.
    series_detached = models.BooleanField(default=False)
    offering = models.OneToOneField(
        "places.PlaceOffering",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # Counted by staff afterwards for activities without sign-up (no names).
    walk_in_count = models.PositiveIntegerField(
        _("number of people who came"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            GinIndex(search_vector(), name="activity_search"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="activity_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(price__gte=0), name="activity_price_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:160] or "activiteit"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("ontmoeting:activity", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def is_free(self) -> bool:
        return not self.price

    @property
    def accessibility(self) -> list[tuple[str, str]]:
        return [(field, label) for field, label in ACCESSIBILITY if getattr(self, field)]

    @property
    def place_name(self) -> str:
        return self.room.name if self.room_id else self.location


class OpenHours(models.Model):
    """No longer used: the house's opening hours are huis.facts' `OpeningPeriod` (migration 0005
    copied these rows there). The table stays one release, for the version still serving during
    `migrate`; 0006 (huis_contract) drops it."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, pgettext_lazy("weekday", "Monday")
        TUESDAY = 1, pgettext_lazy("weekday", "Tuesday")
        WEDNESDAY = 2, pgettext_lazy("weekday", "Wednesday")
        THURSDAY = 3, pgettext_lazy("weekday", "Thursday")
        FRIDAY = 4, pgettext_lazy("weekday", "Friday")
        SATURDAY = 5, pgettext_lazy("weekday", "Saturday")
        SUNDAY = 6, pgettext_lazy("weekday", "Sunday")

    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens"))
    closes_at = models.TimeField(_("closes"))
    room = models.ForeignKey(
        Room,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("room"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("open hours")
        verbose_name_plural = _("open hours")
        ordering = ["weekday", "opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="open_hours_close_after_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"


class WalkInTally(models.Model):
    """How many people dropped in during one open session (the house open on `date` from `opens_at`
    to `closes_at`, one of huis.facts' opening periods). Numbers only, never names."""

    # The old link to OpenHours: unused, dropped with it (0006).
    open_hours = models.ForeignKey(
        OpenHours,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tallies",
        verbose_name=_("open hours"),
    )
    date = models.DateField(_("date"))
    # Nullable for the version still serving during `migrate` (it does not fill them).
    opens_at = models.TimeField(_("opens"), null=True)
    closes_at = models.TimeField(_("closes"), null=True)
    count = models.PositiveIntegerField(_("number of people"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("walk-in count")
        verbose_name_plural = _("walk-in counts")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["open_hours", "date"], name="walk_in_once_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.opens_at}-{self.closes_at}: {self.count}"


class ActivityFeedback(models.Model):
    """How an activity was, in one tap from the day-after message: anonymous.

    No person is linked: `voter` is an HMAC of the sign-up (huis.core.report.people's secret), so
    each person answers once per activity while nobody can read back who gave which answer; the
    day alone is kept (a time of day could point to a person)."""

    class Face(models.IntegerChoices):
        BAD = 1, _("Not good")
        OK = 2, _("So-so")
        GOOD = 3, _("Good")

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("activity")
    )
    face = models.PositiveSmallIntegerField(_("how was it?"), choices=Face.choices)
    comment = models.CharField(_("what you want to tell us"), max_length=500, blank=True)
    voter = models.CharField(max_length=64, editable=False)
    given_on = models.DateField(_("given on"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback on an activity")
        verbose_name_plural = _("feedback on activities")
        ordering = ["-given_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "voter"], name="activity_feedback_once"),
            models.CheckConstraint(condition=models.Q(face__in=[1, 2, 3]), name="feedback_face"),
        ]

    def __str__(self) -> str:
        return f"{self.activity}: {self.get_face_display()}"


class Proposal(models.Model):
    """A visitor proposes an activity or gives an idea (with or without an account) and sees
    what became of it through a private link; the house answers, publicly when it says so.

    The link's token is kept only as a hash: the row alone does not open the page."""

    class Kind(models.TextChoices):
        ACTIVITY = "activity", _("An activity")
        IDEA = "idea", _("An idea")

    class Status(models.TextChoices):
        NEW = "new", _("Received, not answered yet")
        PLANNED = "planned", _("Yes, we are going to do it")
        DONE = "done", _("Done")
        NOT_NOW = "not_now", _("Not now")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.IDEA)
    title = models.CharField(_("in a few words"), max_length=120)
    text = models.TextField(_("your proposal"), max_length=2000)
    name = models.CharField(_("name (optional)"), max_length=80, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("account"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    answer = models.TextField(_("answer of the house"), blank=True)
    is_public = models.BooleanField(_("shown on the public page"), default=False)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="ontm_proposal_status"),
            models.Index(
                fields=["-answered_at"],
                name="ontm_proposal_public",
                condition=models.Q(is_public=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="new") | ~models.Q(answer=""),
                name="ontm_proposal_answered_has_answer",
            ),
            models.CheckConstraint(
                condition=models.Q(is_public=False) | ~models.Q(status="new"),
                name="ontm_proposal_public_only_answered",
            ),
        ]

    def __str__(self) -> str:
        return self.title
