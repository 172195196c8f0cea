"""The staff dashboard's links and the home page's sections that apps add."""

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
    # A live line under the link (a count, a warning): status(user) -> text, "" for none.
    status: Callable[[Any], str | Promise] | None = None


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
class HomeSection:
    name: str
    template_name: str
    context: Callable[[Any], dict]  # called with the request
    order: int = 100


_home_sections: dict[str, HomeSection] = {}


def register_home_section(section: HomeSection) -> None:
    _home_sections[section.name] = section


def home_sections_for(request: Any) -> list[dict]:
    """Each section's template and context, in order, for the home page's template."""
    return [
        {"template_name": s.template_name, "context": s.context(request)}
        for s in sorted(_home_sections.values(), key=lambda s: (s.order, s.name))
    ]
