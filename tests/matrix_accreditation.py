"""Permission matrix rows for agencies, standards frameworks, the crosswalk and indicators.

Staff (not the student nor the external expert) read the frameworks, the crosswalk and the
university's indicator values; the QA manager imports, maps and enters values; the dean of
School A reads School A's and its programmes' values, the QA manager and the rector every
school's.
"""

from django.urls import reverse

from tests.urlmatrix import cached, everyone, staff

READERS = staff(200)
KEEPER = {**everyone(403), "qa_manager": 200}
POST_ONLY = everyone(405, anonymous=405)
LEADERSHIP = {**everyone(403), "qa_manager": 200, "rector": 200}


def accreditation(world):
    """Two frameworks with a crosswalk line and an indicator with values for the university,
    both schools and School A's programme, made once per world."""

    def build():
        from .factories_accreditation import (
            AgencyFactory,
            ClauseFactory,
            ClauseMappingFactory,
            FrameworkFactory,
            IndicatorFactory,
            IndicatorTargetFactory,
            IndicatorValueFactory,
        )

        esg = FrameworkFactory(code="ESG-2015")
        agency = FrameworkFactory(code="AG-2024", agency=AgencyFactory(short_name="IAAR"))
        standard = ClauseFactory(framework=esg, code="1.1")
        criterion = ClauseFactory(framework=agency, code="1")
        ClauseMappingFactory(source=criterion, target=standard)
        indicator = IndicatorFactory(clause=criterion)
        IndicatorTargetFactory(indicator=indicator, year=2025, value=80)
        IndicatorValueFactory(indicator=indicator, year=2025, value=82)
        IndicatorValueFactory(indicator=indicator, year=2025, school=world.school_a, value=70)
        IndicatorValueFactory(indicator=indicator, year=2025, school=world.school_b, value=90)
        IndicatorValueFactory(indicator=indicator, year=2025, programme=world.programme_a, value=65)
        return {"esg": esg, "agency": agency, "criterion": criterion, "indicator": indicator}

    return cached(world, "_accreditation", build)


def _indicator_url(name, scope=""):
    def build(world):
        url = reverse(name, args=[accreditation(world)["indicator"].pk])
        return f"{url}?scope={scope}" if scope else url

    return build


MATRIX = {
    "accreditation:framework_list": (lambda w: reverse("accreditation:framework_list"), READERS),
    "accreditation:agency_list": (lambda w: reverse("accreditation:agency_list"), READERS),
    "accreditation:framework_import": (
        lambda w: reverse("accreditation:framework_import"),
        KEEPER,
    ),
    "accreditation:framework_detail": (
        lambda w: reverse("accreditation:framework_detail", args=[accreditation(w)["agency"].code]),
        READERS,
    ),
    "accreditation:crosswalk": (lambda w: reverse("accreditation:crosswalk"), READERS),
    "accreditation:crosswalk_edit": (
        lambda w: reverse("accreditation:crosswalk_edit", args=[accreditation(w)["criterion"].pk]),
        KEEPER,
    ),
    "accreditation:indicator_list": (lambda w: reverse("accreditation:indicator_list"), READERS),
    "accreditation:indicator_import": (
        lambda w: reverse("accreditation:indicator_import"),
        KEEPER,
    ),
    "accreditation:indicator_detail": (_indicator_url("accreditation:indicator_detail"), READERS),
    "accreditation:indicator_values": (_indicator_url("accreditation:indicator_values"), KEEPER),
    "accreditation:indicator_refresh": (
        _indicator_url("accreditation:indicator_refresh"),
        POST_ONLY,
    ),
}

OBJECT_CASES = {
    # The dean of School A reads School A and its programmes, not School B.
    "indicator of School A": (
        _indicator_url("accreditation:indicator_detail", "school-LAW"),
        {**LEADERSHIP, "dean": 200},
    ),
    "indicator of School A's programme": (
        _indicator_url("accreditation:indicator_detail", "programme-6B04201"),
        {**LEADERSHIP, "dean": 200},
    ),
    "indicator of School B as dean of A": (
        _indicator_url("accreditation:indicator_detail", "school-ECON"),
        LEADERSHIP,
    ),
    "indicator of an unknown school": (
        _indicator_url("accreditation:indicator_detail", "school-NOPE"),
        {**everyone(404), "student": 403, "external_expert": 403},
    ),
    "values of School B": (
        _indicator_url("accreditation:indicator_values", "school-ECON"),
        KEEPER,
    ),
    "unknown framework": (
        lambda w: reverse("accreditation:framework_detail", args=["NOPE"]),
        {**everyone(404), "student": 403, "external_expert": 403},
    ),
    "crosswalk of an unknown clause": (
        lambda w: reverse("accreditation:crosswalk_edit", args=[999999]),
        {**everyone(403), "qa_manager": 404},
    ),
}
