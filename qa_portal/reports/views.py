"""Pages of the background reports (issue 7): the list with a form per kind, the job page
whose progress bar htmx polls, the download, a retry, and the QA manager's schedules.

Who reads which report: ``qa_portal.reports.access``; the job's life: ``jobs``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.downloads import stored_file

from ..models import Report, ReportSchedule, ReportStatus
from . import access, jobs, registry
from .forms import ScheduleForm

PAGE_SIZE = 25


def _kind(code, user):
    try:
        found = registry.kind(code)
    except LookupError as missing:
        raise Http404 from missing
    if not found.offered_to(user):
        raise PermissionDenied
    return found


def _kind_form(kind, user, data=None):
    return kind.form(user, data, auto_id=f"id_{kind.code}_%s")


@login_required
def report_list(request):
    """The reports the person reads (newest first) and a form for each kind they may ask
    for."""
    user = request.user
    if not access.uses_reports(user):
        raise PermissionDenied
    reports = access.readable_by(user).select_related("school", "requested_by")
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    for report in page:
        report.stalled = jobs.is_stalled(report, now)
    return render(
        request,
        "reports/list.html",
        {
            "page": page,
            "forms": [(kind, _kind_form(kind, user)) for kind in registry.offered_to(user)],
            "schedules": access.schedules_reports(user),
        },
    )


@login_required
def report_new(request, kind):
    """Ask for a report: its parameters, then the job page."""
    user = request.user
    kind = _kind(kind, user)
    form = _kind_form(kind, user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        params = form.parameters()
        if not kind.can_request(user, params):
            raise PermissionDenied
        report = jobs.request(kind, params, user)
        return redirect("reports:detail", report.pk)
    return render(request, "reports/new.html", {"kind": kind, "form": form})


def _readable(request, pk):
    report = get_object_or_404(Report.objects.select_related("school", "requested_by"), pk=pk)
    access.require_reader(request.user, report)
    return jobs.give_up_if_stalled(report)


def _live(request, report):
    return {
        "report": report,
        "polling": report.status in (ReportStatus.QUEUED, ReportStatus.RUNNING),
        "delayed": jobs.is_delayed(report),
        "can_retry": report.status == ReportStatus.FAILED
        and access.can_retry(request.user, report),
    }


@login_required
def report_detail(request, pk):
    """The job page: the progress bar until the file is ready, then its download and hash."""
    report = _readable(request, pk)
    return render(request, "reports/detail.html", _live(request, report))


@login_required
def report_progress(request, pk):
    """The polled fragment (htmx, every second); it stops polling when done or failed."""
    report = _readable(request, pk)
    return render(request, "reports/_progress.html", _live(request, report))


@login_required
def report_download(request, pk):
    report = _readable(request, pk)
    if report.status != ReportStatus.DONE:
        raise Http404
    return stored_file(report.file)


@require_POST
@login_required
def report_retry(request, pk):
    """Put a failed report back in the queue as a new attempt."""
    report = _readable(request, pk)
    if not access.can_retry(request.user, report):
        raise PermissionDenied
    if jobs.retry(report):
        messages.success(request, _("The report is queued again."))
    else:
        messages.error(request, _("Only a failed report can be tried again."))
    return redirect("reports:detail", report.pk)


@login_required
def schedule_list(request):
    """The QA manager's scheduled reports, with a link to schedule each kind."""
    access.require_schedules(request.user)
    schedules = (
        ReportSchedule.objects.select_related("last_report")
        .prefetch_related("recipients")
        .order_by("-active", "next_run_at", "pk")
    )
    return render(
        request,
        "reports/schedules.html",
        {"schedules": schedules, "kinds": registry.offered_to(request.user)},
    )


@login_required
def schedule_new(request, kind):
    """Schedule a report: its parameters, how often, from when and to whom."""
    user = request.user
    access.require_schedules(user)
    kind = _kind(kind, user)
    data = request.POST if request.method == "POST" else None
    form = _kind_form(kind, user, data)
    schedule_form = ScheduleForm(data)
    if data is not None and form.is_valid() and schedule_form.is_valid():
        params = form.parameters()
        if not kind.can_request(user, params):
            raise PermissionDenied
        schedule = schedule_form.save(commit=False)
        schedule.kind = kind.code
        schedule.parameters = params
        schedule.title = str(kind.title(params))[:300]
        schedule.next_run_at = schedule.starts_at
        schedule.created_by = user
        schedule.save()
        schedule_form.save_m2m()
        messages.success(request, _("The report is scheduled."))
        return redirect("reports:schedule_list")
    return render(
        request,
        "reports/schedule_new.html",
        {"kind": kind, "form": form, "schedule_form": schedule_form},
    )


@require_POST
@login_required
def schedule_deactivate(request, pk):
    access.require_schedules(request.user)
    updated = ReportSchedule.objects.filter(pk=pk, active=True).update(active=False)
    if not updated and not ReportSchedule.objects.filter(pk=pk).exists():
        raise Http404
    messages.success(request, _("The schedule is stopped: no more reports will be made."))
    return redirect("reports:schedule_list")
