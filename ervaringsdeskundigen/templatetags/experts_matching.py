"""The rows of the matching list on a request page, written in Python.

Each suitable expert is a row with a checkbox, a link and two lists of reasons; as template
loops, 20 to 40 rows cost more than ranking the whole pool. The markup is the same as the
template wrote it, escaped the same way (`format_html`), with the same translated words.
"""

from django import template
from django.core.cache import caches
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .. import caching
from ..matching import Match, Ranking

register = template.Library()


@register.simple_tag
def match_rows(ranked: Ranking) -> SafeString:
    """The rows of a ranking. Its key names the pool's version, the request and the language,
    so the rows written for it are kept in this process and written again only for a new key."""
    if not ranked.key:
        return _rows(ranked.matches)
    rows = caches["local"].get_or_set(
        f"ervaringsdeskundigen:match-rows:{ranked.key}",
        lambda: _rows(ranked.matches),
        caching.TIMEOUT,
    )
    # Written by _rows, every part through format_html.
    return mark_safe(rows)


def _rows(matches: list[Match]) -> SafeString:
    not_possible = format_html("<span>{}</span>", gettext("not possible"))
    rows = []
    for m in matches:
        name = str(m.expert)
        if m.can_propose:
            pk = m.expert.pk
            choose = format_html(
                '<input type="checkbox" class="form-check-input slot-check" name="experts" '
                'value="{}" id="propose-{}"><label class="visually-hidden" for="propose-{}">{}'
                "</label>",
                pk,
                pk,
                pk,
                gettext("Propose %(name)s") % {"name": name},
            )
        else:
            choose = not_possible
        rows.append(
            format_html(
                '<tr class="{}"><td>{}</td><td><a href="{}">{}</a></td>'
                '<td><ul class="mb-0">{}</ul></td><td><ul class="mb-0">{}{}</ul></td></tr>',
                "" if m.can_propose else "match-blocked",
                choose,
                reverse("ervaringsdeskundigen:expert_detail", args=[m.expert.pk]),
                name,
                format_html_join("", "<li>{}</li>", ((reason,) for reason in m.reasons)),
                format_html_join(
                    "",
                    '<li class="text-danger-strong"><strong>{}</strong></li>',
                    ((problem,) for problem in m.problems),
                ),
                format_html_join("", "<li>{}</li>", ((warning,) for warning in m.warnings)),
            )
        )
    # Every part went through format_html above.
    return mark_safe("\n".join(rows))
