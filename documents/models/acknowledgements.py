"""Read-acknowledgement campaigns (seed 002 §3.3: all staff in scope read the current edition
of a document and confirm it within 10 working days).

The QA office launches a campaign for a published edition to a target group; the recipients
are written down at launch, one :class:`Acknowledgement` per person, so later changes of staff
or membership do not change who was asked. The rules live in ``documents.acknowledgements``.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TargetKind(models.TextChoices):
    SCHOOL = "school", _("Staff of a school")
    DEPARTMENT = "department", _("Staff of a department")
    ALL_STAFF = "all_staff", _("All staff")
    BODY = "body", _("Members of a body")


# The field that names the target of each kind (all staff needs none).
TARGET_FIELDS = {
    TargetKind.SCHOOL: "school",
    TargetKind.DEPARTMENT: "department",
    TargetKind.BODY: "body",
}


class AckCampaign(models.Model):
    edition = models.ForeignKey(
        "documents.Edition",
        on_delete=models.PROTECT,
        related_name="ack_campaigns",
        verbose_name=_("edition"),
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    message = models.TextField(_("message"), blank=True)
    target_kind = models.CharField(_("addressed to"), max_length=12, choices=TargetKind.choices)
    school = models.ForeignKey(
        "governance.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school"),
    )
    department = models.ForeignKey(
        "governance.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department"),
    )
    body = models.ForeignKey(
        "governance.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("body"),
    )
    deadline = models.DateField(_("deadline"))
    launched_by = models.ForeignKey(
        "governance.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("launched by")
    )
    launched_at = models.DateTimeField(_("launched"), default=timezone.now)

    class Meta:
        verbose_name = _("acknowledgement campaign")
        verbose_name_plural = _("acknowledgement campaigns")
        ordering = ["-launched_at", "-pk"]

    def __str__(self):
        return self.title or str(self.edition)

    @property
    def target(self):
        """The school, department or body addressed; None for all staff."""
        name = TARGET_FIELDS.get(self.target_kind)
        return getattr(self, name) if name else None

    @property
    def target_label(self):
        target = self.target
        label = self.get_target_kind_display()
        return f"{label}: {target}" if target is not None else label


class Acknowledgement(models.Model):
    campaign = models.ForeignKey(
        AckCampaign,
        on_delete=models.CASCADE,
        related_name="acknowledgements",
        verbose_name=_("acknowledgement campaign"),
    )
    person = models.ForeignKey(
        "governance.User",
        on_delete=models.PROTECT,
        related_name="document_acknowledgements",
        verbose_name=_("person"),
    )
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    reminded_on = models.DateField(_("reminded on"), null=True, blank=True)

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person"], name="ack_once_per_person")
        ]
        indexes = [models.Index(fields=["person", "acknowledged_at"])]

    def __str__(self):
        return f"{self.person} — {self.campaign}"
