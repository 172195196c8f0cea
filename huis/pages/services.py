"""Every write of the pages' texts: save (a new version each time), publish or unpublish, and
restore an earlier version. Each runs in one transaction, keeps the version, writes the audit
entry with the texts before and after, and (through the models' watch) bumps the "pages" scope."""

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.audit.services import log_action
from huis.core.errors import DomainError
from huis.core.locking import lock

from . import richtext
from .blocks import BY_KEY
from .models import NewsItem, PageBlock, Revision


class PagesError(DomainError):
    pass


@dataclass(frozen=True)
class BlockTexts:
    body_nl: str = ""
    body_fr: str = ""
    body_en: str = ""


@dataclass(frozen=True)
class NewsTexts:
    title_nl: str
    date: date
    title_fr: str = ""
    title_en: str = ""
    body_nl: str = ""
    body_fr: str = ""
    body_en: str = ""


def text_refusal(texts: BlockTexts | NewsTexts) -> PagesError | None:
    """The first text a visitor could not use well (a title out of order, a link without text,
    a picture without description), named by its field; None when all are fine."""
    for lang in ("nl", "fr", "en"):
        found = richtext.problems(getattr(texts, f"body_{lang}"))
        if found:
            return PagesError(found[0], field=f"body_{lang}")
    return None


def _fields(obj: PageBlock | NewsItem) -> tuple[str, ...]:
    names = ("body_nl", "body_fr", "body_en")
    if isinstance(obj, NewsItem):
        names = ("title_nl", "title_fr", "title_en", *names)
    return names


def _snapshot(obj: PageBlock | NewsItem) -> dict[str, str]:
    return {name: getattr(obj, name) or "" for name in _fields(obj)}


def _keep_version(obj: PageBlock | NewsItem, *, actor: Any | None) -> Revision:
    where = {"block": obj} if isinstance(obj, PageBlock) else {"news": obj}
    texts = _snapshot(obj)
    if isinstance(obj, NewsItem):
        texts["date"] = obj.date.isoformat()
    return Revision.objects.create(author=actor, texts=texts, created_at=timezone.now(), **where)


def _audit(
    obj: PageBlock | NewsItem,
    *,
    action: str,
    before: dict,
    actor: Any | None,
    request: HttpRequest | None,
    extra: dict | None = None,
) -> None:
    after = _snapshot(obj)
    changed = {k: {"before": before.get(k, ""), "after": v} for k, v in after.items()
               if before.get(k, "") != v}  # fmt: skip
    log_action(
        actor=actor,
        action=action,
        obj=obj,
        data={"changed": changed, **(extra or {})},
        request=request,
    )


def _apply(obj: PageBlock | NewsItem, texts: BlockTexts | NewsTexts) -> None:
    for name, value in asdict(texts).items():
        setattr(obj, name, value.strip() if isinstance(value, str) else value)


def _publish_refusal(obj: PageBlock | NewsItem) -> PagesError | None:
    if not (obj.body_nl or "").strip() and isinstance(obj, PageBlock):
        return PagesError(_("Write the Dutch text first: visitors without a translation read it."))
    return None


# --- blocks -------------------------------------------------------------------------------


def block_save(
    *,
    key: str,
    texts: BlockTexts,
    publish: bool | None = None,
    actor: Any | None,
    request: HttpRequest | None = None,
) -> PageBlock:
    """Save a block's texts as a new version; `publish` True/False also (un)publishes it."""
    if key not in BY_KEY:
        raise PagesError(_("This block does not exist."))
    refusal = text_refusal(texts)
    if refusal is not None:
        raise refusal
    with transaction.atomic():
        block, _created = PageBlock.objects.get_or_create(key=key)
        block = lock(PageBlock.objects, block.pk)
        before = _snapshot(block)
        _apply(block, texts)
        if publish is not None:
            block.is_published = publish
        if block.is_published and (refusal := _publish_refusal(block)):
            raise refusal
        block.save()
        _keep_version(block, actor=actor)
        _audit(block, action="pages.block.saved", before=before, actor=actor, request=request,
               extra={"key": key, "published": block.is_published})  # fmt: skip
    return block


def block_set_published(
    *, block: PageBlock, published: bool, actor: Any, request: HttpRequest | None = None
) -> PageBlock:
    with transaction.atomic():
        block = lock(PageBlock.objects, block.pk)
        if published and (refusal := _publish_refusal(block)):
            raise refusal
        block.is_published = published
        block.save(update_fields=["is_published", "updated_at"])
        log_action(
            actor=actor,
            action="pages.block.published" if published else "pages.block.unpublished",
            obj=block,
            data={"key": block.key},
            request=request,
        )
    return block


def block_restore(
    *, block: PageBlock, revision: Revision, actor: Any, request: HttpRequest | None = None
) -> PageBlock:
    """Make an earlier version the current text again (kept as a new version)."""
    if revision.block_id != block.pk:
        raise PagesError(_("This version belongs to another text."))
    texts = BlockTexts(**{k: revision.texts.get(k, "") for k in BlockTexts.__dataclass_fields__})
    with transaction.atomic():
        block = lock(PageBlock.objects, block.pk)
        before = _snapshot(block)
        _apply(block, texts)
        if block.is_published and (refusal := _publish_refusal(block)):
            raise refusal
        block.save()
        _keep_version(block, actor=actor)
        _audit(block, action="pages.block.restored", before=before, actor=actor, request=request,
               extra={"key": block.key, "revision": revision.pk})  # fmt: skip
    return block


# --- news ---------------------------------------------------------------------------------


def news_save(
    *,
    item: NewsItem | None,
    texts: NewsTexts,
    publish: bool | None = None,
    actor: Any | None,
    request: HttpRequest | None = None,
) -> NewsItem:
    """Write a new news item (item None) or save a new version of one."""
    if not texts.title_nl.strip():
        raise PagesError(_("Write a title in Dutch."), field="title_nl")
    refusal = text_refusal(texts)
    if refusal is not None:
        raise refusal
    with transaction.atomic():
        if item is None:
            item = NewsItem(title_nl=texts.title_nl, date=texts.date)
            before: dict = {}
        else:
            item = lock(NewsItem.objects, item.pk)
            before = _snapshot(item)
        _apply(item, texts)
        if publish is not None:
            item.is_published = publish
        item.save()
        _keep_version(item, actor=actor)
        _audit(item, action="pages.news.saved", before=before, actor=actor, request=request,
               extra={"published": item.is_published})  # fmt: skip
    return item


def news_set_published(
    *, item: NewsItem, published: bool, actor: Any, request: HttpRequest | None = None
) -> NewsItem:
    with transaction.atomic():
        item = lock(NewsItem.objects, item.pk)
        item.is_published = published
        item.save(update_fields=["is_published", "updated_at"])
        log_action(
            actor=actor,
            action="pages.news.published" if published else "pages.news.unpublished",
            obj=item,
            request=request,
        )
    return item


def news_restore(
    *, item: NewsItem, revision: Revision, actor: Any, request: HttpRequest | None = None
) -> NewsItem:
    if revision.news_id != item.pk:
        raise PagesError(_("This version belongs to another text."))
    with transaction.atomic():
        item = lock(NewsItem.objects, item.pk)
        before = _snapshot(item)
        for name in _fields(item):
            setattr(item, name, revision.texts.get(name, ""))
        if revision.texts.get("date"):
            item.date = date.fromisoformat(revision.texts["date"])
        item.save()
        _keep_version(item, actor=actor)
        _audit(item, action="pages.news.restored", before=before, actor=actor, request=request,
               extra={"revision": revision.pk})  # fmt: skip
    return item
