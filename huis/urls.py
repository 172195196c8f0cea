from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from huis.core import views as core_views

admin.site.site_header = _("Huis met vele kamers: administration")
admin.site.site_title = _("Huis met vele kamers")

# The includes with a prefix come first: a prefix that does not match costs one string test,
# while an include without one tries each of its patterns in turn. No path matches two patterns,
# so the order changes what a request costs, never where it goes (tests/core/test_urls.py).
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("agenda/", include("ontmoeting.urls")),
    path("agenda.ics", include("ontmoeting.public_urls")),
    path("herstelacademie/", include("herstelacademie.urls")),
    path("ervaringsdeskundigen/", include("ervaringsdeskundigen.urls")),
    path("beeldvorming/", include("beeldvorming.urls")),
    path("verhalen/", include("beeldvorming.public_urls")),
    path("kwartiermaken/", include("kwartiermaken.urls")),
    path("trajecten/", include("trajecten.urls")),
    path("vrijwilligers/", include("vrijwilligers.urls")),
    path("zalen/", include("huis.rooms.urls")),
    path("account/", include("allauth.urls")),
    path("profiel/", include("huis.accounts.urls")),
    path("beheer/berichten/", include("huis.notifications.urls")),
    path("beheer/mensen/", include("huis.accounts.people_urls")),
    path("beheer/uitdatabank/", include("uitdatabank.urls")),
    path("admin/", admin.site.urls),
    path("", include("huis.core.urls")),
    path("", include("huis.facts.urls")),
    path("", include("huis.glossary.urls")),
    path("", include("huis.pages.urls")),
    path("", include("huis.notifications.public_urls")),
    path("", include("netwerk.urls")),
]
# No /media/ route, not even in development: uploaded files are handed out only by the portal's
# permission-checked views (for example beeldvorming's material download).

if settings.BENCHMARK_ENDPOINT:
    from huis.core.bench import bare

    # First, as the plain Django reference's only view is: it measures the middleware.
    urlpatterns.insert(0, path("bench/bare", bare, name="bench_bare"))
