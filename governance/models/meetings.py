"""Meetings of bodies: agenda items with materials, and who attended."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.uploads import validate_material


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    AGENDA_PUBLISHED = "published", _("Agenda published")
    IN_SESSION = "in_session", _("In session")
    CLOSED = "closed", _("Closed")


class Meeting(models.Model):
    body = models.ForeignKey(
        "governance.Body", on_delete=models.CASCADE, related_name="meetings", verbose_name=_("body")
    )
    number = models.PositiveIntegerField(_("number"))
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    language = models.CharField(
        _("language of the minutes"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    agenda_published_at = models.DateTimeField(_("agenda published"), null=True, blank=True)
    agenda_sent_at = models.DateTimeField(_("agenda e-mailed"), null=True, blank=True)
    minutes_approved_at = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_minutes_of",
        verbose_name=_("minutes approved at meeting"),
    )

    minutes_file = models.FileField(
        _("approved minutes (PDF)"), upload_to="minutes/", blank=True, editable=False
    )
    minutes_sha256 = models.CharField(_("SHA-256 of the minutes"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="meeting_number_per_body")
        ]

    def __str__(self):
        return _("%(body)s, meeting No. %(number)s") % {"body": self.body, "number": self.number}

    @property
    def minutes_locked(self):
        """Minutes approved at a later meeting can no longer change (seed 000 §2)."""
        return self.minutes_approved_at_id is not None

    @property
    def agenda_due_at(self):
        """When members must have the agenda: N days before the meeting (body's charter)."""
        return self.starts_at - timezone.timedelta(days=self.body.agenda_notice_days)


class ItemStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ON_AGENDA = "on_agenda", _("On the agenda")
    DECLINED = "declined", _("Not taken onto the agenda")


class AgendaItem(models.Model):
    """A question for a meeting; any member, voting or not, may propose one (seed 000 §2)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("meeting")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    proposed_by = models.ForeignKey(
        "governance.User",
        on_delete=models.PROTECT,
        related_name="agenda_proposals",
        verbose_name=_("proposed by"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.PROPOSED
    )
    minutes_text = models.TextField(
        _("discussion for the minutes"),
        blank=True,
        help_text=_("Who spoke and what was said, as the minutes should record it."),
    )
    reviews = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_in_items",
        verbose_name=_("decision under review"),
        help_text=_("A School Committee decision the council takes up to revise or annul."),
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "pk"]

    def __str__(self):
        return f"{self.position}. {self.title}"


def material_path(instance, filename):
    return f"materials/{instance.item.meeting.body_id}/{instance.item.meeting_id}/{filename}"


class AgendaMaterial(models.Model):
    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="materials", verbose_name=_("item")
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=material_path, validators=[validate_material])
    uploaded_by = models.ForeignKey(
        "governance.User", on_delete=models.PROTECT, verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.title


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        "governance.User", on_delete=models.PROTECT, verbose_name=_("person")
    )
    present = models.BooleanField(_("present"), default=True)
    checked_in_at = models.DateTimeField(_("checked in"), default=timezone.now)
    recorded_by = models.ForeignKey(
        "governance.User",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("recorded by"),
        help_text=_("Empty when the member checked in themselves."),
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_person")
        ]

    def __str__(self):
        return f"{self.person} @ {self.meeting}"
