"""Permission matrix rows for QA mechanisms and their PDCA cycles (seed 000 §4).

School A's committee is responsible for a mechanism whose cycle is at the Act stage (the QA
office and the committee checked it) with a PDF as evidence of its Plan. Staff (everyone signed
in but the student and the external expert) read; the QA manager starts cycles; the QA manager
and the committee's chair and secretary record the stages and raise the Act's improvement
actions.
"""

from django.urls import reverse

from tests.matrix_documents import POST_ONLY, STAFF
from tests.urlmatrix import cached, everyone

RECORDERS = {**everyone(403), "chair": 200, "secretary": 200, "qa_manager": 200}


def mechanism_cycle(world):
    """The mechanism, its cycle at the Act stage, its evidence and a QA unit of the Check."""

    def build():
        from django.core.files.base import ContentFile

        from documents import pdca
        from documents.models import Stage, UnitKind

        from .factories_documents import PDF, MechanismFactory

        qa = world.users["qa_manager"]
        mechanism = MechanismFactory(bodies=[world.committee])
        cycle = pdca.start_cycle(mechanism, qa, "2025-2026")
        evidence = pdca.add_evidence(cycle, qa, "Plan", file=ContentFile(PDF, name="plan.pdf"))
        for stage in (Stage.PLAN, Stage.DO):
            cycle = pdca.complete_stage(cycle.stages.get(stage=stage), qa)
        unit = pdca.add_check_unit(cycle, qa, UnitKind.QA_OFFICE)
        pdca.add_check_unit(cycle, qa, UnitKind.BODY, world.committee)
        check = cycle.stages.get(stage=Stage.CHECK)
        pdca.record_stage(check, qa, note="Findings")
        cycle = pdca.complete_stage(check, qa)
        return {"mechanism": mechanism, "cycle": cycle, "evidence": evidence, "unit": unit}

    return cached(world, "_mechanism_cycle", build)


def _url(name, key, *extra):
    return lambda w: reverse(name, args=[mechanism_cycle(w)[key].pk, *extra])


MATRIX = {
    "documents:mechanism_list": (lambda w: reverse("documents:mechanism_list"), STAFF),
    "documents:mechanism_detail": (_url("documents:mechanism_detail", "mechanism"), STAFF),
    "documents:cycle_create": (
        _url("documents:cycle_create", "mechanism"),
        {**everyone(403), "qa_manager": 200},
    ),
    "documents:cycle_detail": (_url("documents:cycle_detail", "cycle"), STAFF),
    "documents:stage_update": (_url("documents:stage_update", "cycle", "act"), POST_ONLY),
    "documents:stage_complete": (_url("documents:stage_complete", "cycle", "act"), POST_ONLY),
    "documents:evidence_add": (_url("documents:evidence_add", "cycle"), POST_ONLY),
    "documents:evidence_file": (_url("documents:evidence_file", "evidence"), STAFF),
    "documents:check_unit_add": (_url("documents:check_unit_add", "cycle"), POST_ONLY),
    "documents:check_unit_remove": (_url("documents:check_unit_remove", "unit"), POST_ONLY),
    "documents:act_decision": (_url("documents:act_decision", "cycle"), POST_ONLY),
    "documents:cycle_action": (_url("documents:cycle_action", "cycle"), RECORDERS),
}

OBJECT_CASES = {
    # A mechanism no body is responsible for: the committee's officers may not act on it; the
    # QA manager is sent back to the cycle, which is not at the Act stage yet.
    "act action of a mechanism without a body": (
        lambda w: reverse("documents:cycle_action", args=[_cycle_without_body(w).pk]),
        {**everyone(403), "qa_manager": 302},
    ),
}


def _cycle_without_body(world):
    def build():
        from documents import pdca

        from .factories_documents import MechanismFactory

        return pdca.start_cycle(MechanismFactory(), world.users["qa_manager"], "2026-2027")

    return cached(world, "_cycle_without_body", build)
