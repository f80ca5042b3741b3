"""Agenda and attendance rules for meetings of collegial bodies.

Seed 000 §2: every member of a body, voting or not, may propose agenda items, attend every
meeting, speak on every item and read all materials. The secretary (or the chair) builds and
publishes the agenda; members receive it ``Body.agenda_notice_days`` days before the meeting.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import AgendaItem, AgendaMaterial, Attendance, Meeting, Membership, Motion
from governance.models.meetings import ItemStatus, MeetingStatus
from governance.models.voting import MotionStatus
from governance.permissions import body_roles, can_manage_agenda
from governance.quorum import is_quorate, quorum_needed
from governance.voting import present_voting_count

# Members may check in from two hours before the start (seed 000 §2: members attend meetings).
CHECK_IN_OPENS_BEFORE = datetime.timedelta(hours=2)
TITLE_MAX = AgendaMaterial._meta.get_field("title").max_length


class AgendaError(Exception):
    """An agenda or attendance change that cannot be made; the message says why."""


# --- Who may do what -----------------------------------------------------------------------


def is_current_member(user, body):
    """Any current seat counts: chair, secretary, member or guest, voting or not (seed 000 §2)."""
    return bool(body_roles(user, body))


def can_propose(user, meeting):
    """Every current member may propose an item until the meeting is closed (seed 000 §2)."""
    return meeting.status != MeetingStatus.CLOSED and is_current_member(user, meeting.body)


def can_add_material(user, item):
    """The item's proposer (still a member) or the secretary/chair add materials to it."""
    body = item.meeting.body
    if item.meeting.status == MeetingStatus.CLOSED:
        return False
    if can_manage_agenda(user, body):
        return True
    return item.proposed_by_id == user.pk and is_current_member(user, body)


def check_in_open(meeting, now=None):
    """Attendance is recorded on the meeting day: while the meeting is in session, or once the
    agenda is published and the meeting starts within two hours or has started today."""
    now = now or timezone.now()
    if meeting.status == MeetingStatus.IN_SESSION:
        return True
    if meeting.status != MeetingStatus.AGENDA_PUBLISHED:
        return False
    if meeting.starts_at - CHECK_IN_OPENS_BEFORE <= now <= meeting.starts_at:
        return True
    return meeting.starts_at <= now and timezone.localdate(meeting.starts_at) == (
        timezone.localdate(now)
    )


def in_notice_window(meeting, now=None):
    """Whether the agenda is due to members now: from ``agenda_notice_days`` before the start
    until the start (seed 000 §2; the body's charter sets the number of days)."""
    now = now or timezone.now()
    return meeting.agenda_due_at <= now < meeting.starts_at


# --- Numbering ---------------------------------------------------------------------------


def next_meeting_number(body):
    """Meetings of a body are numbered 1, 2, 3 … (the number the minutes carry)."""
    last = Meeting.objects.filter(body=body).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def _next_position(meeting):
    last = meeting.items.filter(status=ItemStatus.ON_AGENDA).aggregate(last=Max("position"))
    return (last["last"] or 0) + 1


def _refuse_if_closed(meeting):
    if meeting.status == MeetingStatus.CLOSED:
        raise AgendaError(_("The meeting is closed; its agenda can no longer change."))


# --- Items and materials -----------------------------------------------------------------


def add_material(item, user, upload, title=""):
    """Attach an uploaded file (already checked with ``validate_material``) to an item."""
    title = (title or upload.name or "").strip()[:TITLE_MAX] or _("Material")
    return AgendaMaterial.objects.create(item=item, title=title, file=upload, uploaded_by=user)


@transaction.atomic
def propose_item(meeting, user, title, description="", material=None, material_title=""):
    """Any current member proposes an item (seed 000 §2). The secretary's or chair's own items
    go straight onto the agenda; other proposals wait for them to accept or decline."""
    if not is_current_member(user, meeting.body):
        raise AgendaError(_("Only members of the body can propose agenda items."))
    _refuse_if_closed(meeting)
    direct = can_manage_agenda(user, meeting.body)
    item = AgendaItem.objects.create(
        meeting=meeting,
        title=title,
        description=description,
        proposed_by=user,
        status=ItemStatus.ON_AGENDA if direct else ItemStatus.PROPOSED,
        position=_next_position(meeting) if direct else 0,
    )
    if material is not None:
        add_material(item, user, material, material_title)
    return item


@transaction.atomic
def accept_item(item):
    """The secretary takes a proposed (or earlier declined) item onto the agenda, last."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _refuse_if_closed(meeting)
    if item.status == ItemStatus.ON_AGENDA:
        raise AgendaError(_("This item is already on the agenda."))
    item.status = ItemStatus.ON_AGENDA
    item.position = _next_position(meeting)
    item.save(update_fields=["status", "position"])
    return item


@transaction.atomic
def decline_item(item):
    """The secretary leaves an item off the agenda; an item already put to the vote stays."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _refuse_if_closed(meeting)
    if item.status == ItemStatus.DECLINED:
        raise AgendaError(_("This item is already off the agenda."))
    if item.motions.exclude(status=MotionStatus.DRAFT).exists():
        raise AgendaError(_("This item has been put to the vote; it stays on the agenda."))
    item.status = ItemStatus.DECLINED
    item.save(update_fields=["status"])
    _renumber(meeting)
    return item


def _renumber(meeting):
    items = list(meeting.items.filter(status=ItemStatus.ON_AGENDA).order_by("position", "pk"))
    for number, each in enumerate(items, start=1):
        if each.position != number:
            each.position = number
            AgendaItem.objects.filter(pk=each.pk).update(position=number)
    return items


@transaction.atomic
def move_item(item, direction):
    """Move an agenda item one place up or down; positions are renumbered 1, 2, 3 …"""
    if direction not in ("up", "down"):
        raise AgendaError(_("Unknown direction."))
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _refuse_if_closed(meeting)
    if item.status != ItemStatus.ON_AGENDA:
        raise AgendaError(_("Only items on the agenda can be moved."))
    items = _renumber(meeting)
    index = next(i for i, each in enumerate(items) if each.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        return item
    a, b = items[index], items[other]
    AgendaItem.objects.filter(pk=a.pk).update(position=b.position)
    AgendaItem.objects.filter(pk=b.pk).update(position=a.position)
    item.position = b.position
    return item


# --- The meeting's course ----------------------------------------------------------------


@transaction.atomic
def publish_agenda(meeting, now=None):
    """The secretary publishes the agenda (seed 000 §2). When the meeting is already within the
    notice window, members are e-mailed at once instead of at beat's next run."""
    now = now or timezone.now()
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    if meeting.status != MeetingStatus.PLANNED:
        raise AgendaError(_("The agenda of this meeting has already been published."))
    if not meeting.items.filter(status=ItemStatus.ON_AGENDA).exists():
        raise AgendaError(_("The agenda is empty; put at least one item on it first."))
    meeting.status = MeetingStatus.AGENDA_PUBLISHED
    meeting.agenda_published_at = now
    meeting.save(update_fields=["status", "agenda_published_at"])
    if meeting.agenda_sent_at is None and in_notice_window(meeting, now):
        from governance.tasks.agenda import send_agenda

        send_agenda.delay_on_commit(meeting.pk)
    return meeting


@transaction.atomic
def start_meeting(meeting):
    """Open the meeting: members can check in and motions can be put to the vote."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == MeetingStatus.PLANNED:
        raise AgendaError(_("Publish the agenda before the meeting starts."))
    if meeting.status != MeetingStatus.AGENDA_PUBLISHED:
        raise AgendaError(_("This meeting has already started."))
    meeting.status = MeetingStatus.IN_SESSION
    meeting.save(update_fields=["status"])
    return meeting


@transaction.atomic
def close_meeting(meeting):
    """Close the meeting; refused while any vote on its motions is still open."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.IN_SESSION:
        raise AgendaError(_("Only a meeting in session can be closed."))
    still_open = Motion.objects.filter(item__meeting=meeting, status=MotionStatus.OPEN).first()
    if still_open is not None:
        raise AgendaError(
            _("Voting on “%(motion)s” is still open; close the vote first.")
            % {"motion": still_open}
        )
    meeting.status = MeetingStatus.CLOSED
    meeting.save(update_fields=["status"])
    return meeting


# --- Attendance and quorum ---------------------------------------------------------------


def _record(meeting, person, present, recorded_by, now):
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting,
        person=person,
        defaults={"present": present, "recorded_by": recorded_by, "checked_in_at": now},
    )
    return attendance


def check_in(meeting, user, now=None):
    """A member checks themselves in (seed 000 §2: every member may attend)."""
    now = now or timezone.now()
    if not is_current_member(user, meeting.body):
        raise AgendaError(_("Only members of the body can check in."))
    if not check_in_open(meeting, now):
        raise AgendaError(
            _("Check-in opens two hours before the meeting, once its agenda is published.")
        )
    return _record(meeting, user, True, None, now)


def record_attendance(meeting, person, present, recorded_by, now=None):
    """The secretary (or chair) marks a member present or absent."""
    now = now or timezone.now()
    if not check_in_open(meeting, now):
        raise AgendaError(_("Attendance is recorded on the day of the meeting."))
    if not Membership.objects.current().filter(body=meeting.body, person=person).exists():
        raise AgendaError(_("This person is not a member of the body."))
    return _record(meeting, person, present, recorded_by, now)


@dataclass(frozen=True)
class QuorumStatus:
    members: int
    present: int
    needed: int
    has_rule: bool
    quorate: bool


def quorum_status(meeting):
    """Voting members present against the body's quorum (seed 000 §2; §4.1.12 for one third)."""
    members, present = present_voting_count(meeting)
    quorum = meeting.body.quorum
    return QuorumStatus(
        members=members,
        present=present,
        needed=quorum_needed(quorum, members),
        has_rule=quorum is not None,
        quorate=is_quorate(quorum, present, members),
    )


@dataclass(frozen=True)
class AttendanceRow:
    membership: object
    attendance: object

    @property
    def person(self):
        return self.membership.person

    @property
    def present(self):
        """True, False (recorded absent) or None (nothing recorded yet)."""
        return None if self.attendance is None else self.attendance.present


def attendance_rows(meeting):
    """Every member seated on the meeting day (the date ``present_voting_count`` uses), with
    what was recorded for them: two queries whatever the size of the body."""
    memberships = (
        Membership.objects.current(meeting.starts_at.date())
        .filter(body=meeting.body)
        .select_related("person")
        .order_by("-voting", "role", "person__full_name_kk", "pk")
    )
    records = {
        a.person_id: a
        for a in Attendance.objects.filter(meeting=meeting).select_related("recorded_by")
    }
    rows, seen = [], set()
    for membership in memberships:
        if membership.person_id in seen:
            continue
        seen.add(membership.person_id)
        rows.append(AttendanceRow(membership, records.get(membership.person_id)))
    return rows
