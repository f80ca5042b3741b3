"""Forms of the register of QA documents: a new edition, the approving decision, the search."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.forms_register import DateInput
from governance.models import Body, Department, School

from .models import Edition, TargetKind
from .models.acknowledgements import TARGET_FIELDS


class EditionForm(forms.ModelForm):
    """A new edition of a document, with its file, what changed and why (seed 004)."""

    class Meta:
        model = Edition
        fields = [
            "number",
            "file",
            "basis",
            "summary",
            "effective_date",
            "next_review_date",
            "agreed_by",
            "agreed_on",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "effective_date": DateInput(),
            "next_review_date": DateInput(),
            "agreed_on": DateInput(),
            "file": forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt"}),
        }

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = Edition.objects.filter(document=self.instance.document, number=number)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("This document already has an edition with this number."), code="taken"
            )
        return number


class DecisionChoiceForm(forms.Form):
    """The decision of the approving body that approves an edition (seed 000 §3)."""

    decision = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Approving decision"), empty_label="—"
    )

    def __init__(self, *args, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions


class PublicSearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        label=_("Search"),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Title or text")}),
    )


class LaunchForm(forms.Form):
    """An acknowledgement campaign: who is asked, by when (seed 002 §3.3), and what they are
    told; the school, department or body goes with its kind of target."""

    target_kind = forms.ChoiceField(label=_("Addressed to"), choices=TargetKind.choices)
    school = forms.ModelChoiceField(
        queryset=School.objects.order_by("code"), required=False, label=_("School")
    )
    department = forms.ModelChoiceField(
        queryset=Department.objects.order_by("code"), required=False, label=_("Department")
    )
    body = forms.ModelChoiceField(
        queryset=Body.objects.filter(is_active=True).order_by("pk"),
        required=False,
        label=_("Body"),
    )
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    message = forms.CharField(
        label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        cleaned = super().clean()
        name = TARGET_FIELDS.get(cleaned.get("target_kind"))
        if name and not cleaned.get(name):
            self.add_error(name, _("Choose who is asked."))
        return cleaned

    @property
    def target(self):
        name = TARGET_FIELDS.get(self.cleaned_data["target_kind"])
        return self.cleaned_data[name] if name else None
