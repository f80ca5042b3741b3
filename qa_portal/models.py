"""Records kept by the portal shell itself."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """The last time beat's heartbeat task ran on a worker: proof both processes are alive."""

    worker = models.CharField(_("worker"), max_length=200, unique=True)
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")
        ordering = ["-seen_at"]

    def __str__(self):
        return self.worker


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being generated")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReportFrequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")


class Report(models.Model):
    """One generated version of a report (issue 7): the parameters it was made with, the job's
    progress while the worker makes it, then the stored PDF with its SHA-256.

    Regenerating a report with the same parameters makes the next version; versions are never
    overwritten. The file lives in private storage and is only served by the download view.
    """

    kind = models.CharField(_("kind of report"), max_length=50)
    parameters = models.JSONField(_("parameters"), default=dict)
    parameters_key = models.CharField(
        _("parameters (canonical)"),
        max_length=1000,
        help_text=_("Reports with equal parameters are versions of one report."),
    )
    title = models.CharField(_("title"), max_length=300)
    version = models.PositiveIntegerField(_("version"))
    school = models.ForeignKey(
        "governance.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("school"),
        help_text=_("Empty for a report on the whole university."),
    )
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("stage"), max_length=200, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=1)
    requested_by = models.ForeignKey(
        "governance.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports_requested",
        verbose_name=_("requested by"),
    )
    schedule = models.ForeignKey(
        "qa_portal.ReportSchedule",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("schedule"),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of progress"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="reports/", blank=True, max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "parameters_key", "version"], name="report_version_unique"
            )
        ]
        indexes = [models.Index(fields=["status", "queued_at"])]

    def __str__(self):
        return f"{self.title} (v{self.version})"


class ReportSchedule(models.Model):
    """A report the QA office has made regularly and sent to people by e-mail (issue 7: e.g.
    the monthly summary to the rector)."""

    kind = models.CharField(_("kind of report"), max_length=50)
    parameters = models.JSONField(_("parameters"), default=dict)
    title = models.CharField(_("title"), max_length=300)
    frequency = models.CharField(_("frequency"), max_length=10, choices=ReportFrequency.choices)
    recipients = models.ManyToManyField(
        "governance.User", related_name="report_schedules", verbose_name=_("recipients")
    )
    starts_at = models.DateTimeField(_("first run"))
    next_run_at = models.DateTimeField(_("next run"))
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        "governance.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="report_schedules_created",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_report = models.ForeignKey(
        Report,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last report"),
    )

    class Meta:
        verbose_name = _("report schedule")
        verbose_name_plural = _("report schedules")
        ordering = ["-active", "next_run_at", "pk"]

    def __str__(self):
        return self.title
