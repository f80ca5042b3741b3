"""Motions and the votes on them.

Open (named) votes keep who voted how. Secret votes keep two things that cannot be joined:
a receipt saying a member has voted (no choice) and per-choice counters (no person, no time,
no row per ballot), so nothing in the database links a member to a choice.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BallotKind(models.TextChoices):
    OPEN = "open", _("Open (named) vote")
    SECRET = "secret", _("Secret vote")


class MotionStatus(models.TextChoices):
    DRAFT = "draft", _("Not yet put to the vote")
    OPEN = "open", _("Voting open")
    CLOSED = "closed", _("Voting closed")


class Choice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")
    NO_QUORUM = "no_quorum", _("No quorum: no valid decision")


class Motion(models.Model):
    item = models.ForeignKey(
        "governance.AgendaItem",
        on_delete=models.CASCADE,
        related_name="motions",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(_("text of the motion"))
    ballot = models.CharField(
        _("ballot"), max_length=8, choices=BallotKind.choices, default=BallotKind.OPEN
    )
    status = models.CharField(
        _("status"), max_length=8, choices=MotionStatus.choices, default=MotionStatus.DRAFT
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    deadline = models.DateTimeField(_("closes at the latest"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    # Quorum snapshots: voting members on the body and voting members present.
    members_at_open = models.PositiveIntegerField(null=True, blank=True, editable=False)
    present_at_open = models.PositiveIntegerField(null=True, blank=True, editable=False)
    members_at_close = models.PositiveIntegerField(null=True, blank=True, editable=False)
    present_at_close = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The result, written when voting closes.
    votes_for = models.PositiveIntegerField(null=True, blank=True, editable=False)
    votes_against = models.PositiveIntegerField(null=True, blank=True, editable=False)
    votes_abstain = models.PositiveIntegerField(null=True, blank=True, editable=False)
    casting_vote = models.CharField(
        _("chair's casting vote"), max_length=8, choices=Choice.choices, blank=True
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)

    class Meta:
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        ordering = ["item", "pk"]

    def __str__(self):
        return self.text[:80]

    @property
    def body(self):
        return self.item.meeting.body


class BallotReceipt(models.Model):
    """That a member has voted on a motion: no choice, no time. One per member and motion."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="receipts")
    voter = models.ForeignKey("governance.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("ballot receipt")
        verbose_name_plural = _("ballot receipts")
        constraints = [
            models.UniqueConstraint(fields=["motion", "voter"], name="one_vote_per_member")
        ]

    def __str__(self):
        return _("%(voter)s has voted") % {"voter": self.voter}


class NamedVote(models.Model):
    """How a member voted in an open vote (minutes list names)."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="named_votes")
    voter = models.ForeignKey("governance.User", on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=8, choices=Choice.choices)

    class Meta:
        verbose_name = _("named vote")
        verbose_name_plural = _("named votes")
        constraints = [
            models.UniqueConstraint(fields=["motion", "voter"], name="one_named_vote_per_member")
        ]

    def __str__(self):
        return f"{self.voter}: {self.get_choice_display()}"


class SecretTally(models.Model):
    """Counter of secret ballots for one choice; a ballot only adds one to it."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="tallies")
    choice = models.CharField(max_length=8, choices=Choice.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("secret tally")
        verbose_name_plural = _("secret tallies")
        constraints = [
            models.UniqueConstraint(fields=["motion", "choice"], name="one_tally_per_choice")
        ]

    def __str__(self):
        return f"{self.get_choice_display()}: {self.count}"
