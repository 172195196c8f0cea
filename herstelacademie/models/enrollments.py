"""A student's enrolment in a course, their attendance per session and the evaluation after it."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .courses import Course, CourseSession


class Enrollment(models.Model):
    """A student's enrolment in a course.

    The place itself is a huis.places claim (`claim`): confirmed, waiting, cancelled. A course
    with an intake creates the claim only when a trainer approves; until then `intake` is pending.
    """

    class Intake(models.TextChoices):
        NOT_NEEDED = "", _("No intake")
        PENDING = "pending", _("Waits for the intake")
        APPROVED = "approved", _("Intake done: welcome")
        DECLINED = "declined", _("Not this time")

    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="enrollments", verbose_name=_("course")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="herstel_enrollments",
        verbose_name=_("student"),
    )
    hope_note = models.CharField(_("what you hope to learn"), max_length=500, blank=True)
    intake = models.CharField(
        _("intake"), max_length=16, choices=Intake.choices, default="", blank=True
    )
    intake_note = models.CharField(_("message about the intake"), max_length=500, blank=True)
    claim = models.OneToOneField(
        "places.PlaceClaim",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="herstel_enrollment",
    )
    created_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    evaluated_at = models.DateTimeField(_("evaluation given"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["created_at", "id"]
        constraints = [
            # One open enrolment per person and course (a cancelled or declined one may be followed
            # by a new one).
            models.UniqueConstraint(
                fields=["course", "user"],
                condition=models.Q(cancelled_at__isnull=True, user__isnull=False)
                & ~models.Q(intake="declined"),
                name="enrollment_once_per_student",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.course}"

    @property
    def display_name(self) -> str:
        """The student's name: their account's, or the name a guest gave (no account)."""
        if self.user_id:
            return self.user.display_name
        return self.claim.name if self.claim_id else ""

    @property
    def is_guest(self) -> bool:
        return self.user_id is None and self.claim_id is not None

    @property
    def is_open(self) -> bool:
        return self.cancelled_at is None and self.intake != self.Intake.DECLINED

    @property
    def has_place(self) -> bool:
        return self.claim is not None and self.claim.status == "confirmed"

    @property
    def place_since(self):
        return self.claim.confirmed_at if self.has_place else None

    @property
    def state(self) -> str:
        """One word for the student's situation: intake, declined, cancelled, or the claim's."""
        if self.cancelled_at is not None:
            return "cancelled"
        if self.intake == self.Intake.PENDING:
            return "intake"
        if self.intake == self.Intake.DECLINED:
            return "declined"
        return self.claim.status if self.claim is not None else "cancelled"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    session = models.ForeignKey(CourseSession, on_delete=models.CASCADE, related_name="attendances")
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(_("attendance"), max_length=16, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrollment"], name="attendance_once_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id}@{self.session_id}: {self.status}"

    @property
    def counts_as_attended(self) -> bool:
        return self.status in (self.Status.PRESENT, self.Status.LATE)


class EvaluationResponse(models.Model):
    """One student's answers after a course. Anonymous answers have no enrolment."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="evaluations")
    enrollment = models.OneToOneField(
        Enrollment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evaluation",
    )
    overall = models.PositiveSmallIntegerField(
        _("how was the course for you?"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    useful = models.PositiveSmallIntegerField(
        _("can you use what you learned?"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    trainers = models.PositiveSmallIntegerField(
        _("how did the trainers do?"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("what else do you want to tell us?"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(overall__range=(1, 5))
                & models.Q(useful__range=(1, 5))
                & models.Q(trainers__range=(1, 5)),
                name="evaluation_scores_one_to_five",
            )
        ]

    def __str__(self) -> str:
        return f"{self.course}: {self.overall}"
