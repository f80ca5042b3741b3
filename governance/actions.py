"""Improvement actions and the decision register they follow from.

An improvement action is the Act of Plan–Do–Check–Act (seed 000 §4): whatever raised it — a
council or committee decision, a survey report, an expert's recommendation (seed 004 §6: the
action plan after accreditation), an inspection finding — it has one owner, a due date and a
life of its own::

    planned ──▶ in progress ──▶ done ──▶ verified
       │             │  ▲          │
       ▼             ▼  │          │ (verification failed)
     overdue ───────────┴──────────┘
       └──────────────▶ done

This module says who reads which decisions and actions, who may do what with them, and which
status changes are allowed; each change raises :class:`ActionRuleError` with a sentence the
person can read when it is not allowed.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from governance.models import Body, Decision, ImprovementAction, User
from governance.models.decisions import ActionSource, ActionStatus, RevisionKind
from governance.permissions import (
    AGENDA_ROLES,
    bodies_readable_by,
    body_roles,
    can_read_body,
    schools_visible_to,
)
from governance.queueing import queue_after_commit
from governance.roles import Role
from governance.uploads import validate_material

# Seed 000 §2.3: the QA manager monitors every mechanism; the rector and vice-rectors lead the
# university and read every decision of its bodies (but not their materials: permissions.py).
REGISTER_READER_ROLES = (Role.QA_MANAGER, Role.RECTOR, Role.VICE_RECTOR)
# Who sees every improvement action.
ACTION_OVERSIGHT_ROLES = (Role.QA_MANAGER, Role.RECTOR, Role.VICE_RECTOR)
# Who checks that an action was really done (the Check of PDCA is the QA manager's, §2.3).
VERIFIER_ROLES = (Role.QA_MANAGER,)
# People who may own an action: staff, not students or outside experts.
OWNER_ROLES = (
    Role.QA_MANAGER,
    Role.RECTOR,
    Role.VICE_RECTOR,
    Role.DEAN,
    Role.TEACHER,
    Role.SECRETARY,
)

# Owners are reminded this many days before the due date.
REMINDER_DAYS = 7

NOT_STARTED_OR_RUNNING = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
OPEN_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.OVERDUE)
FINISHED_STATUSES = (ActionStatus.DONE, ActionStatus.VERIFIED)

ALLOWED_TRANSITIONS = {
    ActionStatus.PLANNED: {ActionStatus.IN_PROGRESS, ActionStatus.OVERDUE},
    ActionStatus.IN_PROGRESS: {ActionStatus.DONE, ActionStatus.OVERDUE},
    ActionStatus.OVERDUE: {ActionStatus.IN_PROGRESS, ActionStatus.DONE},
    ActionStatus.DONE: {ActionStatus.VERIFIED, ActionStatus.IN_PROGRESS},
    ActionStatus.VERIFIED: set(),
}


class ActionRuleError(ValidationError):
    """A rule of the action lifecycle was broken; the message says which, in words."""


class TransitionNotAllowed(ActionRuleError):
    pass


class EvidenceRequired(ActionRuleError):
    pass


# --- Who reads the decision register ------------------------------------------------------


def reads_whole_register(user):
    return user.is_authenticated and user.has_role(*REGISTER_READER_ROLES)


def decisions_visible_to(user):
    """Decisions of the bodies the person sits on; every decision for the QA manager, the
    rector and the vice-rectors.

    Seed 000 §2: every member, voting or not, reads the minutes of their body.
    """
    if reads_whole_register(user):
        return Decision.objects.all()
    return Decision.objects.filter(body__in=bodies_readable_by(user))


def register_bodies(user):
    """The bodies whose decisions the person reads (choices of the register's filter)."""
    if reads_whole_register(user):
        return Body.objects.all()
    return bodies_readable_by(user)


def readable_body_ids(user):
    """Ids of the bodies whose decisions the person reads, or None for all of them."""
    if reads_whole_register(user):
        return None
    return set(bodies_readable_by(user).values_list("pk", flat=True))


def can_read_decision(user, decision):
    return reads_whole_register(user) or can_read_body(user, decision.body)


def is_annulled(decision):
    """Whether the council has annulled the decision (seed 000 §2.1)."""
    return decision.revisions.filter(revision_kind=RevisionKind.ANNULLED).exists()


def annulled_filter():
    """An expression true for decisions a later decision annulled."""
    return Exists(
        Decision.objects.filter(revises=OuterRef("pk"), revision_kind=RevisionKind.ANNULLED)
    )


# --- Who sees and works on improvement actions --------------------------------------------


def decision_type():
    return ContentType.objects.get_for_model(Decision)


def actions_from(source_object):
    """The improvement actions raised from one object (a decision, a survey report, …)."""
    return ImprovementAction.objects.filter(
        source_type=ContentType.objects.get_for_model(source_object),
        source_id=source_object.pk,
    )


def actions_visible_to(user):
    """Improvement actions the person may open.

    - the owner sees their own actions;
    - the QA manager, the rector and the vice-rectors see all of them (seed 000 §2.3);
    - a dean sees those of their school (the school's object rights, ``permissions.py``);
    - members of a body see the actions raised from its decisions (seed 000 §2: members read
      everything their body does).
    """
    if not user.is_authenticated:
        return ImprovementAction.objects.none()
    if user.has_role(*ACTION_OVERSIGHT_ROLES):
        return ImprovementAction.objects.all()
    from_my_bodies = Decision.objects.filter(body__in=bodies_readable_by(user)).values("pk")
    return ImprovementAction.objects.filter(
        Q(owner=user)
        | Q(school__in=schools_visible_to(user))
        | Q(source_type=decision_type(), source_id__in=from_my_bodies)
    )


def can_view_action(user, action):
    if not user.is_authenticated:
        return False
    if action.owner_id == user.pk or user.has_role(*ACTION_OVERSIGHT_ROLES):
        return True
    return actions_visible_to(user).filter(pk=action.pk).exists()


def can_raise_action(user, decision):
    """The QA manager, or the chair, deputy chair or secretary of the body that decided."""
    if not user.is_authenticated:
        return False
    return user.has_role(Role.QA_MANAGER) or bool(
        body_roles(user, decision.body) & set(AGENDA_ROLES)
    )


def can_work_on(user, action):
    """Only the owner starts an action and reports it done."""
    return user.is_authenticated and action.owner_id == user.pk


def can_verify(user, action):
    """The QA manager checks that an action was done; never the action's own owner.

    Seed 000 §4: at the Check stage of a mechanism at least two QA units take part, so the
    person who did the work does not also certify it.
    """
    return user.is_authenticated and user.has_role(*VERIFIER_ROLES) and action.owner_id != user.pk


def possible_owners():
    """Active staff who may own an action: anyone with a staff profile or a staff role."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(staff_profile__isnull=False) | Q(groups__name__in=[r.value for r in OWNER_ROLES]))
        .distinct()
    )


def is_overdue(action, today=None):
    """Past its due date and not done, whether or not the nightly task has marked it yet."""
    today = today or timezone.localdate()
    return action.status not in FINISHED_STATUSES and action.due_date < today


# --- Raising an action --------------------------------------------------------------------


def raise_action(*, title, owner, due_date, source, source_object=None, **fields):
    """Create an improvement action; other areas (surveys, documents, accreditation,
    inspections) call this with their own ``source`` and the object that raised it."""
    if source not in ActionSource.values:
        raise ValueError(f"unknown action source {source!r}")
    action = ImprovementAction(title=title, owner=owner, due_date=due_date, source=source, **fields)
    if source_object is not None:
        action.source_object = source_object
    action.full_clean()
    action.save()
    return action


def raise_from_decision(decision, **fields):
    """An action raised by a decision; an annulled decision raises none (seed 000 §2.1)."""
    if is_annulled(decision):
        raise ActionRuleError(
            _("This decision was annulled; no improvement action can follow from it."),
            code="annulled",
        )
    return raise_action(source=ActionSource.DECISION, source_object=decision, **fields)


# --- Status changes -----------------------------------------------------------------------


def check_transition(action, to):
    """Raise :class:`TransitionNotAllowed` unless ``action`` may go to status ``to``."""
    current = ActionStatus(action.status)
    target = ActionStatus(to)
    if target not in ALLOWED_TRANSITIONS[current]:
        raise TransitionNotAllowed(
            _("An action that is “%(current)s” cannot become “%(target)s”.")
            % {"current": current.label, "target": target.label},
            code="transition",
        )


def _change(action, to, check=None, **fields):
    """Lock the action's row, check the rule on its current state and save the change.

    The change is saved with ``save()`` so the audit trail records it; ``action`` is refreshed.
    """
    with transaction.atomic():
        current = ImprovementAction.objects.select_for_update().get(pk=action.pk)
        check_transition(current, to)
        if check:
            check(current)
        for name, value in fields.items():
            setattr(current, name, value)
        current.status = to
        current.save()
    action.refresh_from_db()
    return action


def _require(allowed, message):
    if not allowed:
        raise PermissionDenied(message)


def start(action, by):
    """The owner starts work on a planned or overdue action."""
    _require(can_work_on(by, action), _("Only the owner starts an action."))
    return _change(action, ActionStatus.IN_PROGRESS)


def mark_done(action, by, evidence="", evidence_file=None):
    """The owner reports the action done, with evidence: a description, a file or both.

    Seed 000 §4: the Check stage needs something to check, so an action without any evidence
    cannot be reported done. New evidence replaces what the owner gave before.
    """
    _require(can_work_on(by, action), _("Only the owner reports an action done."))
    evidence = (evidence or "").strip()
    if evidence_file:
        validate_material(evidence_file)
    fields = {"completed_at": timezone.now()}
    if evidence:
        fields["evidence"] = evidence
    if evidence_file:
        fields["evidence_file"] = evidence_file

    def has_evidence(current):
        if not (evidence or evidence_file or current.evidence.strip() or current.evidence_file):
            raise EvidenceRequired(
                _("Describe the evidence or attach a file before marking the action done."),
                code="evidence",
            )

    return _change(action, ActionStatus.DONE, check=has_evidence, **fields)


def verify(action, by):
    """The QA manager confirms the evidence shows the action done (seed 000 §2.3)."""
    _require(can_verify(by, action), _("Only the QA manager verifies an action."))
    return _change(action, ActionStatus.VERIFIED, verified_by=by)


def return_for_rework(action, by, note):
    """Verification failed: back to "in progress", with the reason added to the description."""
    _require(can_verify(by, action), _("Only the QA manager verifies an action."))
    note = (note or "").strip()
    if not note:
        raise ActionRuleError(_("Say why the action goes back."), code="note")
    heading = _("Returned after verification, %(date)s, %(person)s:") % {
        "date": date_format(timezone.localdate()),
        "person": by,
    }

    def append_note(current):
        current.description = "\n\n".join(
            part for part in (current.description.strip(), f"{heading}\n{note}") if part
        )

    return _change(
        action,
        ActionStatus.IN_PROGRESS,
        check=append_note,
        completed_at=None,
        verified_by=None,
    )


# --- Nightly upkeep -----------------------------------------------------------------------


def mark_overdue(today=None, chunk=500):
    """Mark every planned or running action past its due date as overdue, in bulk UPDATEs.

    Returns how many were marked. The change is written to the audit trail too (a bulk UPDATE
    bypasses it), with no actor: the portal did it.
    """
    from auditlog.models import LogEntry

    today = today or timezone.localdate()
    late = ImprovementAction.objects.filter(status__in=NOT_STARTED_OR_RUNNING, due_date__lt=today)
    content_type = ContentType.objects.get_for_model(ImprovementAction)
    marked = 0
    with transaction.atomic():
        rows = list(late.select_for_update().values_list("pk", "status", "title"))
        for start_at in range(0, len(rows), chunk):
            part = rows[start_at : start_at + chunk]
            marked += ImprovementAction.objects.filter(
                pk__in=[pk for pk, _status, _title in part], status__in=NOT_STARTED_OR_RUNNING
            ).update(status=ActionStatus.OVERDUE)
            LogEntry.objects.bulk_create(
                LogEntry(
                    content_type=content_type,
                    object_pk=str(pk),
                    object_id=pk,
                    object_repr=title[:200],
                    action=LogEntry.Action.UPDATE,
                    changes={"status": [status, ActionStatus.OVERDUE.value]},
                )
                for pk, status, title in part
            )
    return marked


def due_for_reminder(today=None):
    """Actions not yet done that fall due within :data:`REMINDER_DAYS` days and whose owner has
    not been reminded today."""
    today = today or timezone.localdate()
    return ImprovementAction.objects.filter(
        Q(reminder_sent_on__isnull=True) | Q(reminder_sent_on__lt=today),
        status__in=NOT_STARTED_OR_RUNNING,
        due_date__gte=today,
        due_date__lte=today + datetime.timedelta(days=REMINDER_DAYS),
        owner__is_active=True,
    )


def claim_reminders(owner_id, today=None):
    """Claim today's reminder of the owner's actions due soon; return the actions claimed.

    Called in the transaction that sends the owner's e-mail (``governance.tasks.actions``; issue
    8): the actions are locked, skipping those another run holds, and marked reminded today, so
    two runs the same day (a doubled beat, a redelivered task) never remind of one action twice,
    and the mark is undone with the transaction when the e-mail is not sent.
    """
    today = today or timezone.localdate()
    actions = list(
        due_for_reminder(today)
        .filter(owner_id=owner_id)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("school")
        .order_by("due_date", "pk")
    )
    ImprovementAction.objects.filter(pk__in=[action.pk for action in actions]).update(
        reminder_sent_on=today
    )
    return actions


def notify_owner(action_pk):
    """E-mail an action's new owner once the change is committed."""
    from governance.tasks.actions import notify_new_owner

    queue_after_commit(
        notify_new_owner, action_pk, what=f"the e-mail about improvement action {action_pk}"
    )
