"""The register of QA mechanisms and the Plan–Do–Check–Act cycles they run (seed 000 §4).

A mechanism (QAM, seed 000 §1.2) is a process that controls or improves quality. Internal ones
(IQAM, §4.1) are run by the university's schools, bodies and units; external ones (EQAM,
§4.2) by an outside party: Atameken, the Academic Integrity League, an accreditation agency.
Each cycle of a mechanism (an academic year, a term) runs Plan → Do → Check → Act; at the
Check stage at least two QA units take part (§4)::

    plan ──▶ do ──▶ check ──▶ act ──▶ finished

Each stage has its planned and actual dates, a note (the findings, for Check) and evidence.
The rules live in ``documents.pdca``.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition

from documents.files import validate_document_file
from governance.multilingual import Localized


class MechanismKind(models.TextChoices):
    INTERNAL = "internal", _("Internal (IQAM)")
    EXTERNAL = "external", _("External (EQAM)")


class Stage(models.TextChoices):
    PLAN = "plan", pgettext_lazy("PDCA", "Plan")
    DO = "do", pgettext_lazy("PDCA", "Do")
    CHECK = "check", pgettext_lazy("PDCA", "Check")
    ACT = "act", pgettext_lazy("PDCA", "Act")


class CycleState(models.TextChoices):
    PLAN = Stage.PLAN.value, Stage.PLAN.label
    DO = Stage.DO.value, Stage.DO.label
    CHECK = Stage.CHECK.value, Stage.CHECK.label
    ACT = Stage.ACT.value, Stage.ACT.label
    FINISHED = "finished", pgettext_lazy("PDCA", "Finished")


# The stages in the order they run (seed 000 §4).
STAGE_ORDER = (Stage.PLAN, Stage.DO, Stage.CHECK, Stage.ACT)


def month_names(months):
    """The names of the given month numbers, in calendar order."""
    return [str(MONTHS[month]) for month in sorted(months) if month in MONTHS]


class Mechanism(models.Model):
    code = models.CharField(
        _("code"), max_length=40, unique=True, help_text=_("E.g. QAM-4.1.7 (seed 000 §4.1.7).")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MechanismKind.choices)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    objectives_kk = models.TextField(_("objectives (Kazakh)"), blank=True)
    objectives_ru = models.TextField(_("objectives (Russian)"), blank=True)
    objectives_en = models.TextField(_("objectives (English)"), blank=True)
    calendar_kk = models.CharField(_("calendar (Kazakh)"), max_length=300, blank=True)
    calendar_ru = models.CharField(_("calendar (Russian)"), max_length=300, blank=True)
    calendar_en = models.CharField(
        _("calendar (English)"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “March: survey; May: report with recommendations”."),
    )
    months = models.JSONField(
        _("months"),
        default=list,
        blank=True,
        help_text=_("The months in which the mechanism runs, if fixed."),
    )
    documents = models.ManyToManyField(
        "documents.Document",
        blank=True,
        related_name="mechanisms",
        verbose_name=_("governing documents"),
    )
    qa_office = models.BooleanField(
        _("run by the QA office"),
        default=False,
        help_text=_("The QA manager and the QA office are responsible (seed 000 §2.3)."),
    )
    bodies = models.ManyToManyField(
        "governance.Body",
        blank=True,
        related_name="qa_mechanisms",
        verbose_name=_("responsible bodies"),
    )
    schools = models.ManyToManyField(
        "governance.School",
        blank=True,
        related_name="qa_mechanisms",
        verbose_name=_("responsible schools"),
    )
    departments = models.ManyToManyField(
        "governance.Department",
        blank=True,
        related_name="qa_mechanisms",
        verbose_name=_("responsible departments"),
    )
    external_party = models.CharField(
        _("run by (external party)"),
        max_length=300,
        blank=True,
        help_text=_("External mechanisms: the agency, chamber or league that runs it."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    name = Localized()
    objectives = Localized()
    calendar = Localized()

    class Meta:
        verbose_name = _("QA mechanism")
        verbose_name_plural = _("QA mechanisms")
        ordering = ["kind", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("documents:mechanism_detail", args=[self.pk])

    @property
    def month_names(self):
        return month_names(self.months or [])

    def responsible(self):
        """Who runs the mechanism, in words: the external party, the QA office, the bodies,
        schools and departments (prefetch the last three for lists)."""
        names = [self.external_party] if self.external_party else []
        if self.qa_office:
            names.append(str(UnitKind.QA_OFFICE.label))
        for related in (self.bodies, self.schools, self.departments):
            names += [unit.name for unit in related.all()]
        return names

    def clean(self):
        """Seed 000 §4: internal mechanisms are run inside the university, external ones by
        an outside party, which must then be named."""
        errors = {}
        months = self.months
        if not isinstance(months, list) or not all(
            isinstance(m, int) and not isinstance(m, bool) and 1 <= m <= 12 for m in months
        ):
            errors["months"] = _("Give the months as numbers from 1 to 12.")
        elif len(set(months)) != len(months):
            errors["months"] = _("A month is listed twice.")
        if self.kind == MechanismKind.EXTERNAL and not self.external_party.strip():
            errors["external_party"] = _("Name the external party that runs the mechanism.")
        if self.kind == MechanismKind.INTERNAL and self.external_party.strip():
            errors["external_party"] = _("Only external mechanisms are run by an external party.")
        if errors:
            raise ValidationError(errors)


class Cycle(FSMModelMixin, models.Model):
    """One run of a mechanism, e.g. the academic year 2025-2026 (seed 000 §4: PDCA)."""

    mechanism = models.ForeignKey(
        Mechanism, on_delete=models.PROTECT, related_name="cycles", verbose_name=_("mechanism")
    )
    period = models.CharField(
        _("period"), max_length=60, help_text=_("E.g. 2025-2026, or autumn term 2026.")
    )
    state = FSMField(
        _("stage"),
        max_length=10,
        choices=CycleState.choices,
        default=CycleState.PLAN,
        protected=True,
    )
    act_decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mechanism_cycles",
        verbose_name=_("decision on the improvements"),
        help_text=_("The decision of a responsible body that adopted the improvements."),
    )
    created_by = models.ForeignKey(
        "governance.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("mechanism cycle")
        verbose_name_plural = _("mechanism cycles")
        ordering = ["mechanism", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["mechanism", "period"], name="cycle_period_once")
        ]

    def __str__(self):
        return f"{self.mechanism.code}: {self.period}"

    def get_absolute_url(self):
        return reverse("documents:cycle_detail", args=[self.pk])

    @property
    def is_finished(self):
        return self.state == CycleState.FINISHED

    # Each transition completes the current stage; ``documents.pdca.complete_stage`` checks
    # the stage's own rule (two QA units for Check) before taking it.
    @transition(field=state, source=CycleState.PLAN, target=CycleState.DO)
    def complete_plan(self):
        pass

    @transition(field=state, source=CycleState.DO, target=CycleState.CHECK)
    def complete_do(self):
        pass

    @transition(field=state, source=CycleState.CHECK, target=CycleState.ACT)
    def complete_check(self):
        pass

    @transition(field=state, source=CycleState.ACT, target=CycleState.FINISHED)
    def complete_act(self):
        pass


class CycleStage(models.Model):
    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="stages", verbose_name=_("cycle")
    )
    stage = models.CharField(_("stage"), max_length=8, choices=Stage.choices)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    completed_by = models.ForeignKey(
        "governance.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("completed by"),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("stage of a cycle")
        verbose_name_plural = _("stages of cycles")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "stage"], name="stage_once_per_cycle")
        ]

    def __str__(self):
        return f"{self.cycle} — {self.get_stage_display()}"

    def get_absolute_url(self):
        return f"{self.cycle.get_absolute_url()}#stage-{self.stage}"

    @property
    def position(self):
        return STAGE_ORDER.index(self.stage)

    @property
    def is_completed(self):
        return self.completed_on is not None

    def clean(self):
        errors = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The planned end is before the planned start.")
        if self.started_on and self.completed_on and self.completed_on < self.started_on:
            errors["completed_on"] = _("The stage cannot end before it started.")
        if errors:
            raise ValidationError(errors)


class StageEvidence(models.Model):
    """A file (checked like an edition's file) or a link showing what a stage did."""

    stage = models.ForeignKey(
        CycleStage, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("stage")
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("file"), upload_to="mechanisms/", blank=True, validators=[validate_document_file]
    )
    url = models.URLField(_("link"), blank=True)
    added_by = models.ForeignKey(
        "governance.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("added by")
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("evidence of a stage")
        verbose_name_plural = _("evidence of stages")
        ordering = ["added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""), name="evidence_has_file_or_link"
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if not self.file and not self.url:
            raise ValidationError(_("Attach a file or give a link."), code="empty")


class UnitKind(models.TextChoices):
    QA_OFFICE = "qa_office", _("QA office")
    BODY = "body", _("Council or committee")
    SCHOOL = "school", _("School (dean's office)")
    DEPARTMENT = "department", _("Department")


# The field naming the unit of each kind (the QA office needs none).
UNIT_FIELDS = {
    UnitKind.BODY: "body",
    UnitKind.SCHOOL: "school",
    UnitKind.DEPARTMENT: "department",
}


class CheckUnit(models.Model):
    """A QA unit taking part in the Check stage of a cycle (seed 000 §1.2: a council,
    committee, department or person responsible for QA; §4: at least two of them check)."""

    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="check_units", verbose_name=_("cycle")
    )
    kind = models.CharField(_("unit"), max_length=12, choices=UnitKind.choices)
    body = models.ForeignKey(
        "governance.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("body"),
    )
    school = models.ForeignKey(
        "governance.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school"),
    )
    department = models.ForeignKey(
        "governance.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department"),
    )
    contribution = models.TextField(_("what the unit checked"), blank=True)
    added_by = models.ForeignKey(
        "governance.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("added by")
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("QA unit at the Check stage")
        verbose_name_plural = _("QA units at the Check stage")
        ordering = ["added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=UnitKind.QA_OFFICE, body=None, school=None, department=None)
                    | Q(kind=UnitKind.BODY, body__isnull=False, school=None, department=None)
                    | Q(kind=UnitKind.SCHOOL, school__isnull=False, body=None, department=None)
                    | Q(kind=UnitKind.DEPARTMENT, department__isnull=False, body=None, school=None)
                ),
                name="check_unit_names_one_unit",
            ),
            models.UniqueConstraint(
                fields=["cycle"],
                condition=Q(kind=UnitKind.QA_OFFICE),
                name="check_unit_qa_office_once",
            ),
            models.UniqueConstraint(
                fields=["cycle", "body"], condition=Q(body__isnull=False), name="check_body_once"
            ),
            models.UniqueConstraint(
                fields=["cycle", "school"],
                condition=Q(school__isnull=False),
                name="check_school_once",
            ),
            models.UniqueConstraint(
                fields=["cycle", "department"],
                condition=Q(department__isnull=False),
                name="check_department_once",
            ),
        ]

    def __str__(self):
        return str(self.label)

    @property
    def unit(self):
        """The body, school or department; None for the QA office."""
        name = UNIT_FIELDS.get(self.kind)
        return getattr(self, name) if name else None

    @property
    def label(self):
        unit = self.unit
        return unit.name if unit is not None else UnitKind.QA_OFFICE.label
