"""The minutes (protocol) of a meeting: what they record, the PDF, approval and the lock.

Seed 000 §2: every member of a body, voting or not, reads the minutes of its meetings and may
obtain extracts from them; the minutes of a meeting are approved at the next meeting of the
body and are locked from then on, so approved minutes never change.
"""

import hashlib
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from governance.models import Institution, Meeting, Membership, Motion, NamedVote
from governance.models.bodies import MemberRole
from governance.models.meetings import ItemStatus, MeetingStatus
from governance.models.voting import BallotKind, MotionStatus
from governance.quorum import is_quorate, quorum_needed
from governance.voting import explain, result_of

PDF_TEMPLATE = "governance/minutes/minutes_pdf.html"
EXTRACT_TEMPLATE = "governance/minutes/extract_pdf.html"
ROLE_ORDER = {
    MemberRole.CHAIR: 0,
    MemberRole.DEPUTY_CHAIR: 1,
    MemberRole.SECRETARY: 2,
    MemberRole.MEMBER: 3,
    MemberRole.GUEST: 4,
}


# --- The lock -----------------------------------------------------------------------------


class MinutesLocked(ValidationError):
    """The minutes of the meeting were approved: nothing they record may change any more."""


def ensure_minutes_editable(meeting):
    """Refuse a change to what the minutes of ``meeting`` record once they are approved.

    Seed 000 §2: the minutes are approved at the next meeting and then locked. Call this
    before changing the meeting's items, their discussion text, motions, votes or attendance.
    Raises ``MinutesLocked`` (a ``ValidationError``).
    """
    if meeting.minutes_locked:
        raise MinutesLocked(
            _("The minutes of this meeting have been approved and can no longer be changed."),
            code="minutes_locked",
        )


# --- What the minutes record ---------------------------------------------------------------


@dataclass
class AttendanceSummary:
    """Who was at the meeting, and whether the voting members present made a quorum."""

    members: int  # voting members of the body on the day of the meeting
    present: int  # voting members present
    needed: int  # voting members the quorum needs (0 when the charter sets none)
    has_rule: bool  # whether the charter sets a quorum at all
    quorate: bool
    present_members: list = field(default_factory=list)  # memberships
    absent_members: list = field(default_factory=list)  # memberships (guests left out)
    others_present: list = field(default_factory=list)  # invited people (users)
    chair: object = None  # membership
    secretary: object = None  # membership


def _by_role_and_name(membership):
    return (ROLE_ORDER.get(membership.role, 9), str(membership.person))


def meeting_day(meeting):
    return timezone.localdate(meeting.starts_at)


def attendance_summary(meeting):
    """Present and absent members on the meeting day, and the quorum (seed 000 §2).

    The quorum counts voting members only, as ``governance.voting`` does for the snapshots.
    """
    body = meeting.body
    memberships = sorted(
        Membership.objects.current(meeting_day(meeting)).filter(body=body).select_related("person"),
        key=_by_role_and_name,
    )
    attended = list(meeting.attendance.filter(present=True).select_related("person"))
    present_ids = {a.person_id for a in attended}
    member_ids = {m.person_id for m in memberships}
    voting = [m for m in memberships if m.voting]
    present_voting = sum(1 for m in voting if m.person_id in present_ids)
    quorum = body.quorum
    return AttendanceSummary(
        members=len(voting),
        present=present_voting,
        needed=quorum_needed(quorum, len(voting)),
        has_rule=quorum is not None,
        quorate=is_quorate(quorum, present_voting, len(voting)),
        present_members=[m for m in memberships if m.person_id in present_ids],
        absent_members=[
            m for m in memberships if m.person_id not in present_ids and m.role != MemberRole.GUEST
        ],
        others_present=sorted(
            (a.person for a in attended if a.person_id not in member_ids), key=str
        ),
        chair=next((m for m in memberships if m.role == MemberRole.CHAIR), None),
        secretary=next((m for m in memberships if m.role == MemberRole.SECRETARY), None),
    )


def current_secretary(body):
    """The body's secretary today (who certifies extracts), or None."""
    membership = (
        Membership.objects.current()
        .filter(body=body, role=MemberRole.SECRETARY)
        .select_related("person")
        .order_by("term_start")
        .first()
    )
    return membership.person if membership else None


def minuted_items(meeting, item=None):
    """The items on the agenda, in order, each with its closed motions and their decisions.

    Every motion gets ``result`` and ``explanation`` (the result in words in the active
    language); open ballots keep their named votes. A fixed number of queries.
    """
    votes = NamedVote.objects.select_related("voter").order_by("choice", "voter__full_name_kk")
    motions = (
        Motion.objects.filter(status=MotionStatus.CLOSED)
        .select_related("decision")
        .prefetch_related(Prefetch("named_votes", queryset=votes), "decision__revisions__body")
        .order_by("pk")
    )
    items = (
        meeting.items.filter(status=ItemStatus.ON_AGENDA)
        .select_related("reviews__body", "reviews__meeting")
        .prefetch_related(Prefetch("motions", queryset=motions))
        .order_by("position", "pk")
    )
    if item is None:
        items = list(items)
        numbers = {agenda_item.pk: n for n, agenda_item in enumerate(items, 1)}
    else:
        order = meeting.items.filter(status=ItemStatus.ON_AGENDA).order_by("position", "pk")
        numbers = {pk: n for n, pk in enumerate(order.values_list("pk", flat=True), 1)}
        items = list(items.filter(pk=item.pk))
    for agenda_item in items:
        agenda_item.meeting = meeting
        agenda_item.number = numbers.get(agenda_item.pk)
        for motion in agenda_item.motions.all():
            motion.item = agenda_item
            motion.result = result_of(motion)
            motion.explanation = explain(meeting.body, motion.result)
            motion.is_open_ballot = motion.ballot == BallotKind.OPEN
            motion.adopted_decision = getattr(motion, "decision", None)
    return items


def minutes_context(meeting, item=None):
    """Everything the minutes (or, with ``item``, an extract) show, in the active language.

    ``meeting`` should come with its body (``select_related("body", "minutes_approved_at")``).
    """
    institution = Institution.current()
    other_decisions = []
    if item is None:
        other_decisions = list(
            meeting.decisions.filter(motion__isnull=True)
            .prefetch_related("revisions__body")
            .order_by("number", "pk")
        )
    return {
        "meeting": meeting,
        "body": meeting.body,
        "institution": institution,
        "attendance": attendance_summary(meeting),
        "items": minuted_items(meeting, item),
        "other_decisions": other_decisions,
        "language": translation.get_language(),
        "header_css": css_string(institution.name if institution else ""),
        "page_css": page_counter_css(),
    }


# --- PDF -----------------------------------------------------------------------------------

_PAGE_PLACEHOLDER = re.compile(r"%\((n|m)\)s")


def css_string(text):
    """``text`` as a quoted CSS string; quotes, markup and control characters are escaped."""
    out = []
    for char in str(text):
        if char in '"\\<>&' or not char.isprintable():
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return mark_safe('"' + "".join(out) + '"')


def page_counter_css():
    """CSS ``content`` for "page N of M" from the translated pattern (words around counters)."""
    pattern = _("page %(n)s of %(m)s")
    parts, pos = [], 0
    for match in _PAGE_PLACEHOLDER.finditer(pattern):
        if match.start() > pos:
            parts.append(css_string(pattern[pos : match.start()].replace("%%", "%")))
        parts.append("counter(page)" if match.group(1) == "n" else "counter(pages)")
        pos = match.end()
    if pos < len(pattern):
        parts.append(css_string(pattern[pos:].replace("%%", "%")))
    return mark_safe(" ".join(parts))


def html_to_pdf(html):
    """PDF bytes of ``html``; only ``data:`` URLs are read (no file:// or network reads)."""
    from weasyprint import HTML  # heavy import: only when a PDF is made
    from weasyprint.urls import URLFetcher

    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()


def minutes_pdf(meeting):
    """The minutes of ``meeting`` as PDF bytes, in the meeting's language."""
    with translation.override(meeting.language):
        return html_to_pdf(render_to_string(PDF_TEMPLATE, minutes_context(meeting)))


def extract_pdf(item):
    """An extract from the minutes for one agenda item, certified by the body's secretary.

    Seed 000 §2: every member may obtain extracts from the minutes.
    """
    meeting = item.meeting
    with translation.override(meeting.language):
        context = minutes_context(meeting, item=item)
        context["item"] = context["items"][0] if context["items"] else item
        context["certifier"] = current_secretary(meeting.body)
        context["today"] = timezone.localdate()
        return html_to_pdf(render_to_string(EXTRACT_TEMPLATE, context))


def minutes_filename(meeting):
    return f"minutes-{meeting.body_id}-{meeting.number}-{meeting_day(meeting):%Y-%m-%d}.pdf"


def extract_filename(item):
    meeting = item.meeting
    return f"extract-{meeting.body_id}-{meeting.number}-item-{item.position or item.pk}.pdf"


def stored_minutes(meeting):
    """The bytes of the approved minutes as stored at approval."""
    with meeting.minutes_file.open("rb") as handle:
        return handle.read()


# --- Approval ------------------------------------------------------------------------------


def check_approval(meeting, approved_at):
    """Whether the minutes of ``meeting`` may be approved at meeting ``approved_at``.

    Seed 000 §2: minutes are approved at a later meeting of the same body, once the minuted
    meeting is over, and only once.
    """
    if meeting.minutes_locked:
        raise MinutesLocked(_("These minutes have already been approved."), code="minutes_locked")
    if meeting.status != MeetingStatus.CLOSED:
        raise ValidationError(
            _("The meeting has not been closed yet; its minutes cannot be approved."),
            code="meeting_not_closed",
        )
    if approved_at.body_id != meeting.body_id:
        raise ValidationError(
            _("Minutes are approved at a meeting of the same body."), code="other_body"
        )
    if approved_at.pk == meeting.pk or approved_at.starts_at <= meeting.starts_at:
        raise ValidationError(
            _("Minutes are approved at a later meeting than the one they record."),
            code="not_later",
        )
    if approved_at.status not in (MeetingStatus.IN_SESSION, MeetingStatus.CLOSED):
        raise ValidationError(
            _("The approving meeting has not taken place: it must be in session or closed."),
            code="approving_meeting_not_held",
        )


@transaction.atomic
def approve_minutes(meeting, approved_at):
    """Approve the minutes of ``meeting`` at ``approved_at`` and lock them for good.

    The PDF is rendered once, stored in ``minutes_file`` with its SHA-256, and served from
    there from now on (seed 000 §2). Returns the locked meeting.
    """
    locked = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    check_approval(locked, approved_at)
    locked.minutes_approved_at = approved_at
    pdf = minutes_pdf(locked)
    locked.minutes_sha256 = hashlib.sha256(pdf).hexdigest()
    locked.minutes_file.save(minutes_filename(locked), ContentFile(pdf), save=False)
    locked.save(update_fields=["minutes_approved_at", "minutes_file", "minutes_sha256"])
    return locked


def later_meetings(meeting):
    """Meetings of the same body after ``meeting``: where its minutes may be approved."""
    return Meeting.objects.filter(
        body_id=meeting.body_id, starts_at__gt=meeting.starts_at
    ).order_by("starts_at")
