"""Terms, themes and courses with their trainers and sessions.

Places and waiting lists are not counted here: every course has one huis.places offering (see
services.courses._configure_places); an enrolment with a place holds a claim of that offering.
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from huis.core.content_language import local_text
from huis.rooms.models import Room

SEARCH_CONFIG = "dutch"


def search_vector() -> SearchVector:
    # The same expression in the index and in the query, so PostgreSQL uses the index.
    return SearchVector("title", "summary", "learning_goals", config=SEARCH_CONFIG)


class Term(models.Model):
    """A period of courses, for example "voorjaar 2027", with its enrolment period."""

    name = models.CharField(_("name"), max_length=80, help_text=_("For example: spring 2027."))
    slug = models.SlugField(_("short name in web addresses"), max_length=90, unique=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    enrolment_opens_at = models.DateTimeField(_("enrolment opens"))
    enrolment_closes_at = models.DateTimeField(_("enrolment closes"))
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A few words on the first page of the programme."),
    )

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="term_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(enrolment_closes_at__gt=models.F("enrolment_opens_at")),
                name="term_enrolment_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:90] or "periode"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("herstelacademie:programme", kwargs={"slug": self.slug})

    @property
    def enrolment_is_open(self) -> bool:
        return self.enrolment_opens_at <= timezone.now() < self.enrolment_closes_at


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("short name in web addresses"), max_length=70, unique=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self) -> str:
        # In the reader's language (choices in forms, lists): a list item is a word, not a text.
        return local_text(self, "name").text


class CourseFormat(models.TextChoices):
    WORKSHOP = "workshop", _("Single workshop")
    SERIES = "series", _("Series of sessions")
    LECTURE = "lecture", _("Lecture")


class Course(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="courses", verbose_name=_("term")
    )
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("short name in web addresses"), max_length=160, blank=True)
    summary = models.CharField(
        _("in one sentence"), max_length=250, help_text=_("Short and simple, in easy words.")
    )
    learning_goals = models.TextField(
        _("what you learn"), help_text=_("One goal per line, in easy words.")
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="courses", verbose_name=_("themes")
    )
    format = models.CharField(
        _("format"), max_length=16, choices=CourseFormat.choices, default=CourseFormat.SERIES
    )
    max_students = models.PositiveSmallIntegerField(
        _("maximum number of students"), validators=[MinValueValidator(1)]
    )
    requires_intake = models.BooleanField(
        _("short intake conversation first"),
        default=False,
        help_text=_("A trainer talks with each student before their place is confirmed."),
    )
    accessibility_notes = models.TextField(_("accessibility"), blank=True)
    # Share of the sessions (held since the student's place began) that earns a certificate.
    certificate_share = models.PositiveSmallIntegerField(
        _("certificate from this share of sessions (percent)"),
        default=75,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    offering = models.OneToOneField(
        "places.PlaceOffering",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # Denormalised from the sessions (services keep them right) so lists sort and filter cheaply.
    first_session_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_session_ends_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["first_session_at", "title", "id"]
        indexes = [
            models.Index(fields=["status", "term", "first_session_at"]),
            # The public catalogue: published (and cancelled) courses not over yet.
            models.Index(
                fields=["last_session_ends_at", "first_session_at"],
                condition=models.Q(status__in=["published", "cancelled"]),
                name="course_public_not_over",
            ),
            GinIndex(search_vector(), name="course_search"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(certificate_share__gte=1, certificate_share__lte=100),
                name="course_certificate_share_percent",
            ),
            models.CheckConstraint(
                condition=models.Q(max_students__gte=1), name="course_at_least_one_student"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:160] or "cursus"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("herstelacademie:course", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_over(self) -> bool:
        return self.last_session_ends_at is not None and self.last_session_ends_at <= timezone.now()

    @property
    def learning_goal_lines(self) -> list[str]:
        return [line.strip(" -•") for line in self.learning_goals.splitlines() if line.strip()]


class TrainerRole(models.TextChoices):
    EXPERT = "expert", _("Expert by experience")
    PROFESSIONAL = "professional", _("Professional")


class CourseTrainer(models.Model):
    """A trainer of a course with their role in it: co-production needs both roles."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="trainers", verbose_name=_("course")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="herstel_trainings",
        verbose_name=_("trainer"),
    )
    role = models.CharField(_("role in the course"), max_length=16, choices=TrainerRole.choices)

    class Meta:
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["course", "user"], name="course_trainer_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class CourseSession(models.Model):
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("course")
    )
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("room"),
    )
    location = models.CharField(
        _("place outside the house"),
        max_length=200,
        blank=True,
        help_text=_("Only when not in the house."),
    )
    topic = models.CharField(_("topic of this session"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["course", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="course_session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.course} {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"

    @property
    def place_name(self) -> str:
        return self.room.name if self.room_id else self.location

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()
