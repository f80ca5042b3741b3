"""External mechanisms kept as records (seed 000 §4.2, issue 6).

* The Atameken ranking: the National Chamber of Entrepreneurs "Atameken" ranks the
  university's programmes every year, independently of the university.
* The Academic Integrity League (AIL) monitoring: once a year a monitoring group of at least
  seven people (member universities, Atameken, the Anti-Corruption Agency, an NGO) checks the
  university's integrity and corruption risks against criteria sent at least two months before
  the visit (``accreditation.integrity_league``). Its findings may become improvement actions.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .indicators import is_plausible_date, validate_plausible_date, year_validators


class AtamekenResult(models.Model):
    programme = models.ForeignKey(
        "governance.EducationalProgramme",
        on_delete=models.PROTECT,
        related_name="atameken_results",
        verbose_name=_("programme"),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=year_validators)
    position = models.PositiveIntegerField(
        _("position"), validators=[MinValueValidator(1)], help_text=_("1 is the best.")
    )
    score = models.DecimalField(
        _("score"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1000)],
    )
    category = models.CharField(
        _("category"),
        max_length=200,
        blank=True,
        help_text=_("The group of programmes ranked together, e.g. “Law”."),
    )
    source_url = models.URLField(_("source link"), blank=True)

    class Meta:
        verbose_name = _("Atameken ranking result")
        verbose_name_plural = _("Atameken ranking results")
        ordering = ["programme__code", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="atameken_once_a_year")
        ]

    def __str__(self):
        return f"{self.programme.code} {self.year}: {self.position}"

    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude)
        except ValidationError as error:
            if "__all__" in getattr(error, "error_dict", {}):
                raise ValidationError(
                    _("The result of this programme for this year is already recorded."),
                    code="unique_year",
                ) from error
            raise


class MonitoringStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("monitoring", "Planned")
    COMPLETED = "completed", pgettext_lazy("monitoring", "Completed")


class IntegrityMonitoring(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=year_validators)
    visit_date = models.DateField(_("visit date"), validators=[validate_plausible_date])
    criteria_received_on = models.DateField(
        _("criteria received on"),
        null=True,
        blank=True,
        validators=[validate_plausible_date],
        help_text=_("The League sends its criteria at least two months before the visit."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=MonitoringStatus.choices,
        default=MonitoringStatus.PLANNED,
    )
    summary = models.TextField(_("summary"), blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("Academic Integrity League monitoring")
        verbose_name_plural = _("Academic Integrity League monitorings")
        ordering = ["-year"]

    def __str__(self):
        return str(_("AIL monitoring %(year)s") % {"year": self.year})

    @property
    def is_completed(self):
        return self.status == MonitoringStatus.COMPLETED

    def clean(self):
        from ..integrity_league import check_criteria_notice

        # A visit date refused by its own check has no "two months before" to compare with.
        if self.visit_date and self.criteria_received_on and is_plausible_date(self.visit_date):
            check_criteria_notice(self.criteria_received_on, self.visit_date)


class MonitoringMember(models.Model):
    """A member of the monitoring group: a person with an account, or a name."""

    monitoring = models.ForeignKey(
        IntegrityMonitoring, on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=300, blank=True)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("monitoring group member")
        verbose_name_plural = _("monitoring group members")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | ~models.Q(name=""),
                name="monitoring_member_named",
            )
        ]

    def __str__(self):
        return str(self.person) if self.person_id else self.name


class Severity(models.TextChoices):
    OBSERVATION = "observation", _("Observation")
    MINOR = "minor", _("Minor")
    MAJOR = "major", _("Major")
    CRITICAL = "critical", _("Critical")


class MonitoringFinding(models.Model):
    monitoring = models.ForeignKey(
        IntegrityMonitoring, on_delete=models.CASCADE, related_name="findings"
    )
    text = models.TextField(_("finding"))
    severity = models.CharField(_("severity"), max_length=16, choices=Severity.choices)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("monitoring finding")
        verbose_name_plural = _("monitoring findings")
        ordering = ["pk"]

    def __str__(self):
        return self.text[:80]
