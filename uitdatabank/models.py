"""What the house keeps about its publications in UiTdatabank (publiq's shared database of
activities in Flanders): which house object is which UiTdatabank event, the changes still to send
(an outbox), and the tables staff edit to map the house's words onto publiq's taxonomy terms.

No person's data is ever stored here or sent: only what the public agenda already shows.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    ACTIVITY = "activity", _("Activity")
    COURSE = "course", _("Course")
    # A weekly series of activities: one UiTdatabank event, its dates the subEvents.
    SERIES = "series", _("Weekly series")


class CategoryMapping(models.Model):
    """A kind of activity (or course format) of the house -> publiq's event type and theme.

    Seeded from publiq's taxonomy terms (the migration), edited by staff."""

    key = models.CharField(_("kind in the house"), max_length=40, unique=True)
    label = models.CharField(_("name in the house"), max_length=100)
    eventtype_id = models.CharField(_("UiTdatabank event type (term id)"), max_length=40)
    eventtype_label = models.CharField(_("event type name"), max_length=100, blank=True)
    theme_id = models.CharField(_("UiTdatabank theme (term id)"), max_length=40, blank=True)
    theme_label = models.CharField(_("theme name"), max_length=100, blank=True)
    publish_by_default = models.BooleanField(_("publish by default"), default=False)

    class Meta:
        verbose_name = _("kind mapped to UiTdatabank")
        verbose_name_plural = _("kinds mapped to UiTdatabank")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.label


class FacilityMapping(models.Model):
    """An accessibility fact of an activity (a field name) -> a UiTdatabank facility term."""

    field = models.CharField(_("accessibility fact"), max_length=40, unique=True)
    term_id = models.CharField(_("UiTdatabank facility (term id)"), max_length=40, blank=True)
    term_label = models.CharField(_("facility name"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("accessibility fact mapped to UiTdatabank")
        verbose_name_plural = _("accessibility facts mapped to UiTdatabank")
        ordering = ["field"]

    def __str__(self) -> str:
        return self.field


class Venue(models.Model):
    """Where an event happens, as a UiTdatabank place. `key` is "house" for every room of the
    house, or the text of a place outside the house (an outing's meeting point)."""

    key = models.CharField(_("place in the portal"), max_length=200, unique=True)
    place_id = models.CharField(_("UiTdatabank place id"), max_length=64)
    name = models.CharField(_("name in UiTdatabank"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("UiTdatabank place")
        verbose_name_plural = _("UiTdatabank places")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.name or self.key


class Publication(models.Model):
    """One activity or course of the house and its UiTdatabank event (once created)."""

    source = models.CharField(_("kind"), max_length=16, choices=Source.choices)
    object_id = models.PositiveBigIntegerField()
    wanted = models.BooleanField(_("publish in UiTdatabank"), default=False)
    event_id = models.CharField(_("UiTdatabank id"), max_length=64, blank=True)
    # What UiTdatabank was last told, to see drift and to know what a change must undo.
    sent_status = models.CharField(max_length=16, blank=True)  # "", published, cancelled, deleted
    last_sent_at = models.DateTimeField(null=True, blank=True)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("publication in UiTdatabank")
        verbose_name_plural = _("publications in UiTdatabank")
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id"], name="uit_publication_once")
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.object_id}"


class Change(models.Model):
    """One change still to send (the outbox). At most one waiting change of each kind per
    publication (the partial unique key): a burst of sign-ups is one availability update, and
    the body is built when it is sent, so it always carries the newest state."""

    class Kind(models.TextChoices):
        # The whole event made true: created, updated (moved, cancelled) or withdrawn.
        SYNC = "sync", _("Event")
        AVAILABILITY = "availability", _("Places left")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        DONE = "done", _("Sent")
        FAILED = "failed", _("Failed")

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    due_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    requests = models.PositiveSmallIntegerField(default=0)
    # Which sweep claimed it: a worker sends only the rows it claimed itself.
    claim_token = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(
                fields=["due_at"], condition=models.Q(status="pending"), name="uit_change_due"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "kind"],
                condition=models.Q(status="pending"),
                name="uit_change_one_pending_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.publication_id} ({self.status})"


class HouseOrganizer(models.Model):
    """The house's organizer in UiTdatabank, chosen or created by staff (one row, pk 1).
    Without it, the setting UITDATABANK_ORGANIZER_ID is used."""

    organizer_id = models.CharField(_("UiTdatabank organizer id"), max_length=64)
    name = models.CharField(_("name in UiTdatabank"), max_length=200, blank=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("UiTdatabank organizer")
        verbose_name_plural = _("UiTdatabank organizers")

    def __str__(self) -> str:
        return self.name or self.organizer_id
