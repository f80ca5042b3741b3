"""Indicator numbers as people read them: "87,5 %", "yes", "12"."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from accreditation.models import Unit

register = template.Library()


@register.filter
def in_unit(value, unit):
    """A value or target in its indicator's unit; "—" when there is none."""
    if value is None or value == "":
        return "—"
    if unit == Unit.YES_NO:
        return _("yes") if value else _("no")
    number = number_format(Decimal(value).normalize())
    if unit == Unit.PERCENT:
        return f"{number} %"
    return number
