"""Background reports (issue 7): versions with their SHA-256 and parameters, the job's
progress, failures, a worker that died, retries, repeated deliveries and who reads what."""

import hashlib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone, translation

from qa_portal.models import Report, ReportStatus
from qa_portal.reports import jobs, registry, tasks

from .factories_reports import BUILDS, DIGEST, ask


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def no_builds_yet():
    BUILDS.clear()


@pytest.fixture
def sent(monkeypatch):
    """The (report id, attempt) pairs handed to the worker."""
    calls = []
    monkeypatch.setattr(tasks.generate_report, "delay", lambda *args: calls.append(args))
    return calls


def run(report):
    """The worker's delivery of the report's current attempt."""
    return jobs.run(report.pk, report.attempts)


def test_asking_again_makes_the_next_version_with_its_own_hash(world):
    rector = world.users["rector"]
    first, second = ask(rector, world.school_a), ask(rector, world.school_a)
    other = ask(rector, world.school_b)
    assert (first.version, second.version, other.version) == (1, 2, 1)
    assert run(first) and run(second)
    for report in (first, second):
        report.refresh_from_db()
        stored = default_storage.open(report.file.name).read()
        assert stored.startswith(b"%PDF")
        assert report.sha256 == hashlib.sha256(stored).hexdigest()
        assert report.size == len(stored)
        assert report.status == ReportStatus.DONE and report.progress == 100
        assert report.finished_at is not None
    assert first.file.name != second.file.name


def test_parameters_scope_title_and_language_are_stored(world):
    report = ask(world.users["dean"], world.school_a, language="ru")
    assert report.parameters == {"school": world.school_a.pk, "language": "ru"}
    assert report.school == world.school_a
    assert report.language == "ru"
    assert report.title == "Digest — School of Law"
    assert report.requested_by == world.users["dean"]
    assert report.status == ReportStatus.QUEUED


def test_the_job_is_sent_to_the_worker_after_commit(
    world, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = ask(world.users["rector"])
    assert sent == [(report.pk, 1)]


def test_progress_rises_while_the_report_is_built(world):
    seen = []

    def build(params, progress):
        for percent, stage in ((10, "Surveys"), (40, "Decisions"), (80, "Actions")):
            progress(percent, stage)
            row = Report.objects.get(kind="watched")
            seen.append((row.status, row.progress, row.stage, row.heartbeat_at))
        return b"%PDF-1.4\n%%EOF\n"

    registry.register(registry.ReportKind("watched", "Watched", *_parts(build)))
    report = jobs.request(registry.kind("watched"), {"language": "en"}, world.users["rector"])
    assert run(report)
    assert [row[:3] for row in seen] == [
        ("running", 10, "Surveys"),
        ("running", 40, "Decisions"),
        ("running", 80, "Actions"),
    ]
    assert seen[0][3] <= seen[1][3] <= seen[2][3]


def _parts(build):
    return (DIGEST.form, DIGEST.can_request, DIGEST.title, DIGEST.school_of, build)


def test_an_error_fails_the_job_with_a_message_for_people(world, client, caplog):
    report = ask(world.users["rector"], fail=True)
    assert run(report) is None
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert "An unexpected error stopped the report" in report.error
    assert "the digest's data source is broken" in caplog.text  # the traceback is logged
    assert not report.file
    client.force_login(world.users["rector"])
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "An unexpected error stopped the report" in page
    assert "Try again" in page
    assert "hx-get" not in page


def test_a_report_error_is_shown_as_written(world):
    def build(params, progress):
        raise registry.ReportError("No academic year has been chosen.")

    registry.register(registry.ReportKind("broken", "Broken", *_parts(build)))
    report = jobs.request(registry.kind("broken"), {"language": "en"}, world.users["rector"])
    run(report)
    report.refresh_from_db()
    assert (report.status, report.error) == ("failed", "No academic year has been chosen.")


def _stall(report, seconds=600):
    assert jobs.claim(report.pk, report.attempts)
    Report.objects.filter(pk=report.pk).update(
        progress=40, heartbeat_at=timezone.now() - timedelta(seconds=seconds)
    )


def test_a_stalled_job_reads_as_failed_and_can_be_retried(
    world, client, settings, sent, django_capture_on_commit_callbacks
):
    settings.REPORT_STALL_SECONDS = 120
    report = ask(world.users["rector"])
    _stall(report)
    client.force_login(world.users["rector"])
    page = client.get(reverse("reports:progress", args=[report.pk])).content.decode()
    assert "The background worker stopped while making this report" in page
    assert "120 seconds" in page
    assert "hx-get" not in page  # the bar no longer polls
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:retry", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.attempts, report.progress, report.error) == ("queued", 2, 0, "")
    assert sent == [(report.pk, 2)]


def test_beat_marks_stalled_jobs_failed(world, settings):
    settings.REPORT_STALL_SECONDS = 60
    stalled, alive = ask(world.users["rector"]), ask(world.users["qa_manager"])
    _stall(stalled, seconds=61)
    _stall(alive, seconds=10)
    tasks.fail_stalled_reports()
    stalled.refresh_from_db()
    alive.refresh_from_db()
    assert stalled.status == ReportStatus.FAILED
    assert alive.status == ReportStatus.RUNNING


def test_an_old_attempt_delivered_after_a_retry_does_nothing(world, sent):
    report = ask(world.users["rector"])
    _stall(report)
    jobs.fail_stalled()
    report.refresh_from_db()
    assert jobs.retry(report)
    assert jobs.run(report.pk, 1) is None  # the first attempt's message comes back
    report.refresh_from_db()
    assert report.status == ReportStatus.QUEUED and BUILDS == []
    assert jobs.run(report.pk, 2)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and len(BUILDS) == 1


def test_a_worker_that_comes_back_after_its_job_was_given_up_stores_nothing(world):
    report = ask(world.users["rector"])

    def build(params, progress):
        Report.objects.filter(pk=report.pk).update(status=ReportStatus.FAILED)  # beat gave up
        progress(50, "Late")
        return b"%PDF-1.4\n"

    registry.register(registry.ReportKind("digest", "Digest", *_parts(build)))
    try:
        assert run(report) is None
    finally:
        registry.register(DIGEST)
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED and not report.file and report.progress == 0


def test_a_double_delivery_builds_once(world):
    report = ask(world.users["rector"])
    assert tasks.generate_report(report.pk, 1) is None
    tasks.generate_report(report.pk, 1)
    assert len(BUILDS) == 1
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DONE


def test_retry_is_refused_for_a_report_that_did_not_fail(world, client, sent):
    report = ask(world.users["rector"])
    client.force_login(world.users["rector"])
    response = client.post(reverse("reports:retry", args=[report.pk]), follow=True)
    assert "Only a failed report can be tried again." in response.content.decode()
    assert Report.objects.get(pk=report.pk).attempts == 1 and sent == []


def test_a_job_waiting_long_says_the_worker_is_late_and_beat_sends_it_again(
    world, client, sent, django_capture_on_commit_callbacks
):
    report = ask(world.users["rector"])
    client.force_login(world.users["rector"])
    url = reverse("reports:progress", args=[report.pk])
    assert "the report is delayed" not in client.get(url).content.decode()
    Report.objects.filter(pk=report.pk).update(queued_at=timezone.now() - timedelta(minutes=3))
    page = client.get(url).content.decode()
    assert "Waiting for the background worker — the report is delayed." in page
    assert 'hx-trigger="every 1s"' in page  # still polling: it starts when the worker is back
    with django_capture_on_commit_callbacks(execute=True):
        tasks.fail_stalled_reports()
    assert sent == [(report.pk, 1)]


def test_the_requester_is_told_by_email_with_the_link(world, settings):
    settings.SITE_URL = "https://qa.uni.example.kz"
    report = ask(world.users["dean"], world.school_a)
    run(report)
    [message] = mail.outbox
    assert message.to == ["dean@uni.example.kz"]
    assert f"https://qa.uni.example.kz/reports/{report.pk}/" in message.body  # Kazakh: no prefix
    assert not message.attachments


def test_job_page_polls_until_done_then_offers_the_download(world, client):
    report = ask(world.users["rector"])
    client.force_login(world.users["rector"])
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    progress_url = reverse("reports:progress", args=[report.pk])
    assert f'hx-get="{progress_url}"' in page and 'hx-trigger="every 1s"' in page
    assert "<progress" in page
    jobs.claim(report.pk, 1)
    Report.objects.filter(pk=report.pk).update(progress=60, stage="Survey results")
    fragment = client.get(progress_url).content.decode()
    assert 'value="60"' in fragment and "Survey results" in fragment and "hx-get" in fragment
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.QUEUED)
    run(report)
    report.refresh_from_db()
    fragment = client.get(progress_url).content.decode()
    assert "hx-get" not in fragment
    assert report.sha256 in fragment
    assert reverse("reports:download", args=[report.pk]) in fragment

    response = client.get(reverse("reports:download", args=[report.pk]))
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == report.sha256
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "private, no-store"


def test_no_download_before_the_report_is_done(world, client):
    report = ask(world.users["rector"])
    client.force_login(world.users["rector"])
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 404


def test_list_shows_versions_parameters_hash_and_size(world, client):
    rector = world.users["rector"]
    done = ask(rector, world.school_a)
    run(done)
    done.refresh_from_db()
    ask(rector, world.school_a)
    client.force_login(rector)
    page = client.get(reverse("reports:list")).content.decode()
    assert "Digest — School of Law" in page
    assert done.sha256 in page
    assert "Queued" in page and "Ready" in page
    assert f"{done.size}\xa0bytes" in page
    assert 'action="' + reverse("reports:new", args=["digest"]) in page


def test_asking_through_the_form_opens_the_job_page(world, client, sent):
    client.force_login(world.users["rector"])
    response = client.post(
        reverse("reports:new", args=["digest"]),
        {"school": world.school_b.pk, "language": "kk"},
    )
    report = Report.objects.get()
    assert response["Location"] == reverse("reports:detail", args=[report.pk])
    assert report.parameters == {"school": world.school_b.pk, "language": "kk"}


def test_a_dean_asks_only_for_their_school(world, client):
    client.force_login(world.users["dean"])
    url = reverse("reports:new", args=["digest"])
    response = client.post(url, {"school": world.school_b.pk, "language": "en"})
    assert response.status_code == 200 and not Report.objects.exists()
    response = client.post(url, {"school": "", "language": "en"})
    assert response.status_code == 200 and not Report.objects.exists()
    client.post(url, {"school": world.school_a.pk, "language": "en"})
    assert Report.objects.get().school == world.school_a


def test_a_dean_reads_only_their_schools_reports(world, client):
    qa = world.users["qa_manager"]
    own, other, university = ask(qa, world.school_a), ask(qa, world.school_b), ask(qa)
    client.force_login(world.users["dean"])
    page = client.get(reverse("reports:list")).content.decode()
    assert reverse("reports:detail", args=[own.pk]) in page
    assert reverse("reports:detail", args=[other.pk]) not in page
    assert reverse("reports:detail", args=[university.pk]) not in page
    for report, status in ((own, 200), (other, 403), (university, 403)):
        assert client.get(reverse("reports:detail", args=[report.pk])).status_code == status
        assert client.post(reverse("reports:retry", args=[report.pk])).status_code in (
            302 if status == 200 else 403,
        )


def test_menu_entry_for_those_who_ask_for_reports(world, client):
    for role, shown in (("rector", True), ("dean", True), ("qa_manager", True), ("teacher", False)):
        client.force_login(world.users[role])
        page = client.get(reverse("governance:profile")).content.decode()
        assert (f'href="{reverse("reports:list")}"' in page) is shown, role


def test_the_dashboard_lists_my_latest_reports_with_their_status(world, client, settings):
    settings.REPORT_STALL_SECONDS = 60
    rector = world.users["rector"]
    done, stalled = ask(rector, world.school_a), ask(rector, world.school_b)
    run(done)
    _stall(stalled)
    ask(world.users["qa_manager"])
    client.force_login(rector)
    page = client.get(reverse("home")).content.decode()
    assert "My reports" in page
    assert reverse("reports:detail", args=[done.pk]) in page
    assert reverse("reports:detail", args=[stalled.pk]) in page
    assert "Digest — University" not in page  # the QA manager's
    assert "report-status-done" in page and "report-status-failed" in page
    client.force_login(world.users["teacher"])
    assert "My reports" not in client.get(reverse("home")).content.decode()
