import pytest

from .factories import ExpertFactory, rates


@pytest.fixture
def expert_profile(expert):
    """The profile of the `expert` role fixture."""
    return ExpertFactory(user=expert)


@pytest.fixture
def allowance_rates(db):
    rates()


@pytest.fixture
def managed_lists(db):
    """Themes, kinds of work, languages and rates as the data migration makes them: a test that
    ran before and flushed the database (transactional tests) may have emptied them."""
    from ervaringsdeskundigen import reference

    reference.restore()
    rates()


@pytest.fixture
def t():
    """The text a Dutch visitor reads for an English msgid, HTML-escaped as in a page."""
    from django.utils import translation
    from django.utils.html import escape

    def translate(msgid: str) -> str:
        with translation.override("nl"):
            return escape(translation.gettext(msgid))

    return translate


@pytest.fixture(autouse=True)
def messages_in_english():
    """Services' messages are read in English here, whatever the catalogs say; pages are
    requested as a visitor would (Dutch unless the test asks otherwise)."""
    from django.utils import translation

    with translation.override("en"):
        yield
