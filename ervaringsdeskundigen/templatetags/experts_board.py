"""The day cells of a row of the planning board, written in Python.

A month of 40 experts is more than 1,200 cells, most of them empty; as nested template loops
they cost most of the page. The markup is the same as the template wrote it, escaped the same
way (`format_html`), with the same translated words.
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from ..selectors import BoardRow

register = template.Library()

_SENTINEL = 987654321


def _request_url_pattern() -> str:
    """A request's page with a stand-in number: resolved once per row, not once per item."""
    return reverse("ervaringsdeskundigen:request_detail", args=[_SENTINEL])


@register.simple_tag
def board_cells(row: BoardRow) -> SafeString:
    proposed = format_html(' <span class="board-note">({})</span>', gettext("proposed"))
    clash = format_html(' <strong class="board-note">{}</strong>', gettext("Clash!"))
    pattern = _request_url_pattern()
    cells = []
    for cell in row.cells:
        if not cell:
            cells.append("<td></td>")
            continue
        items = format_html_join(
            "",
            '<div class="board-item{}{}"><a href="{}" title="{}">'
            '<span class="board-time">{}</span> <span class="board-org">{}</span></a>{}{}</div>',
            (
                (
                    " board-clash" if item.clash else "",
                    " board-proposed" if item.status == "proposed" else "",
                    pattern.replace(str(_SENTINEL), str(int(item.request_id))),
                    item.organisation_name,
                    item.time,
                    item.organisation_name,
                    proposed if item.status == "proposed" else "",
                    clash if item.clash else "",
                )
                for item in cell
            ),
        )
        cells.append(format_html("<td>{}</td>", items))
    # Every part went through format_html above.
    return mark_safe("".join(cells))
