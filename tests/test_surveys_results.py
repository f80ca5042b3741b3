"""Survey results (issue 4): numbers from the counters, the minimum for the report and every
breakdown cell, who reads what, the review of free text, exports and improvement actions.

Every answer is given through ``surveys.submission.submit``; expected numbers are worked out
by hand from the answers each test gives.
"""

import datetime
import io
import math
import subprocess

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from governance.models import ImprovementAction
from surveys.models import AnswerCounter, Campaign, ReviewStatus, TextAnswer
from surveys.results import (
    BELOW_MINIMUM,
    BY_PROGRAMME,
    BY_SCHOOL,
    BY_SCHOOL_YEAR,
    BY_YEAR,
    TOTAL,
    WITH_THE_OTHERS,
    load_releases,
)

from . import factories as f
from . import factories_results as fr
from . import factories_surveys as fs
from .test_minutes import pdf_text

LIKERT = ["5", "4", "4", "3", "5", "2"]
HOURS = ["10", "12", "12", "20", "0", "6"]
SINGLE = ["1", "2", "2", None, "3", "2"]  # one person leaves it out
MULTIPLE = [["1"], ["1", "2"], ["3"], ["1", "3"], ["2"], ["1"]]


def url(name, *args):
    """The English page (the portal's default language is Kazakh)."""
    with translation.override("en"):
        return reverse(f"surveys:{name}", args=args)


def login(client, user):
    client.force_login(user)
    return client


def html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def six(world):
    """Seven students of programme A, year 3, asked; six answer, one does not. Published."""
    version, questions = fs.sheet_of_every_kind()
    people = fr.students(world.programme_a, 7, year=3)
    campaign = fs.open_campaign(
        version=version, audience_programme=world.programme_a, audience_year=3
    )
    fr.answer_all(
        campaign,
        people[:6],
        questions,
        likert=LIKERT,
        numeric=HOURS,
        single=SINGLE,
        multiple=MULTIPLE,
        text=[f"Comment {n}" for n in range(6)],
    )
    return fr.finish(campaign), questions


def report_of(client, user, campaign, scope="all"):
    return html(login(client, user).get(url("results_report", campaign.pk, scope)))


# --- The numbers -------------------------------------------------------------------------


def test_distribution_mean_deviation_and_rates_are_the_hand_computed_ones(client, world, six):
    from surveys.results import build_report
    from surveys.visibility import INSTITUTION, Scope

    campaign, questions = six
    releases = load_releases([campaign])
    report = build_report(campaign, Scope(INSTITUTION), world.users["qa_manager"], releases)
    assert (report.cell.invited, report.cell.respondents) == (7, 6)
    assert report.cell.rate == pytest.approx(6 / 7)
    results = {result.question.pk: result for result in report.questions}

    likert = results[questions["likert"].pk]
    assert {bar.value: bar.count for bar in likert.distribution.bars} == {
        1: 0,
        2: 1,
        3: 1,
        4: 2,
        5: 2,
    }
    # 5 + 4 + 4 + 3 + 5 + 2 = 23; squared deviations from 23/6 add up to 41/6, over n − 1 = 5.
    assert likert.distribution.mean == pytest.approx(23 / 6)
    assert likert.distribution.deviation == pytest.approx(math.sqrt(41 / 30))
    assert likert.rate == 1

    hours = results[questions["numeric"].pk].distribution
    # 10 + 12 + 12 + 20 + 0 + 6 = 60, mean 10; squares 0, 4, 4, 100, 100, 16 = 224, over 5.
    assert hours.mean == pytest.approx(10)
    assert hours.deviation == pytest.approx(math.sqrt(224 / 5))

    single = results[questions["single"].pk]
    assert (single.answered, single.rate) == (5, pytest.approx(5 / 6))
    assert [(bar.count, bar.share) for bar in single.distribution.bars] == [
        (1, pytest.approx(1 / 5)),
        (3, pytest.approx(3 / 5)),
        (1, pytest.approx(1 / 5)),
    ]
    assert single.distribution.mean is None  # choices have no mean

    multiple = results[questions["multiple"].pk]
    # Shares of the six who answered: slides 4, textbook 2, videos 2 (more than 100 % in all).
    assert [(bar.count, bar.share) for bar in multiple.distribution.bars] == [
        (4, pytest.approx(4 / 6)),
        (2, pytest.approx(2 / 6)),
        (2, pytest.approx(2 / 6)),
    ]
    # Nothing was reviewed yet: no comment is shown.
    assert results[questions["text"].pk].texts == []

    page = report_of(client, world.users["qa_manager"], campaign)
    assert "3.83" in page and "1.17" in page  # mean and deviation, as the page prints them
    assert "<svg" in page and "<script" not in page.split("</header>")[1]


def test_a_report_below_the_minimum_is_hidden_and_says_why(client, world):
    version, questions = fs.sheet_of_every_kind()
    people = fr.students(world.programme_a, 6)
    campaign = fs.open_campaign(version=version, audience_programme=world.programme_a)
    fr.answer_all(campaign, people[:4], questions, likert=["5", "5", "1", "1"])
    campaign = fr.finish(campaign)
    page = report_of(client, world.users["qa_manager"], campaign)
    assert "Hidden: fewer than 5 people answered." in page
    assert "<svg" not in page and "Clear goals" not in page
    response = login(client, world.users["qa_manager"]).get(url("results_xlsx", campaign.pk, "all"))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Summary"]
    values = [cell for row in workbook["Summary"].iter_rows(values_only=True) for cell in row]
    assert "Hidden: fewer than 5 people answered." in values
    assert 4 not in values  # not even the number of respondents


@pytest.fixture
def groups(world):
    """Students of programme A1 (year 2: 6, year 3: 5, both answer), a second programme A2
    of school A (4 answer) and programme B of school B (2 answer). Published."""
    programme_a2 = f.ProgrammeFactory(code="6B04202", school=world.school_a, name_en="Law 2")
    version, questions = fs.sheet_of_every_kind()
    year2 = fr.students(world.programme_a, 6)
    year3 = fr.students(world.programme_a, 5, year=3)
    second = fr.students(programme_a2, 4)
    school_b = fr.students(world.programme_b, 2)
    campaign = fs.open_campaign(version=version)
    fr.answer_all(campaign, year2 + year3 + second + school_b, questions)
    return fr.finish(campaign), programme_a2


def test_breakdown_cells_below_the_minimum_are_hidden_and_so_is_what_would_give_them_away(
    client, world, groups
):
    campaign, programme_a2 = groups
    release = load_releases([campaign])[campaign.pk]
    assert release.cell(TOTAL).people == 17 and release.cell(TOTAL).shown
    # School B's 2 are below 5; school A shown alone would give them away as total − A.
    assert release.cell(BY_SCHOOL, world.school_b.pk).hidden == BELOW_MINIMUM
    assert release.cell(BY_SCHOOL, world.school_a.pk).hidden == WITH_THE_OTHERS
    # Programmes: A2 (4) and B (2) are below; together they are 6, so A1 (11) may show.
    assert release.cell(BY_PROGRAMME, programme_a2.pk).hidden == BELOW_MINIMUM
    assert release.cell(BY_PROGRAMME, world.programme_b.pk).hidden == BELOW_MINIMUM
    assert release.cell(BY_PROGRAMME, world.programme_a.pk).shown
    # Year 3 (5, all of A1) shows, and year 2 (12).
    assert release.cell(BY_YEAR, 3).shown and release.cell(BY_YEAR, 2).shown
    # Year 2 minus school A's year 2 would be school B's 2: school A's year 2 is hidden too.
    assert release.cell(BY_SCHOOL_YEAR, (world.school_a.pk, 2)).hidden == WITH_THE_OTHERS
    assert release.cell(BY_SCHOOL_YEAR, (world.school_a.pk, 3)).shown
    # Every shown cell minus the shown cells of a breakdown inside it leaves 0 or at least 5.
    for outer in release.cells.values():
        if not outer.shown:
            continue
        for family in release.cell_of:
            inside = [
                c
                for c in release.cells.values()
                if c.family == family and c.shown and c is not outer
                if c.target_ids <= outer.target_ids
            ]
            rest = outer.target_ids - set().union(*(c.target_ids for c in inside))
            people = sum(release.targets[pk].respondents for pk in rest)
            assert people == 0 or people >= 5, (outer.label, family)

    page = report_of(client, world.users["qa_manager"], campaign)
    assert "Hidden: fewer than 5 people answered." in page
    assert "Hidden as well, so that a smaller group cannot be worked out from the rest." in page


def test_the_exports_hide_breakdown_cells_below_the_minimum(client, world, groups, tmp_path):
    campaign, programme_a2 = groups
    qa = login(client, world.users["qa_manager"])
    response = qa.get(url("results_xlsx", campaign.pk, "all"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = {row[0]: row for row in workbook["By educational programme"].iter_rows(values_only=True)}
    assert rows[str(world.programme_b)][1:] == ("Hidden: fewer than 5 people answered.",) + (
        None,
    ) * (len(rows[str(world.programme_b)]) - 2)
    assert rows[str(programme_a2)][1] == "Hidden: fewer than 5 people answered."
    # World's own student of programme A was asked too and did not answer.
    assert rows[str(world.programme_a)][1:4] == (11, 12, pytest.approx(11 / 12))
    pdf = qa.get(url("results_pdf", campaign.pk, "all")).content
    text = pdf_text(pdf, tmp_path)
    assert "Hidden: fewer than 5 people answered." in text
    assert "Hidden as well, so that a smaller group cannot be worked out from the rest." in text


# --- Exports -----------------------------------------------------------------------------


def test_xlsx_cells_are_the_database_figures(client, world, six):
    campaign, questions = six
    response = login(client, world.users["qa_manager"]).get(url("results_xlsx", campaign.pk, "all"))
    assert ".xlsx" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(values_only=True)}
    assert (summary["Invited"], summary["Respondents"]) == (7, 6)
    assert summary["Response rate"] == pytest.approx(6 / 7)
    rows = {row[1]: row for row in workbook["Questions"].iter_rows(values_only=True)}
    counts = dict(
        AnswerCounter.objects.filter(question=questions["likert"]).values_list("value", "count")
    )
    n = sum(counts.values())
    mean = sum(v * c for v, c in counts.items()) / n
    sd = math.sqrt(sum(c * (v - mean) ** 2 for v, c in counts.items()) / (n - 1))
    _number, _text, _line, answered, respondents, rate, got_mean, got_sd = rows["Clear goals"]
    assert (answered, respondents, rate) == (6, 6, 1)
    assert (got_mean, got_sd) == (pytest.approx(mean), pytest.approx(sd))
    shares = {
        row[3]: (row[4], row[5])
        for row in workbook["Distribution"].iter_rows(values_only=True)
        if row[1] == "Preferred format"
    }
    assert shares == {
        "Offline": (1, pytest.approx(0.2)),
        "Online": (3, pytest.approx(0.6)),
        "Blended": (1, pytest.approx(0.2)),
    }


def test_the_pdf_is_a4_with_kazakh_letters_page_numbers_and_the_figures(
    client, world, six, tmp_path
):
    campaign, _questions = six
    Campaign.objects.filter(pk=campaign.pk).update(title_en="", title_kk="ӘәҒғҚқҢңӨөҰұҮүҺһІі")
    with translation.override("en"):
        response = login(client, world.users["qa_manager"]).get(
            url("results_pdf", campaign.pk, "all")
        )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "ӘәҒғҚқҢңӨөҰұҮүҺһІі" in text
    assert "page 1 of" in text
    assert "Clear goals" in text and "3.83" in text and "1.17" in text
    source = tmp_path / "results.pdf"
    source.write_bytes(response.content)
    fonts = subprocess.run(["pdffonts", str(source)], capture_output=True, check=True).stdout
    names = [line.split()[0] for line in fonts.decode().splitlines()[2:]]
    assert names and all("Noto-Sans" in name for name in names), names
    info = subprocess.run(["pdfinfo", str(source)], capture_output=True, check=True).stdout
    assert b"595.276 x 841.89 pts (A4)" in info


# --- Who sees what -----------------------------------------------------------------------


@pytest.fixture
def evaluation(world):
    """World's course evaluation: course A (world's teacher, school A) and course B (school
    B), six students each; closed, not yet published."""
    return fr.course_evaluation_answered(world, publish=False)


def _scopes(campaign, world):
    targets = {t.course_id: t for t in campaign.targets.all()}
    return {
        "a": f"course-{targets[world.course_a.pk].pk}",
        "b": f"course-{targets[world.course_b.pk].pk}",
    }


def test_each_reader_sees_only_their_own_part(client, world):
    campaign, _questions = fr.course_evaluation_answered(world)
    scopes = _scopes(campaign, world)
    users = world.users

    def status(role, scope):
        login(client, users[role])
        return client.get(url("results_report", campaign.pk, scope)).status_code

    # The teacher: their own course only.
    assert status("teacher", scopes["a"]) == 200
    assert status("teacher", scopes["b"]) == 403
    assert status("teacher", "school-LAW") == 403
    assert status("teacher", "all") == 403
    # School A's committee and dean: school A and its courses, never school B.
    for role in ("member", "dean"):
        assert status(role, "school-LAW") == 200
        assert status(role, scopes["a"]) == 200
        assert status(role, "school-ECON") == 403
        assert status(role, scopes["b"]) == 403
        assert status(role, "all") == 403
    # The council and the QA office: the university, by school — not course by course.
    for role in ("rector", "qa_manager"):
        assert status(role, "all") == 200
        assert status(role, scopes["a"]) == 403
    page = report_of(client, users["rector"], campaign)
    assert "By school" in page and "By course and teacher" not in page
    page = report_of(client, users["member"], campaign, "school-LAW")
    assert "By course and teacher" in page and str(world.course_b.title) not in page
    # The index lists what each may open.
    index = html(login(client, users["teacher"]).get(url("results_index")))
    assert scopes["a"] in index and scopes["b"] not in index and "school-LAW" not in index
    assert "My course results" in index  # the teacher's menu entry


def test_results_wait_for_publishing_except_for_the_qa_office(client, world, evaluation):
    campaign, _questions = evaluation
    scopes = _scopes(campaign, world)
    login(client, world.users["teacher"])
    page = url("results_report", campaign.pk, scopes["a"])
    assert client.get(page).status_code == 403
    assert report_of(client, world.users["qa_manager"], campaign)
    publish = url("results_publish", campaign.pk)
    assert login(client, world.users["teacher"]).post(publish).status_code == 403
    assert login(client, world.users["qa_manager"]).post(publish).status_code == 302
    campaign.refresh_from_db()
    assert campaign.state == "published"
    assert login(client, world.users["teacher"]).get(page).status_code == 200


def test_the_query_count_does_not_grow_with_the_responses(client, world):
    login(client, world.users["qa_manager"])

    def count(respondents):
        version, questions = fs.sheet_of_every_kind()
        people = fr.students(world.programme_a, respondents)
        campaign = fs.open_campaign(version=version, audience_programme=world.programme_a)
        fr.answer_all(campaign, people, questions)
        campaign = fr.finish(campaign)
        page = url("results_report", campaign.pk, "all")
        client.get(page)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page).status_code == 200
        return len(queries)

    assert count(5) == count(40)


# --- Free text: the QA office's review ----------------------------------------------------


def test_review_decisions_decide_who_reads_each_comment(client, world, evaluation):
    campaign, _questions = evaluation
    target = campaign.targets.get(course=world.course_a)
    code = world.course_a.code
    answers = {a.text: a for a in TextAnswer.objects.filter(target=target)}
    decisions = {
        f"{code} comment 0": ReviewStatus.PUBLISHED,
        f"{code} comment 1": ReviewStatus.TEACHER_ONLY,
        f"{code} comment 2": ReviewStatus.HIDDEN,
    }  # comments 3 to 5 stay undecided
    queue = html(login(client, world.users["qa_manager"]).get(url("results_review", campaign.pk)))
    assert f"{code} comment 4" in queue
    for text, decision in decisions.items():
        decide = url("results_review_decide", campaign.pk, answers[text].pk)
        assert (
            login(client, world.users["teacher"]).post(decide, {"review": decision}).status_code
            == 403
        )
        assert (
            login(client, world.users["qa_manager"]).post(decide, {"review": decision}).status_code
            == 302
        )
    assert dict(TextAnswer.objects.filter(target=target).values_list("text", "review")) == {
        **dict.fromkeys(answers, ReviewStatus.PENDING),
        **decisions,
    }
    # htmx swaps the answer's line and keeps the decision ticked.
    fragment = client.post(
        url("results_review_decide", campaign.pk, answers[f"{code} comment 0"].pk),
        {"review": ReviewStatus.PUBLISHED},
        HTTP_HX_REQUEST="true",
    )
    assert fragment.status_code == 200 and fragment.content.decode().startswith("<li")
    assert 'value="published" checked' in fragment.content.decode()
    client.post(url("results_publish", campaign.pk))
    course = f"course-{target.pk}"

    def comments(role, scope):
        page = report_of(client, world.users[role], campaign, scope)
        return {text for text in answers if text in page}

    assert comments("teacher", course) == {f"{code} comment 0", f"{code} comment 1"}
    assert comments("member", course) == {f"{code} comment 0"}
    assert comments("member", "school-LAW") == {f"{code} comment 0"}
    assert comments("qa_manager", "all") == {f"{code} comment 0"}
    response = login(client, world.users["teacher"]).get(url("results_xlsx", campaign.pk, course))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Comments"]
    assert {row[2] for row in sheet.iter_rows(min_row=2, values_only=True)} == {
        f"{code} comment 0",
        f"{code} comment 1",
    }


def test_only_a_teachers_course_has_comments_for_the_teacher_alone(client, world, six):
    campaign, _questions = six
    answer = TextAnswer.objects.filter(target__campaign=campaign).first()
    login(client, world.users["qa_manager"])
    queue = html(client.get(url("results_review", campaign.pk)))
    assert 'value="teacher_only"' not in queue and 'value="hidden"' in queue
    client.post(url("results_review_decide", campaign.pk, answer.pk), {"review": "teacher_only"})
    answer.refresh_from_db()
    assert answer.review == ReviewStatus.PENDING


def test_nothing_is_reviewed_below_the_minimum(client, world):
    version, questions = fs.sheet_of_every_kind()
    people = fr.students(world.programme_a, 3, year=4)
    campaign = fs.open_campaign(
        version=version, audience_programme=world.programme_a, audience_year=4
    )
    fr.answer_all(campaign, people, questions, text=["Secret one", "Secret two", "Secret three"])
    campaign = fr.finish(campaign, publish=False)
    queue = html(login(client, world.users["qa_manager"]).get(url("results_review", campaign.pk)))
    assert "Secret" not in queue and "Nothing to review" in queue


# --- Closing the loop ----------------------------------------------------------------------


def test_a_committee_closes_the_loop_and_respondents_see_it(client, world):
    campaign, _questions = fr.course_evaluation_answered(world)
    due = (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
    form = url("results_action", campaign.pk, "school-LAW")
    assert login(client, world.users["member"]).get(form).status_code == 403
    chair = login(client, world.users["chair"])
    assert chair.get(form).status_code == 200
    data = {
        "title": "Peer observation of classes",
        "description": "After the course evaluation",
        "owner_email": world.users["teacher"].email,
        "school": world.school_a.pk,
        "due_date": due,
    }
    # A committee raises actions for its own school only.
    refused = chair.post(form, {**data, "school": world.school_b.pk})
    assert refused.status_code == 200 and not ImprovementAction.objects.exists()
    assert chair.post(form, data).status_code == 302
    action = ImprovementAction.objects.get()
    assert (action.source, action.source_object, action.school) == (
        "survey",
        campaign,
        world.school_a,
    )
    everyone = url("results_action", campaign.pk, "all")
    qa = login(client, world.users["qa_manager"])
    assert (
        qa.post(everyone, {**data, "title": "New library hours", "school": ""}).status_code == 302
    )

    # World's student (course A) reads both from "My surveys"; a student of school B only the
    # university's own.
    student = login(client, world.users["student"])
    mine = html(student.get(url("mine")))
    assert url("results_changes", campaign.pk) in mine
    changes = html(student.get(url("results_changes", campaign.pk)))
    assert "Peer observation of classes" in changes and "New library hours" in changes
    assert "Planned" in changes
    other = campaign.targets.get(course=world.course_b).invitations.first().user
    changes = html(login(client, other).get(url("results_changes", campaign.pk)))
    assert "New library hours" in changes and "Peer observation of classes" not in changes
    # The report shows them too.
    page = report_of(client, world.users["member"], campaign, "school-LAW")
    assert "What we changed" in page and "Peer observation of classes" in page


# --- Year on year ----------------------------------------------------------------------------


def test_the_trend_follows_the_same_questionnaire_across_campaigns(client, world):
    from surveys.models import Question
    from surveys.versions import new_version

    version, questions = fs.sheet_of_every_kind()

    def run(version, questions, likert, years_ago):
        people = fr.students(world.programme_a, len(likert), year=4)
        campaign = fs.open_campaign(
            version=version, audience_programme=world.programme_a, audience_year=4
        )
        fr.answer_all(campaign, people, questions, likert=likert)
        campaign = fr.finish(campaign)
        if years_ago:
            start = timezone.now() - datetime.timedelta(days=365 * years_ago)
            Campaign.objects.filter(pk=campaign.pk).update(
                opens_at=start, closes_at=start + datetime.timedelta(days=14)
            )
        return campaign

    run(version, questions, ["2"] * 5, years_ago=2)
    run(version, questions, ["3"] * 3, years_ago=1)  # below the minimum: a gap
    # Editing the questionnaire made a new version; the same wording is the same question.
    copy = new_version(version)
    by_text = {q.text_en: q for q in Question.objects.filter(section__version=copy)}
    copied = {kind: by_text[q.text_en] for kind, q in questions.items()}
    current = run(copy, copied, ["4", "5", "4", "5", "4", "5"], years_ago=0)
    other, other_questions = fs.sheet_of_every_kind()
    run(other, other_questions, ["1"] * 5, years_ago=1)  # another questionnaire: not in it

    page = report_of(client, world.users["qa_manager"], current)
    trend = page.split("Year-on-year trend")[1]
    row = trend.split("Clear goals")[1].split("</tr>")[0]
    assert [cell.split(">")[-1] for cell in row.split("</td>")[:3]] == ["2.00", "—", "4.50"]
    now = timezone.localtime()
    years = [str((now - datetime.timedelta(days=365 * n)).year) for n in (2, 1)]
    assert all(year in trend for year in years)
