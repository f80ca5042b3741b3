"""Standards frameworks: the shipped ESG 2015 and seed 002 standards, and importing agency
frameworks from YAML or XLSX with a dry run that names every problem and writes nothing."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from accreditation.framework_files import read_xlsx, read_yaml
from accreditation.framework_import import apply, load_shipped, plan_import
from accreditation.models import Clause, ClauseMapping, Framework, Indicator, Level, Risk
from governance.roles import Role

from .factories import UserFactory
from .factories_accreditation import AgencyFactory, IndicatorFactory

pytestmark = pytest.mark.django_db

ESG_TITLES = {
    "1.1": "Policy for quality assurance",
    "1.2": "Design and approval of programmes",
    "1.3": "Student-centred learning, teaching and assessment",
    "1.4": "Student admission, progression, recognition and certification",
    "1.5": "Teaching staff",
    "1.6": "Learning resources and student support",
    "1.7": "Information management",
    "1.8": "Public information",
    "1.9": "On-going monitoring and periodic review of programmes",
    "1.10": "Cyclical external quality assurance",
}

AGENCY_YAML = """
code: IAAR-PA-2024
name: {kk: Бағдарламалық аккредиттеу стандарттары, ru: Стандарты программной аккредитации,
       en: Standards of programme accreditation}
agency: IAAR
version: "2024"
year: 2024
standards:
  - code: "1"
    title: {kk: Сапаны қамтамасыз ету саясаты, en: Quality assurance policy}
    maps_to: ["ESG-2015 1.1"]
    criteria:
      - code: "1.1"
        title: {kk: Саясат жарияланған, en: The policy is published}
        subcriteria:
          - code: "1.1.1"
            title: {kk: Сайтта жарияланған, en: Published on the website}
        indicators:
          - {code: IAAR-1.1, unit: percent, name: {kk: Жарияланған саясаттар үлесі}}
        risks:
          - risk: {kk: Саясат ескіреді, en: The policy goes out of date}
            mitigation: {kk: Жыл сайын қарау, en: Review it every year}
  - code: "2"
    title: {kk: Бағдарламалар, en: Programmes}
    maps_to: ["ESG-2015 1.2", "ESG-2015 1.9"]
"""


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def shipped():
    return load_shipped()


def counts():
    return (
        Framework.objects.count(),
        Clause.objects.count(),
        Indicator.objects.count(),
        Risk.objects.count(),
        ClauseMapping.objects.count(),
    )


# --- the shipped frameworks -------------------------------------------------------------------


def test_esg_2015_part_1_has_its_ten_standards(shipped):
    esg = Framework.objects.get(code="ESG-2015")
    standards = esg.clauses.filter(depth=Level.STANDARD).order_by("position")
    assert {c.code: c.title_en for c in standards} == ESG_TITLES
    assert list(standards.values_list("code", flat=True))[-1] == "1.10"
    for clause in standards:
        assert clause.title_kk and clause.title_ru and clause.text_kk and clause.text_ru
        assert clause.text_en.startswith("Institutions should")


def test_the_eleven_standards_of_seed_002_with_indicators_risks_and_crosswalk(shipped):
    siqas = Framework.objects.get(code="SIQAS")
    standards = list(siqas.clauses.filter(depth=Level.STANDARD).order_by("position"))
    assert [c.code for c in standards] == [f"S{n}" for n in range(1, 12)]
    assert standards[10].title_en == "Continuing professional development"
    indicators = Indicator.objects.filter(clause__framework=siqas)
    assert indicators.count() == 99
    assert indicators.filter(clause__code="S10").count() == 12
    assert Indicator.objects.get(code="S4.Ind6").direction == "lower"
    assert Risk.objects.filter(clause__framework=siqas).count() == 67
    assert Risk.objects.get(clause__code="S10", number=5).text_en == (
        "Re-accreditation deadline missed"
    )
    for model, fields in (
        (Clause, ("title", "text")),
        (Indicator, ("name",)),
        (Risk, ("text", "mitigation")),
    ):
        for field in fields:
            for lang in ("kk", "ru", "en"):
                assert not model.objects.filter(**{f"{field}_{lang}": ""}).exists(), (field, lang)
    # Seed 002 §1.4: standard n answers ESG 1.n; standard 11 answers 1.1, 1.5, 1.6 and 1.7.
    mapped = ClauseMapping.objects.filter(source__framework=siqas)
    assert mapped.count() == 14
    assert set(mapped.filter(source__code="S11").values_list("target__code", flat=True)) == {
        "1.1",
        "1.5",
        "1.6",
        "1.7",
    }
    assert mapped.get(source__code="S10").target.code == "1.10"


def test_loading_again_changes_nothing(shipped):
    before = counts()
    again = load_shipped()
    assert counts() == before
    assert again["SIQAS"] == {"new": 0, "changed": 0, "unchanged": 191}
    assert shipped["ESG-2015"]["new"] == 10


def test_the_command_loads_and_reports():
    out = io.StringIO()
    call_command("load_frameworks", stdout=out)
    assert "ESG-2015: 10 new" in out.getvalue()
    assert "SIQAS: 191 new" in out.getvalue()


# --- dry run and import -----------------------------------------------------------------------


def test_a_duplicate_code_is_reported_with_both_places_and_nothing_is_written(shipped):
    AgencyFactory(short_name="IAAR")
    before = counts()
    bad = AGENCY_YAML.replace('code: "2"', 'code: "1"')
    plan = plan_import(read_yaml(bad))
    assert not plan.ok
    assert "standards[1]: the code 1 is used twice (also at standards[0])" in plan.errors
    assert counts() == before
    with pytest.raises(ValueError):
        apply(plan)


def test_the_dry_run_names_every_problem(shipped):
    bad = (
        AGENCY_YAML.replace("unit: percent", "unit: litres")
        .replace('"ESG-2015 1.9"', '"ESG-2015 9.9"')
        .replace("year: 2024", "year: soon")
        .replace('          - code: "1.1.1"', '          - code: "1.1.1"\n            criteria: []')
    )
    IndicatorFactory(code="S1.Ind1-other")
    plan = plan_import(read_yaml(bad))
    assert plan.errors == [
        "standards[0].criteria[0].subcriteria[0]: unknown key criteria",
        "framework: the year soon is not a year",
        "framework: agency IAAR not found",
        "standards[1]: maps_to ESG-2015 9.9: not found",
        "standards[0].criteria[0].indicators[0]: unit litres is not one of "
        "percent, count, score, rank, days, yes_no",
    ]
    assert not Framework.objects.filter(code="IAAR-PA-2024").exists()


def test_a_yaml_syntax_error_names_its_line():
    plan = plan_import(read_yaml("code: X\nstandards: [\n  - code: 1\n"))
    assert not plan.ok
    assert plan.errors[0].startswith("line ")
    assert "not valid YAML" in plan.errors[0]


def test_an_indicator_code_of_another_framework_is_refused(shipped):
    AgencyFactory(short_name="IAAR")
    plan = plan_import(read_yaml(AGENCY_YAML.replace("code: IAAR-1.1", "code: S1.Ind1")))
    assert plan.errors == [
        "standards[0].criteria[0].indicators[0]: "
        "the indicator code S1.Ind1 belongs to another indicator"
    ]


def test_a_confirmed_import_creates_the_tree_and_a_second_one_changes_nothing(shipped):
    AgencyFactory(short_name="IAAR")
    plan = plan_import(read_yaml(AGENCY_YAML))
    assert plan.ok, plan.errors
    assert plan.counts == {"new": 9, "changed": 0, "unchanged": 0}
    assert not Framework.objects.filter(code="IAAR-PA-2024").exists()  # the dry run
    apply(plan)
    framework = Framework.objects.get(code="IAAR-PA-2024")
    assert framework.agency.short_name == "IAAR" and framework.year == 2024
    tree = [(c.code, c.depth, c.parent.code if c.parent else "") for c in framework.clauses.all()]
    assert tree == [("1", 1, ""), ("1.1", 2, "1"), ("1.1.1", 3, "1.1"), ("2", 1, "")]
    assert Indicator.objects.get(code="IAAR-1.1").clause.code == "1.1"
    assert Risk.objects.get(clause__code="1.1", clause__framework=framework).mitigation_en == (
        "Review it every year"
    )
    assert set(
        ClauseMapping.objects.filter(source__framework=framework).values_list(
            "source__code", "target__code"
        )
    ) == {("1", "1.1"), ("2", "1.2"), ("2", "1.9")}
    again = plan_import(read_yaml(AGENCY_YAML))
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 9}
    renamed = plan_import(read_yaml(AGENCY_YAML.replace("en: Programmes", "en: Curricula")))
    assert renamed.counts == {"new": 0, "changed": 1, "unchanged": 8}
    apply(renamed)
    assert framework.clauses.get(code="2").title_en == "Curricula"


# --- XLSX -------------------------------------------------------------------------------------


def workbook(sheets):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


CLAUSE_HEADER = ["code", "parent", "title_kk", "title_en", "maps_to"]


def agency_workbook(clauses):
    return workbook(
        {
            "framework": [
                ["code", "name_kk", "agency", "year"],
                ["ECAQA-2023", "Стандарттар", "", 2023],
            ],
            "clauses": [CLAUSE_HEADER, *clauses],
            "indicators": [
                ["code", "clause", "name_kk", "unit"],
                ["EC-1", "1.1", "Үлес", "percent"],
            ],
        }
    )


def test_an_xlsx_workbook_becomes_a_tree(shipped):
    content = agency_workbook(
        [
            ["1", "", "Миссия", "Mission", "ESG-2015 1.1"],
            ["2", "", "Бағдарлама", "Programme", "ESG-2015 1.2; ESG-2015 1.9"],
            ["1.1", "1", "Миссия жарияланған", "Mission published", ""],
        ]
    )
    plan = plan_import(read_xlsx(content))
    assert plan.ok, plan.errors
    apply(plan)
    framework = Framework.objects.get(code="ECAQA-2023")
    # Parts follow their standard, whatever the row order.
    assert [c.code for c in framework.clauses.all()] == ["1", "1.1", "2"]
    assert framework.clauses.get(code="1.1").depth == Level.CRITERION
    assert Indicator.objects.get(code="EC-1").clause.code == "1.1"
    assert ClauseMapping.objects.filter(source__framework=framework).count() == 3


def test_xlsx_problems_name_their_sheet_and_row(shipped):
    content = agency_workbook(
        [
            ["1", "", "Миссия", "Mission", ""],
            ["1", "", "Қайталау", "Repeat", ""],
            ["2", "9", "Жетім", "Orphan", ""],
            ["3", "", "", "No Kazakh title", ""],
        ]
    )
    plan = plan_import(read_xlsx(content))
    assert plan.errors == [
        "sheet clauses, row 5: column title_kk is empty",
        "sheet indicators, row 2: clause 1.1 is not on the sheet clauses",
        "sheet clauses, row 3: the code 1 is used twice (also at sheet clauses, row 2)",
        "sheet clauses, row 4: parent 9 not found",
    ]


def test_a_file_that_is_not_a_workbook():
    plan = plan_import(read_xlsx(b"PK\x03\x04 not really"))
    assert plan.errors == ["the file: not an XLSX workbook"]


# --- the import page ---------------------------------------------------------------------------


def upload(client, content, name="framework.yaml"):
    return client.post(
        reverse("accreditation:framework_import"),
        {
            "file": SimpleUploadedFile(
                name, content.encode() if isinstance(content, str) else content
            )
        },
    )


def test_the_page_previews_then_imports_on_confirmation(client, world, shipped):
    AgencyFactory(short_name="IAAR")
    client.force_login(world.users["qa_manager"])
    preview = upload(client, AGENCY_YAML)
    assert preview.status_code == 200
    assert preview.context["plan"].counts["new"] == 9
    assert b"Preview: nothing is imported until you confirm" in preview.content
    assert not Framework.objects.filter(code="IAAR-PA-2024").exists()
    token = preview.context["confirm_form"].initial["token"]
    # Another QA manager cannot confirm somebody else's upload.
    client.force_login(UserFactory(roles=[Role.QA_MANAGER]))
    refused = client.post(reverse("accreditation:framework_import"), {"token": token}, follow=True)
    assert b"no longer kept" in refused.content
    assert not Framework.objects.filter(code="IAAR-PA-2024").exists()
    client.force_login(world.users["qa_manager"])
    done = client.post(reverse("accreditation:framework_import"), {"token": token}, follow=True)
    assert done.redirect_chain[-1][0] == reverse(
        "accreditation:framework_detail", args=["IAAR-PA-2024"]
    )
    assert b"Imported: 9 new, 0 changed, 0 unchanged." in done.content
    assert Framework.objects.get(code="IAAR-PA-2024").clauses.count() == 4
    # The kept file is gone once imported.
    again = client.post(reverse("accreditation:framework_import"), {"token": token}, follow=True)
    assert b"no longer kept" in again.content


def test_the_page_lists_the_problems_and_offers_no_confirmation(client, world, shipped):
    client.force_login(world.users["qa_manager"])
    response = upload(client, AGENCY_YAML.replace('code: "2"', 'code: "1"'))
    assert response.context["confirm_form"] is None
    assert b"standards[1]: the code 1 is used twice (also at standards[0])" in response.content
    assert b"framework: agency IAAR not found" in response.content
    assert not Framework.objects.filter(code="IAAR-PA-2024").exists()


def test_the_page_refuses_other_file_types(client, world):
    client.force_login(world.users["qa_manager"])
    response = upload(client, "code,name", name="framework.csv")
    assert response.context["form"].errors["file"] == [
        "Use a file of one of these types: .yaml, .yml, .xlsx."
    ]


def test_the_framework_page_shows_the_tree_indicators_risks_and_crosswalk(client, world, shipped):
    client.force_login(world.users["teacher"])
    response = client.get(reverse("accreditation:framework_detail", args=["SIQAS"]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "S10. Cyclical external quality assurance" in text
    assert "Re-accreditation deadline missed" in text
    assert "S10.Ind9" in text
    esg = Clause.objects.get(framework__code="ESG-2015", code="1.10")
    assert f'href="/en/accreditation/frameworks/ESG-2015/#c{esg.pk}"' in text
    assert "Edit the crosswalk" not in text  # only the QA manager edits it
    # The ESG page lists the way back.
    esg_page = client.get(reverse("accreditation:framework_detail", args=["ESG-2015"]))
    assert "SIQAS S11" in esg_page.content.decode()
