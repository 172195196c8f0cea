import pytest
from django.utils import translation
from django.utils.html import escape


@pytest.fixture
def t():
    """The text a Dutch visitor reads for an English msgid (works before and after the
    catalogs are filled), HTML-escaped as it appears in a page."""

    def translate(msgid: str) -> str:
        with translation.override("nl"):
            return escape(translation.gettext(msgid))

    return translate
