"""The agenda e-mailed to members before a meeting (seed 000 §2), once, in each one's language."""

import datetime

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from governance import agenda
from governance.models import AgendaMaterial, Meeting
from governance.once import claim
from governance.tasks import agenda as tasks

from . import factories as f
from .services import at_once, need_postgres

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"

SITE = "https://qa.example.kz"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def due(world):
    """World's meeting two days ahead (inside the committee's 3-day window), with a material;
    the member reads Russian."""
    world.meeting.starts_at = timezone.now() + datetime.timedelta(days=2)
    world.meeting.save()
    world.item.title = "Құқық & тәртіп"
    world.item.save()
    AgendaMaterial.objects.create(
        item=world.item,
        title="Силлабус жобасы",
        file=ContentFile(PDF, name="draft.pdf"),
        uploaded_by=world.users["member"],
    )
    f.AgendaItemFactory(
        meeting=world.meeting, status="proposed", title="Ұсыныс", proposed_by=world.users["chair"]
    )
    world.users["member"].preferred_language = "ru"
    world.users["member"].save()
    world.users["chair"].preferred_language = "en"
    world.users["chair"].save()
    return world.meeting


def by_recipient():
    return {message.to[0]: message for message in mail.outbox}


def test_the_task_has_the_scheduled_name():
    assert tasks.send_due_agendas.name == "governance.tasks.agenda.send_due_agendas"


def test_sent_once_to_each_member_in_their_language(world, due):
    assert tasks.send_due_agendas() == 3
    messages = by_recipient()
    assert set(messages) == {
        "chair@uni.example.kz",
        "member@uni.example.kz",
        "secretary@uni.example.kz",
    }
    assert all(len(m.to) == 1 for m in mail.outbox)
    kk = messages["secretary@uni.example.kz"]
    ru = messages["member@uni.example.kz"]
    en = messages["chair@uni.example.kz"]
    assert (kk.extra_headers["Content-Language"], ru.extra_headers["Content-Language"]) == (
        "kk",
        "ru",
    )
    # Each mail was rendered under its recipient's language: dates, names and links differ.
    assert len({kk.subject, ru.subject, en.subject}) == 3
    with translation.override("en"):
        assert date_format(timezone.localtime(due.starts_at), "DATE_FORMAT") in en.subject
    with translation.override("ru"):
        assert date_format(timezone.localtime(due.starts_at), "DATE_FORMAT") in ru.subject
    assert "School of Law Committee" in en.subject
    assert f"{SITE}/ru/meetings/{due.pk}/" in ru.body
    assert f"{SITE}/en/meetings/{due.pk}/" in en.body
    assert f"{SITE}/meetings/{due.pk}/" in kk.body
    # The agenda: items on it with their materials; proposals waiting for the secretary are not.
    assert "Құқық & тәртіп" in kk.body  # plain text, not HTML-escaped
    assert "Силлабус жобасы" in kk.body
    assert "Ұсыныс" not in kk.body
    due.refresh_from_db()
    assert due.agenda_sent_at is not None


def test_not_sent_before_the_window(world):
    # World's meeting is 5 days ahead; the committee sends agendas 3 days ahead.
    assert tasks.send_due_agendas() == 0
    assert mail.outbox == []
    world.meeting.refresh_from_db()
    assert world.meeting.agenda_sent_at is None


def test_a_longer_notice_reaches_further_ahead(world):
    world.committee.agenda_notice_days = 7
    world.committee.save()
    assert tasks.send_due_agendas() == 3


def test_not_sent_for_unpublished_or_past_meetings(world, due):
    Meeting.objects.filter(pk=due.pk).update(status="planned")
    assert tasks.send_due_agendas() == 0
    Meeting.objects.filter(pk=due.pk).update(
        status="published", starts_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    assert tasks.send_due_agendas() == 0
    assert mail.outbox == []


def test_not_sent_twice_when_the_task_runs_twice(world, due):
    assert tasks.send_due_agendas() == 3
    assert tasks.send_due_agendas() == 0
    assert tasks.send_agenda(due.pk) == 0
    assert len(mail.outbox) == 3


def test_members_another_run_has_sent_it_to_are_left_alone(world, due):
    """Each member's e-mail is claimed by its key: a run sends only the ones not yet sent."""
    chair = world.users["chair"]
    assert claim([f"agenda:{due.pk}:{chair.pk}"])
    assert tasks.send_agenda_now(due.pk) == 2
    assert chair.email not in by_recipient()


def test_a_failed_send_leaves_the_meeting_to_the_next_run(world, due, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("SMTP is down")

    monkeypatch.setattr(tasks, "agenda_message", broken)
    assert tasks.send_due_agendas() == 0
    due.refresh_from_db()
    assert due.agenda_sent_at is None
    monkeypatch.undo()
    assert tasks.send_due_agendas() == 3
    due.refresh_from_db()
    assert due.agenda_sent_at is not None


def test_publishing_inside_the_window_sends_at_once(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    meeting = f.MeetingFactory(
        body=world.committee,
        number=2,
        status="planned",
        starts_at=timezone.now() + datetime.timedelta(days=1),
    )
    f.AgendaItemFactory(meeting=meeting, proposed_by=world.users["secretary"])
    queued = []
    monkeypatch.setattr(tasks.send_agenda, "delay", lambda pk: queued.append(pk))
    client.force_login(world.users["secretary"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("governance:meeting_publish", args=[meeting.pk]))
    assert queued == [meeting.pk]
    assert tasks.send_agenda(meeting.pk) == 3


def test_publishing_ahead_of_the_window_leaves_it_to_beat(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    meeting = f.MeetingFactory(body=world.committee, number=2, status="planned")
    f.AgendaItemFactory(meeting=meeting, proposed_by=world.users["secretary"])
    queued = []
    monkeypatch.setattr(tasks.send_agenda, "delay", lambda pk: queued.append(pk))
    with django_capture_on_commit_callbacks(execute=True):
        agenda.publish_agenda(meeting)
    assert queued == []
    assert mail.outbox == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_once():
    """Two beat runs at the same moment on PostgreSQL: each member's key is inserted once."""
    need_postgres()
    from .conftest import World, add_bodies

    f.InstitutionFactory()
    school = f.SchoolFactory(code="LAW")
    users = {"rector": f.UserFactory(), "qa_manager": f.UserFactory()}
    world = World(school, None, None, None, None, None, None, users)
    add_bodies(world)
    Meeting.objects.filter(pk=world.meeting.pk).update(
        starts_at=timezone.now() + datetime.timedelta(days=1)
    )
    results = []
    assert at_once(lambda: results.append(tasks.send_due_agendas())) == []
    assert sum(results) == 3
    assert len(mail.outbox) == 3
