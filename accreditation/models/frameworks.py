"""Standards frameworks: a framework's standards, their criteria and sub-criteria, the risks
named under them, and the crosswalk between frameworks.

Issue 6 ("Standards frameworks"): a framework is a tree standard → criterion → (optional)
sub-criterion, each with a code and kk/ru/en text. Seed 003 ¶22, ¶175: every agency applies
its own standards, built on the ESG and the WFME standards; seed 002 §1.4 states which ESG
standard each of its internal standards answers. The tree is one model (``Clause``): its
``depth`` says the level, and ``position`` is the clause's place in the framework read from
top to bottom, so the whole tree is one ordered query.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from governance.multilingual import Localized

code_validator = RegexValidator(
    r"^[^\s/]+$", _("A code has no spaces or slashes, e.g. ESG-2015 or 1.10.")
)


class Framework(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True, validators=[code_validator])
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    agency = models.ForeignKey(
        "accreditation.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="frameworks",
        verbose_name=_("agency"),
        help_text=_("Empty for the university's own standards and for the ESG."),
    )
    version = models.CharField(_("version"), max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )

    name = Localized()

    class Meta:
        verbose_name = _("standards framework")
        verbose_name_plural = _("standards frameworks")
        ordering = ["code"]

    def __str__(self):
        return self.code


class Level(models.IntegerChoices):
    STANDARD = 1, _("Standard")
    CRITERION = 2, _("Criterion")
    SUBCRITERION = 3, _("Sub-criterion")


class Clause(models.Model):
    """A standard, criterion or sub-criterion of a framework."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="clauses", verbose_name=_("framework")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    code = models.CharField(_("code"), max_length=30, validators=[code_validator])
    depth = models.PositiveSmallIntegerField(
        _("level"), choices=Level.choices, default=Level.STANDARD, editable=False
    )
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Order in the framework, read from top to bottom.")
    )
    title_kk = models.CharField(_("title (Kazakh)"), max_length=500)
    title_ru = models.CharField(_("title (Russian)"), max_length=500, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    text_kk = models.TextField(_("text (Kazakh)"), blank=True)
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)

    title = Localized()
    text = Localized()

    class Meta:
        verbose_name = _("standard or criterion")
        verbose_name_plural = _("standards and criteria")
        ordering = ["framework", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="one_clause_per_code"),
            models.CheckConstraint(
                condition=Q(depth__gte=1, depth__lte=3), name="clause_depth_1_to_3"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs):
        self.depth = self.parent.depth + 1 if self.parent_id else Level.STANDARD
        super().save(*args, **kwargs)

    def clean(self):
        parent = self.parent
        if parent is None:
            return
        if parent.framework_id != self.framework_id:
            raise ValidationError({"parent": _("The parent belongs to another framework.")})
        if parent.depth >= Level.SUBCRITERION:
            raise ValidationError({"parent": _("A sub-criterion cannot have parts of its own.")})


class Risk(models.Model):
    """A risk named under a standard, with how it is reduced (seed 002: "Тәуекелдер және
    оларды азайту шаралары", a table under every standard)."""

    clause = models.ForeignKey(
        Clause, on_delete=models.CASCADE, related_name="risks", verbose_name=_("standard")
    )
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    text_kk = models.TextField(_("risk (Kazakh)"))
    text_ru = models.TextField(_("risk (Russian)"), blank=True)
    text_en = models.TextField(_("risk (English)"), blank=True)
    mitigation_kk = models.TextField(_("mitigation (Kazakh)"), blank=True)
    mitigation_ru = models.TextField(_("mitigation (Russian)"), blank=True)
    mitigation_en = models.TextField(_("mitigation (English)"), blank=True)

    text = Localized()
    mitigation = Localized()

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["clause", "number"]
        constraints = [
            models.UniqueConstraint(fields=["clause", "number"], name="one_risk_per_number")
        ]

    def __str__(self):
        return f"{self.clause.code}.R{self.number}"


class ClauseMapping(models.Model):
    """One line of the crosswalk: a clause of one framework answers a clause of another
    (e.g. an agency criterion → ESG 1.3; seed 002 §1.4: standard 3 → ESG 1.3)."""

    source = models.ForeignKey(
        Clause,
        on_delete=models.CASCADE,
        related_name="mappings_out",
        verbose_name=_("criterion"),
    )
    target = models.ForeignKey(
        Clause,
        on_delete=models.CASCADE,
        related_name="mappings_in",
        verbose_name=_("corresponds to"),
    )

    class Meta:
        verbose_name = _("crosswalk mapping")
        verbose_name_plural = _("crosswalk mappings")
        ordering = ["source", "target"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="one_mapping_per_pair"),
            models.CheckConstraint(
                condition=~Q(source=F("target")), name="a_clause_is_not_mapped_to_itself"
            ),
        ]

    def __str__(self):
        return f"{self.source.code} → {self.target.code}"

    def clean(self):
        both = self.source_id and self.target_id
        if both and self.source.framework_id == self.target.framework_id:
            raise ValidationError(
                _("A crosswalk maps a criterion to a criterion of another framework.")
            )
