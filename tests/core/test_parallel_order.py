"""The parallel suite keeps the order of one process (tests/parallel.py): a file whose
transactional tests pytest-django moved to the end runs as two units, in that order."""

import pytest

from tests.parallel import units_in_order


def test_a_file_the_order_splits_runs_as_two_units_in_that_order():
    collection = [
        "tests/a.py::test_in_a_transaction",
        "tests/a.py::test_another_in_a_transaction",
        "tests/b.py::test_in_a_transaction",
        "tests/a.py::test_transactional",
        "tests/c.py::test_transactional",
        "tests/d.py::test_without_database",
    ]
    units = units_in_order(collection)

    assert units["tests/a.py::test_in_a_transaction"] == "tests/a.py"
    assert units["tests/a.py::test_another_in_a_transaction"] == "tests/a.py"
    assert units["tests/a.py::test_transactional"] == "tests/a.py#2"
    assert list(dict.fromkeys(units[nodeid] for nodeid in collection)) == [
        "tests/a.py",
        "tests/b.py",
        "tests/a.py#2",
        "tests/c.py",
        "tests/d.py",
    ]


class _Item:
    def __init__(self, nodeid, fixtures):
        self.nodeid = nodeid
        self.fixturenames = fixtures

    def get_closest_marker(self, name):
        return None


def test_a_test_in_a_transaction_after_a_transactional_one_fails_loudly(monkeypatch):
    from tests import parallel

    monkeypatch.setattr(parallel, "_transactional_ran", [])
    parallel.check_order(_Item("tests/a.py::test_db", ["db"]))
    parallel.check_order(_Item("tests/a.py::test_live", ["live_server", "transactional_db"]))
    parallel.check_order(_Item("tests/b.py::test_plain", []))  # no database: may run anywhere
    with pytest.raises(pytest.fail.Exception, match=r"tests/a\.py::test_live"):
        parallel.check_order(_Item("tests/c.py::test_db", ["db"]))


@pytest.mark.parametrize(
    ("configured", "for_gw1"),
    [
        ("redis://127.0.0.1:6379/1", "redis://127.0.0.1:6379/2"),
        ("redis://127.0.0.1:6379", "redis://127.0.0.1:6379/1"),
        (
            "redis://:secret@cache:6379/7?socket_timeout=5",
            "redis://:secret@cache:6379/8?socket_timeout=5",
        ),
        ("unix:///run/redis.sock?db=3", "unix:///run/redis.sock?db=4"),
    ],
)
def test_each_test_process_gets_the_next_redis_database(configured, for_gw1):
    from huis.config.environment import _redis_url_for_test_worker

    assert _redis_url_for_test_worker(configured, "gw0") in (configured, configured + "/0")
    assert _redis_url_for_test_worker(configured, "gw1") == for_gw1
