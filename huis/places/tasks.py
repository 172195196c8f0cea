"""Background work for places: offers that were not taken in time pass to the next person."""

from celery import shared_task

from .services import offers_expire


@shared_task(name="places.offers_expire")
def offers_expire_task() -> int:
    return offers_expire()
