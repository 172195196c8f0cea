"""Models of kwartiermaken: outreach work logged by partners, the signals it brings up, and the
policy recommendations the house builds from them.

Third persons are never named: an entry holds at most pseudonymous contact codes the worker chose.
The entries table grows large (hundreds of thousands of rows), so its indexes follow the filters of
the lists and overviews: organisation, date, neighbourhood, kind, open follow-ups.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import Organisation
from huis.core.content_language import local_text


class ManagedListItem(models.Model):
    """A row of a list that administrators keep up to date in the admin (names in Dutch)."""

    name = models.CharField(_("name"), max_length=80)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(
        _("in use"), default=True, help_text=_("Items no longer in use stay in the figures.")
    )

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        # In the reader's language (choices in forms, lists): a list item is a word, not a text.
        return local_text(self, "name").text


class Neighbourhood(ManagedListItem):
    class Meta(ManagedListItem.Meta):
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        constraints = [
            models.UniqueConstraint(Lower("name"), name="kwartiermaken_neighbourhood_name_unique")
        ]


class Need(ManagedListItem):
    class Meta(ManagedListItem.Meta):
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [
            models.UniqueConstraint(Lower("name"), name="kwartiermaken_need_name_unique")
        ]


class OutreachKind(models.TextChoices):
    HOME_VISIT = "home_visit", _("Home visit")
    STREET = "street", _("Presence in the street")
    NETWORK_MEETING = "network_meeting", _("Network meeting")
    ACTIVITY = "activity", _("Neighbourhood activity")
    CLUB = "club", _("Contact with a club or association")
    OTHER = "other", _("Other")


class OutreachEntry(models.Model):
    """One piece of outreach work, logged by a worker for their organisation."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="outreach_entries",
        verbose_name=_("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outreach_entries",
        verbose_name=_("logged by"),
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("neighbourhood"),
    )
    kind = models.CharField(
        _("kind of work"),
        max_length=20,
        choices=OutreachKind.choices,
        default=OutreachKind.HOME_VISIT,
    )
    people_reached = models.PositiveIntegerField(_("people reached"), default=1)
    needs = models.ManyToManyField(
        Need, blank=True, related_name="entries", verbose_name=_("needs observed")
    )
    contact_codes = ArrayField(
        models.CharField(max_length=16),
        default=list,
        blank=True,
        verbose_name=_("contact codes"),
    )
    referrals = models.PositiveSmallIntegerField(_("referrals made"), default=0)
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    follow_up_on = models.DateField(_("follow up by"), null=True, blank=True)
    follow_up_note = models.CharField(_("what to follow up"), max_length=200, blank=True)
    follow_up_done_at = models.DateTimeField(_("followed up on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("outreach entry")
        verbose_name_plural = _("outreach entries")
        ordering = ["-date", "-pk"]
        indexes = [
            # Lists and overviews of one organisation, newest first (keyset pagination).
            models.Index(fields=["organisation", "-date", "-id"], name="kw_entry_org_date"),
            # Overviews across organisations (coordinators), filtered by period.
            models.Index(fields=["date"], name="kw_entry_date"),
            models.Index(fields=["neighbourhood", "date"], name="kw_entry_nbh_date"),
            models.Index(fields=["kind", "date"], name="kw_entry_kind_date"),
            # Follow-ups still open: a small part of the table.
            models.Index(
                fields=["organisation", "follow_up_on"],
                name="kw_entry_follow_up_open",
                condition=models.Q(follow_up_on__isnull=False, follow_up_done_at__isnull=True),
            ),
            GinIndex(fields=["contact_codes"], name="kw_entry_contact_codes"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(follow_up_done_at__isnull=True)
                | models.Q(follow_up_on__isnull=False),
                name="kw_entry_done_needs_follow_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.neighbourhood} – {self.date:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("kwartiermaken:entry_detail", kwargs={"pk": self.pk})

    @property
    def follow_up_open(self) -> bool:
        return self.follow_up_on is not None and self.follow_up_done_at is None


class SignalCategory(models.TextChoices):
    WAITING = "waiting", _("Long waiting time")
    COST = "cost", _("Too expensive")
    PAPERWORK = "paperwork", _("Too much paperwork or a hard procedure")
    REACH = "reach", _("Hard to reach (place, hours, phone)")
    DIGITAL = "digital", _("Only online or digital")
    LANGUAGE = "language", _("Language")
    ATTITUDE = "attitude", _("Not treated with respect, stigma")
    INFORMATION = "information", _("People do not know it exists")
    GAP = "gap", _("No help exists for this (a gap)")
    OTHER = "other", _("Other")


class Signal(models.Model):
    """A threshold or gap someone ran into, reported by a worker, from an entry or on its own."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="outreach_signals",
        verbose_name=_("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outreach_signals",
        verbose_name=_("reported by"),
    )
    entry = models.ForeignKey(
        OutreachEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("from outreach entry"),
    )
    observed_on = models.DateField(_("date"), default=timezone.localdate)
    category = models.CharField(_("category"), max_length=16, choices=SignalCategory.choices)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        related_name="signals",
        verbose_name=_("neighbourhood"),
    )
    service = models.CharField(
        _("which service"),
        max_length=200,
        blank=True,
        help_text=_("The service or place where the threshold is. Leave empty for a gap."),
    )
    description = models.TextField(_("what happens"))
    times_seen = models.PositiveIntegerField(
        _("how often seen"),
        default=1,
        help_text=_("How many times you saw this, with how many people."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-observed_on", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "-observed_on", "-id"], name="kw_signal_org_date"),
            models.Index(fields=["observed_on"], name="kw_signal_date"),
            models.Index(fields=["category", "observed_on"], name="kw_signal_cat_date"),
            models.Index(fields=["neighbourhood", "observed_on"], name="kw_signal_nbh_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(times_seen__gte=1), name="kw_signal_seen_at_least_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} – {self.neighbourhood}"

    def get_absolute_url(self) -> str:
        return reverse("kwartiermaken:signal_detail", kwargs={"pk": self.pk})


class PolicyRecommendation(models.Model):
    """Signals bundled into a proposal to a service or policy maker; written by coordinators."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        ANSWERED = "answered", _("Answered")
        IMPLEMENTED = "implemented", _("Implemented")
        REJECTED = "rejected", _("Rejected")

    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("problem"))
    proposal = models.TextField(_("proposal"))
    addressed_to = models.CharField(
        _("addressed to"), max_length=200, help_text=_("The service or policy maker.")
    )
    signals = models.ManyToManyField(
        Signal, blank=True, related_name="recommendations", verbose_name=_("signals (evidence)")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    answer = models.TextField(_("answer received"), blank=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="policy_recommendations",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("policy recommendation")
        verbose_name_plural = _("policy recommendations")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "-created_at"], name="kw_rec_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("kwartiermaken:recommendation_detail", kwargs={"pk": self.pk})


# --- Monthly figures ----------------------------------------------------------------------------
# The overviews read these instead of counting hundreds of thousands of entries on every visit.
# kwartiermaken.figures recounts a month in the same transaction as every change through the
# services, and a nightly task recounts everything. `organisation` empty: the whole network.


class OutreachMonth(models.Model):
    month = models.DateField(_("month"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=OutreachKind.choices)
    entries = models.PositiveIntegerField(default=0)
    people = models.PositiveIntegerField(default=0)
    referrals = models.PositiveIntegerField(default=0)
    follow_ups_open = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("monthly outreach figures")
        verbose_name_plural = _("monthly outreach figures")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month", "neighbourhood", "kind"],
                nulls_distinct=False,
                name="kw_month_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.organisation_id} {self.neighbourhood_id} {self.kind}"


class NeedMonth(models.Model):
    month = models.DateField(_("month"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="+")
    entries = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("monthly needs figures")
        verbose_name_plural = _("monthly needs figures")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month", "need"],
                nulls_distinct=False,
                name="kw_need_month_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.organisation_id} {self.need_id}"


class SignalMonth(models.Model):
    month = models.DateField(_("month"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    category = models.CharField(max_length=16, choices=SignalCategory.choices)
    signals = models.PositiveIntegerField(default=0)
    times_seen = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("monthly signal figures")
        verbose_name_plural = _("monthly signal figures")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month", "category"],
                nulls_distinct=False,
                name="kw_signal_month_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.organisation_id} {self.category}"


class OutreachReferral(models.Model):
    """A referral in the partner network started from a piece of outreach work: "referred to"
    as a link to the referral itself (netwerk), not as free text."""

    entry = models.ForeignKey(
        OutreachEntry,
        on_delete=models.CASCADE,
        related_name="network_referrals",
        verbose_name=_("outreach entry"),
    )
    referral = models.OneToOneField(
        "netwerk.Referral",
        on_delete=models.CASCADE,
        related_name="outreach_link",
        verbose_name=_("referral"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("referral from outreach")
        verbose_name_plural = _("referrals from outreach")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.entry_id} → {self.referral_id}"


# In their own module; imported here so Django finds them.
from .consultation_models import (  # noqa: E402, F401
    ConsultationKind,
    ResidentConsultation,
    ResidentQuote,
)
