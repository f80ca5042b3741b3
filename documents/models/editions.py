"""Editions of a QA document and the register of changes they make up (seed 004).

Each edition is one version of the document with its file, what changed and why, and the
approval block (developed by / agreed by / approved by, seed 004). Its life::

    draft ──▶ in review ──▶ approved ──▶ published ──▶ superseded
      │  (external: registered)            ▲    │
      └────────────────────────────────────┘    └──▶ withdrawn

The rules live in ``documents.editions``.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.files import validate_document_file


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ChangeBasis(models.TextChoices):
    NEW_DOCUMENT = "new", _("New document")
    NEW_LAW = "law", _("New law or regulation")
    RECTOR_ORDER = "order", _("Rector's order")
    REORGANISATION = "reorganisation", _("Reorganisation")
    RENAMING = "renaming", _("Renaming")
    PERIODIC_REVIEW = "review", _("Periodic review")
    OTHER = "other", _("Other")


# Seed 004: a published, superseded or withdrawn edition is a record; it never changes.
LOCKED_STATUSES = (EditionStatus.PUBLISHED, EditionStatus.SUPERSEDED, EditionStatus.WITHDRAWN)
CONTENT_FIELDS = (
    "document_id",
    "number",
    "file",
    "summary",
    "basis",
    "effective_date",
    "next_review_date",
    "decision_id",
    "developed_by_id",
    "developed_on",
    "agreed_by",
    "agreed_on",
)


class EditionLocked(ValidationError):
    """The edition is published, superseded or withdrawn: its content is kept as it is."""


def add_years(day, years):
    """``day`` moved ``years`` years on (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class Edition(models.Model):
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        related_name="editions",
        verbose_name=_("document"),
    )
    number = models.PositiveSmallIntegerField(_("edition"))
    file = models.FileField(_("file"), upload_to="documents/", validators=[validate_document_file])
    summary = models.TextField(_("summary of changes"), blank=True)
    basis = models.CharField(
        _("basis for the change"),
        max_length=16,
        choices=ChangeBasis.choices,
        default=ChangeBasis.NEW_DOCUMENT,
    )
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    next_review_date = models.DateField(
        _("next review"),
        null=True,
        blank=True,
        help_text=_("Empty: the effective date plus the document's review period."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=EditionStatus.choices, default=EditionStatus.DRAFT
    )
    decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="document_editions",
        verbose_name=_("approving decision"),
    )
    developed_by = models.ForeignKey(
        "governance.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("developed by"),
    )
    developed_on = models.DateField(_("developed on"), null=True, blank=True)
    agreed_by = models.CharField(_("agreed by"), max_length=300, blank=True)
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    text = models.TextField(_("text for search"), blank=True, editable=False)
    review_reminded_on = models.DateField(_("review reminder sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="edition_number_per_doc")
        ]
        indexes = [models.Index(fields=["status", "next_review_date"])]

    def __str__(self):
        return _("%(code)s, edition %(number)s") % {
            "code": self.document.code,
            "number": self.number,
        }

    def save(self, *args, **kwargs):
        self.check_editable()
        if self.next_review_date is None:
            self.next_review_date = self.default_review_date()
        super().save(*args, **kwargs)

    def clean(self):
        self.check_editable()

    @property
    def approved_on(self):
        """The approval date is the date of the approving decision (seed 000 §3)."""
        return self.decision.date if self.decision_id else None

    def default_review_date(self):
        """Seed 002 §6: reviewed every ``review_years`` (3 by default) from taking effect."""
        if self.effective_date is None:
            return None
        return add_years(self.effective_date, self.document.review_years)

    def check_editable(self):
        """Refuse a change to the content of a published, superseded or withdrawn edition."""
        if self.pk is None:
            return
        stored = Edition.objects.filter(pk=self.pk).values("status", *CONTENT_FIELDS).first()
        if stored is None or stored["status"] not in LOCKED_STATUSES:
            return
        if any(stored[name] != self._value(name) for name in CONTENT_FIELDS):
            raise EditionLocked(
                _(
                    "This edition is %(status)s; it can no longer be changed. "
                    "Register a new edition instead."
                )
                % {"status": EditionStatus(stored["status"]).label.lower()},
                code="edition_locked",
            )

    def _value(self, name):
        value = getattr(self, name)
        return value.name if name == "file" else value
