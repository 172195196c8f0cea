"""Messages from staff to the people signed up for something."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class MessageAudience:
    """Something people sign up for, to whom staff can write a short message (issue #25).

    `objects(user)` returns what this user may write about (a queryset, narrowed to them);
    `occasion(obj)` the huis.notifications.notices.Occasion; `addressees(obj, waiting)` the
    people signed up (waiting False) or on the waiting list (True); `back_url(obj)` the page
    the writer came from.
    """

    name: str
    label: str | Promise
    objects: Callable[[Any], Any]
    occasion: Callable[[Any], Any]
    addressees: Callable[[Any, bool], list]
    back_url: Callable[[Any], str]


_audiences: dict[str, MessageAudience] = {}


def register_message_audience(audience: MessageAudience) -> None:
    _audiences[audience.name] = audience


def message_audience(name: str) -> MessageAudience | None:
    return _audiences.get(name)
