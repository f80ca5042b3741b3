"""Who does what in an accreditation cycle, and opening the report's sections.

Seed 004 §5–6 and seed 002 §9.6: the QA office coordinates accreditation and keeps the cycles
(the QA manager plans a cycle, forms its working group, sets milestones and moves it on); seed
002 B11: the working group prepares the self-assessment, each member the criteria given to
them, the group's lead all of them; the rector and the vice-rectors lead the university and
read every cycle (``documents.access.reads_all``). Nobody else sees a cycle.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from documents.access import reads_all

from . import access
from .models import Clause, Level
from .models.cycles import Cycle, CycleStatus, Milestone, MilestoneKind, WorkingGroupMember
from .models.sar import Section, SectionStatus


def manages(user):
    """The QA manager keeps the cycles (``accreditation.access.manages``)."""
    return access.manages(user)


def seat(user, cycle):
    """The person's seat in the cycle's working group, or None (read once per request)."""
    if not user.is_authenticated:
        return None
    seats = user.__dict__.setdefault("_accreditation_seats", {})
    if cycle.pk not in seats:
        seats[cycle.pk] = (
            WorkingGroupMember.objects.filter(cycle=cycle, person=user)
            .prefetch_related("clauses")
            .first()
        )
    return seats[cycle.pk]


def writes_criteria(user):
    """Whether the person sits on any cycle's working group (one EXISTS query, then cached)."""
    if not user.is_authenticated:
        return False
    cached = user.__dict__.get("_writes_criteria")
    if cached is None:
        cached = WorkingGroupMember.objects.filter(person=user).exists()
        user.__dict__["_writes_criteria"] = cached
    return cached


def can_read(user, cycle):
    """The QA manager, the rector and vice-rectors, and the cycle's working group."""
    return reads_all(user) or seat(user, cycle) is not None


def require_reader(user, cycle):
    if not can_read(user, cycle):
        raise PermissionDenied


def require_manager(user):
    if not manages(user):
        raise PermissionDenied


def can_edit_section(user, section):
    """While the report is written: the QA manager, the section's owner, a member given its
    criterion, and the working group's lead."""
    if not section.cycle.sections_open:
        return False
    if manages(user):
        return True
    if not user.is_authenticated:
        return False
    if section.owner_id == user.pk:
        return True
    member = seat(user, section.cycle)
    if member is None:
        return False
    return member.is_lead or any(c.pk == section.clause_id for c in member.clauses.all())


def readable_cycles(user):
    """The cycles the person reads (see the module docstring)."""
    cycles = Cycle.objects.all()
    if not reads_all(user):
        cycles = cycles.filter(members__person=user)
    return cycles


def assessed_clauses(framework):
    """The clauses a report has a section for: each criterion, and each standard that has no
    criteria (ESG 2015 and seed 002's standards are not divided further). A sub-criterion is
    answered in its criterion's section."""
    clauses = list(framework.clauses.order_by("position", "pk"))
    divided = {c.parent_id for c in clauses if c.depth == Level.CRITERION}
    return [
        c
        for c in clauses
        if c.depth == Level.CRITERION or (c.depth == Level.STANDARD and c.pk not in divided)
    ]


def _writers(cycle):
    """{clause pk: the member writing it} (the first given it)."""
    writers = {}
    for member in cycle.members.order_by("-is_lead", "pk").prefetch_related("clauses"):
        for clause in member.clauses.all():
            writers.setdefault(clause.pk, member.person_id)
    return writers


def assign_owners(cycle):
    """Give each section without an owner to the member now writing its criterion."""
    writers = _writers(cycle)
    for section in cycle.sections.filter(owner__isnull=True, clause__in=list(writers)):
        section.owner_id = writers[section.clause_id]
        section.save(update_fields=["owner", "updated_at"])


def my_sections(user):
    """Sections the person owns or whose criterion they were given, in any cycle."""
    mine = Section.objects.filter(
        Q(owner=user) | Q(cycle__members__person=user, cycle__members__clauses=F("clause"))
    )
    return Section.objects.filter(pk__in=mine.values("pk"))


def _due_dates(cycle):
    """{clause pk: internal deadline}, and the report's due date for the rest."""
    milestones = cycle.milestones.filter(
        kind__in=(MilestoneKind.SECTION_DEADLINE, MilestoneKind.SELF_ASSESSMENT_DUE)
    ).order_by("date")
    by_clause, report_due = {}, None
    for milestone in milestones:
        if milestone.kind == MilestoneKind.SECTION_DEADLINE:
            by_clause.setdefault(milestone.clause_id, milestone.date)
        elif report_due is None:
            report_due = milestone.date
    return by_clause, report_due


def open_sections(cycle):
    """One section per assessed criterion of the cycle's framework, owned by the member who
    writes it and due at its internal deadline (else when the report is due). Sections
    already there are kept; returns how many were made."""
    existing = set(cycle.sections.values_list("clause_id", flat=True))
    writers = _writers(cycle)
    by_clause, report_due = _due_dates(cycle)
    new = [
        Section(
            cycle=cycle,
            clause=clause,
            owner_id=writers.get(clause.pk),
            due_date=by_clause.get(clause.pk, report_due),
        )
        for clause in assessed_clauses(cycle.framework)
        if clause.pk not in existing
    ]
    Section.objects.bulk_create(new)
    return len(new)


STEP_LABELS = {
    "start_self_assessment": _("Start the self-assessment"),
    "submit": _("Mark the report as submitted to the agency"),
    "start_visit": _("Start the site visit"),
    "record_decision": _("Record the agency's decision"),
    "start_follow_up": _("Start the follow-up"),
    "close": _("Close the cycle"),
}


def next_steps(cycle):
    """The transitions the cycle can take now: [(name, button label)]."""
    return [(t.name, STEP_LABELS[t.name]) for t in cycle.get_available_status_transitions()]


# The agency's decision is recorded on its own page (``accreditation.agency_decision``), which
# takes this step itself once the decision is written to the register.
RECORDED_WITH_THE_DECISION = "record_decision"


def page_steps(cycle):
    """The steps the cycle page offers: all but the one the decision page takes."""
    return [step for step in next_steps(cycle) if step[0] != RECORDED_WITH_THE_DECISION]


@transaction.atomic
def move(cycle, step):
    """Take the transition named ``step`` (ValueError if it cannot be taken now); entering
    the self-assessment opens the report's sections."""
    if step not in dict(next_steps(cycle)):
        raise ValueError(step)
    getattr(cycle, step)()
    cycle.save()
    if step == "start_self_assessment":
        open_sections(cycle)


def sections_with_counts(sections):
    """Sections with their criterion, owner and number of evidence links."""
    return (
        sections.select_related("clause", "owner")
        .annotate(evidence_count=Count("evidence"))
        .order_by("clause__position", "pk")
    )


def member_list(cycle):
    """The working group, lead first, with the criteria each writes."""
    return cycle.members.select_related("person").prefetch_related(
        Prefetch("clauses", queryset=Clause.objects.order_by("position"))
    )


def upcoming_milestones(cycles, limit=10):
    """Milestones not done, the earliest first, overdue ones included."""
    return (
        Milestone.objects.filter(cycle__in=cycles, done=False)
        .select_related("cycle", "clause")
        .order_by("date", "pk")[:limit]
    )


def overdue_sections(cycles, today):
    """Sections of reports being written whose due date has passed and that are not done."""
    return (
        Section.objects.filter(cycle__in=cycles, due_date__lt=today)
        .exclude(status=SectionStatus.DONE)
        .filter(cycle__status=CycleStatus.SELF_ASSESSMENT)
        .select_related("cycle", "clause", "owner")
        .order_by("due_date", "pk")
    )
