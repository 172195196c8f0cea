"""Signed links in emails: an organisation follows its request, an expert answers a proposal.

Nothing is stored: the link carries the id, signed with the site's secret and a salt per use,
and it expires. A changed or expired link gives a clear message, never a 500.
"""

from django.core import signing
from django.utils.translation import gettext as _

from .models import Assignment, ExpertRequest

REQUEST_SALT = "ervaringsdeskundigen.request"
PROPOSAL_SALT = "ervaringsdeskundigen.proposal"
REQUEST_MAX_AGE = 60 * 60 * 24 * 400  # the follow link works for more than a year
PROPOSAL_MAX_AGE = 60 * 60 * 24 * 60


class LinkError(Exception):
    """A signed link that is broken or expired; the message says so."""


def request_token(request: ExpertRequest) -> str:
    return signing.dumps({"r": request.pk}, salt=REQUEST_SALT, compress=True)


def proposal_token(assignment: Assignment) -> str:
    return signing.dumps({"a": assignment.pk}, salt=PROPOSAL_SALT, compress=True)


def _load(token: str, *, salt: str, max_age: int, key: str) -> int:
    try:
        return int(signing.loads(token, salt=salt, max_age=max_age)[key])
    except signing.SignatureExpired as exc:
        raise LinkError(_("This link has expired. Contact the house.")) from exc
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise LinkError(_("This link is not valid. Check that you copied all of it.")) from exc


def request_from_token(token: str) -> ExpertRequest:
    pk = _load(token, salt=REQUEST_SALT, max_age=REQUEST_MAX_AGE, key="r")
    request = ExpertRequest.objects.select_related("work_kind").filter(pk=pk).first()
    if request is None:
        raise LinkError(_("This link is not valid. Check that you copied all of it."))
    return request


def assignment_from_token(token: str) -> Assignment:
    pk = _load(token, salt=PROPOSAL_SALT, max_age=PROPOSAL_MAX_AGE, key="a")
    assignment = (
        Assignment.objects.select_related("request__work_kind", "expert__user")
        .filter(pk=pk)
        .first()
    )
    if assignment is None:
        raise LinkError(_("This link is not valid. Check that you copied all of it."))
    return assignment
