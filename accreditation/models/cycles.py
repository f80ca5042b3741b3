"""Accreditation cycles: who is accredited by which agency against which framework, who writes
the self-assessment, by when, and where the cycle stands.

Issue 6 ("Cycles"). Seed 003 §3.4 (¶98, ¶176, ¶220–231): application, self-assessment, the
expert panel's site visit, the agency's decision and the follow-up of its recommendations;
seed 002 S10 (B11): a cross-functional working group forms the evidence base and prepares the
self-assessment; seed 004 §5–6: the QA office coordinates institutional, international and
specialised (programme) accreditation, prepares the self-assessment report and sends it to
the agency by the set deadline, and takes part in post-accreditation monitoring.

States (django-fsm-2): planning → self-assessment → submitted → visit → decision → follow-up
→ closed. Entering self-assessment opens one report section per assessed criterion
(``accreditation.cycles.open_sections``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from governance.multilingual import Localized


class CycleKind(models.TextChoices):
    INSTITUTIONAL = "institutional", _("Institutional accreditation")
    PROGRAMME = "programme", _("Programme (specialised) accreditation")
    MONITORING = "monitoring", _("Post-accreditation monitoring")
    INTERNATIONAL = "international", _("International accreditation")


class CycleStatus(models.TextChoices):
    PLANNING = "planning", _("Planning")
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
    SUBMITTED = "submitted", _("Submitted to the agency")
    VISIT = "visit", _("Site visit")
    DECISION = "decision", _("Decision")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", _("Closed")


class Cycle(FSMModelMixin, models.Model):
    title_kk = models.CharField(_("title (Kazakh)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    kind = models.CharField(_("type"), max_length=16, choices=CycleKind.choices)
    agency = models.ForeignKey(
        "accreditation.Agency",
        on_delete=models.PROTECT,
        related_name="cycles",
        verbose_name=_("agency"),
    )
    framework = models.ForeignKey(
        "accreditation.Framework",
        on_delete=models.PROTECT,
        related_name="cycles",
        verbose_name=_("standards framework"),
    )
    programmes = models.ManyToManyField(
        "governance.EducationalProgramme",
        blank=True,
        related_name="accreditation_cycles",
        verbose_name=_("educational programmes"),
        help_text=_("Empty: the whole university."),
    )
    status = FSMField(
        _("status"),
        max_length=16,
        choices=CycleStatus.choices,
        default=CycleStatus.PLANNING,
        protected=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    title = Localized()

    class Meta:
        verbose_name = _("accreditation cycle")
        verbose_name_plural = _("accreditation cycles")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def sections_open(self):
        """Seed 004 §6: the working group writes until the report is sent to the agency."""
        return self.status == CycleStatus.SELF_ASSESSMENT

    @transition(field=status, source=CycleStatus.PLANNING, target=CycleStatus.SELF_ASSESSMENT)
    def start_self_assessment(self):
        """The working group starts writing; the sections are opened by
        ``accreditation.cycles.start_self_assessment``."""

    @transition(field=status, source=CycleStatus.SELF_ASSESSMENT, target=CycleStatus.SUBMITTED)
    def submit(self):
        """The report is sent to the agency (seed 004 §6: by the set deadline)."""

    @transition(field=status, source=CycleStatus.SUBMITTED, target=CycleStatus.VISIT)
    def start_visit(self):
        """The external panel visits (seed 003 §3.4 step 4)."""

    @transition(field=status, source=CycleStatus.VISIT, target=CycleStatus.DECISION)
    def record_decision(self):
        """The agency's formal decision (seed 003 §3.4 step 6)."""

    @transition(field=status, source=CycleStatus.DECISION, target=CycleStatus.FOLLOW_UP)
    def start_follow_up(self):
        """Recommendations are implemented and monitored (seed 003 §3.4 step 8)."""

    @transition(
        field=status,
        source=[CycleStatus.DECISION, CycleStatus.FOLLOW_UP],
        target=CycleStatus.CLOSED,
    )
    def close(self):
        """Nothing is left to do in this cycle."""


class WorkingGroupMember(models.Model):
    """A member of the cycle's working group and the criteria they write (seed 002 B11)."""

    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="members", verbose_name=_("cycle")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="accreditation_groups",
        verbose_name=_("person"),
    )
    is_lead = models.BooleanField(_("leads the working group"), default=False)
    clauses = models.ManyToManyField(
        "accreditation.Clause",
        blank=True,
        related_name="+",
        verbose_name=_("criteria they write"),
    )

    class Meta:
        verbose_name = _("working group member")
        verbose_name_plural = _("working group members")
        ordering = ["cycle", "-is_lead", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "person"], name="one_seat_per_cycle")
        ]

    def __str__(self):
        return str(self.person)


class MilestoneKind(models.TextChoices):
    SECTION_DEADLINE = "section", _("Internal deadline for a section")
    SELF_ASSESSMENT_DUE = "sar_due", _("Self-assessment report due")
    SUBMISSION = "submission", _("Submission to the agency")
    SITE_VISIT = "visit", _("Site visit")
    DECISION = "decision", _("Decision")
    CERTIFICATE_VALID_UNTIL = "valid_until", _("Certificate valid until")


class Milestone(models.Model):
    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("cycle")
    )
    kind = models.CharField(_("milestone"), max_length=12, choices=MilestoneKind.choices)
    clause = models.ForeignKey(
        "accreditation.Clause",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("criterion"),
        help_text=_("Only for an internal deadline of a section."),
    )
    date = models.DateField(_("date"))
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["cycle", "date", "pk"]

    def __str__(self):
        label = self.get_kind_display()
        return f"{label} {self.clause.code}" if self.clause_id else str(label)

    def clean(self):
        if self.kind == MilestoneKind.SECTION_DEADLINE and not self.clause_id:
            raise ValidationError({"clause": _("Choose the criterion whose section is due.")})
        if self.kind != MilestoneKind.SECTION_DEADLINE and self.clause_id:
            raise ValidationError({"clause": _("Only a section deadline names a criterion.")})
        if self.clause_id and self.cycle_id and self.clause.framework_id != self.cycle.framework_id:
            raise ValidationError(
                {"clause": _("The criterion belongs to another standards framework.")}
            )
