import pytest

from huis.glossary.models import Word
from huis.glossary.words import seed_words


@pytest.fixture(autouse=True)
def house_words(db):
    """The words data migration 0002 seeds (a transactional test elsewhere may have flushed
    them from a reused test database)."""
    seed_words(Word)
