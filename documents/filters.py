"""Filters of the registers of QA documents, mechanisms and inspections (django-filter)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from governance.multilingual import code_or_text_contains

from .models import (
    Category,
    Document,
    DocumentKind,
    Edition,
    EditionStatus,
    Inspection,
    InspectionKind,
    InspectionState,
    Mechanism,
    MechanismKind,
)


class DocumentFilter(django_filters.FilterSet):
    """Kind, category, status of an edition, and words in the code or title."""

    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Code or title")}),
    )
    kind = django_filters.ChoiceFilter(
        choices=DocumentKind.choices, label=_("Kind"), empty_label=_("Any kind")
    )
    category = django_filters.ChoiceFilter(
        choices=Category.choices, label=_("Category"), empty_label=_("Any category")
    )
    status = django_filters.ChoiceFilter(
        choices=EditionStatus.choices,
        method="filter_status",
        label=_("Edition status"),
        empty_label=_("Any status"),
    )

    class Meta:
        model = Document
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(code_or_text_contains(value, "title"))

    def filter_status(self, queryset, name, value):
        return queryset.filter(pk__in=Edition.objects.filter(status=value).values("document"))


class MechanismFilter(django_filters.FilterSet):
    """Internal or external, and words in the code or name (seed 000 §4.1–4.2)."""

    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Code or name")}),
    )
    kind = django_filters.ChoiceFilter(
        choices=MechanismKind.choices, label=_("Kind"), empty_label=_("Any kind")
    )

    class Meta:
        model = Mechanism
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(code_or_text_contains(value, "name"))


class InspectionFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        choices=InspectionState.choices, label=_("State"), empty_label=_("Any state")
    )
    kind = django_filters.ChoiceFilter(
        choices=InspectionKind.choices, label=_("Kind"), empty_label=_("Any kind")
    )

    class Meta:
        model = Inspection
        fields = []
