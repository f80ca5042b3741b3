"""Forms of the register of QA documents: a new edition, the approving decision, the search."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.forms_register import DateInput

from .models import Edition


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
