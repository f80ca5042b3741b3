"""The register of accredited programmes (seed 002 S10.Req8–9: "the unified database of
accredited programmes and post-accreditation monitoring", kept by the QA office).

An :class:`Accreditation` is one decision of an agency: about the whole university
(institutional accreditation) or about one programme (programme or international
accreditation), with its outcome, certificate and period of validity. Seed 003 §3.4 leaves
the validity period and the decision categories to each agency, so they are entered per
record. An :class:`ExpiryReminder` row says that every QA manager has been reminded of an
accreditation reaching a threshold before its certificate expires (``accreditation.expiry``;
each manager's e-mail is sent once by its key, ``governance.once``).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.files import validate_document_file

from .agencies import Agency
from .indicators import is_plausible_date, validate_plausible_date

MAX_YEARS = 10


class AccreditationKind(models.TextChoices):
    """Seed 003 ¶150 S-10: both institutional and programme (specialised) accreditation;
    seed 004 §5: international accreditation as well."""

    INSTITUTIONAL = "institutional", _("Institutional")
    PROGRAMME = "programme", _("Programme (specialised)")
    INTERNATIONAL = "international", _("International programme accreditation")


class Outcome(models.TextChoices):
    ACCREDITED = "accredited", _("Accredited")
    CONDITIONAL = "conditional", _("Accredited with conditions")
    DENIED = "denied", _("Accreditation denied")


POSITIVE_OUTCOMES = (Outcome.ACCREDITED, Outcome.CONDITIONAL)


class Accreditation(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=AccreditationKind.choices)
    programme = models.ForeignKey(
        "governance.EducationalProgramme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accreditations",
        verbose_name=_("programme"),
        help_text=_("Empty for an institutional accreditation."),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="accreditations", verbose_name=_("agency")
    )
    decision_date = models.DateField(_("decision date"), validators=[validate_plausible_date])
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    years = models.PositiveSmallIntegerField(
        _("accredited for (years)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_YEARS)],
    )
    certificate_number = models.CharField(_("certificate number"), max_length=60, blank=True)
    certificate = models.FileField(
        _("certificate"),
        upload_to="accreditation/certificates/",
        blank=True,
        validators=[validate_document_file],
    )
    valid_from = models.DateField(
        _("valid from"), null=True, blank=True, validators=[validate_plausible_date]
    )
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, validators=[validate_plausible_date]
    )
    cycle = models.ForeignKey(
        "accreditation.Cycle",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accreditations",
        verbose_name=_("accreditation cycle"),
        help_text=_("The cycle whose decision this is, when it was recorded on the cycle."),
    )
    recorded_by = models.ForeignKey(
        "governance.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        ordering = ["-decision_date", "-pk"]
        indexes = [models.Index(fields=["programme", "valid_until"])]

    def __str__(self):
        subject = self.programme.code if self.programme_id else _("the university")
        return f"{self.agency} — {subject} ({self.decision_date:%Y-%m-%d})"

    @property
    def is_positive(self):
        return self.outcome in POSITIVE_OUTCOMES

    def clean(self):
        """An institutional decision concerns no programme; a programme decision names one;
        a positive decision has a period of validity (seed 003 §3.4: set by the agency), by
        its expiry date or by its number of years from the start date."""
        from ..programme_register import validity_end

        errors = {}
        if (
            self.valid_until is None
            and self.is_positive
            and self.valid_from
            and is_plausible_date(self.valid_from)  # else refused by its own check
            and 1 <= (self.years or 0) <= MAX_YEARS
        ):
            self.valid_until = validity_end(self.valid_from, self.years)
        if self.kind == AccreditationKind.INSTITUTIONAL and self.programme_id:
            errors["programme"] = _("An institutional accreditation concerns no single programme.")
        if self.kind != AccreditationKind.INSTITUTIONAL and not self.programme_id:
            errors["programme"] = _("Choose the programme that was accredited.")
        if self.is_positive:
            if self.valid_from is None:
                errors["valid_from"] = _("Enter the date the accreditation is valid from.")
            if self.valid_until is None and not self.years:
                errors["valid_until"] = _(
                    "Enter the expiry date or the number of years the accreditation is for."
                )
        elif self.valid_from or self.valid_until or self.years:
            errors["outcome"] = _("A denied accreditation has no period of validity.")
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            errors["valid_until"] = _("The expiry date must come after the start date.")
        if self.valid_from and self.decision_date and self.valid_from < self.decision_date:
            errors["valid_from"] = _("The accreditation cannot be valid before its decision.")
        if errors:
            raise ValidationError(errors)


class ExpiryReminder(models.Model):
    """A reminder done: every QA manager told of accreditation × months before expiry (seed
    002 S10: the QA office controls accreditation deadlines)."""

    accreditation = models.ForeignKey(
        Accreditation, on_delete=models.CASCADE, related_name="reminders"
    )
    months = models.PositiveSmallIntegerField(_("months before expiry"))
    sent_on = models.DateField(_("sent"))

    class Meta:
        verbose_name = _("expiry reminder")
        verbose_name_plural = _("expiry reminders")
        constraints = [
            models.UniqueConstraint(fields=["accreditation", "months"], name="expiry_reminder_once")
        ]

    def __str__(self):
        return f"{self.accreditation} — {self.months}"
