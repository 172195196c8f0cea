"""Importing a list of people (issue #25): a CSV or XLSX file is read (the csv module and
openpyxl, never by hand), previewed row by row (create, update or skip, and why), committed only
when staff confirm, and undone within a day.

A row needs a name and an email address or a phone number (Belgian writing, stored E.164 as
huis.core.phone does it): someone with only a mobile number gets an account without email and,
when staff choose a message, a text message with a link that logs them in (phone_login).

A person is the same person when their normalised email address (lower case) or phone number
(E.164) is: a second row for them in the file is skipped as a duplicate; an existing account is
updated (only what was empty is filled in), never duplicated.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.audit.services import log_action
from huis.core.errors import DomainError
from huis.core.phone import is_mobile_number, normalise_phone_number
from huis.core.versioned_cache import bump

from .authz import USERS
from .models import ImportBatch, User
from .roles import Role
from .services import user_grant_role

MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
UNDO_WITHIN = dt.timedelta(days=1)
KIND_WELCOME = "accounts_import_welcome"
HEADERS = {
    "name": ("name", "naam", "nom"),
    "email": ("email", "e-mail", "mail", "e-mailadres"),
    "phone": ("phone", "telefoon", "gsm", "téléphone", "telephone"),
    "language": ("language", "taal", "langue"),
}
LANGUAGES = {code for code, _name in settings.LANGUAGES}


class ImportError_(DomainError):
    """A file or an import that cannot be used, with a reason a person can read."""


@dataclass
class Row:
    line: int
    name: str
    email: str
    phone: str
    language: str


def read_table(filename: str, content: bytes) -> list[list[str]]:
    if len(content) > MAX_BYTES:
        raise ImportError_(_("The file is too big: at most 5 MB."), field="file")
    lower = filename.lower()
    if lower.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
            return [
                ["" if cell is None else str(cell) for cell in row]
                for row in sheet.iter_rows(values_only=True)
            ]
        except Exception as exc:  # a broken or disguised file: a clear refusal, never a 500
            raise ImportError_(_("This spreadsheet cannot be read."), field="file") from exc
    if lower.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1252", errors="replace")
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return list(csv.reader(io.StringIO(text), dialect))
    raise ImportError_(_("Choose a CSV or XLSX file."), field="file")


def filled_rows(filename: str, content: bytes) -> list[list[str]]:
    """The file's rows (read_table), without the blank ones; the first names the columns."""
    return [row for row in read_table(filename, content) if any(cell.strip() for cell in row)]


def find_columns(header: list[str], headers: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Which column holds what: for each key of `headers`, the first column whose name (any
    case, spaces around ignored) is one of its names. Keys without a column are left out."""
    names = [name.strip().lower() for name in header]
    found = {}
    for key, options in headers.items():
        index = next((index for index, name in enumerate(names) if name in options), None)
        if index is not None:
            found[key] = index
    return found


def cell(row: list[str], columns: dict[str, int], key: str) -> str:
    """The value of column `key` in `row`, stripped; "" when the file has no such column or the
    row is shorter."""
    index = columns.get(key)
    return row[index].strip() if index is not None and index < len(row) else ""


def _columns(header: list[str]) -> dict[str, int]:
    found = find_columns(header, HEADERS)
    if "name" not in found or not ({"email", "phone"} & found.keys()):
        raise ImportError_(
            _("The first row must name the columns: name, and email and/or phone."), field="file"
        )
    return found


def read_rows(filename: str, content: bytes) -> list[Row]:
    table = filled_rows(filename, content)
    if not table:
        raise ImportError_(_("The file is empty."), field="file")
    columns = _columns(table[0])
    if len(table) - 1 > MAX_ROWS:
        raise ImportError_(_("At most 5000 people in one file."), field="file")
    return [
        Row(
            line=number,
            name=" ".join(cell(row, columns, "name").split())[:150],
            email=cell(row, columns, "email").lower(),
            phone=cell(row, columns, "phone"),
            language=cell(row, columns, "language").lower()[:2],
        )
        for number, row in enumerate(table[1:], start=2)
    ]


def _decide(rows: list[Row]) -> list[dict]:
    """What will happen to each row, and why (a dict per row, kept in the batch)."""
    decided: list[dict] = []
    seen: set[str] = set()
    clean: list[dict] = []
    for row in rows:
        entry = {
            "line": row.line,
            "name": row.name,
            "email": row.email,
            "phone": "",
            "language": row.language if row.language in LANGUAGES else "nl",
        }
        reason = ""
        if not row.name:
            reason = _("No name.")
        elif not row.email and not row.phone:
            reason = _("No email address and no phone number.")
        if not reason and row.email:
            try:
                validate_email(row.email)
            except ValidationError:
                reason = _("Invalid email address.")
        if not reason and row.phone:
            try:
                entry["phone"] = normalise_phone_number(row.phone)
            except ValidationError:
                reason = _("Invalid phone number.")
        keys = {
            f"e:{entry['email']}" if entry["email"] else "",
            f"p:{entry['phone']}" if entry["phone"] else "",
        } - {""}
        if not reason and keys & seen:
            reason = _("Duplicate: this person is already in the file.")
        if reason:
            decided.append({**entry, "action": "skip", "reason": reason})
            continue
        seen |= keys
        clean.append(entry)
        decided.append(entry)
    existing = known_people(
        emails=[e["email"] for e in clean if e["email"]],
        phones=[e["phone"] for e in clean if e["phone"]],
    )
    for entry in clean:
        user = existing.get(f"e:{entry['email']}") or existing.get(f"p:{entry['phone']}")
        if user is None:
            entry.update(action="create", reason="", reach=_reach(entry))
            continue
        changes = {}
        if entry["phone"] and not user.phone:
            changes["phone"] = entry["phone"]
        if entry["name"] and not user.display_name:
            changes["display_name"] = entry["name"]
        entry["user_id"] = user.pk
        if changes:
            entry.update(
                action="update", changes=changes, reason=_("Known: what was empty is filled in.")
            )
        else:
            entry.update(action="skip", reason=_("Known already: nothing to change."))
    return decided


def known_people(*, emails: list[str], phones: list[str]) -> dict[str, User]:
    """The accounts with these (normalised) addresses or numbers, by "e:<email>" and
    "p:<E.164>". One query."""
    existing: dict[str, User] = {}
    for user in User.objects.filter(Q(email__in=emails) | Q(phone__in=phones)).only(
        "id", "email", "phone", "display_name", "preferred_language"
    ):
        if user.email:
            existing[f"e:{user.email.lower()}"] = user
        if user.phone:
            existing[f"p:{user.phone}"] = user
    return existing


def person_create(*, name: str, email: str, phone: str, language: str, actor: Any) -> User:
    """An account for an imported person (a visitor): email (lower case) and/or phone (E.164),
    no password; they log in with an emailed code or a link by text message."""
    user = User.objects.create_user(
        email=email or None,
        password=None,
        display_name=name,
        phone=phone,
        preferred_language=language,
    )
    if email:
        EmailAddress.objects.create(user=user, email=email, primary=True)
    user_grant_role(user=user, role=Role.VISITOR, actor=actor)
    return user


def _reach(entry: dict) -> str:
    """How the new person will be reached: by email, by text message, or not at all (a
    landline: the house calls them)."""
    if entry["email"]:
        return "email"
    return "sms" if is_mobile_number(entry["phone"]) else "none"


@transaction.atomic
def import_preview(*, filename: str, content: bytes, invite: bool, actor: Any) -> ImportBatch:
    rows = _decide(read_rows(filename, content))
    batch = ImportBatch.objects.create(
        filename=filename[:200], invite=invite, rows=rows, created_by=actor
    )
    log_action(actor=actor, action="accounts.import_previewed", obj=batch, data=counts(batch))
    return batch


def counts(batch: ImportBatch) -> dict[str, int]:
    result = {"create": 0, "update": 0, "skip": 0}
    for row in batch.rows:
        result[row["action"]] += 1
    return result


@transaction.atomic
def import_commit(*, batch: ImportBatch, actor: Any) -> ImportBatch:
    from huis.notifications.services import notification_schedule

    from .phone_login import phone_login_send

    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEW:
        raise ImportError_(_("This import was already done."))
    rows = _decide(
        [Row(r["line"], r["name"], r["email"], r["phone"], r["language"]) for r in batch.rows]
    )  # again: someone may have made an account since the preview
    created, updated = [], []
    for row in rows:
        if row["action"] == "create":
            user = person_create(
                name=row["name"],
                email=row["email"],
                phone=row["phone"],
                language=row["language"],
                actor=actor,
            )
            created.append(user.pk)
            if batch.invite and row["email"]:
                notification_schedule(
                    key=f"accounts:import-welcome:{batch.pk}:{user.pk}",
                    kind=KIND_WELCOME,
                    context={"name": user.display_name},
                    recipient=user,
                    language=row["language"],
                )
            elif batch.invite and user.reach == "sms":
                # No email address: a text message with a link that logs them in once.
                phone_login_send(
                    person=user, actor=actor, key=f"accounts:import-welcome:{batch.pk}:{user.pk}"
                )
        elif row["action"] == "update":
            user = User.objects.get(pk=row["user_id"])
            before = {field: getattr(user, field) for field in row["changes"]}
            for field, value in row["changes"].items():
                setattr(user, field, value)
            user.save(update_fields=list(row["changes"]))
            updated.append({"id": user.pk, "before": before})
    batch.rows, batch.created, batch.updated = rows, created, updated
    batch.status = ImportBatch.Status.COMMITTED
    batch.committed_at = timezone.now()
    batch.save()
    log_action(
        actor=actor,
        action="accounts.import_committed",
        obj=batch,
        data={"created": len(created), "updated": len(updated), "invite": batch.invite},
    )
    return batch


@transaction.atomic
def import_undo(*, batch: ImportBatch, actor: Any) -> ImportBatch:
    """Within a day: the accounts it made are removed (unless the person has logged in since:
    then the account is theirs), the fields it filled in are emptied again."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.COMMITTED:
        raise ImportError_(_("Only an import that was done can be undone."))
    if timezone.now() - batch.committed_at > UNDO_WITHIN:
        raise ImportError_(_("An import can only be undone within a day."))
    removable = User.objects.filter(pk__in=batch.created, last_login__isnull=True)
    kept = len(batch.created) - removable.count()
    removable.delete()
    for change in batch.updated:
        User.objects.filter(pk=change["id"]).update(**change["before"])
    bump(USERS)  # no signal for update(): the people kept in the cache are read anew
    batch.status = ImportBatch.Status.UNDONE
    batch.undone_at = timezone.now()
    batch.save(update_fields=["status", "undone_at"])
    log_action(actor=actor, action="accounts.import_undone", obj=batch, data={"kept": kept})
    return batch
