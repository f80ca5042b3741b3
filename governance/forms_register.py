"""Forms of the decision register and improvement actions."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.actions import possible_owners
from governance.models import ImprovementAction
from governance.uploads import SIGNATURES, validate_material


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ActionCreateForm(forms.ModelForm):
    """A new improvement action; the owner is found by e-mail among active staff."""

    owner_email = forms.EmailField(
        label=_("Owner (e-mail)"),
        help_text=_("The member of staff responsible for the action, by their portal e-mail."),
    )

    class Meta:
        model = ImprovementAction
        fields = ["title", "description", "owner_email", "school", "due_date"]
        widgets = {
            "title": forms.TextInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "due_date": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].empty_label = _("No school (university-wide)")

    def clean_owner_email(self):
        email = self.cleaned_data["owner_email"].strip().lower()
        owner = possible_owners().filter(email__iexact=email).first()
        if owner is None:
            raise forms.ValidationError(
                _("No active member of staff has this e-mail address."), code="unknown_owner"
            )
        self.owner = owner
        return email

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate():
            raise forms.ValidationError(_("The due date is in the past."), code="past")
        return due


class EvidenceForm(forms.Form):
    """The owner's evidence when reporting an action done."""

    evidence = forms.CharField(
        label=_("Evidence of completion"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was done, and where it can be checked."),
    )
    evidence_file = forms.FileField(
        label=_("Evidence file"),
        required=False,
        validators=[validate_material],
        help_text=_("PDF, office document or image."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in sorted(SIGNATURES))}
        ),
    )


class ReturnForm(forms.Form):
    """Why a done action goes back to work after verification."""

    note = forms.CharField(
        label=_("What is missing"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Added to the action's description for the owner."),
    )
