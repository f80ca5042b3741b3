"""Forms of inspections (seed 004 §5.7): planning, the checklist, findings and the report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.actions import possible_owners
from governance.forms_register import DateInput

from .models import (
    ChecklistTemplate,
    CheckResult,
    Inspection,
)


class InspectionForm(forms.ModelForm):
    """A new inspection of a school (its dean's office) or a department."""

    class Meta:
        model = Inspection
        fields = ["kind", "school", "department", "date", "inspectors", "scope", "template"]
        widgets = {
            "date": DateInput(),
            "scope": forms.Textarea(attrs={"rows": 3}),
            "inspectors": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "school": _("Inspect a school's dean's office, or choose a department below."),
            "template": _("Its items become the checklist; more can be added later."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspectors"].queryset = possible_owners().order_by("full_name_kk")
        self.fields["template"].queryset = ChecklistTemplate.objects.filter(is_active=True)


class ResultForm(forms.Form):
    """One checklist item ticked: the result and a comment."""

    result = forms.ChoiceField(
        label=_("Result"),
        choices=CheckResult.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ItemForm(forms.Form):
    text = forms.CharField(label=_("Item to check"), max_length=500)


class FindingForm(forms.Form):
    text = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 3}))
    item = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Checklist item"), empty_label=_("The whole unit")
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("Report"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What was inspected, what was found and what is recommended."),
    )
