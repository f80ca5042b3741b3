"""Forms for putting motions to the vote in the browser, and when the chair must give a casting
vote."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import Motion
from governance.models.bodies import AbstentionRule, MajorityRule
from governance.models.voting import BallotKind, Choice

# A vote left open longer than a week is a mistake, not a plan.
MAX_DEADLINE_MINUTES = 7 * 24 * 60


class MotionForm(forms.ModelForm):
    class Meta:
        model = Motion
        fields = ["text", "ballot"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "ballot": forms.RadioSelect,
        }
        help_texts = {
            "text": _("What the body decides if the motion is adopted, as the minutes record it."),
            "ballot": _(
                "In a secret vote nobody, not even the chair or the QA office, can see how a "
                "member voted; only the totals are kept."
            ),
        }


class OpenVoteForm(forms.Form):
    deadline_minutes = forms.IntegerField(
        label=_("Close automatically after (minutes)"),
        required=False,
        min_value=1,
        max_value=MAX_DEADLINE_MINUTES,
        help_text=_("Leave empty to close the vote yourself."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def casting_vote_may_be_asked(motion, members, present, voted):
    """Whether closing this motion asks the chair for a casting vote.

    Seed 001 §5.3: in exam and appeal commissions the chair breaks a tie (``chair_casting_vote``
    in the body's charter). In an open vote the chair's own named vote is the casting vote
    (``governance.voting.close_vote``); in a secret vote nobody knows it, so the chair states it
    when closing. Whether the ballot *is* tied is deliberately not looked at: asking only on a
    tie would show the chair the running result. The question depends only on what everyone
    sees: the majority rule, the number of voting members, of those present and of ballots cast.
    """
    body = motion.item.meeting.body
    if motion.ballot != BallotKind.SECRET or not body.chair_casting_vote:
        return False
    if body.majority_rule == MajorityRule.ABSOLUTE_OF_ALL:
        return members > 0 and members % 2 == 0
    if body.majority_rule != MajorityRule.SIMPLE_OF_PRESENT:
        return False  # two thirds or unanimity: no tie to break (governance.quorum.is_tie)
    if body.abstention_rule == AbstentionRule.EXCLUDED:
        return voted >= 2  # the base is the votes for and against: any even number of them
    return present > 0 and present % 2 == 0


class CloseVoteForm(forms.Form):
    """Close the vote; under a charter with a casting vote, a secret ballot asks for it."""

    casting_vote = forms.ChoiceField(
        label=_("Your casting vote"),
        choices=[(Choice.FOR, Choice.FOR.label), (Choice.AGAINST, Choice.AGAINST.label)],
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "It counts only if the vote is tied; otherwise it is discarded and nobody sees it."
        ),
    )

    def __init__(self, *args, ask_casting_vote=False, **kwargs):
        super().__init__(*args, **kwargs)
        if ask_casting_vote:
            self.fields["casting_vote"].required = True
            self.fields["casting_vote"].error_messages["required"] = _(
                "Give your casting vote: the charter lets the chair break a tie."
            )
        else:
            del self.fields["casting_vote"]

    def chosen_casting_vote(self):
        return self.cleaned_data.get("casting_vote") or ""
