"""The end of an accreditation cycle: the expert panel's site visit, and the experts'
recommendations the university answers with an action plan.

Seed 002 S10.St3 (interaction): the QA office organises the visit, its meetings and
interviews, and the visit programme is its output; seed 003 §3.4 step 4 (¶220–231): the
panel meets the management, teachers, students, alumni and employers. Seed 002 S10.St4–5 and
seed 004 §6 (the QA office analyses the external experts' recommendations and writes an
action plan, with reports on its execution): each recommendation or condition of the panel
becomes an improvement action (``accreditation.action_plan``). The agency's decision itself
is kept in the register (``Accreditation.cycle``, ``accreditation.agency_decision``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cycles import Cycle


class StakeholderGroup(models.TextChoices):
    MANAGEMENT = "management", _("Management")
    TEACHERS = "teachers", _("Teachers")
    STUDENTS = "students", _("Students")
    ALUMNI = "alumni", _("Alumni")
    EMPLOYERS = "employers", _("Employers")
    OTHER = "other", _("Other")


class VisitMeeting(models.Model):
    """One meeting of the panel's visit programme (seed 002 S10.St3: the interview schedule)."""

    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="visit_meetings", verbose_name=_("cycle")
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    group = models.CharField(
        _("stakeholder group"), max_length=16, choices=StakeholderGroup.choices
    )
    room = models.CharField(_("room"), max_length=100, blank=True)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("participants with an account"),
    )
    other_participants = models.TextField(
        _("other participants"),
        blank=True,
        help_text=_("One name per line, for people without an account."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("site visit meeting")
        verbose_name_plural = _("site visit meetings")
        ordering = ["cycle", "date", "starts_at", "pk"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.starts_at:%H:%M} {self.get_group_display()}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The meeting must end after it starts.")})

    @property
    def other_names(self):
        return [line.strip() for line in self.other_participants.splitlines() if line.strip()]


class RecommendationKind(models.TextChoices):
    RECOMMENDATION = "recommendation", _("Recommendation")
    CONDITION = "condition", _("Condition")


class Recommendation(models.Model):
    """A recommendation or condition of the external panel (seed 002 S10.St4)."""

    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="recommendations", verbose_name=_("cycle")
    )
    text = models.TextField(_("recommendation"))
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=RecommendationKind.choices,
        default=RecommendationKind.RECOMMENDATION,
    )
    clause = models.ForeignKey(
        "accreditation.Clause",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("criterion"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("expert recommendation")
        verbose_name_plural = _("expert recommendations")
        ordering = ["cycle", "created_at", "pk"]

    def __str__(self):
        return self.text[:80]

    def clean(self):
        if self.clause_id and self.cycle_id and self.clause.framework_id != self.cycle.framework_id:
            raise ValidationError(
                {"clause": _("The criterion belongs to another standards framework.")}
            )
