"""The parallel suite keeps the order of one process (tests/parallel.py): a file whose
transactional tests pytest-django moved to the end runs as two units, in that order."""

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
