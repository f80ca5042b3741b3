"""Permission matrix rows for accreditation cycles and the self-assessment report.

The world's cycle is in self-assessment against a framework of two criteria; the committee
member writes criterion 1 (its section's owner) and has uploaded a file as its evidence. The
QA manager keeps cycles; the rector reads them; the working group reads its cycle and writes
its sections; everyone else gets 403. "My criteria" is open to everyone signed in.
"""

from django.urls import reverse

from tests.urlmatrix import cached, everyone

KEEPER = {**everyone(403), "qa_manager": 200}
LEADERSHIP = {**everyone(403), "qa_manager": 200, "rector": 200}
CYCLE_READERS = {**LEADERSHIP, "member": 200}
POST_ONLY = everyone(405, anonymous=405)


def cycle(world):
    """A cycle in self-assessment with a member, a milestone, sections and a file, and a second
    cycle the member is not on; made once per world."""

    def build():
        from accreditation import cycles

        from .factories_accreditation import ClauseFactory, FrameworkFactory
        from .factories_accreditation_cycles import (
            CycleFactory,
            EvidenceFactory,
            MemberFactory,
            MilestoneFactory,
        )

        framework = FrameworkFactory(code="IAAR-INST")
        first = ClauseFactory(framework=framework, code="1")
        ClauseFactory(framework=framework, code="2")
        found = CycleFactory(framework=framework)
        member = MemberFactory(cycle=found, person=world.users["member"], clauses=[first])
        milestone = MilestoneFactory(cycle=found)
        cycles.move(found, "start_self_assessment")
        section = found.sections.get(clause=first)
        evidence = EvidenceFactory(section=section)
        other = CycleFactory(framework=framework)
        cycles.move(other, "start_self_assessment")
        return {
            "cycle": found,
            "member": member,
            "milestone": milestone,
            "section": section,
            "evidence": evidence,
            "other_section": other.sections.first(),
        }

    return cached(world, "_accreditation_cycle", build)


def _url(name, key="cycle"):
    return lambda w: reverse(name, args=[cycle(w)[key].pk])


MATRIX = {
    "accreditation:cycle_board": (lambda w: reverse("accreditation:cycle_board"), LEADERSHIP),
    "accreditation:cycle_create": (lambda w: reverse("accreditation:cycle_create"), KEEPER),
    "accreditation:my_criteria": (lambda w: reverse("accreditation:my_criteria"), everyone(200)),
    "accreditation:cycle_detail": (_url("accreditation:cycle_detail"), CYCLE_READERS),
    "accreditation:cycle_edit": (_url("accreditation:cycle_edit"), KEEPER),
    "accreditation:cycle_transition": (_url("accreditation:cycle_transition"), POST_ONLY),
    "accreditation:member_add": (_url("accreditation:member_add"), POST_ONLY),
    "accreditation:member_remove": (_url("accreditation:member_remove", "member"), POST_ONLY),
    "accreditation:milestone_add": (_url("accreditation:milestone_add"), POST_ONLY),
    "accreditation:milestone_done": (_url("accreditation:milestone_done", "milestone"), POST_ONLY),
    "accreditation:sar_pdf": (_url("accreditation:sar_pdf"), CYCLE_READERS),
    "accreditation:sar_xlsx": (_url("accreditation:sar_xlsx"), CYCLE_READERS),
    "accreditation:section_edit": (_url("accreditation:section_edit", "section"), CYCLE_READERS),
    "accreditation:evidence_add": (_url("accreditation:evidence_add", "section"), POST_ONLY),
    "accreditation:evidence_remove": (
        _url("accreditation:evidence_remove", "evidence"),
        POST_ONLY,
    ),
    "accreditation:evidence_file": (_url("accreditation:evidence_file", "evidence"), CYCLE_READERS),
}

OBJECT_CASES = {
    # The member writes in one cycle and reads nothing of another.
    "section of a cycle the member is not on": (
        _url("accreditation:section_edit", "other_section"),
        LEADERSHIP,
    ),
    "unknown cycle": (
        lambda w: reverse("accreditation:cycle_detail", args=[999999]),
        {**everyone(404)},
    ),
}
