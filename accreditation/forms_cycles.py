"""Forms of the cycle pages: the cycle, its working group and milestones, a section of the
self-assessment report and an evidence link (the rules in ``accreditation.evidence``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from documents.models import EditionStatus
from documents.models.editions import Edition
from governance.models import Decision, StaffProfile, User
from governance.models.structure import School
from surveys.models import Campaign, CampaignState

from . import evidence as rules
from .cycles import assessed_clauses
from .models import Clause, IndicatorValue
from .models.cycles import Cycle, Milestone, WorkingGroupMember
from .models.sar import KIND_FIELDS, Evidence, EvidenceKind, Section, SectionStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CycleForm(forms.ModelForm):
    class Meta:
        model = Cycle
        fields = ["title_kk", "title_ru", "title_en", "kind", "agency", "framework", "programmes"]
        widgets = {"programmes": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The sections answer the framework's criteria: it is fixed once they are open.
        if self.instance.pk and self.instance.sections.exists():
            self.fields["framework"].disabled = True


class ClauseChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.title}"


def staff():
    """People who may sit on a working group: staff members (students are not)."""
    return User.objects.filter(is_active=True, pk__in=StaffProfile.objects.values("user")).order_by(
        "full_name_kk"
    )


class MemberForm(forms.ModelForm):
    clauses = ClauseChoiceField(
        queryset=Clause.objects.none(),
        required=False,
        label=_("Criteria they write"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = WorkingGroupMember
        fields = ["person", "is_lead", "clauses"]

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.cycle = cycle
        self.fields["person"].queryset = staff()
        self.fields["clauses"].queryset = Clause.objects.filter(
            pk__in=[c.pk for c in assessed_clauses(cycle.framework)]
        ).order_by("position")

    def clean_person(self):
        person = self.cleaned_data["person"]
        if self.instance.cycle.members.filter(person=person).exists():
            raise forms.ValidationError(
                _("%(person)s is already on the working group.") % {"person": person}
            )
        return person


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["kind", "clause", "date"]
        widgets = {"date": DATE}

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.cycle = cycle
        self.fields["clause"].queryset = Clause.objects.filter(
            pk__in=[c.pk for c in assessed_clauses(cycle.framework)]
        ).order_by("position")


class SectionForm(forms.ModelForm):
    """The working group writes; the QA manager also assigns the owner and the due date."""

    class Meta:
        model = Section
        fields = [
            "narrative_kk",
            "narrative_ru",
            "narrative_en",
            "strengths",
            "weaknesses",
            "opportunities",
            "threats",
            "status",
            "owner",
            "due_date",
        ]
        widgets = {
            "due_date": DATE,
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in ("strengths", "weaknesses", "opportunities", "threats")
            },
        }

    def __init__(self, *args, manager, **kwargs):
        super().__init__(*args, **kwargs)
        if manager:
            self.fields["owner"].queryset = staff()
        else:
            del self.fields["owner"], self.fields["due_date"]

    def clean(self):
        data = super().clean()
        if data.get("status") == SectionStatus.DONE and not any(
            (data.get(f"narrative_{lang}") or "").strip() for lang in ("kk", "ru", "en")
        ):
            self.add_error("status", _("Write the narrative before marking the section as done."))
        return data


class ValueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        where = obj.school or obj.programme or _("Whole university")
        return f"{obj.indicator.code} — {obj.year}, {where}: {obj.value}"


class EvidenceForm(forms.ModelForm):
    indicator_value = ValueChoiceField(
        queryset=IndicatorValue.objects.none(), required=False, label=_("Indicator value")
    )

    class Meta:
        model = Evidence
        fields = [
            "kind",
            "note",
            "edition",
            "campaign",
            "survey_school",
            "decision",
            "indicator_value",
            "file",
        ]

    def __init__(self, *args, section, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.section = section
        self.fields["edition"].queryset = Edition.objects.filter(
            status=EditionStatus.PUBLISHED
        ).select_related("document")
        self.fields["campaign"].queryset = Campaign.objects.filter(
            state=CampaignState.PUBLISHED
        ).order_by("-closes_at")
        self.fields["survey_school"].queryset = School.objects.order_by("code")
        self.fields["decision"].queryset = Decision.objects.select_related("body").order_by(
            "-date", "-pk"
        )
        self.fields["indicator_value"].queryset = (
            IndicatorValue.objects.filter(indicator__clause__framework=section.cycle.framework_id)
            .select_related("indicator", "school", "programme")
            .order_by("indicator__code", "-year", "school", "programme")
        )
        self.fields["file"].help_text = _("PDF, DOCX or ODT.")

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if not kind:
            return data
        named = KIND_FIELDS[kind]
        chosen = data.get(named)
        if named in self.errors:
            return data
        if not chosen:
            self.add_error(named, _("Choose what this evidence is."))
            return data
        # Only the field of the kind chosen is kept.
        for other in set(KIND_FIELDS.values()) - {named}:
            data[other] = None if other != "file" else ""
        if kind != EvidenceKind.SURVEY:
            data["survey_school"] = None
        problem = ""
        if kind == EvidenceKind.EDITION:
            problem = rules.edition_problem(chosen)
        elif kind == EvidenceKind.SURVEY:
            problem = rules.survey_result_problem(chosen, data.get("survey_school"))
        if problem:
            self.add_error(named, problem)
        return data
