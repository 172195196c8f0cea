"""The staff pages that write the texts (coordinators) and the public news and "about" pages."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from huis.accounts.mixins import PermissionRequiredMixin
from huis.core.errors import DomainError
from huis.core.service_views import ServicePostView, apply_service_error
from huis.core.share import share_meta

from . import selectors, services
from .blocks import BLOCKS, BY_KEY
from .forms import BlockForm, NewsForm
from .models import NewsItem, PageBlock, Revision
from .selectors import LANGUAGES

PERM = "pages.edit_pages"


# --- public ---------------------------------------------------------------------------------


class AboutView(TemplateView):
    template_name = "pages/about.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            share=share_meta(
                self.request,
                title=_("About the house"),
                description=_("Who we are, for whom the house is, and what you can do here."),
            ),
            **kwargs,
        )


class NewsListView(TemplateView):
    template_name = "pages/news_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            news=selectors.published_news(),
            share=share_meta(self.request, title=_("News"), description=_("News from the house.")),
            **kwargs,
        )


class NewsDetailView(TemplateView):
    template_name = "pages/news_detail.html"

    def get_context_data(self, **kwargs):
        item = selectors.published_news_item(self.kwargs["pk"])
        if item is None:
            raise Http404
        return super().get_context_data(
            item=item,
            share=share_meta(
                self.request,
                title=item.local_title.text,
                description=f"{date_format(item.date)} · {strip_tags(item.local_body.html)}",
                type="article",
            ),
            **kwargs,
        )


# --- staff ----------------------------------------------------------------------------------


class IndexView(PermissionRequiredMixin, TemplateView):
    permission_required = PERM
    template_name = "pages/staff/index.html"

    def get_context_data(self, **kwargs):
        written = selectors.blocks_by_key()
        return super().get_context_data(
            blocks=[(kind, written.get(kind.key)) for kind in BLOCKS],
            news=selectors.news_for_staff(),
            **kwargs,
        )


class _EditView(PermissionRequiredMixin, TemplateView):
    """GET: the form. POST with `action`: "preview" shows the texts as visitors will see them
    (nothing saved); "save" keeps a new version; "publish" saves and publishes."""

    permission_required = PERM
    form_class: type = BlockForm
    template_name = "pages/staff/edit.html"

    def get_object(self):
        raise NotImplementedError

    def initial(self, obj) -> dict:
        raise NotImplementedError

    def save(self, obj, data: dict, publish: bool | None):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        form = self.form_class(initial=self.initial(obj))
        return self.render_to_response(self.get_context_data(form=form, obj=obj))

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        form = self.form_class(request.POST)
        action = request.POST.get("action", "save")
        if form.is_valid():
            data = form.cleaned_data
            if action == "preview":
                context = self.get_context_data(form=form, obj=obj, preview=self.preview(data))
                return self.render_to_response(context)
            publish = True if action == "publish" else None
            try:
                saved = self.save(obj, data, publish)
            except DomainError as error:
                apply_service_error(form, error)
            else:
                if saved.is_published:
                    messages.success(request, _("Saved. Visitors see the new text now."))
                else:
                    messages.success(
                        request, _("Saved. It is not published: visitors do not see it yet.")
                    )
                return redirect(self.success_url(saved))
        return self.render_to_response(self.get_context_data(form=form, obj=obj), status=400)

    def preview(self, data: dict) -> list[dict]:
        bodies = selectors.preview(data)
        labels = dict(LANGUAGES_LABELS)
        out = []
        for lang in LANGUAGES:
            title = data.get(f"title_{lang}") or data.get("title_nl") or ""
            title_lang = lang if data.get(f"title_{lang}") else "nl"
            out.append({"lang": lang, "label": labels[lang], "body": bodies[lang],
                        "title": title, "title_lang": title_lang})  # fmt: skip
        return out


LANGUAGES_LABELS = (
    ("nl", gettext_lazy("Dutch")),
    ("fr", gettext_lazy("French")),
    ("en", gettext_lazy("English")),
)


def _block_kind(key: str):
    kind = BY_KEY.get(key)
    if kind is None:
        raise Http404
    return kind


class BlockEditView(_EditView):
    form_class = BlockForm

    def get_object(self):
        kind = _block_kind(self.kwargs["key"])
        block = PageBlock.objects.filter(key=kind.key).first() or PageBlock(key=kind.key)
        self.kind = kind
        return block

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.kind.label,
            where=reverse(self.kind.where),
            history_url=reverse("pages:block_history", kwargs={"key": self.kind.key}),
            **kwargs,
        )

    def initial(self, obj) -> dict:
        return {f"body_{lang}": getattr(obj, f"body_{lang}") or "" for lang in LANGUAGES}

    def save(self, obj, data, publish):
        texts = services.BlockTexts(**{f"body_{lang}": data[f"body_{lang}"] for lang in LANGUAGES})
        return services.block_save(
            key=obj.key, texts=texts, publish=publish, actor=self.request.user, request=self.request
        )

    def success_url(self, saved) -> str:
        return reverse("pages:block_edit", kwargs={"key": saved.key})


class NewsEditView(_EditView):
    form_class = NewsForm

    def get_object(self):
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(NewsItem, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        obj = kwargs.get("obj")
        return super().get_context_data(
            heading=obj.title if obj else _("New news item"),
            where=obj.get_absolute_url() if obj and obj.is_published else reverse("pages:news"),
            history_url=reverse("pages:news_history", kwargs={"pk": obj.pk}) if obj else "",
            is_news=True,
            **kwargs,
        )

    def initial(self, obj) -> dict:
        if obj is None:
            return {}
        fields = [f"{name}_{lang}" for name in ("title", "body") for lang in LANGUAGES]
        return {"date": obj.date, **{name: getattr(obj, name) or "" for name in fields}}

    def save(self, obj, data, publish):
        texts = services.NewsTexts(
            date=data["date"],
            **{f"{n}_{lang}": data[f"{n}_{lang}"] for n in ("title", "body") for lang in LANGUAGES},
        )
        return services.news_save(
            item=obj, texts=texts, publish=publish, actor=self.request.user, request=self.request
        )

    def success_url(self, saved) -> str:
        return reverse("pages:news_edit", kwargs={"pk": saved.pk})


FIELD_LABELS = {
    "title_nl": gettext_lazy("Title in Dutch"),
    "title_fr": gettext_lazy("Title in French"),
    "title_en": gettext_lazy("Title in English"),
    "body_nl": gettext_lazy("Text in Dutch"),
    "body_fr": gettext_lazy("Text in French"),
    "body_en": gettext_lazy("Text in English"),
}


class _HistoryView(PermissionRequiredMixin, TemplateView):
    permission_required = PERM
    template_name = "pages/staff/history.html"

    def rows(self, obj, url_name: str, **kwargs) -> list[dict]:
        return [
            {
                "revision": revision,
                "texts": [
                    (FIELD_LABELS[name], revision.texts[name])
                    for name in FIELD_LABELS
                    if revision.texts.get(name)
                ],
                "restore_url": reverse(url_name, kwargs={**kwargs, "revision": revision.pk}),
            }
            for revision in selectors.revisions_of(obj)
        ]


class BlockHistoryView(_HistoryView):
    def get_context_data(self, **kwargs):
        kind = _block_kind(self.kwargs["key"])
        block = get_object_or_404(PageBlock, key=kind.key)
        return super().get_context_data(
            heading=kind.label,
            back=reverse("pages:block_edit", kwargs={"key": kind.key}),
            rows=self.rows(block, "pages:block_restore", key=kind.key),
            **kwargs,
        )


class NewsHistoryView(_HistoryView):
    def get_context_data(self, **kwargs):
        item = get_object_or_404(NewsItem, pk=self.kwargs["pk"])
        return super().get_context_data(
            heading=item.title,
            back=reverse("pages:news_edit", kwargs={"pk": item.pk}),
            rows=self.rows(item, "pages:news_restore", pk=item.pk),
            **kwargs,
        )


# --- state changes --------------------------------------------------------------------------


class _BlockPost(PermissionRequiredMixin, ServicePostView):
    permission_required = PERM

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.has_perm(PERM):
            kind = _block_kind(kwargs["key"])
            self.object = get_object_or_404(PageBlock, key=kind.key)
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self) -> str:
        return reverse("pages:block_edit", kwargs={"key": self.object.key})


class BlockPublishView(_BlockPost):
    published = True

    def perform(self, data):
        services.block_set_published(
            block=self.object, published=self.published, actor=self.request.user,
            request=self.request,
        )  # fmt: skip
        self.success_message = (
            _("Published. Visitors see this text now.")
            if self.published
            else _("No longer published. Visitors see the page's own text again.")
        )


class BlockUnpublishView(BlockPublishView):
    published = False


class BlockRestoreView(_BlockPost):
    success_message = gettext_lazy("The earlier version is back. It is kept as a new version.")

    def perform(self, data):
        revision = get_object_or_404(Revision, pk=self.kwargs["revision"], block=self.object)
        services.block_restore(
            block=self.object, revision=revision, actor=self.request.user, request=self.request
        )


class _NewsPost(PermissionRequiredMixin, ServicePostView):
    permission_required = PERM

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.has_perm(PERM):
            self.object = get_object_or_404(NewsItem, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self) -> str:
        return reverse("pages:news_edit", kwargs={"pk": self.object.pk})


class NewsPublishView(_NewsPost):
    published = True

    def perform(self, data):
        services.news_set_published(
            item=self.object, published=self.published, actor=self.request.user,
            request=self.request,
        )  # fmt: skip
        self.success_message = (
            _("Published. Visitors see this news item now.")
            if self.published
            else _("No longer published. Visitors no longer see this news item.")
        )


class NewsUnpublishView(NewsPublishView):
    published = False


class NewsRestoreView(_NewsPost):
    success_message = gettext_lazy("The earlier version is back. It is kept as a new version.")

    def perform(self, data):
        revision = get_object_or_404(Revision, pk=self.kwargs["revision"], news=self.object)
        services.news_restore(
            item=self.object, revision=revision, actor=self.request.user, request=self.request
        )
