"""Indicators: what is measured under a standard, the target per year and the values.

Seed 003 ¶41–43: indicators measure, signal and inform; the measurable domains include
admission, progression, graduation, retention and satisfaction (and graduate employment,
¶170). Seed 002 §0.2 item 4: the source gives no targets, so targets are set per year; seed
002 §9.1: a value belongs to a period and to the university, a school or a programme.

A value is for a year and for the whole university (no school, no programme), one school or
one programme. An indicator may take its values from survey results (``survey_question``:
the mean of a scale or number question, ``accreditation.survey_feed``).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from governance.multilingual import Localized

FIRST_YEAR, LAST_YEAR = 2000, 2100


class Domain(models.TextChoices):
    """Seed 003 ¶43 measurable domains (graduate employment added, ¶170)."""

    ADMISSION = "admission", _("Admission of learners")
    PROGRESSION = "progression", _("Academic achievement and progression")
    GRADUATION = "graduation", _("Graduation")
    RETENTION = "retention", _("Retention of the student body")
    EMPLOYMENT = "employment", _("Graduate employment")
    SATISFACTION = "satisfaction", _("Satisfaction")
    PROGRAMMES = "programmes", _("Educational programmes")
    STAFF = "staff", _("Academic staff")
    RESOURCES = "resources", _("Learning resources and support")
    RESEARCH = "research", _("Grants and research")
    STRATEGY = "strategy", _("Strategic planning")
    PARTNERSHIPS = "partnerships", _("Links with business and society")


class Unit(models.TextChoices):
    PERCENT = "percent", _("per cent")
    COUNT = "count", _("count")
    SCORE = "score", _("score")
    RANK = "rank", _("rank")
    DAYS = "days", _("days")
    YES_NO = "yes_no", _("yes (1) / no (0)")


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


year_validators = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


def is_plausible_date(value):
    return FIRST_YEAR <= value.year <= LAST_YEAR


def validate_plausible_date(value):
    """A date of the years the register keeps (``FIRST_YEAR`` to ``LAST_YEAR``)."""
    if not is_plausible_date(value):
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s."),
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
            code="implausible_date",
        )


class Indicator(models.Model):
    code = models.CharField(_("code"), max_length=30, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=500)
    name_ru = models.CharField(_("name (Russian)"), max_length=500, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=500, blank=True)
    clause = models.ForeignKey(
        "accreditation.Clause",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("standard or criterion"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    domain = models.CharField(_("domain"), max_length=16, choices=Domain.choices, blank=True)
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices)
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    survey_question = models.ForeignKey(
        "surveys.Question",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("survey question"),
        help_text=_(
            "The values are the mean answer to this question in the published results of "
            "its questionnaire, year by year."
        ),
    )

    name = Localized()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["clause__framework", "clause__position", "position", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def is_survey_fed(self):
        return self.survey_question_id is not None

    def clean(self):
        from accreditation.survey_feed import question_problem

        if self.survey_question_id:
            problem = question_problem(self.survey_question)
            if problem:
                raise ValidationError({"survey_question": problem})
            if self.unit != Unit.SCORE:
                raise ValidationError({"unit": _("A survey mean is a score.")})

    def value_problem(self, value):
        """Why ``value`` cannot be a value or target of this indicator, or ``""``."""
        if self.unit == Unit.PERCENT and not Decimal(0) <= value <= Decimal(100):
            return _("A percentage is between 0 and 100.")
        if self.unit == Unit.YES_NO and value not in (Decimal(0), Decimal(1)):
            return _("Enter 1 for yes or 0 for no.")
        if self.unit in (Unit.COUNT, Unit.RANK, Unit.DAYS):
            if value != value.to_integral_value() or value < 0:
                return _("Enter a whole number, not below zero.")
            if self.unit == Unit.RANK and value < 1:
                return _("A rank starts at 1.")
        return ""


class IndicatorTarget(models.Model):
    """The target of an indicator for a year: the same for the university and its schools."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=year_validators)
    value = models.DecimalField(_("target"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="one_target_per_year")
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.year}: {self.value}"

    def clean(self):
        if self.indicator_id and self.value is not None:
            problem = self.indicator.value_problem(self.value)
            if problem:
                raise ValidationError({"value": problem})


class Source(models.TextChoices):
    ENTERED = "entered", _("entered")
    IMPORTED = "imported", _("imported")
    SURVEY = "survey", _("survey results")


class IndicatorValue(models.Model):
    """A value for a year and a scope: the university (no school or programme), a school or
    a programme."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=year_validators)
    school = models.ForeignKey(
        "governance.School",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school"),
    )
    programme = models.ForeignKey(
        "governance.EducationalProgramme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("educational programme"),
    )
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    source = models.CharField(
        _("source"), max_length=8, choices=Source.choices, default=Source.ENTERED
    )
    updated_by = models.ForeignKey(
        "governance.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "year", "pk"]
        constraints = [
            models.UniqueConstraint(
                "indicator",
                "year",
                Coalesce("school", Value(0), output_field=models.BigIntegerField()),
                Coalesce("programme", Value(0), output_field=models.BigIntegerField()),
                name="one_value_per_year_and_scope",
                violation_error_message=_("There is already a value for this year and scope."),
            ),
            models.CheckConstraint(
                condition=Q(school__isnull=True) | Q(programme__isnull=True),
                name="a_value_is_for_a_school_or_a_programme",
                violation_error_message=_(
                    "A value is for a school or for a programme, not for both at once."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.year}: {self.value}"

    def clean(self):
        if self.indicator_id and self.value is not None:
            problem = self.indicator.value_problem(self.value)
            if problem:
                raise ValidationError({"value": problem})
