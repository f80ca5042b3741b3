"""Filters of the decision register and of the list of improvement actions (django-filter)."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.actions import FINISHED_STATUSES, register_bodies
from governance.models import Body, Decision, ImprovementAction, School
from governance.models.decisions import ActionSource, ActionStatus, RevisionKind

REVISION_ANY = "any"
REVISION_CHOICES = [
    (REVISION_ANY, _("Revised or annulled")),
    (RevisionKind.REVISED.value, _("Revised")),
    (RevisionKind.ANNULLED.value, _("Annulled")),
]


def _readable_bodies(request):
    if request is None:
        return Body.objects.none()
    return register_bodies(request.user)


class DecisionFilter(django_filters.FilterSet):
    """Body, year, words in the number or text, and decisions later revised or annulled."""

    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Number or text")}),
    )
    body = django_filters.ModelChoiceFilter(
        queryset=_readable_bodies, label=_("Body"), empty_label=_("All bodies")
    )
    year = django_filters.ChoiceFilter(
        field_name="date", lookup_expr="year", label=_("Year"), empty_label=_("All years")
    )
    revision = django_filters.ChoiceFilter(
        choices=REVISION_CHOICES,
        method="filter_revision",
        label=_("Revision"),
        empty_label=_("All decisions"),
    )

    class Meta:
        model = Decision
        fields = []

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in years]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(number__icontains=value) | Q(text__icontains=value))

    def filter_revision(self, queryset, name, value):
        later = Decision.objects.filter(revises=OuterRef("pk"))
        if value != REVISION_ANY:
            later = later.filter(revision_kind=value)
        return queryset.filter(Exists(later))


class ActionFilter(django_filters.FilterSet):
    """Status, school, source, overdue only and the person's own actions only."""

    status = django_filters.ChoiceFilter(
        choices=ActionStatus.choices, label=_("Status"), empty_label=_("Any status")
    )
    school = django_filters.ModelChoiceFilter(
        queryset=School.objects.all(), label=_("School"), empty_label=_("All schools")
    )
    source = django_filters.ChoiceFilter(
        choices=ActionSource.choices, label=_("Source"), empty_label=_("Any source")
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=_("Overdue only"), widget=forms.CheckboxInput
    )
    mine = django_filters.BooleanFilter(
        method="filter_mine", label=_("Only mine"), widget=forms.CheckboxInput
    )

    class Meta:
        model = ImprovementAction
        fields = []

    def filter_overdue(self, queryset, name, value):
        """Past the due date and not done, whether or not the nightly task has marked it."""
        if not value:
            return queryset
        return queryset.filter(
            Q(status=ActionStatus.OVERDUE)
            | Q(due_date__lt=timezone.localdate()) & ~Q(status__in=FINISHED_STATUSES)
        )

    def filter_mine(self, queryset, name, value):
        if not value or self.request is None:
            return queryset
        return queryset.filter(owner=self.request.user)
