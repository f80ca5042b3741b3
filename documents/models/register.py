"""The register of QA documents (seed 000 §3; seed 004 §5: the register of normative documents).

Internal documents (IQAD) are the university's own and are approved by one of its bodies;
external ones (EQAD) are issued by a ministry, an agency or a league, and the university only
registers them and keeps its internal documents in line with them (seed 000 §3.2).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.models.bodies import BodyKind
from governance.multilingual import Localized

# Seed 002 §6: documents are reviewed at least every three years.
DEFAULT_REVIEW_YEARS = 3


class DocumentKind(models.TextChoices):
    INTERNAL = "internal", _("Internal (IQAD)")
    EXTERNAL = "external", _("External (EQAD)")


class Category(models.TextChoices):
    # Seed 000 §3.1.1–3.1.7 and seed 004 §5 (regulations of units, job descriptions).
    COUNCIL_CHARTER = "council_charter", _("Council charter")
    COMMITTEE_CHARTER = "committee_charter", _("Committee charter")
    ACADEMIC_POLICY = "academic_policy", _("Academic policy")
    INTEGRITY_GUIDE = "integrity_guide", _("Academic integrity guide")
    INCLUSIVE_POLICY = "inclusive_policy", _("Inclusive education policy")
    PROGRAMME_POLICY = "programme_policy", _("Programme development and approval policy")
    ASSESSMENT_POLICY = "assessment_policy", _("Assessment policy")
    UNIT_REGULATIONS = "unit_regulations", _("Regulations of a unit")
    JOB_DESCRIPTION = "job_description", _("Job description")
    OTHER_INTERNAL = "other_internal", _("Other internal document")
    # Seed 000 §3.2.
    STATE_STANDARD = "state_standard", _("State compulsory standard")
    MODEL_RULES = "model_rules", _("Model rules")
    CREDIT_RULES = "credit_rules", _("Credit technology rules")
    AIL_CRITERIA = "ail_criteria", _("Academic Integrity League criteria")
    ESG = "esg", _("ESG 2015 (European standards and guidelines)")
    AGENCY_STANDARD = "agency_standard", _("Accreditation agency standard")
    OTHER_EXTERNAL = "other_external", _("Other external document")


EXTERNAL_CATEGORIES = frozenset(
    {
        Category.STATE_STANDARD,
        Category.MODEL_RULES,
        Category.CREDIT_RULES,
        Category.AIL_CRITERIA,
        Category.ESG,
        Category.AGENCY_STANDARD,
        Category.OTHER_EXTERNAL,
    }
)


# Seed 000 §3.1.1–3.1.2: the council's charter and the charter of each committee. A charter
# document names the body it governs; a council charter a council, a committee charter a
# committee or commission.
CHARTER_BODY_KINDS = {
    Category.COUNCIL_CHARTER: frozenset(
        {
            BodyKind.ACADEMIC_RESEARCH_COUNCIL,
            BodyKind.ACADEMIC_COUNCIL,
            BodyKind.BOARD,
            BodyKind.ALUMNI_COUNCIL,
            BodyKind.OTHER,
        }
    ),
    Category.COMMITTEE_CHARTER: frozenset(
        {
            BodyKind.SCHOOL_COMMITTEE,
            BodyKind.QA_COMMISSION,
            BodyKind.APPEALS_COMMISSION,
            BodyKind.EXAM_COMMISSION,
            BodyKind.OTHER,
        }
    ),
}


class Document(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices)
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)
    code = models.CharField(
        _("code"), max_length=60, unique=True, help_text=_("E.g. ҚЕ 3-3-3-2023.")
    )
    title_kk = models.CharField(_("title (Kazakh)"), max_length=500)
    title_ru = models.CharField(_("title (Russian)"), max_length=500, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    owner_body = models.ForeignKey(
        "governance.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_documents",
        verbose_name=_("owner body"),
    )
    owner_school = models.ForeignKey(
        "governance.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("owner school"),
    )
    approving_body = models.ForeignKey(
        "governance.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_documents",
        verbose_name=_("approving body"),
    )
    charter_of = models.ForeignKey(
        "governance.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="charters",
        verbose_name=_("charter of the body"),
        help_text=_("Council and committee charters: the body this document is the charter of."),
    )
    issuing_body = models.CharField(_("issuing body"), max_length=300, blank=True)
    url = models.URLField(_("link"), blank=True)
    staff_only = models.BooleanField(
        _("staff only"),
        default=False,
        help_text=_("Not shown on the public page of documents."),
    )
    review_years = models.PositiveSmallIntegerField(
        _("review every (years)"), default=DEFAULT_REVIEW_YEARS, validators=[MinValueValidator(1)]
    )
    follows = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="followed_by",
        limit_choices_to={"kind": DocumentKind.EXTERNAL},
        verbose_name=_("must follow"),
        help_text=_("External documents this internal document must be aligned with."),
    )

    title = Localized()

    class Meta:
        verbose_name = _("QA document")
        verbose_name_plural = _("QA documents")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def is_internal(self):
        return self.kind == DocumentKind.INTERNAL

    def clean(self):
        """Seed 000 §3: an internal document has an owner and is approved by a body of the
        university; an external one names who issued it and is approved by nobody here."""
        errors = {}
        if (self.category in EXTERNAL_CATEGORIES) != (self.kind == DocumentKind.EXTERNAL):
            errors["category"] = _("This category belongs to the other kind of document.")
        if self.is_internal:
            if not (self.owner_body_id or self.owner_school_id):
                errors["owner_body"] = _("An internal document needs an owner body or school.")
            if not self.approving_body_id:
                errors["approving_body"] = _("An internal document needs an approving body.")
            if self.issuing_body:
                errors["issuing_body"] = _("Only external documents have an issuing body.")
        else:
            if self.approving_body_id:
                errors["approving_body"] = _(
                    "External documents are registered, not approved by the university."
                )
            if not self.issuing_body:
                errors["issuing_body"] = _("Name the body that issued the external document.")
            if self.staff_only:
                errors["staff_only"] = _("Only internal documents can be staff-only.")
        errors.update(self._charter_errors())
        if errors:
            raise ValidationError(errors)

    def _charter_errors(self):
        """Seed 000 §3.1.1–3.1.2: only a charter names a body, and of the matching kind."""
        if not self.charter_of_id:
            return {}
        kinds = CHARTER_BODY_KINDS.get(self.category)
        if kinds is None:
            return {"charter_of": _("Only a council or committee charter names its body.")}
        if self.charter_of.kind not in kinds:
            if self.category == Category.COUNCIL_CHARTER:
                return {"charter_of": _("A council charter names a council.")}
            return {"charter_of": _("A committee charter names a committee or commission.")}
        return {}
