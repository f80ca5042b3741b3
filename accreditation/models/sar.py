"""The self-assessment report: one section per assessed criterion, and its evidence.

Issue 6 ("Self-assessment report"); seed 003 §3.4 step 2 (¶98, ¶176 S-1, S-3): the institution
prepares a self-assessment report with supporting documentation, and external QA takes IQA
data into account; seed 002 B11: the working group forms the evidence base. A section has a
narrative in Kazakh, Russian and English, a status, an owner, a due date and a SWOT analysis.
Its evidence links to a published document edition, a survey result (never one below the
campaign's minimum of respondents), a council or committee decision, an indicator value, or
an uploaded file (the rules in ``accreditation.evidence``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.files import validate_document_file
from governance.multilingual import Localized


class SectionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    DRAFTING = "drafting", _("Drafting")
    IN_REVIEW = "in_review", _("In review")
    DONE = "done", _("Done")


class Section(models.Model):
    cycle = models.ForeignKey(
        "accreditation.Cycle",
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("cycle"),
    )
    clause = models.ForeignKey(
        "accreditation.Clause",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("criterion"),
    )
    narrative_kk = models.TextField(_("narrative (Kazakh)"), blank=True)
    narrative_ru = models.TextField(_("narrative (Russian)"), blank=True)
    narrative_en = models.TextField(_("narrative (English)"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SectionStatus.choices,
        default=SectionStatus.NOT_STARTED,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accreditation_sections",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    strengths = models.TextField(_("strengths"), blank=True)
    weaknesses = models.TextField(_("weaknesses"), blank=True)
    opportunities = models.TextField(_("opportunities"), blank=True)
    threats = models.TextField(_("threats"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    narrative = Localized()

    class Meta:
        verbose_name = _("self-assessment section")
        verbose_name_plural = _("self-assessment sections")
        ordering = ["cycle", "clause__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "clause"], name="one_section_per_criterion")
        ]

    def __str__(self):
        return f"{self.clause.code} {self.clause.title}"


class EvidenceKind(models.TextChoices):
    EDITION = "edition", _("Published document")
    SURVEY = "survey", _("Survey result")
    DECISION = "decision", _("Decision")
    INDICATOR = "indicator", _("Indicator value")
    FILE = "file", _("Uploaded file")


# The one field each kind of evidence fills.
KIND_FIELDS = {
    EvidenceKind.EDITION: "edition",
    EvidenceKind.SURVEY: "campaign",
    EvidenceKind.DECISION: "decision",
    EvidenceKind.INDICATOR: "indicator_value",
    EvidenceKind.FILE: "file",
}


class Evidence(models.Model):
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("section")
    )
    kind = models.CharField(_("kind of evidence"), max_length=10, choices=EvidenceKind.choices)
    note = models.CharField(
        _("what it shows"),
        max_length=300,
        blank=True,
        help_text=_("For example: “the minutes approve the updated policy”."),
    )
    edition = models.ForeignKey(
        "documents.Edition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document edition"),
    )
    campaign = models.ForeignKey(
        "surveys.Campaign",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("survey"),
    )
    survey_school = models.ForeignKey(
        "governance.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("results of the school"),
        help_text=_("Empty: the whole university's results."),
    )
    decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision"),
    )
    indicator_value = models.ForeignKey(
        "accreditation.IndicatorValue",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indicator value"),
    )
    file = models.FileField(
        _("file"),
        upload_to="accreditation/evidence/",
        blank=True,
        validators=[validate_document_file],
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["section", "added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=EvidenceKind.EDITION, edition__isnull=False)
                    | Q(kind=EvidenceKind.SURVEY, campaign__isnull=False)
                    | Q(kind=EvidenceKind.DECISION, decision__isnull=False)
                    | Q(kind=EvidenceKind.INDICATOR, indicator_value__isnull=False)
                    | (Q(kind=EvidenceKind.FILE) & ~Q(file=""))
                ),
                name="evidence_names_what_its_kind_says",
            )
        ]

    def __str__(self):
        from accreditation.evidence import label

        return label(self)
