"""The form of a draft campaign: questionnaire version, titles, owner, audience, window,
reminders and the minimum number of respondents.

Issue 4 ("Campaigns and windows"). The model's own rules (``Campaign.clean``: the window, the
audience, a committee surveys its own school) run with the form, so every mistake is told in
words next to its field. A School Committee's officers choose among their own committees and
schools; the QA manager may also leave the owner empty for a university-wide campaign.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from governance.models import EducationalProgramme, School, Term

from .campaign_rights import oversees_all_campaigns, owner_choices
from .models import Campaign, QuestionnaireVersion
from .outreach import reminder_problems

MIN_RESPONDENTS = 2  # the model's own floor (``Campaign.min_respondents``)


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _window_field(name):
    return forms.DateTimeField(
        label=capfirst(Campaign._meta.get_field(name).verbose_name),
        widget=LocalDateTimeInput(),
        help_text=_("Local time (Almaty)."),
    )


def parse_days(text):
    """Whole numbers of days written with commas or spaces between them ("7, 2"). A number too
    large for a date (issue 8: it overflowed the date arithmetic) is a day before any opening."""
    parts = text.replace(",", " ").replace(";", " ").split()
    try:
        days = [int(part) for part in parts]
    except ValueError:
        raise forms.ValidationError(
            _("Write whole numbers of days separated by commas, e.g. 7, 2."), code="days"
        ) from None
    if any(day > datetime.timedelta.max.days for day in days):
        raise forms.ValidationError(
            _("A reminder would fall before the survey opens."), code="days"
        )
    return days


class CampaignForm(forms.ModelForm):
    opens_at = _window_field("opens_at")
    closes_at = _window_field("closes_at")
    reminder_days = forms.CharField(
        label=capfirst(Campaign._meta.get_field("reminder_days").verbose_name),
        required=False,
        help_text=_(
            "Days before the survey closes, e.g. 7, 2. Reminders go at 09:00 on those days, "
            "only to people who have not answered yet."
        ),
    )
    min_respondents = forms.IntegerField(
        label=capfirst(Campaign._meta.get_field("min_respondents").verbose_name),
        min_value=MIN_RESPONDENTS,
        max_value=1000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=Campaign._meta.get_field("min_respondents").help_text,
        error_messages={
            "min_value": _(
                "Results need at least %(limit_value)s respondents, so that nobody can be "
                "recognised from them."
            )
        },
    )

    class Meta:
        model = Campaign
        fields = [
            "version",
            "title_kk",
            "title_ru",
            "title_en",
            "owner_body",
            "audience_kind",
            "audience_school",
            "audience_programme",
            "audience_year",
            "audience_term",
            "external_emails",
            "opens_at",
            "closes_at",
            "reminder_days",
            "min_respondents",
        ]
        widgets = {"external_emails": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["version"].queryset = QuestionnaireVersion.objects.select_related(
            "questionnaire"
        ).order_by("questionnaire__code", "-number")
        committees = owner_choices(user).order_by("name_kk")
        owner = fields["owner_body"]
        owner.queryset = committees
        if oversees_all_campaigns(user):
            owner.empty_label = _("The QA office (the whole university)")
            schools = School.objects.all()
        else:
            owner.required = True
            owner.empty_label = None
            schools = School.objects.filter(pk__in=committees.values("school"))
        fields["audience_school"].queryset = schools.order_by("code")
        fields["audience_programme"].queryset = EducationalProgramme.objects.filter(
            school__in=schools
        ).order_by("code")
        fields["audience_term"].queryset = Term.objects.select_related("academic_year")
        days = self.initial.get("reminder_days")
        if isinstance(days, list):
            self.initial["reminder_days"] = ", ".join(map(str, days))

    def clean_reminder_days(self):
        return parse_days(self.cleaned_data["reminder_days"])

    def clean_closes_at(self):
        closes_at = self.cleaned_data["closes_at"]
        if closes_at <= timezone.now():
            raise forms.ValidationError(_("The survey must close in the future."), code="past")
        return closes_at

    def clean(self):
        data = super().clean()
        opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
        days = data.get("reminder_days")
        if not (opens_at and closes_at and days) or opens_at >= closes_at:
            return data
        window = closes_at - opens_at
        # Days the model refuses on its own (``Campaign.clean``) are told there, once.
        if all(d >= 0 and datetime.timedelta(days=d) < window for d in days):
            draft = Campaign(opens_at=opens_at, closes_at=closes_at, reminder_days=days)
            for problem in reminder_problems(draft):
                self.add_error("reminder_days", problem)
        return data


class RevokeLinkForm(forms.Form):
    """The address whose survey link the campaign's owner withdraws (issue 8)."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254)
