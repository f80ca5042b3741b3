"""Redis or the broker down (issue 8, "Faults"): answers and votes are still saved, a report
asked for meanwhile says it is delayed rather than failing, and the report and the reminders
are made once the broker is back (beat sends the waiting report again, the reminder day is
still due).

The broker is "down" for real: the Celery app is pointed at a closed port, so every send goes
through kombu's connection retries and ends in its ``OperationalError``; with ``REDIS_URL`` the
cache (and with it the sessions) is pointed there too, as when the one Redis server stops.
"""

import contextlib
import time
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from kombu.exceptions import OperationalError

from governance.models import Attendance, BallotReceipt
from governance.voting import open_vote
from qa_portal.celery import app
from qa_portal.models import Report, ReportStatus
from qa_portal.reports import tasks as report_tasks
from surveys import tasks as survey_tasks
from surveys.models import Question, Receipt

from . import factories_campaigns as fc
from . import factories_surveys as fs
from .factories_reports import DIGEST
from .services import need_postgres, need_redis, wait_for

CLOSED = "redis://127.0.0.1:9/0"  # the discard port: nothing listens there


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@contextlib.contextmanager
def redis_down(settings):
    """Within: the broker (and, where Redis serves it, the cache) refuses connections."""
    caches = settings.CACHES
    if caches["default"]["BACKEND"].endswith("RedisCache"):
        caches = {"default": {**caches["default"], "LOCATION": CLOSED}}
    with pytest.MonkeyPatch.context() as patch, override_settings(CACHES=caches):
        patch.setattr(app.conf, "broker_write_url", CLOSED)
        patch.setattr(app, "_pool", None)
        patch.setattr(app.amqp, "_producer_pool", None)
        yield


def _answer_post(campaign):
    """The answer form's fields for a full set of answers to ``campaign``'s questions."""
    questions = Question.objects.filter(section__version=campaign.version_id)
    answers = fs.full_answers({question.kind: question for question in questions})
    data = {}
    for pk, value in answers.items():
        if isinstance(value, dict):
            data.update({f"q{pk}_{item}": choice for item, choice in value.items()})
        else:
            data[f"q{pk}"] = value
    return data


def test_answers_and_votes_are_saved_while_redis_is_down(world, client, settings):
    campaign = fs.course_evaluation(world)
    target = campaign.targets.get(course=world.course_a)
    member = world.users["member"]
    Attendance.objects.create(meeting=world.meeting, person=member)
    open_vote(world.motion)
    with redis_down(settings):
        with pytest.raises(OperationalError):
            survey_tasks.send_reminders.delay()
        client.force_login(world.users["student"])
        url = reverse("surveys:answer", args=[target.pk])
        response = client.post(url, _answer_post(campaign))
        assert response["Location"] == reverse("surveys:thanks", args=[target.pk])
        client.force_login(member)
        url = reverse("governance:motion_vote", args=[world.motion.pk])
        response = client.post(url, {"choice": "for"}, follow=True)
        assert "Your vote is recorded." in response.content.decode()
    assert Receipt.objects.filter(invitation__target=target).count() == 1
    assert BallotReceipt.objects.filter(motion=world.motion, voter=member).exists()


@pytest.mark.django_db(transaction=True)
def test_a_report_and_reminders_wait_for_the_broker_and_run_when_it_returns(
    world, client, settings, caplog
):
    need_postgres()
    need_redis()
    assert DIGEST.code == "digest"
    settings.REPORT_DELAY_SECONDS = 0
    campaign = fc.committee_evaluation(world, **fc.window(10, 2, reminder_days=[7]))
    rector = world.users["rector"]
    with redis_down(settings):
        client.force_login(rector)
        response = client.post(reverse("reports:new", args=["digest"]), {"language": "en"})
        report = Report.objects.get()
        assert response["Location"] == reverse("reports:detail", args=[report.pk])
        assert f"could not queue report {report.pk}" in caplog.text
        page = client.get(reverse("reports:progress", args=[report.pk])).content.decode()
        assert "Waiting for the background worker — the report is delayed." in page
        # Beat cannot hand over the reminders either while the broker is down.
        with pytest.raises(OperationalError):
            survey_tasks.send_reminders.delay()
    assert report.status == ReportStatus.QUEUED and mail.outbox == []

    # The broker is back: beat's next runs resend the report and send the reminder day's mails.
    Report.objects.filter(pk=report.pk).update(queued_at=timezone.now() - timedelta(minutes=3))
    with start_worker(
        app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=10
    ):
        report_tasks.fail_stalled_reports.delay()
        survey_tasks.send_reminders.delay()
        done = wait_for(
            lambda: Report.objects.filter(pk=report.pk, status=ReportStatus.DONE).first(),
            timeout=30,
        )
        assert done, Report.objects.get(pk=report.pk).__dict__
        assert wait_for(lambda: len(mail.outbox) >= 2, timeout=30), mail.outbox
        time.sleep(0.5)
    # The report's "ready" e-mail to the rector, the reminder to the student yet to answer.
    assert sorted(message.to[0] for message in mail.outbox) == [
        rector.email,
        world.users["student"].email,
    ]
    assert campaign.reminders.count() == 1
