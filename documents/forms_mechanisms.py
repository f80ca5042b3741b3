"""Forms of the register of QA mechanisms and their PDCA cycles (seed 000 §4)."""

from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from governance.forms_register import DateInput
from governance.models import Body, Department, School

from .files import DOCUMENT_TYPES, validate_document_file
from .models import CycleStage, Mechanism, Stage, UnitKind
from .models.mechanisms import UNIT_FIELDS

ACCEPTED = ",".join(f".{extension}" for extension in DOCUMENT_TYPES)


class MechanismAdminForm(forms.ModelForm):
    """The months of a mechanism ticked by name rather than typed as a list."""

    months = forms.TypedMultipleChoiceField(
        label=_("Months"),
        choices=sorted(MONTHS.items()),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Mechanism
        fields = [
            "code",
            "kind",
            "name_kk",
            "name_ru",
            "name_en",
            "objectives_kk",
            "objectives_ru",
            "objectives_en",
            "calendar_kk",
            "calendar_ru",
            "calendar_en",
            "months",
            "documents",
            "qa_office",
            "bodies",
            "schools",
            "departments",
            "external_party",
            "is_active",
        ]


class CycleForm(forms.Form):
    period = forms.CharField(
        label=_("Period"),
        max_length=60,
        help_text=_("E.g. 2025-2026, or autumn term 2026."),
    )


class StageForm(forms.ModelForm):
    """A stage's planned dates, when it started and its note (the findings, for Check)."""

    class Meta:
        model = CycleStage
        fields = ["planned_start", "planned_end", "started_on", "note"]
        widgets = {
            "planned_start": DateInput(),
            "planned_end": DateInput(),
            "started_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.stage == Stage.CHECK:
            self.fields["note"].label = _("Findings")
            self.fields["note"].help_text = _("What the QA units found; the Act follows from it.")


class CompleteStageForm(forms.Form):
    completed_on = forms.DateField(label=_("Completed on"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"completed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class EvidenceForm(forms.Form):
    """Evidence of a stage: a file checked like an edition's file, a link, or both."""

    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(
        label=_("File"),
        required=False,
        validators=[validate_document_file],
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
    )
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("file") and not cleaned.get("url"):
            raise forms.ValidationError(_("Attach a file or give a link."), code="empty")
        return cleaned


class CheckUnitForm(forms.Form):
    """A QA unit taking part in the Check (seed 000 §1.2, §4)."""

    kind = forms.ChoiceField(label=_("Unit"), choices=UnitKind.choices)
    body = forms.ModelChoiceField(
        queryset=Body.objects.filter(is_active=True).order_by("kind", "name_kk"),
        required=False,
        label=_("Council or committee"),
    )
    school = forms.ModelChoiceField(
        queryset=School.objects.order_by("code"), required=False, label=_("School")
    )
    department = forms.ModelChoiceField(
        queryset=Department.objects.order_by("code"), required=False, label=_("Department")
    )
    contribution = forms.CharField(
        label=_("What the unit checked"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        name = UNIT_FIELDS.get(cleaned.get("kind"))
        if name and not cleaned.get(name):
            self.add_error(name, _("Choose the unit."))
        return cleaned

    @property
    def unit(self):
        name = UNIT_FIELDS.get(self.cleaned_data["kind"])
        return self.cleaned_data[name] if name else None
