"""The portal's one error pattern for forms (the GOV.UK error summary), for every page.

`base.html` asks these tags whether the page shows a form that came back with errors. They look
through the template context for bound forms (`form`, `schedule_form`, any name), so a form of a
new app gets the summary and the "Error:" title prefix without its view or template doing
anything. The summary lists each problem as a link to its field; `static/js/error-summary.js`
moves focus to it, and without JavaScript it is still the first thing after the header.
"""

from dataclasses import dataclass

from django import forms, template
from django.utils.translation import gettext as _

register = template.Library()

LONG_LABEL = 60


@dataclass(frozen=True)
class Problem:
    message: str
    target: str  # the id of the field to move to, "" when the problem is not about one field


def _target(bound: forms.BoundField) -> str:
    """The id a link should move focus to: the field itself, or the first choice of a group."""
    if bound.is_hidden:
        return ""
    if bound.use_fieldset:
        subwidgets = bound.subwidgets
        if subwidgets:
            return subwidgets[0].id_for_label or ""
    return bound.id_for_label or bound.auto_id or ""


def _forms_with_errors(context) -> list[forms.BaseForm]:
    """Forms sent by POST that came back with errors. A filter form read from the address
    (GET) ignores a bad value instead (the house's rule for list filters)."""
    request = context.get("request")
    if request is None or request.method != "POST":
        return []
    found: list[forms.BaseForm] = []
    seen: set[int] = set()
    for value in context.flatten().values():
        if (
            isinstance(value, forms.BaseForm)
            and value.is_bound
            and id(value) not in seen
            and value.errors
        ):
            seen.add(id(value))
            found.append(value)
    return found


def problems(context) -> list[Problem]:
    listed: list[Problem] = []
    for form in _forms_with_errors(context):
        for message in form.non_field_errors():
            listed.append(Problem(str(message), ""))
        for bound in form:
            for message in bound.errors:
                target = _target(bound)
                label = str(bound.label or "")
                # A long label (a consent sentence) would bury the message: then the message
                # alone, which says what to do.
                if target and label and len(label) <= LONG_LABEL:
                    text = _("%(field)s: %(problem)s") % {"field": label, "problem": message}
                else:
                    text = str(message)
                listed.append(Problem(text, target))
    return listed


@register.inclusion_tag("includes/error_summary.html", takes_context=True)
def error_summary(context) -> dict:
    return {"problems": problems(context)}


@register.simple_tag(takes_context=True)
def error_title_prefix(context) -> str:
    """ "Error: " before the page title when a form came back with errors (WCAG 3.3.1)."""
    if _forms_with_errors(context):
        return _("Error:") + " "
    return ""
