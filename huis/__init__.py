"""Het Huis met vele kamers: the project package and the parts all functions of the house share."""

from .celery import app as celery_app

__all__ = ("celery_app",)
