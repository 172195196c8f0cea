"""Every read of a sensitive record by someone else is audited, on every page, for every role.

Apps name their sensitive records (huis.core.registry.register_sensitive_record): outreach notes,
referrals, expert profiles, a course's student list, applications. The crawl of the demo house
(test_crawl.py, with `AuditedReads` below) visits every page as every role; whenever a page
contains a distinctive piece of such a record (its note, its question) and the reader is not the
person it is about, that same request must have written an audit entry "..._viewed" for the
reader; anonymous visitors must never see one. A page added later that
shows such a record without logging it fails here, without anyone writing a test for it.
"""

from dataclasses import dataclass

import pytest
from django.utils.html import escape

from huis.audit.models import AuditEntry
from huis.core.registry import sensitive_records

pytestmark = pytest.mark.django_db

MIN_PROBE = 12  # shorter texts are not distinctive enough to prove a page shows the record


@dataclass(frozen=True)
class Probe:
    kind: str
    pk: int
    owner_id: int | None
    text: str


def probes() -> list[Probe]:
    found = []
    for kind in sensitive_records():
        for record in kind.records():
            for text in kind.texts(record):
                first_line = (text or "").strip().splitlines()[0].strip() if text else ""
                if len(first_line) >= MIN_PROBE:
                    found.append(
                        Probe(kind.name, record.pk, kind.owner_id(record), escape(first_line[:60]))
                    )
    return found


def unaudited(html: str, *, reader_id: int | None, actions: list[str], known: list[Probe]):
    """The probes this page shows to someone else without an audit entry "..._viewed"."""
    shown = [p for p in known if p.text in html and p.owner_id != reader_id]
    if shown and not any(action.endswith("_viewed") for action in actions):
        return shown
    return []


def test_the_check_catches_a_page_that_shows_a_record_without_logging_it():
    note = Probe("kwartiermaken.entry_notes", 1, owner_id=None, text="Wil graag samen koken")
    page = "<p>Wil graag samen koken, op dinsdag</p>"
    assert unaudited(page, reader_id=7, actions=[], known=[note]) == [note]
    assert (
        unaudited(page, reader_id=7, actions=["kwartiermaken.entry_notes_viewed"], known=[note])
        == []
    )
    mine = Probe("x", 1, owner_id=7, text="Wil graag samen koken")
    assert unaudited(page, reader_id=7, actions=[], known=[mine]) == []  # one's own record
    assert unaudited("<p>iets anders</p>", reader_id=7, actions=[], known=[note]) == []


class AuditedReads:
    """Used by the crawl in test_crawl.py: wraps each request of a reader and collects pages
    that showed a sensitive record without an audit entry of that reader's read."""

    def __init__(self):
        self.known = probes()
        kinds = {kind.name for kind in sensitive_records()}
        assert kinds, "no sensitive records registered"
        missing = kinds - {p.kind for p in self.known}
        assert not missing, f"the demo house must hold every kind, with its text: {missing}"
        self.failures: list[tuple] = []
        self.audited_pages = 0

    def checker(self, reader):
        def check(url, fetch):
            if reader is None:  # anonymous: must never see one at all
                response = fetch()
                if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                    html = response.content.decode()
                    self.failures += [
                        ("anonymous", url, p.kind, p.pk) for p in self.known if p.text in html
                    ]
                return response
            last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            response = fetch()
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                actions = list(
                    AuditEntry.objects.filter(pk__gt=last, actor=reader).values_list(
                        "action", flat=True
                    )
                )
                html = response.content.decode()
                missing = unaudited(html, reader_id=reader.pk, actions=actions, known=self.known)
                self.failures += [(reader.email, url, p.kind, p.pk) for p in missing]
                if any(a.endswith("_viewed") for a in actions):
                    self.audited_pages += 1
            return response

        return check

    def assert_all_logged(self):
        assert not self.failures, f"pages that show a sensitive record unlogged: {self.failures}"
        assert self.audited_pages > 0, "the crawl never reached a page with a sensitive record"
