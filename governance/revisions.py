"""The council revising or annulling a School Committee's decision (seed 000 §2.1).

The Academic and Research Council "may revise a school committee's decision that breaks IQAD
or EQAD"; it creates the school committees and they answer to it (``Body.parent``). The council
takes the decision onto the agenda of one of its own meetings (an agenda item that ``reviews``
it), votes on it by its own rule, and its adopted decision is recorded as revising or
annulling the committee's decision.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from governance.minutes import ensure_minutes_editable
from governance.models import AgendaItem, Meeting
from governance.models.bodies import BodyKind
from governance.models.decisions import RevisionKind
from governance.models.meetings import ItemStatus, MeetingStatus
from governance.models.voting import Outcome
from governance.permissions import can_manage_agenda
from governance.roles import Role

# Seed 000 §2.1: the ARC (an "academic council" elsewhere) revises its committees' decisions.
REVISING_KINDS = (BodyKind.ACADEMIC_RESEARCH_COUNCIL, BodyKind.ACADEMIC_COUNCIL)
# Meetings whose agenda can still take an item.
OPEN_AGENDA_STATUSES = (MeetingStatus.PLANNED, MeetingStatus.AGENDA_PUBLISHED)


class RevisionError(ValidationError):
    """A revision the rules do not allow; the message says why."""


def council_above(body):
    """The council that may revise ``body``'s decisions: its parent, if that is a council."""
    parent = body.parent
    if parent is not None and parent.kind in REVISING_KINDS:
        return parent
    return None


def revising_council(decision):
    return council_above(decision.body)


def can_take_up_decisions_of(user, body):
    """The chair or secretary of the parent council, or the QA manager (seed 000 §2.3)."""
    if not user.is_authenticated:
        return False
    if user.has_role(Role.QA_MANAGER):
        return True
    return body.parent is not None and can_manage_agenda(user, body.parent)


def can_take_up(user, decision):
    return can_take_up_decisions_of(user, decision.body)


def can_record_revision(user, council_decision):
    """The council's chair or secretary record what the council decided."""
    return user.is_authenticated and can_manage_agenda(user, council_decision.body)


def is_annulled(decision):
    return decision.revisions.filter(revision_kind=RevisionKind.ANNULLED).exists()


def pending_review(decision):
    """An item of a meeting not yet closed that already takes the decision up, if any."""
    return (
        AgendaItem.objects.filter(reviews=decision)
        .exclude(status=ItemStatus.DECLINED)
        .exclude(meeting__status=MeetingStatus.CLOSED)
        .select_related("meeting")
        .first()
    )


def upcoming_meetings(council):
    """The council's meetings whose agenda can still take an item, soonest first."""
    return Meeting.objects.filter(
        body=council,
        status__in=OPEN_AGENDA_STATUSES,
        starts_at__gte=timezone.now(),
        minutes_approved_at__isnull=True,
    ).order_by("starts_at", "number")


def next_council_meeting(council):
    return upcoming_meetings(council).first()


@transaction.atomic
def take_up_for_revision(decision, council_meeting, proposed_by, grounds=""):
    """Put a committee decision on the agenda of a meeting of its parent council.

    Seed 000 §2.1: only the council that is the parent of the decision's body (an Academic
    and Research Council or academic council) revises it. ``council_meeting`` may be None: the
    council's next planned meeting is taken. The item is on the agenda at once when the
    proposer manages the council's agenda, otherwise it is proposed (seed 000 §2: any member
    proposes, the secretary and chair set the agenda). Returns the new item.
    """
    council = revising_council(decision)
    if council is None:
        raise RevisionError(
            _(
                "Only the council that created this body (an academic council) can revise "
                "its decisions; this body has none."
            ),
            code="no_council",
        )
    if council_meeting is None:
        council_meeting = next_council_meeting(council)
        if council_meeting is None:
            raise RevisionError(
                _("The council has no planned meeting: plan one first."), code="no_meeting"
            )
    if council_meeting.body_id != council.pk:
        raise RevisionError(
            _("The decision can only be taken up at a meeting of %(council)s.")
            % {"council": council},
            code="other_body",
        )
    if council_meeting.status not in OPEN_AGENDA_STATUSES:
        raise RevisionError(
            _("That meeting has already begun or ended; choose a planned meeting."),
            code="meeting_not_open",
        )
    ensure_minutes_editable(council_meeting)
    if is_annulled(decision):
        raise RevisionError(_("This decision has already been annulled."), code="annulled")
    pending = pending_review(decision)
    if pending is not None:
        raise RevisionError(
            _("This decision is already on the agenda of meeting No. %(number)s.")
            % {"number": pending.meeting.number},
            code="pending",
        )
    last = council_meeting.items.aggregate(last=Max("position"))["last"] or 0
    with translation.override(council_meeting.language):
        title = _("Revision of decision No. %(number)s of %(body)s of %(date)s") % {
            "number": decision.number,
            "body": decision.body,
            "date": date_format(decision.date, "DATE_FORMAT"),
        }
        description = _("Text of the decision under review:") + "\n" + decision.text
        if grounds:
            description += "\n\n" + _("Grounds (IQAD or EQAD it may break):") + "\n" + grounds
    return AgendaItem.objects.create(
        meeting=council_meeting,
        position=last + 1,
        title=title[:500],
        description=description,
        proposed_by=proposed_by,
        status=(
            ItemStatus.ON_AGENDA if can_manage_agenda(proposed_by, council) else ItemStatus.PROPOSED
        ),
        reviews=decision,
    )


def reviewed_decision(council_decision):
    """The committee decision reviewed by the item the council decision was adopted on."""
    motion = council_decision.motion
    if motion is None:
        return None
    return motion.item.reviews


@transaction.atomic
def record_revision(council_decision, kind):
    """Record that ``council_decision`` revised or annulled the decision its item reviewed.

    Seed 000 §2.1. Checked: the kind is revised/annulled; the council decision was adopted on
    an agenda item that reviews a decision; its body is the parent council of that decision's
    body; the reviewed decision is not annulled already. Returns the reviewed decision.
    """
    if kind not in RevisionKind.values:
        raise RevisionError(_("Choose whether the decision is revised or annulled."), code="kind")
    if council_decision.revises_id:
        raise RevisionError(
            _("This decision is already recorded as a revision."), code="already_recorded"
        )
    motion = council_decision.motion
    reviewed = reviewed_decision(council_decision)
    if reviewed is None:
        raise RevisionError(
            _("This decision was not taken on an agenda item reviewing another decision."),
            code="not_a_review",
        )
    if motion.outcome != Outcome.ADOPTED:
        raise RevisionError(_("The council did not adopt this motion."), code="not_adopted")
    council = revising_council(reviewed)
    if council is None or council_decision.body_id != council.pk:
        raise RevisionError(
            _("Only the parent council of the body can revise its decisions."),
            code="not_parent",
        )
    if motion.item.meeting.body_id != council.pk:
        raise RevisionError(
            _("The reviewing item belongs to another body's meeting."), code="other_body"
        )
    if reviewed.pk == council_decision.pk:
        raise RevisionError(_("A decision cannot revise itself."), code="self")
    if is_annulled(reviewed):
        raise RevisionError(_("This decision has already been annulled."), code="annulled")
    council_decision.revises = reviewed
    council_decision.revision_kind = kind
    council_decision.save(update_fields=["revises", "revision_kind"])
    return reviewed


def revision_note(decision):
    """ "Revised by decision No. X of <council> on <date>" (or "Annulled by …"), or "".

    For the decision register, in the active language. It reads ``decision.revision``: prefetch
    ``revisions__body`` for lists. The include ``governance/minutes/_revision_note.html``
    (taking ``decision``) shows the same words.
    """
    revision = decision.revision
    if revision is None:
        return ""
    params = {
        "number": revision.number,
        "body": revision.body,
        "date": date_format(revision.date, "DATE_FORMAT"),
    }
    if revision.revision_kind == RevisionKind.ANNULLED:
        return _("Annulled by decision No. %(number)s of %(body)s on %(date)s") % params
    return _("Revised by decision No. %(number)s of %(body)s on %(date)s") % params
