"""Forms for applications to a committee and for grade appeals.

Each form checks what ``governance.cases`` checks, with the same sentences, so a refused
request is explained next to the field concerned; the functions check again when they run.
"""

import secrets

from django import forms
from django.core.validators import RegexValidator
from django.db.models import BLANK_CHOICE_DASH
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from governance import cases
from governance.models import AppealExpert, Application, Body, Course, Decision, Meeting, User
from governance.models.cases import AppealOutcome, ApplicationKind
from governance.uploads import validate_material

FILE_HELP = _("PDF, Word, Excel, PowerPoint, OpenDocument or an image.")


def _field(name):
    return Application._meta.get_field(name)


class ApplicationForm(forms.Form):
    """A new application (seed 000 §2.2); a grade appeal names the course and the grade."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=[*BLANK_CHOICE_DASH, *ApplicationKind.choices]
    )
    body = forms.ModelChoiceField(
        label=_("Addressed to"),
        queryset=Body.objects.none(),
        help_text=_(
            "A School Committee of your school; a grade appeal goes to the school's appeals "
            "commission when it has one."
        ),
    )
    subject = forms.CharField(label=_("Subject"), max_length=_field("subject").max_length)
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What you ask the committee for, and why."),
    )
    attachment = forms.FileField(
        label=_("Attachment (optional)"),
        required=False,
        validators=[validate_material],
        help_text=FILE_HELP,
    )
    course = forms.ModelChoiceField(
        label=_("Course (grade appeals)"),
        queryset=Course.objects.none(),
        required=False,
        help_text=_("The course whose grade you appeal."),
    )
    grade_given = forms.CharField(
        label=_("Grade given (grade appeals)"),
        max_length=_field("grade_given").max_length,
        required=False,
    )
    # A random value per rendered form: the same form posted twice makes one application.
    token = forms.CharField(
        widget=forms.HiddenInput,
        required=False,
        max_length=64,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$")],
    )

    def __init__(self, *args, applicant, **kwargs):
        super().__init__(*args, **kwargs)
        self.applicant = applicant
        bodies = cases.addressable_bodies(applicant).order_by("kind", "name_kk")
        self.fields["body"].queryset = bodies
        self.fields["course"].queryset = cases.enrolled_courses(applicant)
        if not self.is_bound:
            self.initial["token"] = secrets.token_urlsafe(24)
            only = list(bodies[:2])
            if len(only) == 1:
                self.initial["body"] = only[0].pk

    def clean(self):
        data = super().clean()
        if "kind" in data:
            try:
                cases.check_submission(
                    self.applicant,
                    data.get("body"),
                    data["kind"],
                    data.get("course"),
                    data.get("grade_given", ""),
                )
            except cases.CaseError as error:
                self.add_error(None, error)
        return data


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting):
        return _("No. %(number)s, %(date)s") % {
            "number": meeting.number,
            "date": date_format(meeting.starts_at, "SHORT_DATETIME_FORMAT"),
        }


class AgendaForm(forms.Form):
    """The secretary puts the application on a meeting of the body still to be held."""

    meeting = MeetingChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = cases.upcoming_meetings(application.body)


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, decision):
        return _("No. %(number)s of %(date)s: %(text)s") % {
            "number": decision.number,
            "date": date_format(decision.date, "SHORT_DATE_FORMAT"),
            "text": decision.text[:80],
        }


class AnswerForm(forms.Form):
    """The committee's answer, and the register decision it rests on (if any)."""

    decision = DecisionChoiceField(
        label=_("Decision of the body"),
        queryset=Decision.objects.none(),
        required=False,
        help_text=_("The decision the answer rests on, when the body voted one."),
    )
    response = forms.CharField(
        label=_("Answer to the applicant"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        decision = self.fields["decision"]
        decision.queryset = Decision.objects.filter(
            body=application.body_id, date__gte=timezone.localdate(application.submitted_at)
        ).order_by("-date", "-pk")
        if application.kind == ApplicationKind.INCLUSIVE:
            # Seed 000 §4.1.4: the committee decides each inclusive-education request itself.
            decision.required = True
            decision.help_text = _("The committee's decision on the request.")


class ExpertForm(forms.Form):
    """An expert for the appeal's panel. Only independent staff of the school are offered;
    any other choice (a stale page, a forged request) is refused with the reason."""

    expert = forms.ModelChoiceField(label=_("Expert"), queryset=User.objects.filter(is_active=True))

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        field = self.fields["expert"]
        field.widget.choices = [
            ("", field.empty_label),
            *((person.pk, str(person)) for person in cases.expert_candidates(application)),
        ]

    def clean_expert(self):
        expert = self.cleaned_data["expert"]
        try:
            cases.check_expert(self.application, expert)
        except cases.CaseError as error:
            raise forms.ValidationError(error.message_dict["expert"]) from error
        return expert


class ConcludeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=AppealOutcome.choices, widget=forms.RadioSelect
    )
    grade_after = forms.CharField(
        label=_("Grade after the appeal"),
        max_length=_field("grade_after_appeal").max_length,
        required=False,
        help_text=_("Only when the grade is changed."),
    )
    response = forms.CharField(
        label=_("Answer to the applicant"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class OpinionForm(forms.Form):
    opinion = forms.CharField(
        label=_("Opinion"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Once given, the opinion is signed with your name and cannot be changed."),
    )
    recommended_grade = forms.CharField(
        label=_("Recommended grade"),
        max_length=AppealExpert._meta.get_field("recommended_grade").max_length,
    )
