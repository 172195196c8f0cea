"""What a shared link previews (Open Graph and Twitter card): filled by each shareable page's view
through `share_meta`, written once by the base template (templates/includes/share_meta.html).

Every address in it is absolute (SITE_URL), and the picture is the portal's own: a link preview
makes no request to anyone else.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext as _

DEFAULT_IMAGE = "img/share-house.png"  # 1200x630, made by scripts/make_share_image.py
OG_LOCALES = {"nl": "nl_BE", "fr": "fr_BE", "en": "en_GB"}


@dataclass(frozen=True)
class ShareMeta:
    title: str
    description: str
    url: str
    image: str
    image_alt: str
    type: str
    locale: str
    alternate_locales: tuple[str, ...]
    site_name: str


def absolute(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL.rstrip("/") + path


def share_meta(
    request: HttpRequest,
    *,
    title: str,
    description: str,
    image: str = "",
    image_alt: str = "",
    type: str = "website",
    path: str | None = None,
) -> ShareMeta:
    """The preview of this page: `image` a path or address of the page's own picture, if any."""
    from huis.facts.selectors import house_facts

    language = (get_language() or "nl").split("-")[0]
    locale = OG_LOCALES.get(language, "nl_BE")
    return ShareMeta(
        title=str(title),
        description=" ".join(str(description).split())[:300],
        url=absolute(path if path is not None else request.path),
        image=absolute(image or static(DEFAULT_IMAGE)),
        image_alt=str(image_alt or _("The house with many rooms: a drawing of a house")),
        type=type,
        locale=locale,
        alternate_locales=tuple(v for k, v in OG_LOCALES.items() if v != locale),
        site_name=house_facts().name,
    )


def when_text(starts_at, ends_at=None) -> str:
    """ "zaterdag 12 december 2026, 14:00–16:00" in the visitor's language and the house's time."""
    from django.utils import timezone

    from huis.core.templatetags.house_dates import house_date

    start = timezone.localtime(starts_at)
    text = f"{house_date(start, 'l j F Y')}, {start:%H:%M}"
    if ends_at is not None:
        end = timezone.localtime(ends_at)
        text += (
            f"–{end:%H:%M}" if end.date() == start.date() else f" – {house_date(end, 'l j F Y')}"
        )
    return text


def house_place_text(room_name: str = "", outside: str = "") -> str:
    """Where, in words: a place outside the house, or the house (and room) with its address."""
    from huis.facts.selectors import house_facts

    if outside:
        return outside
    facts = house_facts()
    parts = [room_name, facts.name, facts.street_line, facts.municipality]
    return ", ".join(p for p in parts if p)
