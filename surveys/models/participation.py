"""Who is asked and who has answered — kept apart from the answers (``surveys.anonymity``).

A target is what one answer sheet is about: in a course evaluation one course with one of its
teachers (seed 000 §4.1.10: individual results go to each evaluated teacher); otherwise one
group of the audience — students of one programme and year of study, staff of one school —
or the whole campaign for people invited by e-mail. Groups are what results can be broken
down by (issue 4: "for every breakdown (programme, year…)"): answers are counted per target,
so a breakdown needs nothing that links an answer to a person, and every breakdown cell is a
sum of whole targets (``surveys.results``). The target's ``school`` is the school whose
committee and dean read its results (``surveys.visibility``).

An invitation says that a person — an account, or an e-mail address with a one-time link —
may answer for a target. A receipt says that the invitation has been used; it is the only
trace of answering and carries nothing but the invitation, and its primary key makes a second
answer impossible at the database level.
"""

from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


class Target(models.Model):
    campaign = models.ForeignKey(
        "surveys.Campaign",
        on_delete=models.CASCADE,
        related_name="targets",
        verbose_name=_("campaign"),
    )
    course = models.ForeignKey(
        "governance.Course",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_targets",
        verbose_name=_("course"),
    )
    teacher = models.ForeignKey(
        "governance.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_targets",
        verbose_name=_("teacher"),
    )
    school = models.ForeignKey(
        "governance.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school"),
    )
    programme = models.ForeignKey(
        "governance.EducationalProgramme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("educational programme"),
    )
    year_of_study = models.PositiveSmallIntegerField(_("year of study"), null=True, blank=True)
    # How many have answered, counted with the answers (receipts go when an account is deleted).
    respondents = models.PositiveIntegerField(_("respondents"), default=0, editable=False)

    class Meta:
        verbose_name = _("survey target")
        verbose_name_plural = _("survey targets")
        ordering = ["campaign", "course", "teacher", "school", "programme", "year_of_study", "pk"]
        constraints = [
            models.UniqueConstraint(
                "campaign",
                Coalesce("school", Value(0), output_field=models.BigIntegerField()),
                Coalesce("programme", Value(0), output_field=models.BigIntegerField()),
                Coalesce("year_of_study", Value(0), output_field=models.IntegerField()),
                condition=Q(course__isnull=True),
                name="one_target_per_campaign_group",
            ),
            models.CheckConstraint(
                condition=Q(course__isnull=True)
                | (Q(programme__isnull=True) & Q(year_of_study__isnull=True)),
                name="a_course_target_has_no_student_group",
            ),
            models.UniqueConstraint(
                fields=["campaign", "course"],
                condition=Q(course__isnull=False, teacher__isnull=True),
                name="one_target_per_course_without_teacher",
            ),
            models.UniqueConstraint(
                fields=["campaign", "course", "teacher"],
                condition=Q(teacher__isnull=False),
                name="one_target_per_course_and_teacher",
            ),
            models.CheckConstraint(
                condition=Q(teacher__isnull=True) | Q(course__isnull=False),
                name="a_teacher_is_evaluated_in_a_course",
            ),
        ]

    def __str__(self):
        if self.course_id is None:
            return " — ".join(str(part) for part in (self.campaign, *self.group) if part)
        if self.teacher_id is None:
            return f"{self.campaign} — {self.course}"
        return f"{self.campaign} — {self.course} — {self.teacher}"

    @property
    def group(self):
        """The audience group of a target without a course: (school, programme, year)."""
        if self.course_id is not None:
            return ()
        year = None
        if self.year_of_study:
            year = _("Year %(year)d") % {"year": self.year_of_study}
        return (self.programme or self.school, year)


class Invitation(models.Model):
    """A person who may answer for a target: an account, or an e-mail with a one-time link.

    Only the SHA-256 of a link's token is kept (``surveys.audience.issue_token``).
    """

    target = models.ForeignKey(
        Target, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("target")
    )
    user = models.ForeignKey(
        "governance.User",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_invitations",
        verbose_name=_("person"),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    token_expires_at = models.DateTimeField(_("link valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["target", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "user"],
                condition=Q(user__isnull=False),
                name="one_invitation_per_person_and_target",
            ),
            models.UniqueConstraint(
                fields=["target", "email"],
                condition=~Q(email=""),
                name="one_invitation_per_email_and_target",
            ),
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(email=""))
                | (Q(user__isnull=True) & ~Q(email="")),
                name="invitation_is_for_an_account_or_an_email",
            ),
        ]

    def __str__(self):
        return _("Invitation to %(target)s") % {"target": self.target}


class Receipt(models.Model):
    """That an invitation has been used: no answer, no time. At most one per invitation."""

    invitation = models.OneToOneField(
        Invitation,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="receipt",
        verbose_name=_("invitation"),
    )

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")

    def __str__(self):
        return _("Answered: %(invitation)s") % {"invitation": self.invitation}
