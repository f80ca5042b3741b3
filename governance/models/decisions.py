"""The register of decisions, and improvement actions that follow from them (and elsewhere)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.uploads import validate_material


class RevisionKind(models.TextChoices):
    REVISED = "revised", _("Revised")
    ANNULLED = "annulled", _("Annulled")


class Decision(models.Model):
    body = models.ForeignKey(
        "governance.Body",
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("body"),
    )
    meeting = models.ForeignKey(
        "governance.Meeting",
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("meeting"),
    )
    motion = models.OneToOneField(
        "governance.Motion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decision",
        verbose_name=_("motion"),
    )
    number = models.CharField(_("number"), max_length=40)
    date = models.DateField(_("date"))
    text = models.TextField(_("text"))
    result = models.TextField(_("result of the vote"), blank=True)
    revises = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("revises decision"),
    )
    revision_kind = models.CharField(
        _("revision"), max_length=10, choices=RevisionKind.choices, blank=True
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="decision_number_per_body")
        ]

    def __str__(self):
        return _("Decision No. %(number)s of %(body)s") % {"number": self.number, "body": self.body}

    @property
    def revision(self):
        """The council decision that revised or annulled this one (seed 000 §2.1), if any."""
        return self.revisions.first()


class ActionSource(models.TextChoices):
    DECISION = "decision", _("Decision")
    SURVEY = "survey", _("Survey")
    RECOMMENDATION = "recommendation", _("Expert recommendation")
    INSPECTION = "inspection", _("Inspection finding")
    OTHER = "other", _("Other")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    VERIFIED = "verified", _("Verified")
    OVERDUE = "overdue", _("Overdue")


class ImprovementAction(models.Model):
    """One improvement action, whatever raised it (the Act of PDCA, seed 000 §4)."""

    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=16, choices=ActionSource.choices)
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source_object = GenericForeignKey("source_type", "source_id")
    owner = models.ForeignKey(
        "governance.User",
        on_delete=models.PROTECT,
        related_name="improvement_actions",
        verbose_name=_("owner"),
    )
    school = models.ForeignKey(
        "governance.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="improvement_actions",
        verbose_name=_("school"),
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    evidence = models.TextField(_("evidence of completion"), blank=True)
    evidence_file = models.FileField(
        _("evidence file"),
        upload_to="actions/",
        blank=True,
        validators=[validate_material],
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    verified_by = models.ForeignKey(
        "governance.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    reminder_sent_on = models.DateField(_("reminder sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("improvement action")
        verbose_name_plural = _("improvement actions")
        ordering = ["due_date"]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return self.title
