"""Pages of herstelacademie."""

from django.views.generic import TemplateView


class HomeView(TemplateView):
    template_name = "herstelacademie/home.html"
