"""Residents heard: a visitor proposes an activity or gives an idea, and the house answers.

The proposer gets a private link (the token, kept only as a hash) to see what became of it;
with an account, it is also on their own page. The house answers with a status and a few
words, and decides whether the proposal and its answer are shown on the public page."""

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.audit.services import log_action
from huis.core.locking import lock

from ..models import Proposal
from .errors import ActivityError


def proposal_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def proposal_submit(
    *,
    kind: str,
    title: str,
    text: str,
    name: str = "",
    user: Any = None,
    request: HttpRequest | None = None,
) -> tuple[Proposal, str]:
    """A new proposal and the token of its private link (shown once, never stored)."""
    title, text = title.strip(), text.strip()
    if kind not in Proposal.Kind.values:
        raise ActivityError(_("Choose an activity or an idea."), field="kind")
    if not title:
        raise ActivityError(_("Say it in a few words."), field="title")
    if not text:
        raise ActivityError(_("Tell us a bit more."), field="text")
    token = secrets.token_urlsafe(24)
    proposal = Proposal.objects.create(
        kind=kind,
        title=title[:120],
        text=text[:2000],
        name=name.strip()[:80],
        user=user if user is not None and user.is_authenticated else None,
        token_hash=proposal_token_hash(token),
    )
    log_action(
        actor=proposal.user,
        action="ontmoeting.proposal_submitted",
        obj=proposal,
        data={"kind": kind},
        request=request,
    )
    return proposal, token


ANSWER_STATUSES = (Proposal.Status.PLANNED, Proposal.Status.DONE, Proposal.Status.NOT_NOW)


@transaction.atomic
def proposal_answer(
    *,
    proposal: Proposal,
    actor: Any,
    status: str,
    answer: str,
    is_public: bool,
    request: HttpRequest | None = None,
) -> Proposal:
    """The house's answer (it may be changed later: the latest answer counts)."""
    answer = answer.strip()
    if status not in ANSWER_STATUSES:
        raise ActivityError(_("Choose what happens with the proposal."), field="status")
    if not answer:
        raise ActivityError(_("Write a short answer: the person reads it."), field="answer")
    locked = lock(Proposal.objects, proposal.pk)
    locked.status = status
    locked.answer = answer[:2000]
    locked.is_public = is_public
    locked.answered_at = timezone.now()
    locked.answered_by = actor
    locked.save(update_fields=["status", "answer", "is_public", "answered_at", "answered_by"])
    log_action(
        actor=actor,
        action="ontmoeting.proposal_answered",
        obj=locked,
        data={"status": status, "public": is_public},
        request=request,
    )
    return locked
