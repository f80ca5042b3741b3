"""Permission matrix rows for inspections (seed 004 §5.7).

The QA office inspects a department of School A; the teacher is the second inspector. Staff
(everyone signed in but the student and the external expert) read; the QA manager plans
inspections; the QA manager and the inspectors fill them in and raise actions from the
findings.
"""

import datetime

from django.urls import reverse

from tests.matrix_documents import POST_ONLY, STAFF
from tests.urlmatrix import cached, everyone


def inspection(world):
    """An inspection in progress with a finding."""

    def build():
        from documents import inspections

        from . import factories as f
        from .factories_documents import ChecklistTemplateFactory

        qa = world.users["qa_manager"]
        found = inspections.plan_inspection(
            qa,
            kind="planned",
            department=f.DepartmentFactory(school=world.school_a),
            date=datetime.date(2026, 12, 9),
            scope="Teaching documents",
            inspectors=[qa, world.users["teacher"]],
            template=ChecklistTemplateFactory(),
        )
        found = inspections.start(found, qa)
        finding = inspections.add_finding(found, qa, "Minutes are missing.")
        return {"inspection": found, "item": found.items.get(), "finding": finding}

    return cached(world, "_inspection", build)


def _url(name, key):
    return lambda w: reverse(name, args=[inspection(w)[key].pk])


MATRIX = {
    "documents:inspection_list": (lambda w: reverse("documents:inspection_list"), STAFF),
    "documents:inspection_create": (
        lambda w: reverse("documents:inspection_create"),
        {**everyone(403), "qa_manager": 200},
    ),
    "documents:inspection_detail": (_url("documents:inspection_detail", "inspection"), STAFF),
    "documents:inspection_change": (_url("documents:inspection_change", "inspection"), POST_ONLY),
    "documents:checklist_add": (_url("documents:checklist_add", "inspection"), POST_ONLY),
    "documents:checklist_item_update": (
        _url("documents:checklist_item_update", "item"),
        POST_ONLY,
    ),
    "documents:finding_add": (_url("documents:finding_add", "inspection"), POST_ONLY),
    "documents:finding_action": (
        _url("documents:finding_action", "finding"),
        {**everyone(403), "teacher": 200, "qa_manager": 200},
    ),
}
