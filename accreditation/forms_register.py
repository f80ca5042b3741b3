"""Forms of the register of accredited programmes, the Atameken ranking and the Academic
Integrity League monitoring."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.actions import possible_owners
from governance.models import EducationalProgramme, School

from . import integrity_league
from .forms_decisions import DATE, DecisionForm
from .models import (
    AccreditationKind,
    AtamekenResult,
    IntegrityMonitoring,
    MonitoringFinding,
)
from .programme_register import FLAG_LABELS

NAME_SEPARATOR = re.compile(r"\s*[—–;]\s*|\s+-\s+")


class RegisterFilterForm(forms.Form):
    """The register's filters: a school and a flag."""

    school = forms.ModelChoiceField(
        queryset=School.objects.order_by("code"),
        to_field_name="code",
        required=False,
        label=_("School"),
        empty_label=_("Any school"),
    )
    flag = forms.ChoiceField(
        choices=[("", _("Any")), *FLAG_LABELS.items()], required=False, label=_("Flag")
    )

    def __init__(self, *args, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        if schools is not None:
            self.fields["school"].queryset = schools


class AccreditationForm(DecisionForm):
    """A decision entered by hand in the register: it also names its programme, agency and
    kind (a cycle's decision takes them from the cycle, ``DecisionForm``)."""

    class Meta(DecisionForm.Meta):
        fields = ["kind", "programme", "agency", *DecisionForm.Meta.fields]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = EducationalProgramme.objects.order_by("code")
        self.fields["kind"].initial = AccreditationKind.PROGRAMME


class AtamekenResultForm(forms.ModelForm):
    source_url = forms.URLField(
        label=_("source link"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = AtamekenResult
        fields = ["programme", "year", "position", "score", "category", "source_url"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = EducationalProgramme.objects.order_by("code")


class MonitoringForm(forms.ModelForm):
    """The monitoring, with its group: people with accounts and, one per line, others."""

    people = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Members with an account"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    other_members = forms.CharField(
        required=False,
        label=_("Other members"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One per line: name — organisation, e.g. “Aigerim Sadykova — Anti-Corruption Agency”."
        ),
    )

    class Meta:
        model = IntegrityMonitoring
        fields = ["year", "visit_date", "criteria_received_on", "summary"]
        widgets = {"visit_date": DATE, "criteria_received_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = possible_owners().order_by("full_name_kk", "pk")
        if self.instance.pk:
            members = list(self.instance.members.all())
            self.fields["people"].initial = [m.person_id for m in members if m.person_id]
            self.fields["other_members"].initial = "\n".join(
                f"{m.name} — {m.organisation}" if m.organisation else m.name
                for m in members
                if not m.person_id
            )

    def clean_other_members(self):
        """(name, organisation) pairs, one per non-empty line."""
        names = []
        for line in self.cleaned_data["other_members"].splitlines():
            if not line.strip():
                continue
            parts = NAME_SEPARATOR.split(line.strip(), maxsplit=1)
            organisation = parts[1] if len(parts) > 1 else ""
            names.append((parts[0][:300], organisation[:300]))
        return names

    def save_members(self):
        integrity_league.set_members(
            self.instance, self.cleaned_data["people"], self.cleaned_data["other_members"]
        )


class FindingForm(forms.ModelForm):
    class Meta:
        model = MonitoringFinding
        fields = ["text", "severity"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class FindingActionForm(forms.Form):
    """Who acts on a finding and by when."""

    owner = forms.ModelChoiceField(queryset=None, label=_("Owner"))
    due_date = forms.DateField(label=_("Due date"), widget=DATE)
    title = forms.CharField(
        label=_("Title"),
        max_length=500,
        required=False,
        help_text=_("Leave empty to use the finding's text."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = possible_owners().order_by("full_name_kk", "pk")
