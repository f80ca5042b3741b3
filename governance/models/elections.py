"""Annual open election of the teacher members of a School Committee (seed 000 §2.2)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ElectionStatus(models.TextChoices):
    NOMINATING = "nominating", _("Nominations open")
    VOTING = "voting", _("Voting")
    CLOSED = "closed", _("Closed")


class Election(models.Model):
    """An open (named) election of seats on a body, held once a year for a school committee.

    Seed 000 §2.2: every teacher of the school may be elected a voting member of its
    School Committee; the election is open and held annually. The electorate is the teaching
    staff of the body's school.
    """

    body = models.ForeignKey(
        "governance.Body",
        on_delete=models.CASCADE,
        related_name="elections",
        verbose_name=_("body"),
    )
    title = models.CharField(_("title"), max_length=300)
    seats = models.PositiveSmallIntegerField(_("seats to fill"))
    term_start = models.DateField(_("term of the elected starts"))
    term_end = models.DateField(_("term of the elected ends"))
    voting_closes_at = models.DateTimeField(_("voting closes at"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ElectionStatus.choices,
        default=ElectionStatus.NOMINATING,
    )
    result = models.TextField(_("result"), blank=True, editable=False)
    created_by = models.ForeignKey(
        "governance.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seats__gte=1), name="election_fills_at_least_one_seat"
            ),
            models.CheckConstraint(
                condition=models.Q(term_end__gt=models.F("term_start")),
                name="election_term_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title


class Candidate(models.Model):
    """A nominated teacher; ``elected`` is set when the election closes."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("election")
    )
    person = models.ForeignKey(
        "governance.User",
        on_delete=models.PROTECT,
        related_name="candidacies",
        verbose_name=_("candidate"),
    )
    nominated_by = models.ForeignKey(
        "governance.User",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nominated by"),
    )
    statement = models.TextField(_("statement"), blank=True)
    votes = models.PositiveIntegerField(_("votes"), null=True, blank=True, editable=False)
    elected = models.BooleanField(_("elected"), default=False, editable=False)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["election", "person__full_name_kk"]
        constraints = [
            models.UniqueConstraint(fields=["election", "person"], name="one_candidacy_per_person")
        ]

    def __str__(self):
        return str(self.person)


class ElectionVote(models.Model):
    """An open vote for one candidate; a voter marks at most as many candidates as seats."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="votes", verbose_name=_("election")
    )
    voter = models.ForeignKey(
        "governance.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("voter")
    )
    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("candidate")
    )

    class Meta:
        verbose_name = _("election vote")
        verbose_name_plural = _("election votes")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "voter", "candidate"], name="one_mark_per_candidate"
            )
        ]

    def __str__(self):
        return f"{self.voter} → {self.candidate}"
