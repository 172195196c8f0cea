"""The whole programme as a calendar feed: subscribe in any calendar app."""

from django.http import Http404, HttpResponse
from django.views import View

from .. import selectors
from ..ics import calendar
from ..models import Category


class FeedView(View):
    """/agenda.ics, or /agenda.ics?categorie=creatief: subscribe in any calendar app."""

    def get(self, request):
        category = request.GET.get("categorie", "")
        if category and category not in Category.values:
            raise Http404
        name = "Huis met vele kamers"
        if category:
            name += f" – {Category(category).label}"
        body = calendar(selectors.feed(category=category), name=name)
        return HttpResponse(body, content_type="text/calendar; charset=utf-8")
