"""The crosswalk: clauses of one framework mapped to another, shown both ways in a matrix and
edited by the QA manager; the agencies page and the demo data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accreditation import crosswalk
from accreditation.demo import seed_accreditation
from accreditation.framework_import import load_shipped
from accreditation.models import (
    Agency,
    Clause,
    ClauseMapping,
    Framework,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
)
from governance.models import School

from .factories_accreditation import AgencyFactory, ClauseFactory, FrameworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def frameworks():
    """ESG-like standards 1 and 2 (2 with criterion 2.1), and an agency's criteria A and B."""
    esg = FrameworkFactory(code="ESG")
    one = ClauseFactory(framework=esg, code="1", position=0)
    two = ClauseFactory(framework=esg, code="2", position=1)
    two_one = ClauseFactory(framework=esg, code="2.1", parent=two, position=2)
    agency = FrameworkFactory(code="AG")
    a = ClauseFactory(framework=agency, code="A", position=0)
    b = ClauseFactory(framework=agency, code="B", position=1)
    return esg, agency, {"1": one, "2": two, "2.1": two_one, "A": a, "B": b}


def test_the_matrix_reads_mappings_both_ways_and_files_criteria_under_their_standard(
    frameworks,
):
    esg, agency, c = frameworks
    ClauseMapping.objects.create(source=c["A"], target=c["1"])
    ClauseMapping.objects.create(source=c["2.1"], target=c["B"])  # stored the other way
    matrix = crosswalk.matrix(agency, esg)
    assert [column.code for column in matrix.columns] == ["1", "2"]
    cells = {row.clause.code: [[o.code for o in cell] for cell in row.cells] for row in matrix.rows}
    assert cells == {"A": [["1"], []], "B": [[], ["2.1"]]}
    assert matrix.mapped_rows == 2
    reverse_matrix = crosswalk.matrix(esg, agency)
    assert [[o.code for o in cell] for cell in reverse_matrix.rows[2].cells] == [[], ["B"]]


def test_setting_mappings_adds_and_removes_in_either_direction(frameworks):
    esg, _agency, c = frameworks
    ClauseMapping.objects.create(source=c["2.1"], target=c["A"])
    added, removed = crosswalk.set_mappings(c["A"], esg, [c["1"], c["2"]])
    assert (added, removed) == (2, 1)
    assert set(crosswalk.mapped_to(c["A"], esg)) == {c["1"], c["2"]}
    assert crosswalk.set_mappings(c["A"], esg, [c["1"], c["2"]]) == (0, 0)


def test_a_clause_is_not_mapped_within_its_own_framework(frameworks):
    _esg, _agency, c = frameworks
    mapping = ClauseMapping(source=c["1"], target=c["2"])
    with pytest.raises(Exception, match="another framework"):
        mapping.full_clean()


def test_the_qa_manager_edits_a_clause_crosswalk(client, world, frameworks):
    esg, _agency, c = frameworks
    client.force_login(world.users["qa_manager"])
    url = reverse("accreditation:crosswalk_edit", args=[c["A"].pk])
    form = client.get(url, {"target": "ESG"}).context["form"]
    assert [clause.code for clause in form.fields["targets"].queryset] == ["1", "2", "2.1"]
    response = client.post(url, {"target": "ESG", "targets": [c["2.1"].pk]}, follow=True)
    assert b"Crosswalk saved: 1 added, 0 removed." in response.content
    assert list(crosswalk.mapped_to(c["A"], esg)) == [c["2.1"]]
    # The framework's page shows the line, and the crosswalk page's matrix too.
    assert "ESG 2.1" in response.content.decode()
    matrix = client.get(reverse("accreditation:crosswalk"), {"source": "AG", "target": "ESG"})
    assert [[o.code for o in cell] for cell in matrix.context["matrix"].rows[0].cells] == [
        [],
        ["2.1"],
    ]


def test_the_crosswalk_page_compares_two_different_frameworks(client, world, frameworks):
    client.force_login(world.users["teacher"])
    response = client.get(reverse("accreditation:crosswalk"), {"source": "AG", "target": "AG"})
    assert response.context["matrix"] is None
    assert b"Choose two different frameworks." in response.content


def test_the_crosswalk_page_opens_on_seed_002_against_the_esg(client, world):
    load_shipped()
    client.force_login(world.users["teacher"])
    matrix = client.get(reverse("accreditation:crosswalk")).context["matrix"]
    assert (matrix.source.code, matrix.target.code) == ("SIQAS", "ESG-2015")
    assert matrix.mapped_rows == 11
    s11 = next(row for row in matrix.rows if row.clause.code == "S11")
    assert [cell[0].code for cell in s11.cells if cell] == ["1.1", "1.5", "1.6", "1.7"]


def test_the_framework_page_costs_the_same_queries_however_large(client, world, frameworks):
    load_shipped()
    client.force_login(world.users["teacher"])

    def queries(code):
        url = reverse("accreditation:framework_detail", args=[code])
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert queries("SIQAS") == queries("AG")


def test_the_agencies_page_shows_recognition_and_contacts(client, world):
    AgencyFactory(
        short_name="FIBAA",
        name_en="Foundation for International Business Administration Accreditation",
        in_eqar=True,
        website="https://www.fibaa.org",
    )
    AgencyFactory(short_name="NEW", name_en="A new agency")
    client.force_login(world.users["dean"])
    text = client.get(reverse("accreditation:agency_list")).content.decode()
    assert "Foundation for International Business Administration Accreditation" in text
    assert "EQAR" in text and "https://www.fibaa.org" in text
    assert "not recognised" in text


def test_the_demo_is_complete_and_idempotent(world):
    lines = seed_accreditation()
    assert set(Agency.objects.values_list("short_name", flat=True)) == {
        "IAAR",
        "IQAA",
        "ARQA",
        "FIBAA",
        "ECAQA",
    }
    assert Agency.objects.get(short_name="FIBAA").get_country_display() == "Germany"
    assert ClauseMapping.objects.filter(source__framework__code="SIQAS").count() == 14
    dropout = Indicator.objects.get(code="KPI-RET")
    assert dropout.direction == "lower" and dropout.clause.code == "S4"
    years = sorted(
        set(IndicatorValue.objects.filter(indicator=dropout).values_list("year", flat=True))
    )
    assert len(years) == 3
    assert IndicatorTarget.objects.filter(indicator=dropout).count() == 4
    scopes = IndicatorValue.objects.filter(indicator=dropout, year=years[-1])
    assert scopes.count() == School.objects.count() + 1  # the university and every school
    before = (
        Framework.objects.count(),
        Clause.objects.count(),
        Indicator.objects.count(),
        IndicatorValue.objects.count(),
        IndicatorTarget.objects.count(),
    )
    again = seed_accreditation()
    after = (
        Framework.objects.count(),
        Clause.objects.count(),
        Indicator.objects.count(),
        IndicatorValue.objects.count(),
        IndicatorTarget.objects.count(),
    )
    assert after == before
    indicators = next(line for line in again if line.startswith("Indicators:"))
    assert "0 new demo targets and values" in indicators
    assert lines[0] == "Accreditation agencies: 5 (5 new)"
