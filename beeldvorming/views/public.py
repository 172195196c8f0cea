"""Public pages: the introduction, the published stories and their feed.

Nothing here ever reads a testimony's author: only the name the author agreed to show.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView

from huis.core.content_language import local_text
from huis.core.share import share_meta

from ..selectors import published_testimonies


class HomeView(TemplateView):
    template_name = "beeldvorming/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_stories"] = list(published_testimonies()[:3])
        return context


class StoryListView(ListView):
    template_name = "beeldvorming/story_list.html"
    context_object_name = "stories"
    paginate_by = 20

    def get_queryset(self):
        return published_testimonies()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            share=share_meta(
                self.request,
                title=_("Stories of recovery"),
                description=_("Stories that people of the house chose to share."),
            ),
            **kwargs,
        )


class StoryDetailView(TemplateView):
    template_name = "beeldvorming/story_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        story = published_testimonies().filter(pk=kwargs["pk"]).first()
        if story is None:
            raise Http404
        context["story"] = story
        context["share"] = share_meta(
            self.request,
            title=local_text(story, "title").text,
            description=Truncator(local_text(story, "body").text).words(40),
            type="article",
        )
        return context


class StoryFeed(Feed):
    feed_type = Atom1Feed
    title = _("Stories of recovery – Huis met vele kamers")
    subtitle = _("Stories that people of the house chose to share.")
    link = reverse_lazy("verhalen:list")

    def items(self):
        return published_testimonies()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return Truncator(item.body).words(60)

    def item_link(self, item):
        return reverse("verhalen:detail", kwargs={"pk": item.pk})

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        # Only the consented name; an anonymous story has none.
        return item.shown_name or None
