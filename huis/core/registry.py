"""Where function apps plug into the shared pages without the core importing them.

- `register_dashboard_link`: an app adds its management pages to the staff dashboard.
- `register_demo_seeder`: an app adds its part of `manage.py seed_demo`.

Apps call these from their AppConfig.ready() (dashboard) or their demo.py (seeders).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class DashboardLink:
    section: str | Promise
    title: str | Promise
    url_name: str
    description: str | Promise
    perm: str
    order: int = 100


_dashboard: list[DashboardLink] = []


def register_dashboard_link(link: DashboardLink) -> None:
    if all(existing.url_name != link.url_name for existing in _dashboard):
        _dashboard.append(link)


def dashboard_links_for(user: Any) -> list[DashboardLink]:
    return sorted(
        (link for link in _dashboard if user.has_perm(link.perm)),
        key=lambda link: (link.order, str(link.title)),
    )


@dataclass(frozen=True)
class DemoSeeder:
    name: str
    order: int
    seed: Callable[..., None]


_seeders: dict[str, DemoSeeder] = {}


def register_demo_seeder(name: str, *, order: int) -> Callable:
    """Decorator: `seed(*, stdout)` builds this app's demo data, idempotently."""

    def decorator(func: Callable[..., None]) -> Callable[..., None]:
        _seeders[name] = DemoSeeder(name=name, order=order, seed=func)
        return func

    return decorator


def demo_seeders() -> list[DemoSeeder]:
    return sorted(_seeders.values(), key=lambda s: (s.order, s.name))
