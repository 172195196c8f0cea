import pytest

from .factories import make_course


@pytest.fixture
def course(expert, staff):
    """A published course of three weekly sessions from next week, by `expert` and `staff`."""
    return make_course(experts=[expert], professionals=[staff])
