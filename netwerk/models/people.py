"""A person helped by the network, and their consent to share what they told once.

A person is kept with as little as possible: a name or alias they choose, optionally a way to reach
them. No diagnosis, no file. What a partner may see about the person comes only through a consent
that is still active and names that partner.

Consent records and their withdrawals are evidence: the database refuses to change one (a trigger,
see migration 0002). Withdrawing adds a row; giving consent again adds a new consent.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import Organisation

# The version of the consent text workers read to the person (templates/netwerk/consent_text.html).
CONSENT_TEXT_VERSION = "2026-1"


class Person(models.Model):
    alias = models.CharField(
        _("name or alias"),
        max_length=80,
        help_text=_("The name the person chooses to be known by. A first name is enough."),
    )
    contact = models.CharField(
        _("how to reach them"),
        max_length=200,
        blank=True,
        help_text=_("Optional: a phone number or email address, only if the person wants it."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="network_persons",
        verbose_name=_("registered by organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_persons_registered",
        verbose_name=_("registered by"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_person_records",
        verbose_name=_("account of the person"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        verbose_name = _("person in the network")
        verbose_name_plural = _("persons in the network")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-created_at"], name="netwerk_person_org")]

    def __str__(self) -> str:
        return self.alias


class ShareItem(models.TextChoices):
    """What a person may allow to be shared, besides the question itself."""

    CONTACT = "contact", _("How to reach them")
    QUESTION = "question", _("Their question and what is needed")
    HISTORY = "history", _("What was already tried")
    GUIDANCE = "guidance", _("Who guides them and the agreement")


class Consent(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="consents", verbose_name=_("person")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_consents_recorded",
        verbose_name=_("recorded by"),
    )
    recorded_by_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="network_consents_recorded",
        verbose_name=_("recorded by organisation"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    items = models.JSONField(
        _("what may be shared"), default=list, help_text=_("A list of ShareItem values.")
    )
    scope = models.TextField(
        _("in the person's words"),
        blank=True,
        help_text=_("What may be shared and what not, as agreed with the person."),
    )
    organisations = models.ManyToManyField(
        Organisation, related_name="network_consents", verbose_name=_("may be shared with")
    )
    text_version = models.CharField(
        _("version of the consent text"), max_length=20, default=CONSENT_TEXT_VERSION
    )
    # Who may pass a referral under this consent on to another organisation it names; set when
    # the consent is recorded, like the rest of it (withdrawing stops every passing on).
    may_pass_on = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="network_consents_to_pass_on",
        verbose_name=_("may pass it on"),
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} – {self.recorded_at:%d/%m/%Y}"

    def allows(self, item: str) -> bool:
        return item in (self.items or [])


class ConsentWithdrawal(models.Model):
    consent = models.OneToOneField(
        Consent, on_delete=models.CASCADE, related_name="withdrawal", verbose_name=_("consent")
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_consent_withdrawals",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("withdrawal of consent")
        verbose_name_plural = _("withdrawals of consent")

    def __str__(self) -> str:
        return f"{self.consent} – {self.withdrawn_at:%d/%m/%Y}"
