"""Scheduled reports (issue 7: e.g. a monthly summary e-mailed to the rector): the QA manager
schedules and stops them; beat makes each due report once, even when two beats run at once;
the recipients get the PDF attached and the link."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from qa_portal.models import Report, ReportSchedule
from qa_portal.reports import jobs, schedules, tasks

from .factories_reports import BUILDS, ScheduleFactory
from .services import at_once, need_postgres

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def moment(*args):
    return datetime.datetime(*args, tzinfo=ALMATY)


def test_monthly_runs_keep_the_day_of_the_month(db):
    schedule = ScheduleFactory.build(frequency="monthly", starts_at=moment(2026, 1, 31, 8))
    assert schedules.next_run(schedule, moment(2026, 1, 31, 8)) == moment(2026, 2, 28, 8)
    assert schedules.next_run(schedule, moment(2026, 2, 28, 8)) == moment(2026, 3, 31, 8)
    # Beat was down for two months: one report catches up, the next run is still on the 31st.
    assert schedules.next_run(schedule, moment(2026, 5, 2, 8)) == moment(2026, 5, 31, 8)


def test_weekly_runs(db):
    schedule = ScheduleFactory.build(frequency="weekly", starts_at=moment(2026, 3, 2, 9))
    assert schedules.next_run(schedule, moment(2026, 3, 2, 9)) == moment(2026, 3, 9, 9)


def test_a_due_schedule_makes_one_report_and_moves_on(world):
    qa, rector = world.users["qa_manager"], world.users["rector"]
    due = ScheduleFactory(created_by=qa, recipients=[rector], frequency="weekly")
    ScheduleFactory(created_by=qa, next_run_at=timezone.now() + datetime.timedelta(hours=1))
    ScheduleFactory(created_by=qa, active=False)
    tasks.run_scheduled_reports()
    tasks.run_scheduled_reports()
    report = Report.objects.get()
    due.refresh_from_db()
    assert report.schedule == due and report.requested_by == qa
    assert due.last_report == report
    assert due.next_run_at == due.starts_at + datetime.timedelta(weeks=1)


def test_recipients_get_the_pdf_and_the_link(world, settings):
    settings.SITE_URL = "https://qa.uni.example.kz"
    rector, qa = world.users["rector"], world.users["qa_manager"]
    rector.preferred_language = "ru"
    rector.save()
    ScheduleFactory(created_by=qa, recipients=[rector, world.users["dean"]])
    [report] = schedules.run_due()
    assert jobs.run(report.pk, report.attempts)
    report.refresh_from_db()
    content = report.file.open("rb").read()
    assert sorted(m.to[0] for m in mail.outbox) == ["dean@uni.example.kz", "rector@uni.example.kz"]
    for message in mail.outbox:
        [(filename, attached, mimetype)] = message.attachments
        assert (filename, attached, mimetype) == ("digest-v1.pdf", content, "application/pdf")
        assert report.sha256 in message.body
    to_rector = next(m for m in mail.outbox if m.to == ["rector@uni.example.kz"])
    assert f"https://qa.uni.example.kz/ru/reports/{report.pk}/" in to_rector.body


def test_a_recipient_reads_the_scheduled_report(world, client):
    schedule = ScheduleFactory(
        created_by=world.users["qa_manager"], recipients=[world.users["dean"]]
    )
    [report] = schedules.run_due()
    client.force_login(world.users["dean"])
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 200
    client.force_login(world.users["teacher"])
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 403
    assert schedule.reports.get() == report


def test_the_qa_manager_schedules_and_stops_a_report(world, client):
    client.force_login(world.users["qa_manager"])
    response = client.post(
        reverse("reports:schedule_new", args=["digest"]),
        {
            "school": world.school_a.pk,
            "language": "ru",
            "frequency": "monthly",
            "starts_at": "2026-12-01T08:00",
            "recipients": [world.users["rector"].pk],
        },
    )
    assert response.status_code == 302
    schedule = ReportSchedule.objects.get()
    assert schedule.parameters == {"school": world.school_a.pk, "language": "ru"}
    assert schedule.next_run_at == moment(2026, 12, 1, 8)
    assert list(schedule.recipients.all()) == [world.users["rector"]]
    page = client.get(reverse("reports:schedule_list")).content.decode()
    assert "Digest — School of Law" in page and "Monthly" in page
    client.post(reverse("reports:schedule_deactivate", args=[schedule.pk]))
    schedule.refresh_from_db()
    assert not schedule.active
    assert schedules.run_due(moment(2027, 1, 1, 9)) == []


def test_the_rector_cannot_schedule(world, client):
    client.force_login(world.users["rector"])
    assert client.get(reverse("reports:schedule_list")).status_code == 403
    schedule = ScheduleFactory(created_by=world.users["qa_manager"])
    response = client.post(reverse("reports:schedule_deactivate", args=[schedule.pk]))
    assert response.status_code == 403
    assert ReportSchedule.objects.get().active


@pytest.mark.django_db(transaction=True)
def test_two_beats_at_once_make_one_report(world):
    """Two beat runs at the same moment (PostgreSQL row locks): one report, one e-mail."""
    need_postgres()
    schedule = ScheduleFactory(
        created_by=world.users["qa_manager"], recipients=[world.users["rector"]]
    )
    made = []
    errors = at_once(lambda: made.extend(schedules.run_due()))
    assert errors == []
    assert len(made) == 1
    assert Report.objects.filter(schedule=schedule).count() == 1
    BUILDS.clear()
    jobs.run(made[0].pk, 1)
    jobs.run(made[0].pk, 1)
    assert len(BUILDS) == 1
    assert [m.to for m in mail.outbox] == [["rector@uni.example.kz"]]
