from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from huis.core import views as core_views

admin.site.site_header = _("Huis met vele kamers: administration")
admin.site.site_title = _("Huis met vele kamers")

urlpatterns = [
    path("", include("huis.core.urls")),
    path("", include("huis.facts.urls")),
    path("", include("huis.glossary.urls")),
    path("", include("huis.pages.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("account/", include("allauth.urls")),
    path("profiel/", include("huis.accounts.urls")),
    path("beheer/berichten/", include("huis.notifications.urls")),
    path("", include("huis.notifications.public_urls")),
    path("beheer/mensen/", include("huis.accounts.people_urls")),
    path("zalen/", include("huis.rooms.urls")),
    path("agenda/", include("ontmoeting.urls")),
    path("agenda.ics", include("ontmoeting.public_urls")),
    path("herstelacademie/", include("herstelacademie.urls")),
    path("ervaringsdeskundigen/", include("ervaringsdeskundigen.urls")),
    path("beeldvorming/", include("beeldvorming.urls")),
    path("verhalen/", include("beeldvorming.public_urls")),
    path("kwartiermaken/", include("kwartiermaken.urls")),
    path("trajecten/", include("trajecten.urls")),
    path("vrijwilligers/", include("vrijwilligers.urls")),
    path("beheer/uitdatabank/", include("uitdatabank.urls")),
    path("", include("netwerk.urls")),
    path("admin/", admin.site.urls),
]
# No /media/ route, not even in development: uploaded files are handed out only by the portal's
# permission-checked views (for example beeldvorming's material download).

if settings.BENCHMARK_ENDPOINT:
    from huis.core.bench import bare

    urlpatterns.append(path("bench/bare", bare, name="bench_bare"))
