"""A person's data download, built by a Celery worker instead of in the web request.

Building it reads every app's data and lays out a PDF: seconds of work that, done in a web request,
let two people at once take every web worker away from everyone else (issue #20). So a request
only writes a row and queues a task; the worker builds the ZIP (PDF, CSV files, JSON), stores it
in the row and puts a notice in the outbox; the page shows the state and the download link.

The file is personal data: only its owner can download it (anyone else gets 404), every creation
and download is audited, and it is deleted `DATA_EXPORT_HOURS` after it was made, or
`DATA_EXPORT_HOURS_AFTER_DOWNLOAD` after the first download, whichever comes first.

A worker may ask the same for someone without an account whom they represent (a person referred
in the network, issue #25): `subject_ref` names that person through the registry's
`represented_data`; the worker who asked owns the file, and nobody else can open it.
"""

import logging
from datetime import timedelta
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation

from huis.audit.services import log_action
from huis.core.locking import lock_rows
from huis.core.registry import represented_data
from huis.notifications.services import notification_schedule

from .models import DataExport, User
from .pdf import export_archive
from .privacy import personal_data_export

logger = logging.getLogger(__name__)

# A build that has not finished by then is given up (a worker died mid-way): the person may ask
# again.
PENDING_GIVE_UP = timedelta(minutes=30)


def _folder(export: DataExport) -> str:
    return f"huis-mijn-gegevens-{timezone.localdate(export.created_at):%Y-%m-%d}"


def data_export_current(*, user: User, subject_ref: str = "") -> DataExport | None:
    """The person's latest download that is still being made or still there (without the file);
    with `subject_ref`, the one they asked on behalf of that person."""
    now = timezone.now()
    return (
        DataExport.objects.filter(user=user, subject_ref=subject_ref, expires_at__gt=now)
        .exclude(status=DataExport.Status.PENDING, created_at__lt=now - PENDING_GIVE_UP)
        .defer("content")
        .order_by("-created_at")
        .first()
    )


def data_export_request(
    *, user: User, subject_ref: str = "", request: HttpRequest | None = None
) -> DataExport:
    """Ask for a new download; one that is being made already is returned instead. With
    `subject_ref`, a worker asks on behalf of someone without an account (the caller checked
    that they may)."""
    from .tasks import build_data_export

    if subject_ref and represented_data(subject_ref) is None:
        raise ValueError(f"Nobody is registered as {subject_ref!r}.")
    with transaction.atomic():
        # One at a time per person: their row lock orders two clicks at once.
        lock_rows(User.objects.all(), [user.pk])
        current = data_export_current(user=user, subject_ref=subject_ref)
        if current and current.status == DataExport.Status.PENDING:
            return current
        # A new file replaces the earlier one: no more copies of the data than needed.
        DataExport.objects.filter(user=user, subject_ref=subject_ref).delete()
        now = timezone.now()
        export = DataExport.objects.create(
            user=user,
            subject_ref=subject_ref,
            created_at=now,
            expires_at=now + timedelta(hours=settings.DATA_EXPORT_HOURS),
        )
        log_action(
            actor=user,
            action="accounts.data_export_requested",
            obj=user,
            subject=None if subject_ref else user,
            data={"export": str(export.pk), "on_behalf_of": subject_ref}
            if subject_ref
            else {"export": str(export.pk)},
            request=request,
        )
        transaction.on_commit(lambda: build_data_export.delay(str(export.pk)))
    return export


def data_export_build(*, export_id: UUID | str) -> bool:
    """Make the file of a requested download (in a worker). Runs once per row: a second run
    finds it no longer pending and does nothing."""
    export = (
        DataExport.objects.filter(pk=export_id, status=DataExport.Status.PENDING)
        .select_related("user")
        .defer("content")
        .first()
    )
    if export is None:
        return False
    user = export.user
    url = settings.SITE_URL + reverse("accounts:my_data")
    try:
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            if export.subject_ref:
                data, url = _represented_export(export.subject_ref)
            else:
                data = personal_data_export(user=user)
            content = export_archive(data, folder=_folder(export))
    except Exception:
        logger.exception("The data download %s could not be made.", export.pk)
        DataExport.objects.filter(pk=export.pk).update(status=DataExport.Status.FAILED)
        return False
    now = timezone.now()
    with transaction.atomic():
        done = DataExport.objects.filter(pk=export.pk, status=DataExport.Status.PENDING).update(
            status=DataExport.Status.READY,
            content=content,
            size=len(content),
            filename=f"{_folder(export)}.zip",
            ready_at=now,
            expires_at=now + timedelta(hours=settings.DATA_EXPORT_HOURS),
        )
        if not done:
            return False
        notification_schedule(
            key=f"accounts:data-export-ready:{export.pk}",
            kind="data_export_ready",
            context={
                "name": user.display_name,
                "url": url,
                "hours": settings.DATA_EXPORT_HOURS,
                "on_behalf": bool(export.subject_ref),  # a worker's request for a referred person
            },
            recipient=user,
            email=user.email,
        )
    return True


def _represented_export(subject_ref: str) -> tuple[dict, str]:
    """What the portal holds about a represented person, laid out like a person's own
    download, and the page the worker asked from."""
    found = represented_data(subject_ref)
    if found is None:
        raise LookupError(subject_ref)
    provider, pk = found
    return {
        "portal": "Huis met vele kamers",
        "generated_at": timezone.localtime(timezone.now()).isoformat(),
        "person": provider.subject_label(pk),
        "sections": {provider.name: {"label": str(provider.label), "data": provider.export(pk)}},
    }, settings.SITE_URL + provider.url(pk)


def data_exports_forget(*, subject_ref: str) -> int:
    """Delete every download made on behalf of this person (they were erased)."""
    if not subject_ref:
        raise ValueError("subject_ref must not be empty.")
    deleted, _ = DataExport.objects.filter(subject_ref=subject_ref).delete()
    return deleted


def data_export_for_download(
    *, user: User, export_id: UUID, request: HttpRequest | None = None
) -> DataExport | None:
    """The owner's ready file, marked as downloaded and audited; None for anyone else, or when
    it is not (or no longer) there."""
    now = timezone.now()
    with transaction.atomic():
        found = lock_rows(
            DataExport.objects.filter(
                user=user, status=DataExport.Status.READY, expires_at__gt=now
            ),
            [export_id],
        )
        export = found[0] if found else None
        if export is None:
            return None
        if export.downloaded_at is None:
            export.downloaded_at = now
            after = now + timedelta(hours=settings.DATA_EXPORT_HOURS_AFTER_DOWNLOAD)
            export.expires_at = min(export.expires_at, after)
            export.save(update_fields=["downloaded_at", "expires_at"])
        log_action(
            actor=user,
            action="accounts.data_export_downloaded",
            obj=user,
            subject=None if export.subject_ref else user,
            data={"export": str(export.pk), "on_behalf_of": export.subject_ref}
            if export.subject_ref
            else {"export": str(export.pk)},
            request=request,
        )
    return export


def data_exports_expire() -> int:
    """Delete every download whose time is up, and builds given up on (beat, every few minutes)."""
    now = timezone.now()
    deleted, _ = DataExport.objects.filter(
        Q(expires_at__lte=now)
        | Q(status=DataExport.Status.PENDING, created_at__lt=now - PENDING_GIVE_UP)
    ).delete()
    return deleted
