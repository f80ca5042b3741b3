"""The annual QA report (issue 7): numbers in the PDF's text equal the database's, a school's
report shows nothing of another school, small survey groups stay hidden, Kazakh pages say
"бет N / M" and keep every Kazakh letter, progress rises, a dean asks for their own school,
and the queries do not grow with the data."""

import datetime
import io
import re
import subprocess

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from documents.models import CheckUnit, Cycle, CycleStage, EditionStatus, Stage, UnitKind
from governance.models import Institution
from governance.models.decisions import ActionStatus
from qa_portal.reports import annual

from . import factories as f
from . import factories_dashboard as fd
from . import factories_documents as fdoc
from . import factories_results as fr
from . import factories_surveys as fs
from .factories_accreditation import AgencyFactory, IndicatorTargetFactory, IndicatorValueFactory
from .factories_accreditation_register import AccreditationFactory
from .test_minutes import pdf_text

LIKERT = ["5", "4", "4", "3", "5", "2"]  # mean 23 / 6 = 3.83
KAZAKH_LETTERS = "әғқңөұүһі"
OTHER = "Quokkaborough"  # in every record of school B


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def this_year(world):
    """World's academic year, moved to the one under way (the surveys open now)."""
    today = timezone.localdate()
    start = datetime.date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    year = world.term.academic_year
    year.name = "Year under review"
    year.start_date = start
    year.end_date = start.replace(year=start.year + 1) - datetime.timedelta(days=1)
    year.save()
    return year


def published(programme, likert, year=3):
    version, questions = fs.sheet_of_every_kind()
    people = fr.students(programme, len(likert), year=year)
    campaign = fs.open_campaign(
        version=version, audience_programme=programme, audience_year=year, title_en="Satisfaction"
    )
    fr.answer_all(campaign, people, questions, likert=likert)
    return fr.finish(campaign)


def pdca_cycle(mechanism, period, start, findings, units, by):
    cycle = Cycle.objects.create(mechanism=mechanism, period=period, created_by=by)
    for stage in (Stage.PLAN, Stage.DO, Stage.CHECK, Stage.ACT):
        CycleStage.objects.create(
            cycle=cycle,
            stage=stage,
            planned_start=start,
            note=findings if stage == Stage.CHECK else "",
        )
    for kind, unit in units:
        CheckUnit.objects.create(cycle=cycle, kind=kind, added_by=by, **unit)
    return cycle


def populate(world, year, size=1, tag=""):
    """Records of both schools and of the university in ``year``; ``size`` multiplies the
    decisions, actions, documents, cycles, indicators and programmes (``tag`` tells apart
    those of a second call)."""
    qa = world.users["qa_manager"]
    day = year.start_date + datetime.timedelta(days=30)
    committee_b = f.BodyFactory(
        kind="school_committee", school=world.school_b, name_en=f"{OTHER} Committee"
    )
    mechanism = fdoc.MechanismFactory(name_en="Student survey")
    mechanism_b = fdoc.MechanismFactory(name_en=f"{OTHER} survey")
    mechanism_b.schools.add(world.school_b)
    agency = AgencyFactory(short_name="IAAR")
    for n in (f"{tag}{number}" for number in range(size)):
        fd.decision(world.council, f"C{n}", date=day, text=f"Council decision {n}")
        fd.decision(world.committee, f"L{n}", date=day, text=f"Law decision {n} {KAZAKH_LETTERS}")
        fd.decision(committee_b, f"B{n}", date=day, text=f"{OTHER} decision {n}")
        fd.action(qa, world.school_a, due=day, status=ActionStatus.PLANNED, title=f"Late law {n}")
        fd.action(qa, world.school_a, due=year.end_date, status=ActionStatus.IN_PROGRESS)
        fd.action(qa, world.school_a, due=day, status=ActionStatus.VERIFIED)
        fd.action(qa, None, due=year.end_date, status=ActionStatus.DONE)
        fd.action(qa, world.school_b, due=day, title=f"{OTHER} action {n}")
        fdoc.EditionFactory(
            document__title_en=f"Assessment policy {n}",
            document__owner_body=world.council,
            status=EditionStatus.PUBLISHED,
            published_on=day,
        )
        fdoc.EditionFactory(
            document__title_en=f"{OTHER} regulation {n}",
            document__owner_body=committee_b,
            status=EditionStatus.PUBLISHED,
            published_on=day,
        )
        pdca_cycle(
            mechanism,
            f"{year.name} {n}",
            year.start_date,
            "Mentoring gaps found",
            [(UnitKind.QA_OFFICE, {}), (UnitKind.SCHOOL, {"school": world.school_b})],
            qa,
        )
        pdca_cycle(
            mechanism_b,
            f"{year.name} {n}",
            year.start_date,
            f"{OTHER} findings",
            [(UnitKind.QA_OFFICE, {})],
            qa,
        )
        target = IndicatorTargetFactory(year=year.start_date.year, value=80)
        IndicatorValueFactory(indicator=target.indicator, year=year.start_date.year, value=85)
        IndicatorValueFactory(
            indicator=target.indicator, year=year.start_date.year, value=60, school=world.school_a
        )
        AccreditationFactory(
            programme=f.ProgrammeFactory(school=world.school_a, name_en=f"Law {n}"),
            agency=agency,
            decision_date=year.start_date,
        )
        AccreditationFactory(
            programme=f.ProgrammeFactory(school=world.school_b, name_en=f"{OTHER} studies {n}"),
            agency=agency,
            decision_date=year.start_date,
        )
    published(world.programme_a, LIKERT)
    published(world.programme_b, ["1", "1"])  # under the minimum of five


@pytest.fixture
def year(world):
    year = this_year(world)
    world.programme_b.name_en = f"{OTHER} economics"
    world.programme_b.save()
    populate(world, year)
    return year


def params(year, school=None, language="en"):
    return {
        "academic_year": year.pk,
        "school": school.pk if school else None,
        "language": language,
    }


def build(parameters, calls=None):
    calls = [] if calls is None else calls
    return annual.build(parameters, lambda percent, stage: calls.append((percent, stage)))


def figure(text, label):
    """The number printed after ``label`` in the summary table."""
    found = re.search(re.escape(label) + r": (\d+)", text)
    assert found, label
    return int(found.group(1))


def test_the_university_report_prints_the_database_figures(world, year, tmp_path):
    text = pdf_text(build(params(year)), tmp_path)
    assert "Annual QA report" in text and "Year under review" in text
    assert "TEST UNIVERSITY" in text  # the institution's header, in capitals
    assert figure(text, "Governance decisions") == 1  # the council's, not the committees'
    assert "Council decision 0" in text and "Law decision 0" not in text
    assert figure(text, "Improvement actions") == 5
    assert figure(text, "Improvement actions overdue") == 2
    for label, count in (("Planned", 2), ("In progress", 1), ("Done", 1), ("Verified", 1)):
        assert f"{label} {count}" in text
    assert "Late law 0" in text
    # Survey: six respondents, mean 3.83 in the university; school B's two are hidden.
    assert "Respondents in the results shown: 6" in text
    assert "Mean satisfaction (1–5): 3.83" in text
    assert "6 6 100 % 3.83" in text  # respondents, invited, rate, mean of the campaign
    assert "Hidden: fewer than 5 people answered." in text
    # Accreditation: every programme with its agency; indicators against targets.
    assert "Law 0" in text and "IAAR" in text
    assert "Programmes with accreditation in force: 2 / 4" in text
    assert "Indicators on track: 1 / 1" in text and "on track" in text
    assert "Mentoring gaps found" in text


def test_a_school_report_shows_nothing_of_another_school(world, year, tmp_path):
    text = pdf_text(build(params(year, world.school_a)), tmp_path)
    assert "School of Law" in text
    assert "Law decision 0" in text and "Council decision 0" not in text
    assert figure(text, "Governance decisions") == 1
    assert figure(text, "Improvement actions") == 3
    assert "Assessment policy 0" in text  # the university's documents apply to every school
    assert "Mentoring gaps found" in text and "QA office" in text
    # The school's own value (60) against the target (80), not the university's (85).
    assert "Indicators on track: 0 / 1" in text and "off track" in text
    assert OTHER not in text
    assert "School of Economics" not in text


def test_a_kazakh_report_numbers_pages_and_keeps_every_kazakh_letter(world, year, tmp_path):
    text = pdf_text(build(params(year, world.school_a, language="kk")), tmp_path)
    pages = re.findall(r"бет (\d+) / (\d+)", text)
    assert pages and pages[0] == ("1", pages[0][1])
    total = int(pages[0][1])
    assert {int(n) for n, _m in pages} == set(range(1, total + 1))
    assert KAZAKH_LETTERS in text
    assert "Құқық мектебі" in text


def test_the_uploaded_logo_is_on_the_cover(world, year, settings, tmp_path):
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    png = io.BytesIO()
    Image.new("RGB", (64, 48), "#0b5394").save(png, format="PNG")
    institution = Institution.current()
    institution.logo.save("crest.png", ContentFile(png.getvalue()))
    source = tmp_path / "report.pdf"
    source.write_bytes(build(params(year)))
    listing = subprocess.run(
        ["pdfimages", "-list", str(source)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert [line.split()[3:5] for line in listing] == [["64", "48"]]  # width, height


def test_progress_rises_through_every_section(world, year):
    calls = []
    build(params(year), calls)
    percents = [percent for percent, _stage in calls]
    assert len(calls) >= 6
    assert percents == sorted(percents) and len(set(percents)) == len(percents)
    assert percents[-1] == 100
    assert "Survey results" in [stage for _percent, stage in calls]


def test_a_dean_is_offered_only_their_school_and_may_ask_only_for_it(world):
    year = this_year(world)
    dean = world.users["dean"]
    form = annual.AnnualReportForm(dean)
    assert list(form.fields["school"].queryset) == [world.school_a]
    assert form.fields["school"].required
    form = annual.AnnualReportForm(
        dean, data={"academic_year": year.pk, "school": world.school_b.pk, "language": "kk"}
    )
    assert not form.is_valid() and "school" in form.errors
    form = annual.AnnualReportForm(dean, data={"academic_year": year.pk, "language": "kk"})
    assert not form.is_valid()
    form = annual.AnnualReportForm(
        dean, data={"academic_year": year.pk, "school": world.school_a.pk, "language": "ru"}
    )
    assert form.is_valid()
    assert form.parameters() == params(year, world.school_a, "ru")
    assert annual.can_request(dean, params(year, world.school_a))
    assert not annual.can_request(dean, params(year, world.school_b))
    assert not annual.can_request(dean, params(year))
    assert not annual.can_request(world.users["teacher"], params(year, world.school_a))


def test_the_rector_may_ask_for_the_university_in_any_language(world):
    year = this_year(world)
    rector = world.users["rector"]
    form = annual.AnnualReportForm(rector, data={"academic_year": year.pk, "language": "kk"})
    assert form.is_valid(), form.errors
    assert form.parameters() == params(year, language="kk")
    assert annual.can_request(rector, params(year)) and annual.can_request(
        world.users["qa_manager"], params(year, world.school_b)
    )
    assert annual.title(params(year, world.school_a)) == (
        "Annual QA report Year under review — School of Law"
    )
    assert annual.school_of(params(year, world.school_b)) == world.school_b


def test_the_queries_do_not_grow_with_the_data(world):
    year = this_year(world)
    populate(world, year, size=1)
    with CaptureQueriesContext(connection) as small:
        build(params(year))
    populate(world, year, size=3, tag="more")
    with CaptureQueriesContext(connection) as large:
        build(params(year))
    assert len(large) == len(small)
