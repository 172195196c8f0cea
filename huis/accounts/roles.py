"""The roles of the portal, as Django groups. The data migration creates them; code asks here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    VISITOR = "visitor", _("Visitor")
    EXPERT = "expert", _("Expert by experience")
    VOLUNTEER = "volunteer", _("Volunteer")
    PARTNER_WORKER = "partner_worker", _("Partner worker")
    STAFF = "staff", _("Staff member")
    COORDINATOR = "coordinator", _("Coordinator")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that see sensitive data about other people: two-factor authentication is required of them
# in production, and their sessions end sooner when idle.
SENSITIVE_ROLES = frozenset({Role.PARTNER_WORKER, Role.STAFF, Role.COORDINATOR, Role.ADMINISTRATOR})
# Roles of the house's own people: they reach the staff dashboard.
HOUSE_ROLES = frozenset({Role.STAFF, Role.COORDINATOR, Role.ADMINISTRATOR})
