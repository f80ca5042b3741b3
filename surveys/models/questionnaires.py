"""Questionnaires: versions, sections, questions and their options.

Issue 4 ("Questionnaires"): a questionnaire is kept in versions; a version used by a campaign is
locked, and editing it means making a new version (``surveys.versions.new_version``). Text is
kept in Kazakh, Russian and English side by side (``governance.multilingual``).

Seed 000 §4.1.7–§4.1.13 name the surveys the QA manager and the School Committees run; the
questionnaire records which of them it serves (``purpose``) and who answers it
(``respondents``). Seed 000 §4.1.10 asks for a per-teacher part in the course evaluation:
a section marked ``per_teacher`` is answered once for every teacher evaluated.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from governance.multilingual import Localized

# A numeric question counts every whole number between its bounds (``surveys.anonymity``),
# so the range stays small: an age, hours per week, a percentage.
NUMERIC_MAX_SPAN = 100
TEXT_MAX_LENGTH = 4000


class Purpose(models.TextChoices):
    STUDENT_SATISFACTION = "student_satisfaction", _("Student satisfaction (seed 000 §4.1.7)")
    FACULTY_SATISFACTION = (
        "faculty_satisfaction",
        _("Faculty motivation and job satisfaction (seed 000 §4.1.8)"),
    )
    DOCTORAL = "doctoral", _("Doctoral students (seed 000 §4.1.9)")
    COURSE_EVALUATION = "course_evaluation", _("Course and teacher evaluation (seed 000 §4.1.10)")
    TEACHER_BY_STUDENTS = "teacher_by_students", _("Teacher through the eyes of students")
    ALUMNI = "alumni", _("Alumni feedback (seed 000 §4.1.12)")
    EMPLOYERS = "employers", _("Employer feedback (seed 000 §4.1.13)")
    OTHER = "other", _("Other survey")


class Respondents(models.TextChoices):
    STUDENTS = "students", _("Students")
    DOCTORAL_STUDENTS = "doctoral_students", _("Doctoral students")
    STAFF = "staff", _("Staff")
    ALUMNI = "alumni", _("Alumni")
    EMPLOYERS = "employers", _("Employers")


class VersionLocked(ValidationError):
    """A change to a questionnaire version that a campaign has already used."""

    def __init__(self):
        super().__init__(
            _("This version is used by a campaign and cannot change; make a new version."),
            code="version_locked",
        )


class Questionnaire(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    purpose = models.CharField(_("purpose"), max_length=24, choices=Purpose.choices)
    respondents = models.CharField(_("who answers"), max_length=20, choices=Respondents.choices)

    title = Localized()

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.title}"


class QuestionnaireVersion(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("questionnaire"),
    )
    number = models.PositiveSmallIntegerField(_("version"), default=1)
    locked_at = models.DateTimeField(
        _("locked"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when a campaign first uses the version; it cannot change after that."),
    )

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="one_number_per_questionnaire_version"
            )
        ]

    def __str__(self):
        return _("%(questionnaire)s, version %(number)d") % {
            "questionnaire": self.questionnaire,
            "number": self.number,
        }

    @property
    def is_locked(self):
        return self.locked_at is not None


class VersionContent(models.Model):
    """Sections, questions and options: unchangeable once their version is locked.

    ``version_lookup`` says how to reach the version: the lookup from
    ``QuestionnaireVersion`` and the row's own foreign key. Bulk operations bypass the check;
    only ``surveys.versions.new_version`` uses them, on a version nobody has used yet.
    """

    version_lookup = ("pk", "version_id")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.version_is_locked():
            raise VersionLocked
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.version_is_locked():
            raise VersionLocked
        return super().delete(*args, **kwargs)

    def clean(self):
        if self.version_is_locked():
            raise VersionLocked

    def version_is_locked(self):
        lookup, attname = self.version_lookup
        parent = getattr(self, attname)
        return parent is not None and (
            QuestionnaireVersion.objects.filter(
                locked_at__isnull=False, **{lookup: parent}
            ).exists()
        )


class Section(VersionContent):
    version = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("version"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title_kk = models.CharField(_("title (Kazakh)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    per_teacher = models.BooleanField(
        _("answered for each teacher"),
        default=False,
        help_text=_(
            "Course evaluation: the section is answered about each teacher of the course "
            "and left out where no teacher is evaluated."
        ),
    )

    title = Localized()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="one_section_per_position")
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"


class QuestionKind(models.TextChoices):
    LIKERT = "likert", _("Likert scale 1–5")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    YES_NO = "yes_no", _("Yes / no")
    NUMERIC = "numeric", _("Number")
    TEXT = "text", _("Free text")
    MATRIX = "matrix", _("Matrix (several items on one scale)")
    HEADING = "heading", _("Heading or instruction")


# Kinds whose answers are kept as counters per value (``surveys.anonymity``).
COUNTED_KINDS = frozenset(
    {
        QuestionKind.LIKERT,
        QuestionKind.SINGLE,
        QuestionKind.MULTIPLE,
        QuestionKind.YES_NO,
        QuestionKind.NUMERIC,
        QuestionKind.MATRIX,
    }
)
# Kinds whose choices are the question's own ``Choice`` rows (Likert and matrix may add labels).
CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})
SCALE_KINDS = frozenset({QuestionKind.LIKERT, QuestionKind.MATRIX})
LIKERT_VALUES = (1, 2, 3, 4, 5)


class Question(VersionContent):
    version_lookup = ("sections", "section_id")

    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="questions", verbose_name=_("section")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("type"), max_length=10, choices=QuestionKind.choices)
    text_kk = models.TextField(_("text (Kazakh)"))
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    required = models.BooleanField(_("answer required"), default=False)
    min_value = models.IntegerField(_("smallest number"), null=True, blank=True)
    max_value = models.IntegerField(_("largest number"), null=True, blank=True)

    text = Localized()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "position"], name="one_question_per_position"
            ),
            models.CheckConstraint(
                condition=~Q(kind=QuestionKind.NUMERIC)
                | (
                    Q(min_value__isnull=False)
                    & Q(max_value__isnull=False)
                    & Q(min_value__lt=F("max_value"))
                    & Q(max_value__lte=F("min_value") + NUMERIC_MAX_SPAN)
                ),
                name="numeric_question_has_a_small_range",
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.text}"[:120]

    @property
    def is_answerable(self):
        return self.kind != QuestionKind.HEADING

    @property
    def is_counted(self):
        return self.kind in COUNTED_KINDS

    def clean(self):
        super().clean()
        if self.kind != QuestionKind.NUMERIC:
            if self.min_value is not None or self.max_value is not None:
                raise ValidationError(
                    _("Only a number question has a smallest and a largest number.")
                )
            return
        if self.min_value is None or self.max_value is None:
            raise ValidationError(_("Give the smallest and the largest number."))
        if not 0 < self.max_value - self.min_value <= NUMERIC_MAX_SPAN:
            raise ValidationError(
                _("The largest number must exceed the smallest by 1 to %(span)d.")
                % {"span": NUMERIC_MAX_SPAN}
            )


class Choice(VersionContent):
    """An option of a choice question, or the label of one point of a Likert or matrix scale."""

    version_lookup = ("sections__questions", "question_id")

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    value = models.SmallIntegerField(
        _("value"), help_text=_("Choices are shown in this order; scale points are 1 to 5.")
    )
    label_kk = models.CharField(_("label (Kazakh)"), max_length=300)
    label_ru = models.CharField(_("label (Russian)"), max_length=300, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=300, blank=True)

    label = Localized()

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "value"]
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="one_choice_per_value")
        ]

    def __str__(self):
        return f"{self.value}. {self.label}"

    def clean(self):
        super().clean()
        question = getattr(self, "question", None)
        if question is None:
            return
        if question.kind in SCALE_KINDS and self.value not in LIKERT_VALUES:
            raise ValidationError(
                {"value": _("Give a scale point from 1 to 5; its label replaces the standard one.")}
            )
        if question.kind not in SCALE_KINDS | CHOICE_KINDS:
            raise ValidationError(_("Only choice, Likert and matrix questions have options."))


class MatrixItem(VersionContent):
    """One line of a matrix question, answered on the question's scale."""

    version_lookup = ("sections__questions", "question_id")

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="items", verbose_name=_("question")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text_kk = models.CharField(_("text (Kazakh)"), max_length=500)
    text_ru = models.CharField(_("text (Russian)"), max_length=500, blank=True)
    text_en = models.CharField(_("text (English)"), max_length=500, blank=True)

    text = Localized()

    class Meta:
        verbose_name = _("matrix item")
        verbose_name_plural = _("matrix items")
        ordering = ["question", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "position"], name="one_matrix_item_per_position"
            )
        ]

    def __str__(self):
        return f"{self.position}. {self.text}"
