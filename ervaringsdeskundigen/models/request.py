"""An organisation's request, its history, each expert's part in it, and the evaluation."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import Organisation
from huis.core.phone import display_phone_number

from .expert import Expert
from .lists import Language, Region, Theme, WorkKind


class RequestStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    DONE = "done", _("Done")
    EVALUATED = "evaluated", _("Evaluated")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (
    RequestStatus.NEW,
    RequestStatus.IN_PROGRESS,
    RequestStatus.PROPOSED,
    RequestStatus.CONFIRMED,
)


class ExpertRequest(models.Model):
    """An organisation asks for one or more experts by experience (through the public form)."""

    Status = RequestStatus

    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.NEW
    )
    organisation_name = models.CharField(_("organisation"), max_length=200)
    # Linked by a coordinator when the organisation is known in the portal.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert_requests",
        verbose_name=_("organisation in the portal"),
    )
    contact_name = models.CharField(_("contact person"), max_length=120)
    contact_email = models.EmailField(_("email address"))
    contact_phone = models.CharField(_("phone number"), max_length=32, blank=True)
    language = models.CharField(
        _("language of the messages"), max_length=8, choices=settings.LANGUAGES, default="nl"
    )
    work_kind = models.ForeignKey(
        WorkKind, on_delete=models.PROTECT, related_name="requests", verbose_name=_("kind of work")
    )
    themes = models.ManyToManyField(
        Theme, related_name="requests", blank=True, verbose_name=_("themes")
    )
    spoken_language = models.ForeignKey(
        Language,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("language of the assignment"),
    )
    starts_at = models.DateTimeField(_("date and time"), null=True, blank=True)
    window_from = models.DateField(_("any day from"), null=True, blank=True)
    window_until = models.DateField(_("until"), null=True, blank=True)
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=120)
    place = models.CharField(_("place"), max_length=250)
    region = models.CharField(_("region"), max_length=80, blank=True)
    place_region = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    audience = models.CharField(_("audience"), max_length=250)
    audience_size = models.PositiveIntegerField(_("number of people in the audience"), default=20)
    experts_wanted = models.PositiveSmallIntegerField(_("number of experts wanted"), default=1)
    fee = models.DecimalField(
        _("what the organisation pays (EUR)"), max_digits=8, decimal_places=2, default=0
    )
    fee_note = models.CharField(_("about the payment"), max_length=250, blank=True)
    description = models.TextField(_("what you have in mind"), blank=True, max_length=3000)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-created_at", "-id"], name="request_inbox_idx"),
            models.Index(fields=["-created_at", "-id"], name="request_recent_idx"),
            models.Index(fields=["organisation", "-created_at", "-id"], name="request_org_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(experts_wanted__gte=1, experts_wanted__lte=10),
                name="request_experts_wanted_range",
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=15), name="request_duration_min"
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__lte=24 * 60), name="request_duration_max"
            ),
            models.CheckConstraint(
                condition=models.Q(starts_at__isnull=False)
                | models.Q(window_from__isnull=False, window_until__isnull=False),
                name="request_has_time_or_window",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_name}: {self.work_kind}"

    def get_absolute_url(self) -> str:
        return reverse("ervaringsdeskundigen:request_detail", args=[self.pk])

    @property
    def ends_at(self):
        if self.starts_at is None:
            return None
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def contact_phone_display(self) -> str:
        """The stored number (E.164) the Belgian way, as people read it."""
        return display_phone_number(self.contact_phone)


class RequestEvent(models.Model):
    """One change of status: the request's history, with who made it."""

    request = models.ForeignKey(ExpertRequest, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=16, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=RequestStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=250, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("change of status")
        verbose_name_plural = _("history")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class AssignmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_ASSIGNMENT = (AssignmentStatus.PROPOSED, AssignmentStatus.ACCEPTED)
MAX_ASSIGNMENT = timedelta(days=1)


class ReportStatus(models.TextChoices):
    NONE = "", _("Not reported yet")
    REPORTED = "reported", _("Waiting for approval")
    RETURNED = "returned", _("Sent back for a correction")
    APPROVED = "approved", _("Approved")


class Assignment(models.Model):
    """One expert's part in a request: proposed, then accepted or declined; afterwards the
    report of hours, travel and costs, and the allowance a coordinator approved."""

    Status = AssignmentStatus
    ReportStatus = ReportStatus

    request = models.ForeignKey(
        ExpertRequest,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("request"),
    )
    # Empty once the expert deleted their account: the row stays for the house's counts and the
    # allowance register, without the person.
    expert = models.ForeignKey(
        Expert,
        on_delete=models.SET_NULL,
        null=True,
        related_name="assignments",
        verbose_name=_("expert"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.PROPOSED,
    )
    # Copied from the request when proposed, so clashes and loads are one indexed query.
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # Report, by the expert.
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2, null=True, blank=True)
    km = models.PositiveIntegerField(_("travel (km)"), default=0)
    costs = models.DecimalField(_("other costs (EUR)"), max_digits=8, decimal_places=2, default=0)
    debrief = models.TextField(_("debrief note"), blank=True)
    report_status = models.CharField(
        _("report"), max_length=16, choices=ReportStatus.choices, default="", blank=True
    )
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)
    return_reason = models.CharField(_("what to correct"), max_length=500, blank=True)
    # Approved allowance, by a coordinator.
    flat_amount = models.DecimalField(
        _("flat-rate allowance"), max_digits=8, decimal_places=2, default=0
    )
    km_paid = models.PositiveIntegerField(_("km refunded"), default=0)
    km_amount = models.DecimalField(
        _("travel allowance"), max_digits=8, decimal_places=2, default=0
    )
    costs_amount = models.DecimalField(
        _("real costs refunded"), max_digits=8, decimal_places=2, default=0
    )
    capped = models.BooleanField(_("lowered to stay within a cap"), default=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["expert", "status", "starts_at"], name="assignment_expert_idx"),
            models.Index(fields=["status", "starts_at"], name="assignment_board_idx"),
            models.Index(fields=["report_status", "approved_at"], name="assignment_report_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "expert"],
                condition=models.Q(status__in=["proposed", "accepted"]),
                name="assignment_once_per_expert",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="assignment_ends_after"
            ),
            # At most a day: lets "what overlaps this period" use the starts_at index with a
            # lower bound (starts_at > begin - 1 day) instead of reading every earlier row.
            models.CheckConstraint(
                condition=models.Q(ends_at__lte=models.F("starts_at") + MAX_ASSIGNMENT),
                name="assignment_at_most_a_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert} – {self.request}"

    @property
    def total_amount(self):
        return self.flat_amount + self.km_amount + self.costs_amount


class ReportEvent(models.Model):
    """One step of an hours report: reported, sent back (with the reason), approved. The figures
    as they were at that step stay here, so a corrected report keeps its history."""

    class Step(models.TextChoices):
        REPORTED = "reported", _("Reported")
        RETURNED = "returned", _("Sent back")
        APPROVED = "approved", _("Approved")

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="report_events"
    )
    step = models.CharField(_("step"), max_length=16, choices=Step.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2, null=True, blank=True)
    km = models.PositiveIntegerField(_("travel (km)"), default=0)
    costs = models.DecimalField(_("other costs (EUR)"), max_digits=8, decimal_places=2, default=0)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("step of a report")
        verbose_name_plural = _("report history")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.assignment_id}: {self.step}"


class Evaluation(models.Model):
    """The organisation's short evaluation, after the assignment."""

    request = models.OneToOneField(
        ExpertRequest, on_delete=models.CASCADE, related_name="evaluation"
    )
    rating = models.PositiveSmallIntegerField(
        _("how did it go?"), choices=[(i, str(i)) for i in range(1, 6)]
    )
    went_well = models.TextField(_("what went well"), blank=True, max_length=2000)
    could_improve = models.TextField(_("what could be better"), blank=True, max_length=2000)
    submitted_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="evaluation_rating_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} ({self.rating}/5)"
