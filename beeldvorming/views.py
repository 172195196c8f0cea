"""Pages of beeldvorming."""

from django.views.generic import TemplateView


class HomeView(TemplateView):
    template_name = "beeldvorming/home.html"
