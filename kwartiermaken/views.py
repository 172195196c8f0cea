"""Pages of kwartiermaken."""

from django.views.generic import TemplateView

from huis.accounts.mixins import PermissionRequiredMixin


class HomeView(PermissionRequiredMixin, TemplateView):
    template_name = "kwartiermaken/home.html"
    permission_required = "kwartiermaken.view_home"
