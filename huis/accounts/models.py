"""People, organisations and who belongs where."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import HOUSE_ROLES, SENSITIVE_ROLES, Role

SESSION_HASH_ATTRIBUTE = "_kept_session_auth_hash"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> "User":
        if not email and not extra.get("phone"):
            raise ValueError("An email address or a phone number is required.")
        user = self.model(email=self.normalize_email(email or ""), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str | None, password: str | None = None, **extra) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Email is the login; a password is optional (login by code).

    Someone with only a phone number (many visitors, issue #25) has an empty email: they log in
    through a link sent by text message (huis.accounts.phone_login) until they add an address.
    Unique when given (the constraint below), so several people can have none."""

    email = models.EmailField(_("email address"), blank=True)
    display_name = models.CharField(
        _("name"), max_length=120, help_text=_("How we address you. A first name is enough.")
    )
    preferred_language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="nl"
    )
    phone = models.CharField(_("phone number"), max_length=32, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("access to the admin"),
        default=False,
        help_text=_("Only administrators use Django's admin."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~models.Q(email=""), name="user_email_ci_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.email or self.phone

    def get_session_auth_hash(self) -> str:
        """Django's, or the one kept with this object when it came from the cache without its
        password (huis.accounts.authz: no password hash is ever kept in the cache), as long as
        the password was not loaded or set since (a new password: its own hash)."""
        kept = self.__dict__.get(SESSION_HASH_ATTRIBUTE)
        if kept is not None and "password" not in self.__dict__:
            return kept
        return super().get_session_auth_hash()

    def refresh_from_db(self, *args, **kwargs) -> None:
        # Read again: a session hash kept from the cache may be older than the database.
        self.__dict__.pop(SESSION_HASH_ATTRIBUTE, None)
        super().refresh_from_db(*args, **kwargs)

    def get_short_name(self) -> str:
        return self.display_name

    @property
    def reach(self) -> str:
        """How the house reaches this person: "email", "sms" (a mobile number, no email) or
        "none". From the row itself, no query: lists of people stay at a fixed count."""
        from huis.core.phone import is_mobile_number

        if self.email:
            return "email"
        if self.phone and is_mobile_number(self.phone):
            return "sms"
        return "none"

    def get_full_name(self) -> str:
        return self.display_name

    @property
    def role_names(self) -> frozenset[str]:
        """The user's roles: from the cached snapshot of their roles and permissions (authz)."""
        if not self.pk:
            return frozenset()
        from .authz import snapshot

        return snapshot(self)["roles"]

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_names.intersection(roles))

    @property
    def is_house(self) -> bool:
        """Staff, coordinators and administrators of the house."""
        return self.is_superuser or bool(self.role_names & HOUSE_ROLES)

    @property
    def has_sensitive_role(self) -> bool:
        return self.is_superuser or bool(self.role_names & SENSITIVE_ROLES)

    @property
    def is_coordinator(self) -> bool:
        return self.is_superuser or self.has_role(Role.COORDINATOR, Role.ADMINISTRATOR)


class Organisation(models.Model):
    """An organisation of the network, or one that asks the house for an expert by experience."""

    class Kind(models.TextChoices):
        HOUSE = "house", _("The house itself")
        PARTNER = "partner", _("Partner of the network")
        REQUESTER = "requester", _("Organisation that requests experts")

    class Sector(models.TextChoices):
        WELFARE = "welfare", _("Welfare")
        MENTAL_HEALTH = "mental_health", _("Mental health care")
        HOUSING = "housing", _("Housing")
        COMMUNITY = "community", _("Community work")
        EDUCATION = "education", _("Education")
        EMPLOYMENT = "employment", _("Work and employment")
        LOCAL_GOVERNMENT = "local_government", _("Local government")
        HEALTH = "health", _("Health care")
        BUSINESS = "business", _("Business")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in web addresses"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PARTNER)
    sector = models.CharField(_("sector"), max_length=24, choices=Sector.choices, blank=True)
    description = models.TextField(_("what they do"), blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=32, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    vat_number = models.CharField(_("enterprise number"), max_length=20, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="organisations",
        verbose_name=_("members"),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organisation_name_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person works for an organisation. Partner workers see their organisation's data only."""

    class Function(models.TextChoices):
        WORKER = "worker", _("Worker")
        CONTACT = "contact", _("Contact person")
        MANAGER = "manager", _("Manager")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    function = models.CharField(
        _("function"), max_length=16, choices=Function.choices, default=Function.WORKER
    )
    is_contact_person = models.BooleanField(_("contact person for the network"), default=False)
    started_on = models.DateField(_("since"), default=timezone.localdate)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_unique_per_organisation"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"


class DataExport(models.Model):
    """A person's data download, built in the background and kept for a short time only.

    The file is personal data: it lives in this row (not under MEDIA_ROOT, never served by the
    web server), only its owner can download it, and it is deleted when `expires_at` passes
    (24 hours after it was made, or a few hours after the first download, whichever is first).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    # Random: the download's address says nothing about who or how many.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    downloaded_at = models.DateTimeField(null=True, blank=True)
    filename = models.CharField(max_length=100, blank=True)
    # Empty: the person's own data. Else a worker's download on behalf of someone without an
    # account ("netwerk.person:12", huis.core.registry.represented_data): `user` is the worker
    # who asked, the only one who can open it.
    subject_ref = models.CharField(max_length=80, blank=True, default="", db_default="")
    content = models.BinaryField(default=b"", editable=False)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("data download")
        verbose_name_plural = _("data downloads")
        indexes = [
            models.Index(fields=["user", "-created_at"]),
            models.Index(fields=["expires_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.status}"


class Invitation(models.Model):
    """An invitation by email to work in the portal for an organisation, in a role (issue #25).

    Accepted by logging in with the code the portal emails to that address (allauth's login by
    code): whoever holds the mailbox is the person invited. It expires."""

    email = models.EmailField(_("email address"))
    display_name = models.CharField(_("name"), max_length=150)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=32)
    function = models.CharField(
        _("function"),
        max_length=16,
        choices=Membership.Function.choices,
        default=Membership.Function.WORKER,
    )
    language = models.CharField(_("language"), max_length=8, default="nl")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        indexes = [models.Index(Lower("email"), name="invitation_email_idx")]

    def __str__(self) -> str:
        return f"{self.email} – {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class ImportBatch(models.Model):
    """One upload of a list of people (CSV or XLSX): previewed, then committed, and undone
    within a day if it was a mistake (issue #25). `rows` holds the preview: per row what will
    happen (create, update, skip) and why; `created`/`updated` what the commit did."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Preview")
        COMMITTED = "committed", _("Imported")
        UNDONE = "undone", _("Undone")

    filename = models.CharField(_("file"), max_length=200)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PREVIEW
    )
    invite = models.BooleanField(_("send a welcome message"), default=False)
    rows = models.JSONField(_("rows"), default=list)
    created = models.JSONField(default=list)  # ids of the accounts the commit made
    updated = models.JSONField(default=list)  # [{"id": .., "before": {field: value}}]
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    committed_at = models.DateTimeField(_("imported"), null=True, blank=True)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)

    class Meta:
        verbose_name = _("import of people")
        verbose_name_plural = _("imports of people")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
