"""The academic calendar: academic years and their terms."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AcademicYear(models.Model):
    name = models.CharField(_("name"), max_length=20, unique=True, help_text="2026–2027")
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class Meta:
        verbose_name = _("academic year")
        verbose_name_plural = _("academic years")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__lt=F("end_date")), name="academic_year_starts_before_end"
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start_date and self.end_date and self.start_date >= self.end_date:
            raise ValidationError(_("The academic year must start before it ends."))


class TermKind(models.TextChoices):
    AUTUMN = "autumn", _("Autumn semester")
    SPRING = "spring", _("Spring semester")
    SUMMER = "summer", _("Summer term")


class Term(models.Model):
    """A semester with its dates; course evaluation keys off the last teaching day."""

    academic_year = models.ForeignKey(
        AcademicYear,
        on_delete=models.PROTECT,
        related_name="terms",
        verbose_name=_("academic year"),
    )
    kind = models.CharField(_("term"), max_length=10, choices=TermKind.choices)
    start_date = models.DateField(_("first teaching day"))
    last_teaching_day = models.DateField(_("last teaching day"))
    end_date = models.DateField(_("end of term (after exams)"))

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["academic_year", "kind"], name="one_term_kind_per_year"
            ),
            models.CheckConstraint(
                condition=Q(start_date__lt=F("last_teaching_day"))
                & Q(last_teaching_day__lte=F("end_date")),
                name="term_dates_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.academic_year}"

    def clean(self):
        if not (self.start_date and self.last_teaching_day and self.end_date):
            return
        if not self.start_date < self.last_teaching_day <= self.end_date:
            raise ValidationError(
                _("Dates must follow each other: first teaching day, last teaching day, end.")
            )
        year = getattr(self, "academic_year", None)
        if year and not (year.start_date <= self.start_date and self.end_date <= year.end_date):
            raise ValidationError(_("The term must lie within its academic year."))

    @classmethod
    def current(cls, today=None):
        """The term running today, or else the latest one that has started."""
        today = today or timezone.localdate()
        return (
            cls.objects.filter(start_date__lte=today, end_date__gte=today).first()
            or cls.objects.filter(start_date__lte=today).order_by("-start_date").first()
        )
