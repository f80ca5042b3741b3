"""The university's structure: institution, schools, departments, programmes, courses."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from governance.multilingual import LanguageListField, Localized
from governance.uploads import validate_logo


class Institution(models.Model):
    """The university running this deployment; there is exactly one."""

    singleton = models.BooleanField(default=True, editable=False, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    short_name_kk = models.CharField(_("short name (Kazakh)"), max_length=60, blank=True)
    short_name_ru = models.CharField(_("short name (Russian)"), max_length=60, blank=True)
    short_name_en = models.CharField(_("short name (English)"), max_length=60, blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="institution/",
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG or JPEG, at most 1 MB; printed on the cover of the PDF reports."),
    )
    website = models.URLField(_("website"), blank=True)

    name = Localized()
    short_name = Localized()

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institution")
        constraints = [
            models.CheckConstraint(condition=Q(singleton=True), name="institution_is_singleton")
        ]

    def __str__(self):
        return self.name

    @classmethod
    def current(cls):
        return cls.objects.first()


class School(models.Model):
    """A school (faculty) of the university (seed 000: "KS")."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    dean = models.ForeignKey(
        "governance.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="schools_led",
        verbose_name=_("dean"),
    )

    name = Localized()

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["code"]

    def __str__(self):
        return self.name

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved_dean_id = self.dean_id

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self._saved_dean_id != self.dean_id:
            from governance.permissions import move_dean_rights

            move_dean_rights(self, self._saved_dean_id, self.dean_id)
            self._saved_dean_id = self.dean_id


class Department(models.Model):
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="departments", verbose_name=_("school")
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)

    name = Localized()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["code"]

    def __str__(self):
        return self.name


class ProgrammeLevel(models.TextChoices):
    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    DOCTORAL = "doctoral", _("Doctoral (PhD)")
    RESIDENCY = "residency", _("Residency")


# Levels of the National Qualifications Framework of Kazakhstan that each degree sits on.
NQF_LEVELS = {
    ProgrammeLevel.BACHELOR: 6,
    ProgrammeLevel.MASTER: 7,
    ProgrammeLevel.RESIDENCY: 7,
    ProgrammeLevel.DOCTORAL: 8,
}

programme_code_validator = RegexValidator(
    r"^[678][A-Z][0-9]{5}$",
    _("Enter a programme code from the national classifier, e.g. 6B04201 or 7M04101."),
)


class EducationalProgramme(models.Model):
    code = models.CharField(
        _("code"), max_length=16, unique=True, validators=[programme_code_validator]
    )
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=ProgrammeLevel.choices)
    nqf_level = models.PositiveSmallIntegerField(
        _("NQF level"), validators=[MinValueValidator(5), MaxValueValidator(8)]
    )
    credits = models.PositiveSmallIntegerField(
        _("credits (ECTS)"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("school")
    )
    languages = LanguageListField(_("languages of instruction"))

    name = Localized()

    class Meta:
        verbose_name = _("educational programme")
        verbose_name_plural = _("educational programmes")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        expected = NQF_LEVELS.get(self.level)
        if expected and self.nqf_level and self.nqf_level != expected:
            raise ValidationError(
                {
                    "nqf_level": _("A %(level)s programme sits on NQF level %(expected)s.")
                    % {"level": self.get_level_display(), "expected": expected}
                }
            )
        if not self.languages:
            raise ValidationError({"languages": _("Choose at least one language.")})


class Course(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    credits = models.PositiveSmallIntegerField(
        _("credits (ECTS)"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="courses",
        verbose_name=_("department"),
    )
    programmes = models.ManyToManyField(
        EducationalProgramme, related_name="courses", verbose_name=_("programmes")
    )
    teachers = models.ManyToManyField(
        "governance.User", related_name="courses_taught", blank=True, verbose_name=_("teachers")
    )

    title = Localized()

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.title}"


class Enrolment(models.Model):
    """A student taking a course in a term."""

    student = models.ForeignKey(
        "governance.User",
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("student"),
    )
    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("course")
    )
    term = models.ForeignKey(
        "governance.Term",
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("term"),
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["student", "course", "term"], name="one_enrolment_per_course_and_term"
            )
        ]

    def __str__(self):
        return f"{self.student} — {self.course.code} ({self.term})"
