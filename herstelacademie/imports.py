"""Importing existing course enrolments (issue #25): a CSV or XLSX file with a row per person
and course (name, email and/or phone, language, course). Read by the people import's reader
(huis.accounts.imports: the csv module and openpyxl), previewed row by row before anything is
saved (new person or one we know, a place, the waiting list, or refused and why), and enrolled
only when staff confirm, through the same services as the desk: the places engine decides
under its lock, so a full course puts people on its waiting list and is never overbooked.

The preview saves nothing: the rows travel signed (SECRET_KEY) in the confirm form, and the plan
is made again at confirm time, since places may have been taken in between. Cancelling is
simply not confirming.
"""

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from huis.accounts import imports as people_imports
from huis.audit.services import log_action
from huis.core.errors import DomainError
from huis.core.phone import normalise_phone_number
from huis.places.models import ACTIVE_STATUSES, PlaceClaim
from huis.places.services import normalise_phone

from . import services
from .models import Course
from .services.guests import _desk_refusal

MAX_ROWS = 1000
SALT = "herstelacademie.enrolment_import"
VALID_FOR = dt.timedelta(hours=2)
HEADERS = {
    **people_imports.HEADERS,
    "course": ("course", "cursus", "cours", "opleiding"),
}
LANGUAGES = {code for code, _name in settings.LANGUAGES}

# What happens to a row.
ENROLLED, WAITING, REFUSED = "enrolled", "waiting", "refused"


class EnrolmentImportError(DomainError):
    """A file that cannot be used, with a reason a person can read."""


@dataclass
class Row:
    line: int
    name: str
    email: str
    phone: str
    language: str
    course: str


def read_rows(filename: str, content: bytes) -> list[Row]:
    try:
        table = people_imports.filled_rows(filename, content)
    except DomainError as error:
        raise EnrolmentImportError(error.message, field="file") from error
    if len(table) < 2:  # nothing, or only the names of the columns
        raise EnrolmentImportError(_("The file is empty."), field="file")
    columns = people_imports.find_columns(table[0], HEADERS)
    if not {"name", "course"} <= columns.keys() or not ({"email", "phone"} & columns.keys()):
        raise EnrolmentImportError(
            _("The first row must name the columns: name, email and/or phone, and course."),
            field="file",
        )
    if len(table) - 1 > MAX_ROWS:
        raise EnrolmentImportError(_("At most 1000 enrolments in one file."), field="file")

    def cell(row: list[str], key: str) -> str:
        return people_imports.cell(row, columns, key)

    return [
        Row(
            line=number,
            name=" ".join(cell(row, "name").split())[:120],
            email=cell(row, "email").lower()[:254],
            phone=cell(row, "phone")[:40],
            language=cell(row, "language").lower()[:2],
            course=" ".join(cell(row, "course").split())[:160],
        )
        for number, row in enumerate(table[1:], start=2)
    ]


def _courses(refs: set[str]) -> dict[str, list[Course]]:
    """The courses a file names, by number or by title (lower case). One query."""
    numbers = {int(ref) for ref in refs if ref.isdigit() and len(ref) < 10}
    titles = {ref.lower() for ref in refs if not ref.isdigit()}
    query = Q(pk__in=numbers)
    for title in titles:
        query |= Q(title__iexact=title)
    found: dict[str, list[Course]] = {}
    if not refs:
        return found
    for course in Course.objects.filter(query).select_related("term", "offering"):
        found.setdefault(str(course.pk), []).append(course)
        found.setdefault(course.title.lower(), []).append(course)
    return found


def _check(row: Row) -> tuple[dict, str]:
    entry = {
        "line": row.line,
        "name": row.name,
        "email": row.email,
        "phone": "",
        "language": row.language if row.language in LANGUAGES else "nl",
        "course": row.course,
        "course_title": "",
    }
    if not row.name:
        return entry, _("No name.")
    if not row.email and not row.phone:
        return entry, _("No email address and no phone number.")
    if row.email:
        try:
            validate_email(row.email)
        except ValidationError:
            return entry, _("Invalid email address.")
    if row.phone:
        try:
            entry["phone"] = normalise_phone_number(row.phone)
        except ValidationError:
            return entry, _("Invalid phone number.")
    if not row.course:
        return entry, _("No course.")
    return entry, ""


def plan(rows: list[Row]) -> list[dict]:
    """What will happen to each row, and why; nothing is written. A fixed number of queries:
    the courses, the people, the places of those courses."""
    courses = _courses({row.course.lower() for row in rows if row.course})
    checked = [_check(row) for row in rows]
    people = people_imports.known_people(
        emails=[e["email"] for e, reason in checked if not reason and e["email"]],
        phones=[e["phone"] for e, reason in checked if not reason and e["phone"]],
    )
    offerings = {c.offering_id for found in courses.values() for c in found if c.offering_id}
    claims = PlaceClaim.objects.filter(offering_id__in=offerings, status__in=ACTIVE_STATUSES)
    taken: dict[int, set[str]] = {}
    for claim in claims.only("offering_id", "user_id", "email", "phone_digits"):
        keys = taken.setdefault(claim.offering_id, set())
        if claim.user_id:
            keys.add(f"u:{claim.user_id}")
        if claim.email:
            keys.add(f"e:{claim.email.lower()}")
        if claim.phone_digits:
            keys.add(f"d:{claim.phone_digits}")
    waiting = dict(
        claims.filter(status=PlaceClaim.Status.WAITING)
        .values_list("offering_id")
        .annotate(n=Count("pk"))
        .values_list("offering_id", "n")
    )
    free: dict[int, int] = {}
    decided = []
    for entry, reason in checked:
        course = None
        if not reason:
            found = courses.get(entry["course"].lower(), [])
            if not found:
                reason = _("No course with this number or title.")
            elif len(found) > 1:
                reason = _("More than one course has this title: give its number.")
            else:
                course = found[0]
                entry.update(course_id=course.pk, course_title=course.title)
                reason = _desk_refusal(course) or ""
                if not reason and course.offering_id is None:
                    reason = _("This course has no places to enrol for.")
        user = None
        if not reason or course is not None:
            user = people.get(f"e:{entry['email']}") or people.get(f"p:{entry['phone']}")
        entry["person"] = "known" if user is not None else "new"
        if user is not None:
            entry["user_id"] = user.pk
        if not reason:
            keys = {f"u:{user.pk}"} if user is not None else set()
            if entry["email"]:
                keys.add(f"e:{entry['email']}")
            if entry["phone"]:
                keys.add(f"d:{normalise_phone(entry['phone'])}")
            seen = taken.setdefault(course.offering_id, set())
            if keys & seen:
                reason = _("Already enrolled for this course (or twice in the file).")
            else:
                seen |= keys
        if reason:
            decided.append({**entry, "outcome": REFUSED, "reason": reason})
            continue
        offering = course.offering
        if course.offering_id not in free:
            free[course.offering_id] = max(
                0, (offering.capacity or 0) - offering.taken - waiting.get(course.offering_id, 0)
            )
        if free[course.offering_id] > 0:
            free[course.offering_id] -= 1
            decided.append({**entry, "outcome": ENROLLED, "reason": ""})
        else:
            decided.append({**entry, "outcome": WAITING, "reason": _("The course is full.")})
    return decided


def counts(rows: list[dict]) -> dict[str, int]:
    result = Counter({"new": 0, ENROLLED: 0, WAITING: 0, REFUSED: 0})
    for row in rows:
        result[row["outcome"]] += 1
        if row["outcome"] != REFUSED and row["person"] == "new":
            result["new"] += 1
    return dict(result)


def sign(rows: list[Row]) -> str:
    return signing.dumps([asdict(row) for row in rows], salt=SALT, compress=True)


def unsign(payload: str) -> list[Row]:
    try:
        data = signing.loads(payload, salt=SALT, max_age=VALID_FOR)
        return [Row(**item) for item in data]
    except signing.SignatureExpired as exc:
        raise EnrolmentImportError(
            _("This preview is more than two hours old. Upload the file again.")
        ) from exc
    except (signing.BadSignature, TypeError, ValueError) as exc:
        raise EnrolmentImportError(
            _("This preview cannot be used. Upload the file again.")
        ) from exc


@transaction.atomic
def enrolments_import(*, rows: list[Row], actor: Any, filename: str = "") -> list[dict]:
    """Enrol every row the plan accepts, each through the desk's services (a place or the
    waiting list, decided under the course's lock). A row the services refuse now (someone
    enrolled in between) is refused alone; the others go on. Returns what happened per row."""
    decided = plan(rows)
    for row in decided:
        if row["outcome"] == REFUSED:
            continue
        try:
            with transaction.atomic():
                user = None
                if row.get("user_id"):
                    user = people_imports.User.objects.get(pk=row["user_id"])
                else:
                    user = people_imports.person_create(
                        name=row["name"],
                        email=row["email"],
                        phone=row["phone"],
                        language=row["language"],
                        actor=actor,
                    )
                    row["user_id"] = user.pk
                enrollment = services.enrollment_create_at_desk(
                    course=Course(pk=row["course_id"]), user=user, actor=actor
                )
        except DomainError as error:
            row.update(outcome=REFUSED, reason=error.message)
            if row["person"] == "new":
                row.pop("user_id", None)  # the savepoint took the new account back
            continue
        status = enrollment.claim.status
        row["outcome"] = ENROLLED if status == PlaceClaim.Status.CONFIRMED else WAITING
        row["reason"] = "" if row["outcome"] == ENROLLED else _("The course is full.")
    log_action(
        actor=actor,
        action="herstelacademie.enrolments_imported",
        obj=None,
        data={"file": filename[:200], **counts(decided)},
    )
    return decided
