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
