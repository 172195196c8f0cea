"""The demo house's glossary: the house's words (the data migration seeds them; this puts back
any a test database or an older demo lacks)."""

from huis.core.registry import register_demo_seeder


@register_demo_seeder("glossary", order=6)
def seed(*, stdout) -> None:
    from .models import Word
    from .words import seed_words

    added = seed_words(Word)
    stdout.write(f"  easy words: {added} added, {Word.objects.count()} in the list")
