"""Filters of the list of indicators (django-filter)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from governance.multilingual import code_or_text_contains

from .models import Domain, Framework, Indicator


class IndicatorFilter(django_filters.FilterSet):
    """The framework and domain of an indicator, and words in its code or name."""

    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Code or name")}),
    )
    framework = django_filters.ModelChoiceFilter(
        queryset=Framework.objects.order_by("code"),
        field_name="clause__framework",
        to_field_name="code",
        label=_("Framework"),
        empty_label=_("Any framework"),
    )
    domain = django_filters.ChoiceFilter(
        choices=Domain.choices, label=_("Domain"), empty_label=_("Any domain")
    )

    class Meta:
        model = Indicator
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(code_or_text_contains(value, "name"))
