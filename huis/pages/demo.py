"""The demo house's pages: the home page's blocks with today's home texts in Dutch, French and
English (from the catalogs), "about the house", and two news items."""

from datetime import timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from huis.core.registry import register_demo_seeder

WELCOME = (
    "Everyone is welcome: people with a psychological vulnerability, their family and friends, "
    "neighbours, and anyone passing by."
)
WHAT = (
    "Meeting: a place to drop in, have a coffee and join activities.",
    "Experts by experience: people who use their own experience to help others.",
    "The Recovery College: courses about recovery, given by an expert by experience and a "
    "professional together.",
    "Talking openly about mental health, to break taboos.",
    "Making room in the neighbourhood: together with partners, so nobody falls through the cracks.",
)
ABOUT = (
    "The House with many rooms is a place in the middle of the city. People with a "
    "psychological vulnerability, their family and friends, neighbours and partners meet here.",
    "Here you can drop in, join an activity, take a course about recovery, or ask for an expert "
    "by experience.",
)

NEWS = (
    (
        3,
        {
            "nl": ("De tuin is weer open", "Vanaf deze week kan je weer in de tuin zitten. "
                   "Er staan nieuwe stoelen. Kom gerust een koffie drinken buiten."),
            "fr": ("Le jardin est de nouveau ouvert", "Dès cette semaine, tu peux de nouveau "
                   "t'asseoir au jardin. Il y a de nouvelles chaises. Viens boire un café dehors."),
            "en": ("The garden is open again", "From this week on you can sit in the garden "
                   "again. There are new chairs. Come and have a coffee outside."),
        },
    ),
    (
        10,
        {
            "nl": ("Nieuwe cursus: omgaan met stress", "In de herstelacademie start een nieuwe "
                   "cursus over stress. Een ervaringsdeskundige en een hulpverlener geven hem "
                   "samen.\n\n[Bekijk de cursussen](/herstelacademie/)"),
            "fr": ("Nouveau cours : faire face au stress", "Un nouveau cours sur le stress "
                   "commence au Recovery College. Un expert du vécu et un professionnel le "
                   "donnent ensemble.\n\n[Voir les cours](/herstelacademie/)"),
            "en": ("New course: dealing with stress", "A new course about stress starts at the "
                   "Recovery College. An expert by experience and a professional give it "
                   "together.\n\n[See the courses](/herstelacademie/)"),
        },
    ),
)  # fmt: skip


def _in(language: str, *texts: str) -> list[str]:
    with translation.override(language):
        return [_(text) for text in texts]


@register_demo_seeder("pages", order=6)
def seed(*, stdout) -> None:
    from .models import NewsItem, PageBlock
    from .services import BlockTexts, NewsTexts, block_save, news_save

    if PageBlock.objects.exists() or NewsItem.objects.exists():
        stdout.write("  pages and news: already there")
        return
    for lang_texts in (("home-welcome", (WELCOME,)), ("home-what", WHAT), ("about", ABOUT)):
        key, texts = lang_texts
        bodies = {}
        for lang in ("nl", "fr", "en"):
            found = _in(lang, *texts)
            if key == "home-what":
                bodies[f"body_{lang}"] = "\n".join(f"- {line}" for line in found)
            else:
                bodies[f"body_{lang}"] = "\n\n".join(found)
        block_save(key=key, texts=BlockTexts(**bodies), publish=True, actor=None)
    today = timezone.localdate()
    for days_ago, by_lang in NEWS:
        values = {}
        for lang, (title, body) in by_lang.items():
            values[f"title_{lang}"] = title
            values[f"body_{lang}"] = body
        news_save(
            item=None,
            texts=NewsTexts(date=today - timedelta(days=days_ago), **values),
            publish=True,
            actor=None,
        )
    stdout.write("  pages and news: the home page's texts, about the house, two news items")
