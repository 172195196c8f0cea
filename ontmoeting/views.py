"""Pages of ontmoeting."""

from django.views.generic import TemplateView


class HomeView(TemplateView):
    template_name = "ontmoeting/home.html"
