"""The life of a report job (issue 7): asked for, claimed by a worker, progressing, done or
failed, retried.

Every change of state is one conditional UPDATE, so a message the broker delivers twice, an
old attempt delivered after a retry, or a worker that comes back after its job was given up
changes nothing. A worker that dies mid-report stops sending signs of life; after
``REPORT_STALL_SECONDS`` its job reads as failed (and beat marks it so), never as a progress
bar stuck for ever, and the person can try again.
"""

import hashlib
import json
import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from governance.queueing import queue_after_commit

from ..models import Report, ReportStatus
from . import notify, registry

logger = logging.getLogger(__name__)

# Beat sends again the jobs queued longer than this (a broker that was down, a lost message).
RESEND_AFTER = timedelta(minutes=2)


def stall_seconds():
    """Seconds without a sign of progress after which a running job is given up."""
    return settings.REPORT_STALL_SECONDS


def delay_seconds():
    """Seconds in the queue after which the page says the worker is late."""
    return settings.REPORT_DELAY_SECONDS


def parameters_key(params):
    """The parameters as canonical JSON: equal parameters give equal keys (one report, many
    versions)."""
    return json.dumps(params, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _send(report):
    from .tasks import generate_report

    queue_after_commit(generate_report, report.pk, report.attempts, what=f"report {report.pk}")


def request(kind, params, user, schedule=None):
    """Ask for a report of ``kind`` with ``params``: a new version, queued for the worker
    once the transaction commits."""
    key = parameters_key(params)
    school = kind.school_of(params)
    fields = {
        "kind": kind.code,
        "parameters": params,
        "parameters_key": key,
        "title": str(kind.title(params))[:300],
        "school": school,
        "language": params.get("language") or translation.get_language(),
        "requested_by": user,
        "schedule": schedule,
    }
    for attempt in range(3):
        try:
            with transaction.atomic():
                latest = Report.objects.filter(kind=kind.code, parameters_key=key).aggregate(
                    latest=Max("version")
                )["latest"]
                report = Report.objects.create(version=(latest or 0) + 1, **fields)
        except IntegrityError:
            # Someone asked for the same report at the same moment: take the next number.
            if attempt == 2:
                raise
        else:
            break
    _send(report)
    return report


def claim(report_id, attempt):
    """Take a queued job for this attempt; False when it is not (or no longer) ours."""
    now = timezone.now()
    return bool(
        Report.objects.filter(pk=report_id, status=ReportStatus.QUEUED, attempts=attempt).update(
            status=ReportStatus.RUNNING,
            started_at=now,
            heartbeat_at=now,
            progress=0,
            stage="",
            error="",
        )
    )


class Superseded(Exception):
    """The job was given up (or retried) while this worker was still building it."""


def run(report_id, attempt):
    """The worker's part: claim the job, build the PDF while reporting progress, store it
    with its SHA-256 and tell the people waiting for it. Returns the finished report, or None
    when the job was not ours or failed."""
    if not claim(report_id, attempt):
        return None
    report = Report.objects.select_related("requested_by", "schedule").get(pk=report_id)
    ours = Report.objects.filter(pk=report_id, status=ReportStatus.RUNNING, attempts=attempt)

    def progress(percent, stage=""):
        """Issue 7: the progress bar moves; every call is also the job's sign of life."""
        if not ours.update(
            progress=max(0, min(99, int(percent))),
            stage=str(stage)[:200],
            heartbeat_at=timezone.now(),
        ):
            raise Superseded

    with translation.override(report.language):
        try:
            content = registry.kind(report.kind).build(report.parameters, progress)
        except Superseded:
            logger.info("report %s attempt %s was given up while building", report_id, attempt)
            return None
        except registry.ReportError as exc:
            _fail(ours, str(exc))
            return None
        except LookupError:
            _fail(ours, _("This kind of report is no longer available."))
            return None
        except Exception:
            logger.exception("report %s attempt %s failed", report_id, attempt)
            _fail(
                ours,
                _(
                    "An unexpected error stopped the report. It has been logged; try again, "
                    "and tell the QA office if it happens again."
                ),
            )
            return None
    name = default_storage.save(
        f"reports/{report.pk}/{report.kind}-v{report.version}.pdf", ContentFile(content)
    )
    now = timezone.now()
    if not ours.update(
        status=ReportStatus.DONE,
        progress=100,
        stage="",
        file=name,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        finished_at=now,
        heartbeat_at=now,
    ):
        default_storage.delete(name)
        return None
    report.refresh_from_db()
    notify.report_ready(report, content)
    return report


def _fail(ours, message):
    ours.update(status=ReportStatus.FAILED, error=message, finished_at=timezone.now())


def stall_cutoff(now=None):
    return (now or timezone.now()) - timedelta(seconds=stall_seconds())


def is_stalled(report, now=None):
    """A running job whose worker has sent no sign of life for ``REPORT_STALL_SECONDS``."""
    return (
        report.status == ReportStatus.RUNNING
        and report.heartbeat_at is not None
        and report.heartbeat_at < stall_cutoff(now)
    )


def is_delayed(report, now=None):
    """A job still waiting in the queue after ``REPORT_DELAY_SECONDS``: the worker (or the
    broker) is down or busy."""
    return report.status == ReportStatus.QUEUED and report.queued_at < (
        now or timezone.now()
    ) - timedelta(seconds=delay_seconds())


def give_up_if_stalled(report, now=None):
    """Mark a stalled job failed (the page reads it so at once); the report as it now is."""
    if not is_stalled(report, now):
        return report
    now = now or timezone.now()
    with translation.override(report.language):
        error = _(
            "The background worker stopped while making this report (no sign of progress "
            "for %(seconds)s seconds). You can try again."
        ) % {"seconds": stall_seconds()}
    stalled = Report.objects.filter(
        pk=report.pk,
        status=ReportStatus.RUNNING,
        attempts=report.attempts,
        heartbeat_at__lt=stall_cutoff(now),
    )
    if stalled.update(status=ReportStatus.FAILED, error=error, finished_at=now):
        report.status, report.error, report.finished_at = ReportStatus.FAILED, error, now
    else:
        report.refresh_from_db()
    return report


def fail_stalled(now=None):
    """Beat: give up every stalled job; returns how many."""
    stalled = Report.objects.filter(status=ReportStatus.RUNNING, heartbeat_at__lt=stall_cutoff(now))
    return sum(give_up_if_stalled(report, now).status == ReportStatus.FAILED for report in stalled)


def resend_queued(now=None):
    """Beat: send again the jobs queued for longer than :data:`RESEND_AFTER` (a broker that
    was down when they were asked for). Harmless when the first message is still on its way:
    only one delivery can claim the job."""
    waiting = Report.objects.filter(
        status=ReportStatus.QUEUED, queued_at__lt=(now or timezone.now()) - RESEND_AFTER
    ).only("pk", "attempts")
    waiting = list(waiting)
    for report in waiting:
        _send(report)
    return len(waiting)


def retry(report):
    """Put a failed job back in the queue as a new attempt; False when it was not failed."""
    now = timezone.now()
    if not Report.objects.filter(
        pk=report.pk, status=ReportStatus.FAILED, attempts=report.attempts
    ).update(
        status=ReportStatus.QUEUED,
        attempts=F("attempts") + 1,
        queued_at=now,
        progress=0,
        stage="",
        error="",
        started_at=None,
        heartbeat_at=None,
        finished_at=None,
    ):
        return False
    report.refresh_from_db()
    _send(report)
    return True
