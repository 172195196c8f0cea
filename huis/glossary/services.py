"""The one write: a coordinator adds or changes a word of the glossary (audited before/after)."""

from dataclasses import asdict, dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from huis.audit.services import log_action
from huis.core.errors import DomainError
from huis.core.locking import lock

from .models import Word


class GlossaryError(DomainError):
    pass


@dataclass(frozen=True)
class TermDetails:
    term_nl: str
    explanation_nl: str
    forms_nl: str = ""
    term_fr: str = ""
    explanation_fr: str = ""
    term_en: str = ""
    explanation_en: str = ""


def _state(term: Word) -> dict[str, str]:
    return {name: getattr(term, name) for name in TermDetails.__dataclass_fields__}


def _free_slug(text: str, *, keep: int | None = None) -> str:
    base = slugify(text)[:50] or "woord"
    slug, n = base, 1
    while Word.objects.exclude(pk=keep).filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def term_save(
    *,
    actor: Any,
    details: TermDetails,
    term: Word | None = None,
    request: HttpRequest | None = None,
) -> Word:
    """Add a word (term None) or change one; the audit entry holds what changed, before/after."""
    if not details.term_nl.strip() or not details.explanation_nl.strip():
        raise GlossaryError(_("A word needs its Dutch explanation."), field="explanation_nl")
    clash = Word.objects.filter(term_nl__iexact=details.term_nl.strip())
    if term is not None:
        clash = clash.exclude(pk=term.pk)
    if clash.exists():
        raise GlossaryError(_("This word is already in the list."), field="term_nl")
    try:
        with transaction.atomic():
            if term is None:
                term = Word(slug=_free_slug(details.term_nl))
                before: dict[str, str] = {}
            else:
                term = lock(Word.objects, term.pk)
                before = _state(term)
            for name, value in asdict(details).items():
                setattr(term, name, value.strip())
            term.save()
            after = _state(term)
            changed = {
                k: {"before": before.get(k, ""), "after": after[k]}
                for k in after
                if before.get(k, "") != after[k]
            }
            log_action(
                actor=actor,
                action="glossary.created" if not before else "glossary.updated",
                obj=term,
                data={"changed": changed},
                request=request,
            )
    except IntegrityError as error:  # two coordinators added the same word at once
        raise GlossaryError(_("This word is already in the list."), field="term_nl") from error
    return term
