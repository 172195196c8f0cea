"""Pages of ervaringsdeskundigen."""

from django.views.generic import TemplateView


class HomeView(TemplateView):
    template_name = "ervaringsdeskundigen/home.html"
