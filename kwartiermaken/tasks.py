"""Background work of kwartiermaken: the nightly recount of the overviews' monthly figures."""

from celery import shared_task

from . import figures


@shared_task(name="kwartiermaken.refresh_figures")
def refresh_figures_task() -> int:
    """Recount every month. The services keep the figures exact with every change; this repairs
    what changed outside them (a correction in the database, a merged neighbourhood)."""
    return figures.refresh_all()
