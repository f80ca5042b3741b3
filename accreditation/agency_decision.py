"""The agency's decision at the end of a cycle, and its place in the register.

Seed 003 §3.4 step 6: the agency decides — accredited for a number of years, accredited with
conditions, or denied — and issues a certificate; seed 002 S10.Req6 and Req9: the QA office
keeps the single database of accredited programmes with their validity. So recording the
decision on a cycle writes the register: one :class:`Accreditation` per programme of the
cycle (or one institutional record for a cycle about the whole university), each linked back
to the cycle. A record the QA office already entered by hand for the same programme, agency
and certificate number is linked rather than duplicated. A cycle at the site visit moves on
to "decision" by its own transition (``accreditation.cycles.move``).

Post-accreditation monitoring cycles renew no accreditation and record no decision.
"""

from django.db import transaction

from . import cycles
from .models import Accreditation, AccreditationKind
from .models.cycles import CycleKind, CycleStatus

# The agency decides after the report is sent; a decision may be corrected later.
DECIDABLE = (
    CycleStatus.SUBMITTED,
    CycleStatus.VISIT,
    CycleStatus.DECISION,
    CycleStatus.FOLLOW_UP,
    CycleStatus.CLOSED,
)
DECISION_FIELDS = (
    "decision_date",
    "outcome",
    "years",
    "valid_from",
    "valid_until",
    "certificate_number",
)


def takes_decision(cycle):
    """Whether a decision may be recorded on the cycle now."""
    return cycle.kind != CycleKind.MONITORING and cycle.status in DECIDABLE


def register_kind(cycle):
    """The register's kind of record for the cycle's decision."""
    if cycle.kind == CycleKind.INTERNATIONAL:
        return AccreditationKind.INTERNATIONAL
    if cycle.kind == CycleKind.INSTITUTIONAL:
        return AccreditationKind.INSTITUTIONAL
    return AccreditationKind.PROGRAMME


def subjects(cycle):
    """What the decision is about: the cycle's programmes, or ``[None]`` for the university
    (an institutional cycle, or a cycle naming no programme)."""
    if register_kind(cycle) == AccreditationKind.INSTITUTIONAL:
        return [None]
    return list(cycle.programmes.order_by("code")) or [None]


def records(cycle):
    """The register's records of the cycle's decision, programme by programme."""
    return list(
        cycle.accreditations.select_related("programme", "agency").order_by("programme__code", "pk")
    )


def draft(cycle):
    """The record the decision form edits: the cycle's first record, or a new one."""
    found = records(cycle)
    if found:
        return found[0]
    programme = subjects(cycle)[0]
    return Accreditation(
        cycle=cycle,
        agency=cycle.agency,
        programme=programme,
        kind=register_kind(cycle) if programme else AccreditationKind.INSTITUTIONAL,
    )


def _record_for(cycle, programme, certificate_number):
    """The register row to write for one programme: the cycle's own, else one entered by
    hand for the same certificate, else a new one."""
    mine = cycle.accreditations.filter(programme=programme).first()
    if mine is not None:
        return mine
    if certificate_number:
        entered = Accreditation.objects.filter(
            cycle__isnull=True,
            programme=programme,
            agency=cycle.agency,
            certificate_number=certificate_number,
        ).first()
        if entered is not None:
            return entered
    return Accreditation(programme=programme)


@transaction.atomic
def record(cycle, decision, by):
    """Write ``decision`` (an :class:`Accreditation` the decision form has validated, its
    certificate included) into the register for every subject of the cycle, and move the
    cycle from the site visit to "decision". Returns the records."""
    written = []
    certificate = decision.certificate
    for programme in subjects(cycle):
        row = _record_for(cycle, programme, decision.certificate_number)
        for name in DECISION_FIELDS:
            setattr(row, name, getattr(decision, name))
        if certificate:  # a record entered by hand keeps its file when none is given
            row.certificate = certificate
        row.cycle = cycle
        row.agency = cycle.agency
        row.kind = register_kind(cycle) if programme else AccreditationKind.INSTITUTIONAL
        row.recorded_by = by
        row.full_clean(exclude=["certificate"])
        row.save()
        certificate = row.certificate.name if certificate else ""  # one stored file for all
        written.append(row)
    if "record_decision" in dict(cycles.next_steps(cycle)):
        cycles.move(cycle, "record_decision")
    return written
