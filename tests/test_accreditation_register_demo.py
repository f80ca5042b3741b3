"""The demo of the register and the external mechanisms: every flag shows, one programme is
never accredited, three years of Atameken results, one monitoring with findings and an
action; running it again changes nothing."""

import pytest
from django.utils import timezone

from accreditation import demo_register
from accreditation import programme_register as register
from accreditation.demo import seed_agencies
from accreditation.models import Accreditation, AtamekenResult, IntegrityMonitoring
from governance import demo_data as data
from governance.actions import actions_from
from governance.models import EducationalProgramme
from governance.roles import Role

from . import factories as f

pytestmark = pytest.mark.django_db

CODES = ("6B04201", "6B04202", "7M06101", "8D04101", "6B01101")


@pytest.fixture
def demo_structure(db):
    school = f.SchoolFactory(code="LAW")
    for code in CODES:
        f.ProgrammeFactory(code=code, school=school)
    f.UserFactory(email=f"{data.QA_MANAGER.login}@{data.DEMO_DOMAIN}", roles=[Role.QA_MANAGER])
    seed_agencies()


def test_the_demo_shows_every_flag_and_is_idempotent(demo_structure):
    first = demo_register.seed_register()
    counts = (
        Accreditation.objects.count(),
        AtamekenResult.objects.count(),
        IntegrityMonitoring.objects.count(),
    )
    assert counts == (5, 9, 1)  # the university and four programmes; 3 bachelor × 3 years

    rows = {
        row.programme.code: row.flags
        for row in register.rows(EducationalProgramme.objects.all(), timezone.localdate())
    }
    assert rows[demo_register.NEVER_ACCREDITED] == [register.NONE, register.OVERDUE]
    assert rows[demo_register.EXPIRING] == [register.EXPIRING]
    assert rows[demo_register.EXPIRED] == [register.EXPIRED, register.OVERDUE]
    assert rows["6B04201"] == []
    assert register.institutional() is not None

    monitoring = IntegrityMonitoring.objects.get()
    assert monitoring.members.count() >= 7
    finding = monitoring.findings.order_by("pk").first()
    assert actions_from(finding).count() == 1

    second = demo_register.seed_register()
    assert (
        Accreditation.objects.count(),
        AtamekenResult.objects.count(),
        IntegrityMonitoring.objects.count(),
    ) == counts
    assert "(0 new)" in " ".join(second) and "(5 new)" in first[0]
