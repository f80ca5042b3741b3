"""Indicators: on or off track by direction, values and targets entered or imported with a
dry run, trend charts, who reads which school's values, and values fed by survey results
that respect the campaign's minimum of respondents."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from accreditation import survey_feed
from accreditation.models import Direction, IndicatorTarget, IndicatorValue, Source, Unit
from accreditation.tracking import OFF_TRACK, ON_TRACK, track

from . import factories_results as fr
from . import factories_surveys as fs
from .factories_accreditation import (
    IndicatorFactory,
    IndicatorTargetFactory,
    IndicatorValueFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# --- on or off track --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "target", "direction", "expected"),
    [
        (85, 80, Direction.HIGHER, ON_TRACK),
        (80, 80, Direction.HIGHER, ON_TRACK),
        (79, 80, Direction.HIGHER, OFF_TRACK),
        (4, 5, Direction.LOWER, ON_TRACK),
        (5, 5, Direction.LOWER, ON_TRACK),
        (6, 5, Direction.LOWER, OFF_TRACK),
        (None, 5, Direction.LOWER, None),
        (6, None, Direction.HIGHER, None),
    ],
)
def test_a_year_is_on_track_when_the_value_reaches_the_target_in_its_direction(
    value, target, direction, expected
):
    assert track(value, target, direction) == expected


@pytest.mark.parametrize(
    ("unit", "value", "problem"),
    [
        (Unit.PERCENT, "100.5", "A percentage is between 0 and 100."),
        (Unit.YES_NO, "2", "Enter 1 for yes or 0 for no."),
        (Unit.COUNT, "1.5", "Enter a whole number, not below zero."),
        (Unit.RANK, "0", "A rank starts at 1."),
        (Unit.SCORE, "-3.5", ""),
    ],
)
def test_values_must_fit_the_unit(unit, value, problem):
    indicator = IndicatorFactory(unit=unit)
    assert indicator.value_problem(Decimal(value)) == problem
    stored = IndicatorValue(indicator=indicator, year=2025, value=Decimal(value))
    if problem:
        with pytest.raises(ValidationError):
            stored.full_clean()
    else:
        stored.full_clean()


# --- the indicator's pages --------------------------------------------------------------------


@pytest.fixture
def dropout(world):
    """A lower-is-better indicator: 2023 off track, 2024 on track; values for both schools."""
    indicator = IndicatorFactory(
        code="KPI-RET", name_en="Dropout rate", unit=Unit.PERCENT, direction=Direction.LOWER
    )
    for year, target, value in ((2023, 5, 7), (2024, 5, "4.5"), (2025, 4, None)):
        IndicatorTargetFactory(indicator=indicator, year=year, value=target)
        if value is not None:
            IndicatorValueFactory(indicator=indicator, year=year, value=value)
    IndicatorValueFactory(indicator=indicator, year=2024, school=world.school_a, value="3.5")
    IndicatorValueFactory(indicator=indicator, year=2024, school=world.school_b, value="9.25")
    return indicator


def page(client, user, indicator, scope=""):
    client.force_login(user)
    url = reverse("accreditation:indicator_detail", args=[indicator.pk])
    response = client.get(f"{url}?scope={scope}" if scope else url)
    assert response.status_code == 200
    return response


def test_the_indicator_page_charts_values_against_targets(client, world, dropout):
    response = page(client, world.users["teacher"], dropout)
    rows = {row.year: row for row in response.context["rows"]}
    assert rows[2023].status == OFF_TRACK and rows[2024].status == ON_TRACK
    assert rows[2025].status is None  # a target without a value is not judged
    chart = response.context["chart"]
    assert [point.value for point in chart.values.points] == [7.0, 4.5]
    assert [point.value for point in chart.target.points] == [5.0, 5.0, 4.0]
    text = response.content.decode()
    assert "<svg" in text and 'stroke-dasharray="5 4"' in text
    assert "off track" in text and "on track" in text
    assert "4.5 %" in text


def test_a_teacher_reads_the_university_a_dean_their_school_the_rector_all(client, world, dropout):
    seen = {}
    for role in ("teacher", "dean", "rector"):
        table = page(client, world.users[role], dropout).context["table"]
        seen[role] = [scope.label for scope, _numbers in table]
    assert seen == {
        "teacher": ["Whole university"],
        "dean": ["Whole university", "School of Law"],
        "rector": ["Whole university", "School of Economics", "School of Law"],
    }
    school_a = page(client, world.users["dean"], dropout, "school-LAW")
    assert [row.value for row in school_a.context["rows"]] == [None, Decimal("3.5"), None]
    client.force_login(world.users["dean"])
    url = reverse("accreditation:indicator_detail", args=[dropout.pk])
    assert client.get(f"{url}?scope=school-ECON").status_code == 403


def test_choosing_a_scope_with_htmx_swaps_only_the_chart(client, world, dropout):
    client.force_login(world.users["rector"])
    url = reverse("accreditation:indicator_detail", args=[dropout.pk])
    response = client.get(f"{url}?scope=school-ECON", headers={"HX-Request": "true"})
    text = response.content.decode()
    assert text.startswith('<section id="indicator-scope"')
    assert "School of Economics" in text and "9.25 %" in text and "<html" not in text


def test_the_list_shows_the_latest_value_its_status_and_a_sparkline(client, world, dropout):
    client.force_login(world.users["member"])
    response = client.get(reverse("accreditation:indicator_list"), {"q": "KPI-RET"})
    [indicator] = response.context["indicators"]
    assert indicator.latest.year == 2024 and indicator.latest.status == ON_TRACK
    assert indicator.sparkline.values.ticks == []  # a sparkline has no axis
    assert "<svg" in response.content.decode()


def test_the_qa_manager_enters_values_and_targets(client, world, dropout):
    client.force_login(world.users["qa_manager"])
    url = reverse("accreditation:indicator_values", args=[dropout.pk])
    form = client.get(url, {"scope": "school-LAW"}).context["form"]
    assert "value_2024" in form.fields and "target_2024" not in form.fields
    response = client.post(
        url, {"scope": "school-LAW", "value_2023": "6.5", "value_2024": "", "value_2025": "3"}
    )
    assert response.status_code == 302
    stored = IndicatorValue.objects.filter(indicator=dropout, school=world.school_a)
    assert dict(stored.values_list("year", "value")) == {2023: Decimal("6.5"), 2025: Decimal(3)}
    entered = stored.get(year=2025)
    assert entered.source == Source.ENTERED and entered.updated_by == world.users["qa_manager"]
    response = client.post(url, {"scope": "all", "target_2026": "3.5", "target_2023": ""})
    assert response.status_code == 302
    assert dict(IndicatorTarget.objects.filter(indicator=dropout).values_list("year", "value")) == {
        2024: 5,
        2025: 4,
        2026: Decimal("3.5"),
    }


def test_kazakh_numbers_have_a_decimal_comma(client, world, dropout):
    client.force_login(world.users["qa_manager"])
    with translation.override("kk"):
        values_url = reverse("accreditation:indicator_values", args=[dropout.pk])
        page_url = reverse("accreditation:indicator_detail", args=[dropout.pk])
    assert client.post(values_url, {"scope": "all", "value_2024": "3,25"}).status_code == 302
    assert IndicatorValue.objects.get(indicator=dropout, year=2024, school=None).value == Decimal(
        "3.25"
    )
    assert "3,25 %" in client.get(page_url).content.decode()


def test_a_value_outside_the_unit_is_refused_and_nothing_is_saved(client, world, dropout):
    client.force_login(world.users["qa_manager"])
    url = reverse("accreditation:indicator_values", args=[dropout.pk])
    response = client.post(url, {"scope": "all", "value_2023": "120", "target_2025": "2"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"value_2023": ["A percentage is between 0 and 100."]}
    assert IndicatorTarget.objects.get(indicator=dropout, year=2025).value == 4


# --- importing values -------------------------------------------------------------------------


def xlsx(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("values.xlsx", buffer.getvalue())


HEADER = ["indicator", "year", "school", "programme", "value"]


def test_the_import_dry_run_lists_every_bad_row_and_saves_nothing(client, world, dropout):
    fed = IndicatorFactory(code="KPI-SAT", unit=Unit.SCORE, survey_question=survey_question())
    client.force_login(world.users["qa_manager"])
    before = IndicatorValue.objects.count()
    upload = xlsx(
        [
            HEADER,
            ["KPI-RET", 2025, "", "", "4,2"],
            ["NOPE", 2025, "", "", 3],
            ["KPI-RET", 2025, "", "", 5],
            ["KPI-RET", 2026, "LAW", "6B04201", 5],
            ["KPI-RET", 2026, "", "", "many"],
            ["KPI-RET", 2026, "ECON", "", 140],
            ["KPI-SAT", 2026, "", "", 4],
        ]
    )
    response = client.post(reverse("accreditation:indicator_import"), {"file": upload})
    assert response.context["problems"] == [
        "row 3: indicator code NOPE not found",
        "row 4: this row repeats row 2 (the same indicator, year, school, programme)",
        "row 5: A value is for a school or for a programme, not for both at once.",
        "row 6: value must be a number, not many",
        "row 7: value: A percentage is between 0 and 100.",
        f"row 8: indicator {fed.code} takes its values from survey results",
    ]
    assert response.context["confirm_form"] is None
    assert IndicatorValue.objects.count() == before


def test_a_confirmed_import_stores_and_replaces_values(client, world, dropout):
    client.force_login(world.users["qa_manager"])
    upload = xlsx(
        [
            HEADER,
            ["KPI-RET", 2023, "", "", "6,8"],
            ["KPI-RET", 2025, "ECON", "", 8],
            ["KPI-RET", 2025, "", "6B04201", 2],
        ]
    )
    preview = client.post(reverse("accreditation:indicator_import"), {"file": upload})
    assert preview.context["problems"] == []
    assert [row.import_type for row in preview.context["result"].rows] == ["update", "new", "new"]
    assert IndicatorValue.objects.get(indicator=dropout, year=2023, school=None).value == 7
    token = preview.context["confirm_form"].initial["token"]
    response = client.post(reverse("accreditation:indicator_import"), {"token": token})
    assert response.status_code == 302
    replaced = IndicatorValue.objects.get(indicator=dropout, year=2023, school=None)
    assert replaced.value == Decimal("6.8") and replaced.source == Source.IMPORTED
    assert IndicatorValue.objects.get(programme=world.programme_a, year=2025).value == 2
    assert IndicatorValue.objects.get(school=world.school_b, year=2025).value == 8


# --- values from survey results ---------------------------------------------------------------


def survey_question():
    _version, questions = fs.sheet_of_every_kind()
    return questions["likert"]


def satisfaction_survey(world, school_b_respondents, publish=True):
    """Six students of School A's programme answer 5, 5, 4, 4, 3, 3 (mean 4); School B's
    answer 2. Returns (campaign, the indicator fed by the Likert question)."""
    version, questions = fs.sheet_of_every_kind()
    school_a = fr.students(world.programme_a, 6)
    school_b = fr.students(world.programme_b, school_b_respondents)
    campaign = fs.open_campaign(version=version)
    likert = ["5", "5", "4", "4", "3", "3"] + ["2"] * school_b_respondents
    fr.answer_all(campaign, school_a + school_b, questions, likert=likert)
    campaign = fr.finish(campaign, publish=publish)
    indicator = IndicatorFactory(unit=Unit.SCORE, survey_question=questions["likert"])
    return campaign, indicator


def stored(indicator):
    return {
        (value.school_id, value.programme_id): value.value
        for value in IndicatorValue.objects.filter(indicator=indicator)
    }


def test_survey_values_are_the_published_means_where_the_groups_reach_the_minimum(world):
    campaign, indicator = satisfaction_survey(world, school_b_respondents=5)
    done = survey_feed.refresh(indicator)
    assert (done.stored, done.hidden) == (5, 0)
    year = timezone.localtime(campaign.opens_at).year
    assert set(IndicatorValue.objects.values_list("year", flat=True)) == {year}
    assert stored(indicator) == {
        (None, None): Decimal("3.09"),  # (24 + 10) / 11
        (world.school_a.pk, None): Decimal("4.00"),
        (world.school_b.pk, None): Decimal("2.00"),
        (None, world.programme_a.pk): Decimal("4.00"),
        (None, world.programme_b.pk): Decimal("2.00"),
    }
    assert set(IndicatorValue.objects.values_list("source", flat=True)) == {Source.SURVEY}


def test_a_group_below_the_minimum_gets_no_value_nor_what_would_give_it_away(world):
    campaign, indicator = satisfaction_survey(world, school_b_respondents=3)
    year = timezone.localtime(campaign.opens_at).year
    # A value stored before for School B is removed: the results no longer show it.
    IndicatorValueFactory(indicator=indicator, year=year, school=world.school_b, value=2)
    done = survey_feed.refresh(indicator)
    # School B (3) is below 5; School A shown would give B away as the total minus A.
    assert stored(indicator) == {(None, None): Decimal("3.33")}  # (24 + 6) / 9
    assert done.hidden == 4


def test_unpublished_results_feed_nothing(world):
    _campaign, indicator = satisfaction_survey(world, school_b_respondents=5, publish=False)
    assert survey_feed.refresh(indicator).stored == 0
    assert not IndicatorValue.objects.filter(indicator=indicator).exists()


def test_the_qa_manager_updates_a_survey_indicator_from_its_page(client, world):
    _campaign, indicator = satisfaction_survey(world, school_b_respondents=3)
    client.force_login(world.users["qa_manager"])
    url = reverse("accreditation:indicator_refresh", args=[indicator.pk])
    response = client.post(url, follow=True)
    assert (
        "Values from survey results: 1 stored; 4 groups below the minimum of respondents have "
        "no value." in response.content.decode()
    )
    # Values of a survey indicator are not entered by hand: only its targets are.
    form = client.get(reverse("accreditation:indicator_values", args=[indicator.pk])).context[
        "form"
    ]
    assert all(name.startswith("target_") for name in form.fields)


def test_only_a_scale_or_number_question_feeds_an_indicator():
    _version, questions = fs.sheet_of_every_kind()
    indicator = IndicatorFactory(unit=Unit.SCORE, survey_question=questions["single"])
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert error.value.message_dict["survey_question"] == [
        "Choose a Likert-scale or number question: only those have a mean."
    ]


def test_the_qa_office_keeps_indicators_in_the_admin_site(client, world, dropout):
    url = reverse("admin:accreditation_indicator_change", args=[dropout.pk])
    client.force_login(world.users["qa_manager"])
    assert client.get(url).status_code == 200
    assert client.get(reverse("admin:accreditation_indicatorvalue_changelist")).status_code == 200
    client.force_login(world.users["rector"])
    assert client.get(url).status_code == 302  # not staff: sent to the admin's sign-in
