"""The suite in parallel processes (pytest-xdist, `scripts/test`) in the order of one process.

pytest-django runs the tests that use the database in a transaction first and the transactional
ones (`transactional_db`, `live_server`) after them, because a transactional test empties every
table when it ends: also the rows the data migrations made (role groups, managed lists, terms).
Tests that run later rely on that order.

xdist's `--dist loadfile` keeps each file on one process, but it sends the files out largest
first, and a file that holds both kinds of test would run its transactional tests before the
database tests of the files that follow it on that process. This scheduler keeps the order
pytest-django made: the files go out in that order, and where that order puts part of a file's
tests later (its transactional tests), that part is a unit of its own, sent out in its place.
Each process therefore sees its tests in the order a single process would.
"""

from collections import Counter

import pytest
from xdist.scheduler import LoadFileScheduling


def units_in_order(collection: list[str]) -> dict[str, str]:
    """Each test's unit: its file, or `file#2`, `file#3` for later runs of the same file."""
    units: dict[str, str] = {}
    runs: Counter[str] = Counter()
    previous = None
    for nodeid in collection:
        file = nodeid.split("::", 1)[0]
        if file != previous:
            runs[file] += 1
            previous = file
        units[nodeid] = file if runs[file] == 1 else f"{file}#{runs[file]}"
    return units


class InOrderFileScheduling(LoadFileScheduling):
    def __init__(self, config, log=None):
        super().__init__(config, log)
        config.option.loadscopereorder = False  # the collection's order, not the largest first
        self._units: dict[str, str] = {}

    def schedule(self) -> None:
        if self.collection is None and self.registered_collections:
            self._units = units_in_order(next(iter(self.registered_collections.values())))
        super().schedule()

    def _split_scope(self, nodeid: str) -> str:
        return self._units.get(nodeid) or super()._split_scope(nodeid)


def database_use(item) -> str:
    """How a test uses the database, by pytest-django's rule for its order: "transaction" (runs
    in a transaction that is rolled back), "transactional" (commits; its end empties the tables)
    or "none"."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    if "transactional_db" in fixtures or "live_server" in fixtures:
        return "transactional"
    if marker is not None:
        from pytest_django.plugin import validate_django_db

        transaction, reset_sequences, *_rest = validate_django_db(marker)
        return "transactional" if transaction or reset_sequences else "transaction"
    return "transaction" if "db" in fixtures else "none"


_transactional_ran: list[str] = []


def check_order(item) -> None:
    """Fail a test that runs in a transaction after a transactional test in the same process: the
    tables it expects (role groups, managed lists) may have been emptied. The order above keeps
    this from happening; this check says so loudly if it ever does."""
    use = database_use(item)
    if use == "transactional" and not _transactional_ran:
        _transactional_ran.append(item.nodeid)
    elif use == "transaction" and _transactional_ran:
        pytest.fail(
            f"{item.nodeid} runs after the transactional test {_transactional_ran[0]} in the same "
            "process, which emptied the tables; the suite's order is broken (tests/parallel.py)."
        )
