"""Applications that students and teachers address to a committee, and grade appeals.

Seed 000 §2.2 (power 5): the School Committee considers applications of students and
teachers; §4.1.4: a student with special educational needs applies to the committee, which
decides each case individually; §4.1.6: a grade appeal is reviewed by at least two
independent experts, never the teacher of the course.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.uploads import validate_material


class ApplicationKind(models.TextChoices):
    INCLUSIVE = "inclusive", _("Inclusive education: request for accommodation")
    COMPLAINT = "complaint", _("Complaint")
    GRADE_APPEAL = "grade_appeal", _("Grade appeal")
    PROPOSAL = "proposal", _("Proposal")
    OTHER = "other", _("Other")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ON_AGENDA = "on_agenda", _("On a meeting agenda")
    UNDER_REVIEW = "under_review", _("Under review by the appeals panel")
    DECIDED = "decided", _("Decided")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", _("The grade stands")
    CHANGED = "changed", _("The grade is changed")


class Application(models.Model):
    body = models.ForeignKey(
        "governance.Body",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("addressed to"),
    )
    applicant = models.ForeignKey(
        "governance.User",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("applicant"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ApplicationKind.choices)
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("text"))
    attachment = models.FileField(
        _("attachment"),
        upload_to="applications/%Y/",
        blank=True,
        validators=[validate_material],
    )
    course = models.ForeignKey(
        "governance.Course",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name=_("course"),
    )
    grade_given = models.CharField(_("grade given"), max_length=20, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    agenda_item = models.ForeignKey(
        "governance.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("considered under agenda item"),
    )
    decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("decision"),
    )
    response = models.TextField(_("answer to the applicant"), blank=True)
    appeal_outcome = models.CharField(
        _("appeal outcome"), max_length=8, choices=AppealOutcome.choices, blank=True
    )
    grade_after_appeal = models.CharField(_("grade after the appeal"), max_length=20, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="grade_appeal") | models.Q(course__isnull=False),
                name="grade_appeal_names_a_course",
            ),
        ]

    def __str__(self):
        return self.subject


class AppealExpert(models.Model):
    """An independent expert on the panel that reviews a grade appeal (seed 000 §4.1.6)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="experts", verbose_name=_("appeal")
    )
    expert = models.ForeignKey(
        "governance.User",
        on_delete=models.PROTECT,
        related_name="appeal_panels",
        verbose_name=_("expert"),
    )
    opinion = models.TextField(_("opinion"), blank=True)
    recommended_grade = models.CharField(_("recommended grade"), max_length=20, blank=True)
    signed_at = models.DateTimeField(_("opinion given"), null=True, blank=True)

    class Meta:
        verbose_name = _("appeal expert")
        verbose_name_plural = _("appeal experts")
        constraints = [
            models.UniqueConstraint(fields=["application", "expert"], name="one_seat_per_expert")
        ]

    def __str__(self):
        return str(self.expert)
