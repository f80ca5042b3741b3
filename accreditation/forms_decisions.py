"""Forms of the end of a cycle: a meeting of the site visit, the agency's decision and a
recommendation of the experts with its improvement action."""

from django import forms
from django.utils.translation import gettext_lazy as _

from documents.files import DOCUMENT_TYPES
from governance.actions import possible_owners
from governance.models import User

from .cycles import assessed_clauses
from .forms_cycles import ClauseChoiceField
from .models import Accreditation, Clause
from .models.decisions import RecommendationKind, VisitMeeting

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class VisitMeetingForm(forms.ModelForm):
    class Meta:
        model = VisitMeeting
        fields = [
            "date",
            "starts_at",
            "ends_at",
            "group",
            "room",
            "participants",
            "other_participants",
            "note",
        ]
        widgets = {
            "date": DATE,
            "starts_at": TIME,
            "ends_at": TIME,
            "participants": forms.SelectMultiple(attrs={"size": 8}),
            "other_participants": forms.Textarea(attrs={"rows": 4}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.cycle = cycle
        self.fields["participants"].queryset = User.objects.filter(is_active=True).order_by(
            "full_name_kk", "pk"
        )


class DecisionForm(forms.ModelForm):
    """The agency's decision; the programme, agency and kind come from the cycle."""

    class Meta:
        model = Accreditation
        fields = [
            "decision_date",
            "outcome",
            "years",
            "valid_from",
            "valid_until",
            "certificate_number",
            "certificate",
        ]
        widgets = {"decision_date": DATE, "valid_from": DATE, "valid_until": DATE}
        help_texts = {
            "years": _("Leave the expiry date empty to count it from the start date."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certificate"].widget.attrs["accept"] = ",".join(
            f".{ext}" for ext in DOCUMENT_TYPES
        )


class SingleClauseField(forms.ModelChoiceField):
    label_from_instance = ClauseChoiceField.label_from_instance


class RecommendationForm(forms.Form):
    """A recommendation of the panel and the action answering it (``action_plan``)."""

    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=RecommendationKind.choices,
        initial=RecommendationKind.RECOMMENDATION,
    )
    clause = SingleClauseField(queryset=Clause.objects.none(), required=False, label=_("Criterion"))
    owner = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Responsible person"))
    due_date = forms.DateField(label=_("Due date"), widget=DATE)

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clause"].queryset = Clause.objects.filter(
            pk__in=[c.pk for c in assessed_clauses(cycle.framework)]
        ).order_by("position")
        self.fields["owner"].queryset = possible_owners().order_by("full_name_kk", "pk")
