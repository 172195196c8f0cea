"""Pages and news staff can write: the home page's blocks, "about the house", each function's
introduction and short news items, in Dutch, French and English, with versions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "huis.pages"
    label = "pages"
    verbose_name = _("Pages and news")

    def ready(self) -> None:
        from huis.core.registry import (
            DashboardLink,
            HomeSection,
            register_dashboard_link,
            register_home_section,
        )
        from huis.core.versioned_cache import watch

        from . import demo, permissions  # noqa: F401  (rules and the demo part)
        from .models import NewsItem, PageBlock
        from .selectors import SCOPE, latest_news

        # The home page, the function pages and the news pages show these: a save shows at once.
        watch(PageBlock, NewsItem, scopes=(SCOPE,))
        register_dashboard_link(
            DashboardLink(
                section=_("The house"),
                title=_("Pages and news"),
                url_name="pages:index",
                description=_(
                    "The texts of the home page, the page about the house, the introductions "
                    "of each part of the house, and short news items."
                ),
                perm="pages.edit_pages",
                order=20,
            )
        )
        register_home_section(
            HomeSection(
                name="news",
                template_name="pages/home_news.html",
                context=lambda request: {"news": latest_news()},
                order=5,
            )
        )
