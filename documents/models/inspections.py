"""Inspections of schools and departments by the QA office (seed 004 §5.7: planned and
unplanned inspections of departments and deans' offices).

An inspection has a date, its inspectors, a scope and a checklist, often built from a reusable
template; each item is met, partly met, not met or not applicable, with a comment. Findings
lead to improvement actions with an owner and a due date. Its life::

    planned ──▶ in progress ──▶ completed (with the report)

The rules live in ``documents.inspections``.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition

from governance.multilingual import Localized


class ChecklistTemplate(models.Model):
    """A reusable list of checklist items (e.g. "Syllabi and teaching materials")."""

    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    name = Localized()

    class Meta:
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")
        ordering = ["name_kk"]

    def __str__(self):
        return self.name


class ChecklistTemplateItem(models.Model):
    template = models.ForeignKey(
        ChecklistTemplate,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("checklist template"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text_kk = models.CharField(_("text (Kazakh)"), max_length=500)
    text_ru = models.CharField(_("text (Russian)"), max_length=500, blank=True)
    text_en = models.CharField(_("text (English)"), max_length=500, blank=True)

    text = Localized()

    class Meta:
        verbose_name = _("checklist template item")
        verbose_name_plural = _("checklist template items")
        ordering = ["template", "position", "pk"]

    def __str__(self):
        return self.text


class InspectionKind(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("inspection", "Planned")
    UNPLANNED = "unplanned", pgettext_lazy("inspection", "Unplanned")


class InspectionState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class CheckResult(models.TextChoices):
    MET = "met", _("Met")
    PARTLY = "partly", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class Inspection(FSMModelMixin, models.Model):
    kind = models.CharField(
        _("kind"), max_length=10, choices=InspectionKind.choices, default=InspectionKind.PLANNED
    )
    school = models.ForeignKey(
        "governance.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("school (dean's office)"),
    )
    department = models.ForeignKey(
        "governance.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("department"),
    )
    date = models.DateField(_("date"))
    inspectors = models.ManyToManyField(
        "governance.User", related_name="inspections", verbose_name=_("inspectors")
    )
    scope = models.TextField(_("scope"))
    template = models.ForeignKey(
        ChecklistTemplate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("checklist template"),
    )
    state = FSMField(
        _("state"),
        max_length=12,
        choices=InspectionState.choices,
        default=InspectionState.PLANNED,
        protected=True,
    )
    report = models.TextField(_("report"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        "governance.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(school__isnull=False, department=None)
                | Q(school=None, department__isnull=False),
                name="inspection_of_one_unit",
            )
        ]

    def __str__(self):
        return _("Inspection of %(unit)s, %(date)s") % {
            "unit": self.unit,
            "date": date_format(self.date, "SHORT_DATE_FORMAT"),
        }

    def get_absolute_url(self):
        return reverse("documents:inspection_detail", args=[self.pk])

    @property
    def unit(self):
        """The school (its dean's office) or the department inspected."""
        return self.department if self.department_id else self.school

    @property
    def unit_school(self):
        """The school the unit belongs to (for the improvement actions)."""
        return self.department.school if self.department_id else self.school

    def clean(self):
        if bool(self.school_id) == bool(self.department_id):
            raise ValidationError(
                _("Choose either a school or a department to inspect."), code="unit"
            )

    @transition(field=state, source=InspectionState.PLANNED, target=InspectionState.IN_PROGRESS)
    def start(self):
        pass

    @transition(field=state, source=InspectionState.IN_PROGRESS, target=InspectionState.COMPLETED)
    def complete(self):
        pass


class ChecklistItem(models.Model):
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="items", verbose_name=_("inspection")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text_kk = models.CharField(_("text (Kazakh)"), max_length=500, blank=True)
    text_ru = models.CharField(_("text (Russian)"), max_length=500, blank=True)
    text_en = models.CharField(_("text (English)"), max_length=500, blank=True)
    result = models.CharField(_("result"), max_length=16, choices=CheckResult.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    text = Localized()

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["inspection", "position", "pk"]

    def __str__(self):
        return self.text


class Finding(models.Model):
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="findings", verbose_name=_("inspection")
    )
    item = models.ForeignKey(
        ChecklistItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("checklist item"),
    )
    text = models.TextField(_("finding"))
    created_by = models.ForeignKey(
        "governance.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return Truncator(self.text).chars(120)

    def get_absolute_url(self):
        return f"{self.inspection.get_absolute_url()}#finding-{self.pk}"
