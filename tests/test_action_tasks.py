"""The nightly task: late actions become overdue; owners are reminded once a day, in their
language, about actions due within a week."""

import datetime
from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.utils import timezone

from governance import actions as rules
from governance.models import ImprovementAction
from governance.models.decisions import ActionSource, ActionStatus
from governance.tasks.actions import notify_new_owner, remind_and_mark_overdue, send_reminders
from qa_portal.celery import app

from . import factories as f
from .services import at_once, need_postgres

TASK = "governance.tasks.actions.remind_and_mark_overdue"


def today():
    return timezone.localdate()


def make(owner, days, status=ActionStatus.PLANNED, title=None, **kwargs):
    action = rules.raise_action(
        title=title or f"Action due in {days} days ({status})",
        owner=owner,
        due_date=today() + datetime.timedelta(days=days),
        source=ActionSource.OTHER,
        **kwargs,
    )
    if status != ActionStatus.PLANNED:
        ImprovementAction.objects.filter(pk=action.pk).update(status=status)
    return action


def status_of(action):
    return ImprovementAction.objects.values_list("status", flat=True).get(pk=action.pk)


@pytest.fixture
def owner(db):
    return f.teacher(f.SchoolFactory(), email="owner@uni.example.kz", preferred_language="en")


def test_the_task_is_registered_under_its_scheduled_name():
    app.loader.import_default_modules()
    assert TASK in app.tasks
    assert remind_and_mark_overdue.name == TASK


def test_late_actions_become_overdue(owner):
    planned = make(owner, -1)
    running = make(owner, -10, ActionStatus.IN_PROGRESS)
    done = make(owner, -5, ActionStatus.DONE)
    verified = make(owner, -5, ActionStatus.VERIFIED)
    due_today = make(owner, 0)
    later = make(owner, 30)

    result = remind_and_mark_overdue()

    assert result["overdue"] == 2
    assert status_of(planned) == status_of(running) == ActionStatus.OVERDUE
    assert status_of(done) == ActionStatus.DONE
    assert status_of(verified) == ActionStatus.VERIFIED
    assert status_of(due_today) == status_of(later) == ActionStatus.PLANNED
    # The bulk UPDATE is written to the action's history, with no actor.
    entry = LogEntry.objects.get_for_object(running).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.changes == {"status": ["in_progress", "overdue"]}
    assert entry.actor is None
    # Running again changes nothing.
    assert remind_and_mark_overdue()["overdue"] == 0


def test_an_overdue_action_can_still_be_done_or_restarted(owner):
    late = make(owner, -2)
    remind_and_mark_overdue()
    late.refresh_from_db()
    rules.start(late, owner)
    assert late.status == ActionStatus.IN_PROGRESS
    rules.mark_done(late, owner, evidence="Done at last")
    assert late.status == ActionStatus.DONE


def test_owner_is_reminded_once_even_when_run_twice_the_same_day(owner):
    soon = make(owner, 3, title="Publish the survey report")
    make(owner, 10, title="Too far ahead")
    make(owner, 2, ActionStatus.DONE, title="Already done")
    make(owner, -1, title="Already late")

    assert remind_and_mark_overdue()["reminded"] == 1
    assert remind_and_mark_overdue()["reminded"] == 0

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["owner@uni.example.kz"]
    assert "Publish the survey report" in message.body
    assert "Too far ahead" not in message.body
    assert "Already done" not in message.body
    assert "Already late" not in message.body
    assert f"http://127.0.0.1:8000/en/actions/{soon.pk}/" in message.body
    soon.refresh_from_db()
    assert soon.reminder_sent_on == today()


def test_reminded_again_the_next_day(owner):
    soon = make(owner, 5)
    ImprovementAction.objects.filter(pk=soon.pk).update(
        reminder_sent_on=today() - datetime.timedelta(days=1)
    )
    send_reminders()
    assert len(mail.outbox) == 1


def test_one_email_per_owner_listing_all_their_actions(owner):
    make(owner, 1, title="First")
    make(owner, 6, ActionStatus.IN_PROGRESS, title="Second")
    other = f.teacher(f.SchoolFactory(), email="other@uni.example.kz")
    make(other, 4, title="Third")
    assert send_reminders() == 2
    by_person = {m.to[0]: m.body for m in mail.outbox}
    assert "First" in by_person["owner@uni.example.kz"]
    assert "Second" in by_person["owner@uni.example.kz"]
    assert "Third" in by_person["other@uni.example.kz"]
    assert "Subject" not in by_person["owner@uni.example.kz"]


@pytest.mark.parametrize(
    ("language", "prefix", "month"),
    [("ru", "/ru", "декабря"), ("kk", "", "желтоқсан"), ("en", "/en", "Dec. 4, 2026")],
)
def test_reminder_is_in_the_owners_language(db, language, prefix, month):
    person = f.teacher(f.SchoolFactory(), email="lang@uni.example.kz", preferred_language=language)
    fixed_today = datetime.date(2026, 12, 1)
    action = rules.raise_action(
        title="Курстық жоспар",
        owner=person,
        due_date=datetime.date(2026, 12, 4),
        source=ActionSource.OTHER,
    )
    with mock.patch("governance.tasks.actions.timezone.localdate", return_value=fixed_today):
        remind_and_mark_overdue()
    (message,) = mail.outbox
    assert message.extra_headers["Content-Language"] == language
    assert f"http://127.0.0.1:8000{prefix}/actions/{action.pk}/" in message.body
    assert month.lower() in message.body.lower()


def test_site_url_setting_is_used(owner, settings):
    settings.SITE_URL = "https://qa.uni.example.kz/"
    soon = make(owner, 1)
    send_reminders()
    assert f"https://qa.uni.example.kz/en/actions/{soon.pk}/" in mail.outbox[0].body


def test_inactive_owners_are_not_reminded(owner):
    make(owner, 1)
    owner.is_active = False
    owner.save()
    assert send_reminders() == 0
    assert mail.outbox == []


def test_a_failed_send_gives_the_claim_back(owner):
    soon = make(owner, 2)
    with mock.patch("governance.mail.EmailMessage.send", side_effect=ConnectionError("SMTP down")):
        assert send_reminders() == 0
    soon.refresh_from_db()
    assert soon.reminder_sent_on is None
    assert send_reminders() == 1


def test_claim_is_conditional(owner):
    soon = make(owner, 2)
    assert rules.claim_reminders(owner.pk, today()) == [soon]
    assert rules.claim_reminders(owner.pk, today()) == []


def test_new_owner_is_told_in_their_language(db):
    person = f.teacher(f.SchoolFactory(), email="new@uni.example.kz", preferred_language="ru")
    action = make(person, 20, title="Пересмотреть силлабусы")
    assert notify_new_owner(action.pk) is True
    (message,) = mail.outbox
    assert message.to == ["new@uni.example.kz"]
    assert "Пересмотреть силлабусы" in message.subject
    assert f"/ru/actions/{action.pk}/" in message.body
    assert notify_new_owner(999999) is False


@pytest.mark.django_db(transaction=True)
def test_two_beats_at_once_send_one_reminder():
    """Two workers run the task at the same moment (PostgreSQL): each action in one e-mail."""
    need_postgres()
    person = f.teacher(f.SchoolFactory(), email="race@uni.example.kz")
    for n in range(5):
        make(person, 3, title=f"Race {n}")
    errors = at_once(send_reminders)
    assert errors == []
    sent = [m for m in mail.outbox if m.to == ["race@uni.example.kz"]]
    assert sum(m.body.count("Race ") for m in sent) == 5
    assert ImprovementAction.objects.filter(reminder_sent_on=today()).count() == 5
