"""Permission matrix rows for the register of accredited programmes, the Atameken ranking
and the Academic Integrity League monitoring.

The QA manager keeps them; the QA manager and the rector read the whole register and the
League's monitorings; the dean of School A reads School A's programmes (not School B's);
teachers, committee members, students and visitors read none of it.
"""

import datetime

from django.core.files.base import ContentFile
from django.urls import reverse

from tests.urlmatrix import cached, everyone

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
KEEPER = {**everyone(403), "qa_manager": 200}
LEADERSHIP = {**everyone(403), "qa_manager": 200, "rector": 200}
REGISTER_READERS = {**LEADERSHIP, "dean": 200}
POST_ONLY = everyone(405, anonymous=405)


def register(world):
    """An accreditation with its certificate for each school's programme, an Atameken result
    and a monitoring with a finding, made once per world."""

    def build():
        from .factories_accreditation_register import (
            AccreditationFactory,
            AtamekenResultFactory,
            IntegrityMonitoringFactory,
            MonitoringFindingFactory,
        )

        accreditation_a = AccreditationFactory(programme=world.programme_a)
        accreditation_a.certificate.save("certificate-a.pdf", ContentFile(PDF))
        accreditation_b = AccreditationFactory(
            programme=world.programme_b, decision_date=datetime.date(2023, 3, 1)
        )
        accreditation_b.certificate.save("certificate-b.pdf", ContentFile(PDF))
        result = AtamekenResultFactory(programme=world.programme_a)
        monitoring = IntegrityMonitoringFactory(year=2025)
        finding = MonitoringFindingFactory(monitoring=monitoring)
        return {
            "a": accreditation_a,
            "b": accreditation_b,
            "result": result,
            "monitoring": monitoring,
            "finding": finding,
        }

    return cached(world, "_accreditation_register", build)


def _url(name, key=None):
    def build(world):
        if key is None:
            return reverse(name)
        return reverse(name, args=[register(world)[key].pk])

    return build


MATRIX = {
    "accreditation:programme_register": (
        _url("accreditation:programme_register"),
        REGISTER_READERS,
    ),
    "accreditation:register_xlsx": (_url("accreditation:register_xlsx"), REGISTER_READERS),
    "accreditation:programme_accreditations": (
        lambda w: reverse("accreditation:programme_accreditations", args=[w.programme_a.code]),
        REGISTER_READERS,
    ),
    "accreditation:accreditation_create": (_url("accreditation:accreditation_create"), KEEPER),
    "accreditation:accreditation_edit": (_url("accreditation:accreditation_edit", "a"), KEEPER),
    "accreditation:accreditation_certificate": (
        _url("accreditation:accreditation_certificate", "a"),
        REGISTER_READERS,
    ),
    "accreditation:atameken_list": (_url("accreditation:atameken_list"), REGISTER_READERS),
    "accreditation:atameken_create": (_url("accreditation:atameken_create"), KEEPER),
    "accreditation:atameken_edit": (_url("accreditation:atameken_edit", "result"), KEEPER),
    "accreditation:integrity_list": (_url("accreditation:integrity_list"), LEADERSHIP),
    "accreditation:integrity_create": (_url("accreditation:integrity_create"), KEEPER),
    "accreditation:integrity_detail": (
        _url("accreditation:integrity_detail", "monitoring"),
        LEADERSHIP,
    ),
    "accreditation:integrity_edit": (_url("accreditation:integrity_edit", "monitoring"), KEEPER),
    "accreditation:integrity_complete": (
        _url("accreditation:integrity_complete", "monitoring"),
        POST_ONLY,
    ),
    "accreditation:integrity_finding_add": (
        _url("accreditation:integrity_finding_add", "monitoring"),
        POST_ONLY,
    ),
    "accreditation:integrity_finding_action": (
        _url("accreditation:integrity_finding_action", "finding"),
        KEEPER,
    ),
}

OBJECT_CASES = {
    # The dean of School A reads School A's programmes and certificates, not School B's.
    "accreditations of School B's programme": (
        lambda w: reverse("accreditation:programme_accreditations", args=[w.programme_b.code]),
        LEADERSHIP,
    ),
    "certificate of School B's programme": (
        _url("accreditation:accreditation_certificate", "b"),
        LEADERSHIP,
    ),
    "accreditations of an unknown programme": (
        lambda w: reverse("accreditation:programme_accreditations", args=["6B99999"]),
        {**REGISTER_READERS, "qa_manager": 404, "rector": 404, "dean": 404},
    ),
    "unknown monitoring": (
        lambda w: reverse("accreditation:integrity_detail", args=[999999]),
        {**LEADERSHIP, "qa_manager": 404, "rector": 404},
    ),
}
