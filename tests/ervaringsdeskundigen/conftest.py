import pytest

from .factories import ExpertFactory, rates


@pytest.fixture
def expert_profile(expert):
    """The profile of the `expert` role fixture."""
    return ExpertFactory(user=expert)


@pytest.fixture
def allowance_rates(db):
    rates()
