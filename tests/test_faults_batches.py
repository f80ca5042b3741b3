"""A worker killed in the middle of an e-mail batch (issue 8, "Faults"): every recipient gets
exactly one e-mail once the task runs again — none twice, none missing (``governance.once``).

In process, the kill is a mail backend that raises :class:`WorkerKilled` (not an
``Exception``, like the end of a killed process nothing catches it) when handed the e-mail
after the first :data:`SURVIVES`: the transaction of that e-mail is rolled back, as the
database does for a killed worker's connection. Then a real worker is killed mid-batch
(``tests.test_faults_reminders`` starts it), and two runs race on PostgreSQL.
"""

import datetime
from dataclasses import dataclass
from functools import partial

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.utils import timezone

from accreditation.expiry import send_expiry_reminders
from documents import acknowledgements, review
from documents.models import EditionStatus, TargetKind
from governance import actions as action_rules
from governance.elections import create_election
from governance.models import ImprovementAction, SentMail, User
from governance.models.decisions import ActionSource
from governance.roles import Role
from governance.tasks.actions import send_reminders
from governance.tasks.agenda import send_due_agendas
from governance.tasks.elections import notify_electors
from governance.tasks.votes import remind_non_voters
from governance.voting import open_vote

from . import factories as f
from .factories_accreditation_register import AccreditationFactory
from .factories_documents import DocumentFactory, EditionFactory
from .services import at_once, need_postgres, need_redis
from .test_faults_reminders import kill_midway_and_restart

SURVIVES = 2
ACCREDITATION_DAY = datetime.date(2026, 11, 23)


class WorkerKilled(BaseException):
    """The worker process ends here."""


class DyingMailbox(locmem.EmailBackend):
    """Django's test mailbox, whose worker dies when handed an e-mail after the first
    :data:`SURVIVES`."""

    def send_messages(self, messages):
        if len(mail.outbox) >= SURVIVES:
            raise WorkerKilled
        return super().send_messages(messages)


@dataclass
class Batch:
    run: object  # runs the batch
    claimed: object  # the addresses whose e-mail is claimed
    people: list  # everyone the batch is for


def keyed(prefix):
    """The addresses whose e-mail key starts with ``prefix`` (keys end with the person's id)."""

    def claimed():
        keys = SentMail.objects.filter(key__startswith=prefix).values_list("key", flat=True)
        people = User.objects.filter(pk__in=[key.rsplit(":", 1)[1] for key in keys])
        return list(people.values_list("email", flat=True))

    return claimed


def raise_due_actions(owners):
    """An action for each owner, due in three days: its owner is reminded today."""
    for owner in owners:
        action_rules.raise_action(
            title="Update the syllabi",
            owner=owner,
            due_date=timezone.localdate() + datetime.timedelta(days=3),
            source=ActionSource.OTHER,
        )


def action_reminders(world):
    owners = [world.users[name] for name in ("teacher", "chair", "member")]
    raise_due_actions(owners)

    def claimed():
        reminded = ImprovementAction.objects.filter(reminder_sent_on=timezone.localdate())
        return list(reminded.values_list("owner__email", flat=True))

    return Batch(send_reminders, claimed, owners)


def vote_reminders(world):
    _body, meeting, members = f.body_with_members(4)
    item = f.AgendaItemFactory(meeting=meeting)
    deadline = timezone.now() + datetime.timedelta(minutes=10)
    motion = open_vote(f.MotionFactory(item=item), deadline=deadline)
    return Batch(remind_non_voters, keyed(f"vote-reminder:{motion.pk}:"), members)


def agendas(world):
    world.meeting.starts_at = timezone.now() + datetime.timedelta(days=2)
    world.meeting.save()
    people = [world.users[name] for name in ("chair", "member", "secretary")]
    return Batch(send_due_agendas, keyed(f"agenda:{world.meeting.pk}:"), people)


def election_notices(world):
    election = create_election(
        world.committee,
        world.users["qa_manager"],
        title="Election 2027–2028",
        seats=2,
        term_start=datetime.date(2027, 9, 1),
        term_end=datetime.date(2028, 8, 31),
    )
    people = [world.users[name] for name in ("teacher", "chair", "member")]
    run = partial(notify_electors, election.pk, "nominating")
    return Batch(run, keyed(f"election-notice:{election.pk}:nominating:"), people)


def review_reminders(world):
    document = DocumentFactory(owner_body=world.committee, owner_school=world.school_a)
    edition = EditionFactory(
        document=document,
        status=EditionStatus.PUBLISHED,
        next_review_date=timezone.localdate() + datetime.timedelta(days=20),
    )
    people = [world.users[name] for name in ("chair", "secretary", "dean")]
    return Batch(review.send_review_reminders, keyed(f"review-reminder:{edition.pk}:"), people)


def acknowledgement_reminders(world):
    document = DocumentFactory(owner_body=world.council, approving_body=world.council)
    edition = EditionFactory(document=document, status=EditionStatus.PUBLISHED)
    acknowledgements.launch(
        edition,
        world.users["qa_manager"],
        TargetKind.BODY,
        world.committee,
        deadline=timezone.localdate(),
    )
    people = [world.users[name] for name in ("chair", "member", "secretary")]

    def claimed():
        reminded = edition.ack_campaigns.get().acknowledgements.filter(
            reminded_on=timezone.localdate()
        )
        return list(reminded.values_list("person__email", flat=True))

    return Batch(acknowledgements.send_reminders, claimed, people)


def expiry_reminders(world):
    managers = [world.users["qa_manager"]]
    managers += [f.UserFactory(roles=[Role.QA_MANAGER]) for _ in range(2)]
    accreditation = AccreditationFactory(
        decision_date=datetime.date(2022, 12, 1), valid_until=datetime.date(2027, 12, 1)
    )
    run = partial(send_expiry_reminders, ACCREDITATION_DAY)
    return Batch(run, keyed(f"expiry-reminder:{accreditation.pk}:18:"), managers)


BATCHES = [
    action_reminders,
    vote_reminders,
    agendas,
    election_notices,
    review_reminders,
    acknowledgement_reminders,
    expiry_reminders,
]


def addresses():
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.mark.parametrize("make_batch", BATCHES, ids=[batch.__name__ for batch in BATCHES])
def test_a_worker_killed_mid_batch_leaves_no_mail_missing_or_doubled(world, settings, make_batch):
    batch = make_batch(world)
    everyone = sorted(person.email for person in batch.people)
    test_mailbox = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = f"{__name__}.DyingMailbox"
    with pytest.raises(WorkerKilled):
        batch.run()
    sent = addresses()
    assert len(sent) == SURVIVES
    # A claim stands only for an e-mail sent: the one being sent was given back.
    assert sorted(batch.claimed()) == sent

    settings.EMAIL_BACKEND = test_mailbox
    batch.run()
    assert addresses() == everyone
    batch.run()
    assert addresses() == everyone
    assert sorted(batch.claimed()) == everyone


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_acknowledgement_reminder_once(world):
    """Two workers at the same moment (PostgreSQL): rows one run holds are skipped by the other."""
    need_postgres()
    batch = acknowledgement_reminders(world)
    assert at_once(batch.run) == []
    assert addresses() == sorted(person.email for person in batch.people)


OWNERS = 6


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_killed_mid_batch_reminds_every_owner_once(tmp_path):
    """The improvement actions' task in a real worker, killed between two owners' e-mails and
    started again: every owner has exactly one reminder."""
    need_postgres()
    need_redis()
    from governance.tasks.actions import remind_and_mark_overdue

    school = f.SchoolFactory()
    owners = [f.teacher(school) for _ in range(OWNERS)]
    raise_due_actions(owners)

    def halfway(recipients):
        assert 2 <= len(recipients) < OWNERS
        reminded = ImprovementAction.objects.filter(reminder_sent_on=timezone.localdate())
        assert sorted(reminded.values_list("owner__email", flat=True)) == sorted(recipients)

    recipients = kill_midway_and_restart(remind_and_mark_overdue, tmp_path, 2, OWNERS, halfway)
    assert sorted(recipients) == sorted(owner.email for owner in owners)
