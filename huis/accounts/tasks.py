"""Background work for accounts: the data download is made and cleared away here."""

from celery import shared_task

from .exports import data_export_build, data_exports_expire


@shared_task(name="accounts.build_data_export", acks_late=True, ignore_result=True)
def build_data_export(export_id: str) -> bool:
    return data_export_build(export_id=export_id)


@shared_task(name="accounts.expire_data_exports", ignore_result=True)
def expire_data_exports() -> int:
    return data_exports_expire()
