"""What beat does for campaigns: windows open and close on time, e-mail invitees get their
one-time link once, and reminders go only to those who have not answered — once per reminder
day, even when beat fires twice or two workers run at the same moment."""

import datetime
import re
import threading
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from qa_portal.celery import app
from qa_portal.schedule import PERIODIC_TASKS
from surveys import outreach, tasks
from surveys.audience import invitation_for_token, token_digest
from surveys.models import (
    AnswerCounter,
    AnsweredCounter,
    Campaign,
    CampaignState,
    Invitation,
    LinkMail,
    Question,
    Reminder,
    TextAnswer,
)
from surveys.submission import SurveyClosed, submit

from . import factories as f
from . import factories_campaigns as fc
from . import factories_surveys as fs
from .services import need_postgres

TOKEN_LINK = re.compile(r"http://127\.0\.0\.1:8000(/[a-z]{2})?/surveys/t/([\w-]+)/")


def state_of(campaign):
    return Campaign.objects.values_list("state", flat=True).get(pk=campaign.pk)


def full_answers(campaign):
    questions = Question.objects.filter(section__version=campaign.version_id)
    return fs.full_answers({question.kind: question for question in questions})


def answer_all(campaign, person):
    for invitation in Invitation.objects.filter(target__campaign=campaign, user=person):
        submit(invitation, full_answers(campaign))


def mails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def tokens_in(message):
    return {token for _prefix, token in TOKEN_LINK.findall(message.body)}


def test_tasks_are_registered_under_their_beat_names():
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in PERIODIC_TASKS}
    for task in (tasks.update_campaign_windows, tasks.send_reminders):
        assert task.name in app.tasks
        assert task.name in scheduled
    assert tasks.send_campaign_links.name in app.tasks


# --- windows ------------------------------------------------------------------------------------


def test_a_scheduled_campaign_opens_when_its_window_starts(world):
    due = fc.committee_evaluation(world, "scheduled", **fc.window(-1, 10))
    later = fc.committee_evaluation(world, "scheduled", **fc.window(-1, 10))
    Campaign.objects.filter(pk=due.pk).update(opens_at=timezone.now() - datetime.timedelta(1))
    late_student = f.student(programme=world.programme_a)
    f.EnrolmentFactory(student=late_student, course=world.course_a, term=world.term)

    result = tasks.update_campaign_windows()

    assert result["opened"] == 1
    assert state_of(due) == CampaignState.OPEN
    assert state_of(later) == CampaignState.SCHEDULED
    # Enrolled after scheduling: invited when the survey opens.
    assert Invitation.objects.filter(target__campaign=due, user=late_student).exists()
    assert tasks.update_campaign_windows()["opened"] == 0


def test_an_open_campaign_closes_when_its_window_ends(world):
    ended = fc.committee_evaluation(world, "open")
    running = fc.committee_evaluation(world, "open")
    Campaign.objects.filter(pk=ended.pk).update(closes_at=timezone.now())

    assert tasks.update_campaign_windows()["closed"] == 1
    assert state_of(ended) == CampaignState.CLOSED
    assert state_of(running) == CampaignState.OPEN
    assert tasks.update_campaign_windows()["closed"] == 0


def test_a_closed_window_takes_no_more_answers(world):
    campaign = fc.committee_evaluation(world, "open")
    Campaign.objects.filter(pk=campaign.pk).update(closes_at=timezone.now())
    tasks.update_campaign_windows()
    with pytest.raises(SurveyClosed):
        answer_all(campaign, world.users["student"])


# --- one-time links -----------------------------------------------------------------------------


@pytest.fixture
def alumni(world):
    """A scheduled alumni survey of two addresses, whose window has started."""
    campaign = fc.institution_survey(
        "scheduled",
        audience_kind="external",
        external_emails="alumna@example.kz\nemployer@example.kz",
        **fc.window(-1, 10),
    )
    Campaign.objects.filter(pk=campaign.pk).update(opens_at=timezone.now())
    return campaign


def test_invitees_by_email_get_their_link_once_when_the_survey_opens(alumni):
    result = tasks.update_campaign_windows()
    assert result["opened"] == 1
    assert result["links"] == 2
    (message,) = mails_to("alumna@example.kz")
    (token,) = tokens_in(message)
    # The link works, and only its hash is in the database.
    invitation = invitation_for_token(token)
    assert invitation.email == "alumna@example.kz"
    assert invitation.token_hash == token_digest(token)
    assert not Invitation.objects.filter(token_hash=token).exists()
    # Written in every portal language, each with its own link.
    assert "/ru/surveys/t/" in message.body and "/en/surveys/t/" in message.body
    assert "Your personal link" in message.body

    assert tasks.update_campaign_windows()["links"] == 0
    assert outreach.send_links() == 0
    assert len(mail.outbox) == 2


def test_a_failed_link_mail_is_sent_again_by_the_next_run(alumni):
    with mock.patch("governance.mail.EmailMessage.send", side_effect=ConnectionError("down")):
        assert tasks.update_campaign_windows()["links"] == 0
    assert not LinkMail.objects.exists()
    assert outreach.send_links() == 2


# --- reminders ----------------------------------------------------------------------------------


@pytest.fixture
def reminded(world):
    """A course evaluation open for 10 days, closing in 2, with a reminder 7 days before the
    close (already due) and one on the last day (not yet). World's student takes courses A and
    LAW202; a second student takes course A only."""
    world.users["student"].preferred_language = "en"
    world.users["student"].save()
    course = f.CourseFactory(code="LAW202", programmes=[world.programme_a], teachers=[])
    f.EnrolmentFactory(student=world.users["student"], course=course, term=world.term)
    done = f.student(programme=world.programme_a, user=f.UserFactory(email="done@uni.kz"))
    f.EnrolmentFactory(student=done, course=world.course_a, term=world.term)
    campaign = fc.committee_evaluation(world, **fc.window(10, 2, reminder_days=[7, 0]))
    return campaign, done


def test_reminders_go_only_to_those_who_have_not_answered(world, reminded):
    campaign, done = reminded
    answer_all(campaign, done)
    student = world.users["student"]
    law202 = Invitation.objects.get(
        target__campaign=campaign, user=student, target__course__code="LAW202"
    )
    submit(law202, full_answers(campaign))

    assert tasks.send_reminders() == 1

    (message,) = mail.outbox
    assert message.to == [student.email]
    assert message.extra_headers["Content-Language"] == "en"
    assert "Reminder:" in message.subject
    # Only what still waits: course A with its teacher, not LAW202 answered already.
    target = Invitation.objects.get(target__campaign=campaign, user=student, receipt__isnull=True)
    assert "LAW101" in message.body and "LAW202" not in message.body
    assert f"/en/surveys/{target.target_id}/" in message.body
    assert Reminder.objects.get().days_before == 7


def test_a_reminder_day_is_sent_once_even_when_beat_fires_twice(world, reminded):
    campaign, _done = reminded
    assert tasks.send_reminders() == 2
    assert tasks.send_reminders() == 0
    assert len(mail.outbox) == 2
    # The next reminder day (the last day) reminds again those still silent.
    last_day = outreach.reminder_moment(campaign, 0) + datetime.timedelta(minutes=1)
    assert outreach.send_due_reminders(now=last_day) == 2
    assert outreach.send_due_reminders(now=last_day) == 0
    assert sorted(Reminder.objects.values_list("days_before", flat=True)) == [0, 0, 7, 7]


def test_no_reminder_before_its_day_nor_after_the_close(world):
    campaign = fc.committee_evaluation(world, **fc.window(1, 10, reminder_days=[2]))
    assert outreach.due_reminder_day(campaign, timezone.now()) is None
    assert tasks.send_reminders() == 0
    Campaign.objects.filter(pk=campaign.pk).update(state=CampaignState.CLOSED)
    later = outreach.reminder_moment(campaign, 2) + datetime.timedelta(hours=1)
    assert outreach.send_due_reminders(now=later) == 0
    assert mail.outbox == []


def test_only_the_latest_reminder_day_due_is_sent(world):
    campaign = fc.committee_evaluation(world, **fc.window(20, 1, reminder_days=[14, 7, 3]))
    assert outreach.due_reminder_day(campaign, timezone.now()) == 3
    assert tasks.send_reminders() == 1
    assert list(Reminder.objects.values_list("days_before", flat=True)) == [3]


def test_a_failed_reminder_is_tried_again(world, reminded):
    with mock.patch("governance.mail.EmailMessage.send", side_effect=ConnectionError("down")):
        assert tasks.send_reminders() == 0
    assert not Reminder.objects.exists()
    assert tasks.send_reminders() == 2


def test_reminders_read_who_has_answered_never_the_answers(world, reminded):
    campaign, done = reminded
    answer_all(campaign, done)
    answer_tables = {model._meta.db_table for model in (AnswerCounter, AnsweredCounter, TextAnswer)}
    with CaptureQueriesContext(connection) as queries:
        assert tasks.send_reminders() == 1
    for query in queries:
        assert not any(table in query["sql"] for table in answer_tables), query["sql"]


def test_invitees_by_email_are_reminded_with_a_new_link(alumni):
    tasks.update_campaign_windows()
    first = {message.to[0]: tokens_in(message).pop() for message in mail.outbox}
    submit(invitation_for_token(first["employer@example.kz"]), full_answers(alumni))
    Campaign.objects.filter(pk=alumni.pk).update(reminder_days=[2])
    campaign = Campaign.objects.get(pk=alumni.pk)
    mail.outbox.clear()

    later = outreach.reminder_moment(campaign, 2) + datetime.timedelta(minutes=1)
    assert outreach.send_due_reminders(now=later) == 1

    (message,) = mail.outbox
    assert message.to == ["alumna@example.kz"]
    assert "This link replaces the one sent earlier" in message.body
    (new,) = tokens_in(message)
    assert invitation_for_token(new).email == "alumna@example.kz"
    assert invitation_for_token(first["alumna@example.kz"]) is None


def test_who_was_emailed_is_forgotten_when_the_survey_closes(world, reminded, alumni):
    campaign, _done = reminded
    tasks.update_campaign_windows()
    tasks.send_reminders()
    assert Reminder.objects.exists() and LinkMail.objects.exists()
    Campaign.objects.filter(pk__in=[campaign.pk, alumni.pk]).update(closes_at=timezone.now())
    result = tasks.update_campaign_windows()
    assert result["closed"] == 2
    assert result["forgotten"] == 4
    assert not Reminder.objects.exists() and not LinkMail.objects.exists()


# --- two workers at once (PostgreSQL) -----------------------------------------------------------


def _twice_at_once(run):
    barrier = threading.Barrier(2)
    errors = []

    def worker():
        try:
            barrier.wait()
            run()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_remind_each_person_once():
    need_postgres()
    school = f.SchoolFactory()
    programme = f.ProgrammeFactory(school=school)
    term = f.TermFactory()
    courses = [
        f.CourseFactory(programmes=[programme], teachers=[f.teacher(school)]) for _ in range(3)
    ]
    students = [f.student(programme=programme) for _ in range(12)]
    for student in students:
        for course in courses:
            f.EnrolmentFactory(student=student, course=course, term=term)
    fc.drive(
        fs.CampaignFactory(
            audience_kind="courses", audience_term=term, **fc.window(10, 2, reminder_days=[7])
        ),
        "open",
    )

    _twice_at_once(tasks.send_reminders)

    for student in students:
        assert len(mails_to(student.email)) == 1
    assert Reminder.objects.count() == len(students)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_send_each_link_once():
    need_postgres()
    emails = [f"alumnus{n}@example.kz" for n in range(15)]
    campaign = fc.institution_survey(
        "scheduled", audience_kind="external", external_emails="\n".join(emails)
    )
    Campaign.objects.filter(pk=campaign.pk).update(opens_at=timezone.now())

    _twice_at_once(tasks.update_campaign_windows)

    assert state_of(campaign) == CampaignState.OPEN
    for email in emails:
        (message,) = mails_to(email)
        assert invitation_for_token(tokens_in(message).pop()).email == email
