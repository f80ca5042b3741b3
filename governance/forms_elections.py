"""Forms of the annual open election of a School Committee's teacher members (seed 000 §2.2)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.elections import electors
from governance.forms_register import DateInput
from governance.models import Election

# A committee of more than this many teachers is a mistake, not a plan.
MAX_SEATS = 30


def _closes_at_field():
    return forms.DateTimeField(
        label=Election._meta.get_field("voting_closes_at").verbose_name,
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_(
            "Local time (Almaty). Leave empty to close voting yourself; otherwise it closes "
            "by itself at this time."
        ),
    )


def _in_future(moment):
    if moment and moment <= timezone.now():
        raise forms.ValidationError(_("The closing time must be in the future."), code="past")
    return moment


class ElectionForm(forms.ModelForm):
    """A new election: its title, seats, the term of the elected and when voting closes."""

    seats = forms.IntegerField(
        label=Election._meta.get_field("seats").verbose_name,
        min_value=1,
        max_value=MAX_SEATS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("Each elector marks at most this many candidates."),
    )
    voting_closes_at = _closes_at_field()

    class Meta:
        model = Election
        fields = ["title", "seats", "term_start", "term_end", "voting_closes_at"]
        widgets = {"title": forms.TextInput(), "term_start": DateInput(), "term_end": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # Seed 000 §2.2: elected every year; by default for the next academic year.
            today = timezone.localdate()
            start = datetime.date(today.year + (today.month >= 9), 9, 1)
            end = datetime.date(start.year + 1, 8, 31)
            self.initial.setdefault("term_start", start)
            self.initial.setdefault("term_end", end)
            self.initial.setdefault(
                "title",
                _("Election of teacher members, %(start)d–%(end)d")
                % {"start": start.year, "end": end.year},
            )

    def clean_voting_closes_at(self):
        return _in_future(self.cleaned_data["voting_closes_at"])

    def clean(self):
        data = super().clean()
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end <= start:
            self.add_error("term_end", _("The term must end after it starts."))
        return data


class NominationForm(forms.Form):
    """A teacher of the school puts themselves or a colleague forward (seed 000 §2.2)."""

    person = forms.ModelChoiceField(
        label=_("Candidate"),
        queryset=None,
        empty_label=None,
        help_text=_("A teacher of the school: yourself or a colleague."),
    )
    statement = forms.CharField(
        label=_("Statement"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why this teacher should sit on the committee; electors read it."),
    )

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        standing = election.candidates.values("person")
        self.fields["person"].queryset = (
            electors(election.body).exclude(pk__in=standing).order_by("full_name_kk")
        )


class OpenVotingForm(forms.Form):
    voting_closes_at = _closes_at_field()

    def clean_voting_closes_at(self):
        return _in_future(self.cleaned_data["voting_closes_at"])


class BallotForm(forms.Form):
    """The elector's marks; how many may be marked is checked by ``governance.elections.cast``."""

    candidates = forms.ModelMultipleChoiceField(
        label=_("Your marks"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Mark at least one candidate.")},
    )

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidates"].queryset = election.candidates.select_related("person")

    def chosen_ids(self):
        return [candidate.pk for candidate in self.cleaned_data["candidates"]]
