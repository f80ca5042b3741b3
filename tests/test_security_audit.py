"""Issue 8, Security: an audit trail (who, when, what) of changes to bodies, memberships,
documents, decisions, accreditation records and rights — and none of anonymous answers,
receipts, counters or secret ballots."""

import datetime

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from guardian.models import UserObjectPermission
from guardian.shortcuts import assign_perm, remove_perm

from governance.models import Decision

from . import factories as f
from .factories_accreditation_cycles import CycleFactory
from .factories_accreditation_register import AccreditationFactory
from .factories_documents import DocumentFactory, EditionFactory

pytestmark = pytest.mark.django_db

NEVER_LOGGED = [
    "governance.BallotReceipt",
    "governance.NamedVote",
    "governance.SecretTally",
    "governance.ElectionVote",
    "surveys.Invitation",
    "surveys.Receipt",
    "surveys.AnswerCounter",
    "surveys.AnsweredCounter",
    "surveys.TextAnswer",
    "surveys.Target",
    "surveys.LinkMail",
    "surveys.Reminder",
]


def _entries(obj):
    return LogEntry.objects.get_for_object(obj).order_by("timestamp", "pk")


def _assert_trail(obj, actor, field):
    """The object's creation and a later change are logged with the actor, the time and the
    changed field's old and new values."""
    created, changed = _entries(obj)
    assert created.action == LogEntry.Action.CREATE
    assert changed.action == LogEntry.Action.UPDATE
    for entry in (created, changed):
        assert entry.actor == actor
        assert entry.timestamp is not None
    assert field in changed.changes_dict


def test_changes_to_bodies_documents_decisions_and_accreditation_are_logged(world):
    actor = world.users["qa_manager"]
    with set_actor(actor):
        body = f.BodyFactory(name_en="Quality Council")
        membership = f.MembershipFactory(body=body, person=world.users["teacher"])
        document = DocumentFactory()
        edition = EditionFactory(document=document)
        decision = Decision.objects.create(
            body=world.committee,
            meeting=world.meeting,
            number="1/1",
            date=datetime.date(2026, 11, 27),
            text="Approve the syllabi",
        )
        accreditation = AccreditationFactory(programme=world.programme_a)
        cycle = CycleFactory()
    changed = [
        (body, "name_en", "Quality and Standards Council"),
        (membership, "role", "secretary"),
        (document, "title_en", "Assessment policy"),
        (edition, "summary", "Second edition"),
        (decision, "text", "Approve the syllabi as amended"),
        (accreditation, "certificate_number", "AB-0042"),
        (cycle, "title_en", "Programme accreditation 2027"),
    ]
    with set_actor(actor):
        for obj, field, value in changed:
            setattr(obj, field, value)
            obj.save()
    for obj, field, _value in changed:
        _assert_trail(obj, actor, field)


def test_rights_and_role_groups_are_logged(world):
    actor, dean = world.users["qa_manager"], world.users["dean"]
    with set_actor(actor):
        assign_perm("governance.change_school", dean, world.school_b)
        granted = UserObjectPermission.objects.get(
            user=dean, object_pk=str(world.school_b.pk), permission__codename="change_school"
        )
        entry = _entries(granted).get()
        assert entry.action == LogEntry.Action.CREATE and entry.actor == actor
        remove_perm("governance.change_school", dean, world.school_b)
        removed = LogEntry.objects.get(
            content_type=ContentType.objects.get_for_model(UserObjectPermission),
            object_pk=str(granted.pk),
            action=LogEntry.Action.DELETE,
        )
        assert removed.actor == actor
        group = Group.objects.create(name="Auditors")
        dean.groups.add(group)
        group.permissions.add(Permission.objects.get(codename="view_school"))
    membership = _entries(dean).filter(action=LogEntry.Action.UPDATE).last()
    assert membership.actor == actor
    assert membership.changes_dict["groups"]["objects"] == ["Auditors"]
    rights = _entries(group).filter(action=LogEntry.Action.UPDATE).get()
    assert rights.actor == actor and rights.changes_dict["permissions"]["operation"] == "add"


def test_anonymous_answers_receipts_and_secret_ballots_are_never_logged():
    logged = {model._meta.label for model in apps.get_models() if auditlog.contains(model)}
    assert not logged & set(NEVER_LOGGED)
    # Every name above is a model of the portal: a renamed model cannot slip out of the list.
    assert {apps.get_model(label)._meta.label for label in NEVER_LOGGED} == set(NEVER_LOGGED)
    for label in ("governance.Body", "governance.Membership", "documents.Document"):
        assert label in logged
