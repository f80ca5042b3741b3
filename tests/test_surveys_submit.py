"""Answering surveys: audiences, checks per question, one submission per person (also under
20 parallel requests on PostgreSQL), one-time links, the pages and the admin."""

import datetime
import hashlib
import re
import threading

import pytest
from django.contrib import admin
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from governance.roles import Role
from surveys import lifecycle
from surveys.audience import issue_token
from surveys.models import (
    AnswerCounter,
    AnsweredCounter,
    Campaign,
    Invitation,
    Question,
    Receipt,
    Target,
    TextAnswer,
)
from surveys.models.questionnaires import VersionLocked
from surveys.submission import (
    AlreadyAnswered,
    InvalidAnswers,
    LinkExpired,
    SurveyClosed,
    submit,
)
from surveys.versions import new_version

from . import factories as f
from . import factories_surveys as fs
from .services import need_postgres


@pytest.fixture(autouse=True)
def english():
    """URLs are built under /en/ and messages compared in English."""
    with translation.override("en"):
        yield


def counts(target, question, item=None):
    rows = AnswerCounter.objects.filter(target=target, question=question, item=item)
    return dict(rows.values_list("value", "count"))


def answered(target, question):
    return AnsweredCounter.objects.get(target=target, question=question).count


def student_target(world, **kwargs):
    campaign = fs.course_evaluation(world, **kwargs)
    return campaign.targets.get(course=world.course_a)


# --- audiences -------------------------------------------------------------------------------


def test_course_evaluation_invites_each_student_per_course_and_teacher(world):
    second_teacher = f.teacher(world.school_a)
    world.course_a.teachers.add(second_teacher)
    other = f.student(programme=world.programme_a)
    f.EnrolmentFactory(student=other, course=world.course_a, term=world.term)
    f.EnrolmentFactory(student=other, course=world.course_b, term=world.term)
    spring = f.TermFactory(
        kind="spring",
        start_date=datetime.date(2027, 2, 1),
        last_teaching_day=datetime.date(2027, 5, 20),
        end_date=datetime.date(2027, 6, 15),
    )
    f.EnrolmentFactory(student=world.users["student"], course=world.course_b, term=spring)

    campaign = fs.course_evaluation(world)

    targets = {(t.course.code, t.teacher): t for t in campaign.targets.select_related("course")}
    assert set(targets) == {
        ("LAW101", world.users["teacher"]),
        ("LAW101", second_teacher),
        ("ECO101", None),  # no teacher in the register: the course is still evaluated
    }
    invited = {
        key: set(target.invitations.values_list("user__email", flat=True))
        for key, target in targets.items()
    }
    both = {"student@uni.example.kz", other.email}
    assert invited[("LAW101", world.users["teacher"])] == both
    assert invited[("LAW101", second_teacher)] == both
    assert invited[("ECO101", None)] == {other.email}  # spring enrolments do not count
    assert Invitation.objects.filter(target__campaign=campaign).count() == 5


def test_counters_exist_for_every_value_before_anyone_answers(world):
    version, questions = fs.sheet_of_every_kind()
    target = student_target(world, version=version)
    assert counts(target, questions["likert"]) == dict.fromkeys(range(1, 6), 0)
    assert counts(target, questions["yes_no"]) == {1: 0, 0: 0}
    assert counts(target, questions["single"]) == {1: 0, 2: 0, 3: 0}
    assert counts(target, questions["numeric"]) == dict.fromkeys(range(0, 41), 0)
    for item in questions["matrix"].items.all():
        assert counts(target, questions["matrix"], item) == dict.fromkeys(range(1, 6), 0)
    assert not AnswerCounter.objects.filter(target=target, question=questions["text"]).exists()
    assert AnsweredCounter.objects.filter(target=target).count() == 7  # all but the heading


def test_students_of_a_school_programme_and_year(world):
    second_year = world.users["student"]  # programme A, year 2
    f.student(programme=world.programme_a, year_of_study=3)
    f.student(programme=world.programme_b)
    doctoral_programme = f.ProgrammeFactory(
        code="8D04201", level="doctoral", nqf_level=8, school=world.school_a
    )
    doctoral = f.student(programme=doctoral_programme)
    f.student(programme=world.programme_a, user=f.UserFactory(is_active=False))

    def invited(**audience):
        campaign = fs.open_campaign(**audience)
        return set(
            Invitation.objects.filter(target__campaign=campaign).values_list("user", flat=True)
        )

    assert len(invited(audience_kind="students")) == 3  # not the doctoral, not the inactive
    assert len(invited(audience_kind="students", audience_school=world.school_a)) == 2
    assert invited(
        audience_kind="students", audience_programme=world.programme_a, audience_year=2
    ) == {second_year.pk}
    assert invited(audience_kind="doctoral") == {doctoral.pk}


def test_staff_of_a_school(world):
    campaign = fs.open_campaign(audience_kind="staff", audience_school=world.school_a)
    invited = set(
        Invitation.objects.filter(target__campaign=campaign).values_list("user__email", flat=True)
    )
    assert invited == {"teacher@uni.example.kz", "chair@uni.example.kz", "member@uni.example.kz"}


def test_people_invited_by_email_get_links_of_which_only_a_digest_is_kept(world):
    campaign = fs.open_campaign(
        audience_kind="external",
        external_emails="Alumna@Example.kz\nemployer@firm.kz; alumna@example.kz",
    )
    invitations = Invitation.objects.filter(target__campaign=campaign).order_by("email")
    assert [i.email for i in invitations] == ["alumna@example.kz", "employer@firm.kz"]
    assert all(i.user_id is None and i.token_hash is None for i in invitations)
    token = issue_token(invitations[0])
    invitation = Invitation.objects.get(pk=invitations[0].pk)
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in invitation.token_hash
    assert invitation.token_expires_at == campaign.closes_at


def test_scheduling_explains_what_is_missing(world):
    empty = fs.CampaignFactory(version=fs.VersionFactory())
    with pytest.raises(lifecycle.CampaignError, match="no questions to answer"):
        lifecycle.schedule(empty)
    version, questions = fs.sheet_of_every_kind()
    questions["single"].choices.all().delete()
    no_options = fs.CampaignFactory(version=version)
    with pytest.raises(lifecycle.CampaignError, match=r"“3\. Preferred format” has no options"):
        lifecycle.schedule(no_options)
    fs.ChoiceFactory(question=questions["single"], value=1)
    nobody = fs.CampaignFactory(
        version=version, audience_kind="students", audience_programme=f.ProgrammeFactory()
    )
    with pytest.raises(lifecycle.CampaignError, match="Nobody is in the audience"):
        lifecycle.schedule(nobody)
    nobody.refresh_from_db()
    assert nobody.state == "draft"
    assert not Target.objects.filter(campaign=nobody).exists()
    version.refresh_from_db()
    assert not version.is_locked  # rolled back with the rest
    other_school = fs.CampaignFactory(
        version=version,
        owner_body=world.committee,
        audience_kind="students",
        audience_school=world.school_b,
    )
    with pytest.raises(lifecycle.CampaignError, match="its own school only"):
        lifecycle.schedule(other_school)


def test_a_campaign_opens_only_inside_its_window(world):
    version, _questions = fs.sheet_of_every_kind()
    later = fs.CampaignFactory(
        version=version, opens_at=timezone.now() + datetime.timedelta(days=1)
    )
    lifecycle.schedule(later)
    with pytest.raises(lifecycle.CampaignError, match="The survey opens at"):
        lifecycle.open_campaign(later)
    later.refresh_from_db()
    assert later.state == "scheduled"
    with pytest.raises(lifecycle.CampaignError, match="Only an open campaign"):
        lifecycle.close_campaign(later)


# --- versions --------------------------------------------------------------------------------


def test_a_used_version_is_locked_and_a_new_version_copies_it(world):
    version, questions = fs.sheet_of_every_kind()
    student_target(world, version=version)
    version.refresh_from_db()
    assert version.is_locked
    question = Question.objects.get(pk=questions["likert"].pk)
    question.text_en = "Changed"
    with pytest.raises(VersionLocked):
        question.save()
    with pytest.raises(VersionLocked):
        questions["single"].choices.first().delete()

    copy = new_version(version)
    assert (copy.number, copy.is_locked) == (2, False)
    copied = Question.objects.filter(section__version=copy)
    assert sorted(copied.values_list("kind", flat=True)) == sorted(
        q.kind for q in questions.values()
    )
    matrix = copied.get(kind="matrix")
    assert matrix.section.per_teacher
    assert list(matrix.items.values_list("text_en", flat=True)) == ["Punctual", "Fair in grading"]
    assert list(copied.get(kind="single").choices.values_list("label_en", flat=True)) == [
        "Offline",
        "Online",
        "Blended",
    ]
    edited = copied.get(kind="likert")
    edited.text_en = "Changed"
    edited.save()  # the new version is free to edit


def test_question_options_and_ranges_are_checked(db):
    from django.core.exceptions import ValidationError

    from surveys.models import Choice

    _version, questions = fs.sheet_of_every_kind()
    with pytest.raises(ValidationError, match="scale point from 1 to 5"):
        Choice(question=questions["likert"], value=7, label_kk="Жеті").full_clean()
    with pytest.raises(ValidationError, match="Only choice, Likert and matrix"):
        Choice(question=questions["numeric"], value=1, label_kk="Бір").full_clean()
    numeric = questions["numeric"]
    numeric.max_value = 500
    with pytest.raises(ValidationError, match="by 1 to 100"):
        numeric.full_clean()


# --- checks per question ---------------------------------------------------------------------


def test_each_wrong_answer_gets_its_own_message_and_nothing_is_stored(world):
    version, questions = fs.sheet_of_every_kind()
    target = student_target(world, version=version)
    invitation = Invitation.objects.get(target=target)
    items = list(questions["matrix"].items.order_by("position"))
    raw = fs.full_answers(
        questions,
        likert="",
        single="9",
        multiple=["1", "x"],
        yes_no="maybe",
        numeric="41",
        text="x" * 4001,
        matrix={items[0].pk: "5"},
    )
    with pytest.raises(InvalidAnswers) as refused:
        submit(invitation, raw)
    by_kind = {q.kind: refused.value.errors.get(q.pk) for q in questions.values()}
    assert by_kind == {
        "heading": None,
        "likert": "Please answer this question.",
        "single": "Choose one of the options.",
        "multiple": "Choose among the options shown.",
        "yes_no": "Choose one of the options.",
        "numeric": "Enter a number from 0 to 40.",
        "text": "Shorten your answer to 4000 characters or fewer.",
        "matrix": "Please answer every line.",
    }
    with pytest.raises(InvalidAnswers) as refused:
        submit(invitation, fs.full_answers(questions, numeric="12.5"))
    assert refused.value.errors == {questions["numeric"].pk: "Enter a whole number."}
    assert not Receipt.objects.exists()
    assert not TextAnswer.objects.exists()
    assert sum(AnswerCounter.objects.filter(target=target).values_list("count", flat=True)) == 0


def test_optional_questions_may_be_left_out(world):
    version, questions = fs.sheet_of_every_kind()
    target = student_target(world, version=version)
    items = list(questions["matrix"].items.order_by("position"))
    submit(
        Invitation.objects.get(target=target),
        {questions["likert"].pk: "3", questions["matrix"].pk: {i.pk: "4" for i in items}},
    )
    assert answered(target, questions["likert"]) == 1
    assert answered(target, questions["single"]) == 0
    assert answered(target, questions["text"]) == 0
    assert not TextAnswer.objects.exists()


def test_a_submission_adds_one_to_each_chosen_value(world):
    version, questions = fs.sheet_of_every_kind()
    target = student_target(world, version=version)
    submit(Invitation.objects.get(target=target), fs.full_answers(questions))
    assert counts(target, questions["likert"]) == {1: 0, 2: 0, 3: 0, 4: 1, 5: 0}
    assert counts(target, questions["single"]) == {1: 0, 2: 1, 3: 0}
    assert counts(target, questions["multiple"]) == {1: 1, 2: 0, 3: 1}
    assert counts(target, questions["yes_no"]) == {1: 1, 0: 0}
    assert counts(target, questions["numeric"])[12] == 1
    assert sum(counts(target, questions["numeric"]).values()) == 1
    punctual, fair = questions["matrix"].items.order_by("position")
    assert counts(target, questions["matrix"], punctual)[5] == 1
    assert counts(target, questions["matrix"], fair)[3] == 1
    assert answered(target, questions["multiple"]) == 1
    assert list(TextAnswer.objects.values_list("text", flat=True)) == ["Good course"]
    target.refresh_from_db()
    assert target.respondents == 1


def test_the_per_teacher_part_is_left_out_where_no_teacher_is_evaluated(world):
    f.EnrolmentFactory(student=world.users["student"], course=world.course_b, term=world.term)
    version, questions = fs.sheet_of_every_kind()
    campaign = fs.course_evaluation(world, version=version)
    target = campaign.targets.get(course=world.course_b)
    assert target.teacher is None
    assert not AnswerCounter.objects.filter(target=target, question=questions["matrix"]).exists()
    answers = fs.full_answers(questions)
    del answers[questions["matrix"].pk]  # required, but not asked here
    submit(Invitation.objects.get(target=target, user=world.users["student"]), answers)
    assert answered(target, questions["likert"]) == 1


# --- once per person -------------------------------------------------------------------------


def test_a_second_submission_is_refused_and_changes_nothing(world):
    version, questions = fs.sheet_of_every_kind()
    target = student_target(world, version=version)
    invitation = Invitation.objects.get(target=target)
    submit(invitation, fs.full_answers(questions))
    with pytest.raises(AlreadyAnswered):
        submit(invitation, fs.full_answers(questions, likert="1", text="Second try"))
    assert counts(target, questions["likert"]) == {1: 0, 2: 0, 3: 0, 4: 1, 5: 0}
    assert list(TextAnswer.objects.values_list("text", flat=True)) == ["Good course"]
    target.refresh_from_db()
    assert target.respondents == 1


def test_no_answers_outside_the_open_window(world):
    version, questions = fs.sheet_of_every_kind()
    target = student_target(world, version=version)
    invitation = Invitation.objects.get(target=target)
    later = timezone.now() + datetime.timedelta(days=30)
    with pytest.raises(SurveyClosed):
        submit(invitation, fs.full_answers(questions), now=later)
    lifecycle.close_campaign(target.campaign)
    with pytest.raises(SurveyClosed):
        submit(invitation, fs.full_answers(questions))
    assert not Receipt.objects.exists()


@pytest.mark.postgres
def test_twenty_parallel_submissions_by_one_student_count_once(transactional_db):
    need_postgres()
    student = f.student()
    term = f.TermFactory()
    course = f.CourseFactory(teachers=[f.teacher(f.SchoolFactory())])
    f.EnrolmentFactory(student=student, course=course, term=term)
    version, questions = fs.sheet_of_every_kind()
    campaign = fs.open_campaign(version=version, audience_kind="courses", audience_term=term)
    target = campaign.targets.get()
    url = reverse("surveys:answer", args=[target.pk])
    post = {f"q{questions['likert'].pk}": "5", f"q{questions['text'].pk}": "Once"}
    for item in questions["matrix"].items.all():
        post[f"q{questions['matrix'].pk}_{item.pk}"] = "4"
    start = threading.Barrier(20)
    statuses = []

    def answer():
        client = Client()
        client.force_login(student)
        start.wait()
        try:
            statuses.append(client.post(url, post).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=answer) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] * 19 + [302]  # one thank-you, 19 "already answered"
    assert Receipt.objects.filter(invitation__target=target).count() == 1
    assert counts(target, questions["likert"])[5] == 1
    assert TextAnswer.objects.filter(target=target).count() == 1
    target.refresh_from_db()
    assert target.respondents == 1


# --- one-time links --------------------------------------------------------------------------


def _link_campaign():
    version, questions = fs.sheet_of_every_kind()
    campaign = fs.open_campaign(
        version=version, audience_kind="external", external_emails="employer@firm.kz"
    )
    invitation = Invitation.objects.get(target__campaign=campaign)
    return invitation, questions


def _post_for(questions):
    data = {f"q{questions['likert'].pk}": "5", f"q{questions['text'].pk}": "From an employer"}
    return data  # the matrix is per teacher: not on a campaign-wide sheet


def test_a_link_answers_once_without_an_account(client, db):
    invitation, questions = _link_campaign()
    token = issue_token(invitation)
    url = reverse("surveys:token_answer", args=[token])
    page = client.get(url)
    assert page.status_code == 200
    assert "Clear goals" in page.content.decode()
    assert "The teacher was" not in page.content.decode()
    response = client.post(url, _post_for(questions))
    assert response["Location"] == reverse("surveys:token_thanks", args=[token])
    assert "Thank you" in client.get(response["Location"]).content.decode()
    again = client.post(url, _post_for(questions))
    assert again.status_code == 200
    assert "You have already answered" in again.content.decode()
    assert Receipt.objects.filter(invitation=invitation).count() == 1
    assert counts(invitation.target, questions["likert"])[5] == 1


def test_an_expired_or_unknown_link_takes_no_answers(client, db):
    invitation, questions = _link_campaign()
    token = issue_token(invitation, timezone.now() - datetime.timedelta(seconds=1))
    url = reverse("surveys:token_answer", args=[token])
    assert client.get(url).status_code == 410
    response = client.post(url, _post_for(questions))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    with pytest.raises(LinkExpired):
        submit(Invitation.objects.get(pk=invitation.pk), {})
    assert not Receipt.objects.exists()
    assert client.get(reverse("surveys:token_answer", args=["x" + token])).status_code == 404


def test_a_new_link_replaces_the_old_one(client, db):
    invitation, _questions = _link_campaign()
    old = issue_token(invitation)
    new = issue_token(invitation)
    assert client.get(reverse("surveys:token_answer", args=[old])).status_code == 404
    assert client.get(reverse("surveys:token_answer", args=[new])).status_code == 200


# --- pages -----------------------------------------------------------------------------------


def test_the_student_answers_on_the_page_and_errors_stay_next_to_each_question(client, world):
    version, questions = fs.sheet_of_every_kind()
    target = student_target(world, version=version)
    client.force_login(world.users["student"])
    url = reverse("surveys:answer", args=[target.pk])
    page = client.get(url).content.decode()
    assert "LAW101" in page and str(world.users["teacher"]) in page
    assert f"The teacher: {world.users['teacher']}" in page  # the per-teacher section
    assert 'type="radio"' in page
    assert re.findall(r"<script(?![^>]*\ssrc=)", page) == []  # no inline script (CSP)

    punctual = questions["matrix"].items.get(position=1)
    data = {
        f"q{questions['single'].pk}": "3",
        f"q{questions['multiple'].pk}": ["2", "3"],
        f"q{questions['numeric'].pk}": "99",
        f"q{questions['text'].pk}": "Keep me",
        f"q{questions['matrix'].pk}_{punctual.pk}": "2",
    }
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please check the 3 answers marked below." in html
    likert_block = html.split(f'id="q{questions["likert"].pk}"')[1].split("</fieldset>")[0]
    assert "Please answer this question." in likert_block
    numeric_block = html.split(f'id="q{questions["numeric"].pk}"')[1].split("</fieldset>")[0]
    assert "Enter a number from 0 to 40." in numeric_block and 'value="99"' in numeric_block
    assert "Please answer every line." in html
    assert f'name="q{questions["single"].pk}" value="3" checked' in html
    assert f'name="q{questions["multiple"].pk}" value="2" checked' in html
    assert f'name="q{questions["multiple"].pk}" value="1" checked' not in html
    assert f'name="q{questions["matrix"].pk}_{punctual.pk}" value="2" checked' in html
    assert ">Keep me</textarea>" in html
    assert not Receipt.objects.exists()

    data[f"q{questions['likert'].pk}"] = "4"
    data[f"q{questions['numeric'].pk}"] = "20"
    for item in questions["matrix"].items.all():
        data[f"q{questions['matrix'].pk}_{item.pk}"] = "5"
    response = client.post(url, data)
    assert response["Location"] == reverse("surveys:thanks", args=[target.pk])
    assert "Thank you" in client.get(response["Location"]).content.decode()
    again = client.post(url, data)
    assert again.status_code == 200
    assert "You have already answered" in again.content.decode()
    assert counts(target, questions["numeric"])[20] == 1


def test_only_the_invited_person_opens_a_survey(client, world):
    target = student_target(world)
    for role in ("teacher", "qa_manager", "rector", "dean"):
        client.force_login(world.users[role])
        assert client.get(reverse("surveys:answer", args=[target.pk])).status_code == 403
    client.force_login(world.users["student"])
    assert client.get(reverse("surveys:answer", args=[target.pk])).status_code == 200


def test_my_surveys_and_the_dashboard_list_what_waits(client, world):
    version, questions = fs.sheet_of_every_kind()
    target = student_target(world, version=version, title_en="Autumn course evaluation")
    closed = student_target(world, title_en="Old evaluation")
    lifecycle.close_campaign(closed.campaign)
    client.force_login(world.users["student"])
    mine = client.get(reverse("surveys:mine")).content.decode()
    home = client.get(reverse("home")).content.decode()
    for html in (mine, home):
        assert "Autumn course evaluation" in html
        assert reverse("surveys:answer", args=[target.pk]) in html
        assert "Old evaluation" not in html
    submit(Invitation.objects.get(target=target), fs.full_answers(questions))
    home = client.get(reverse("home")).content.decode()
    assert "No survey is waiting for your answer." in home
    mine = client.get(reverse("surveys:mine")).content.decode()
    assert "Answered" in mine and "Autumn course evaluation" in mine


def test_the_answer_page_in_kazakh(client, world):
    target = student_target(world)
    client.force_login(world.users["student"])
    with translation.override("kk"):
        url = reverse("surveys:answer", args=[target.pk])
    assert not url.startswith("/en/")
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="kk">' in html
    assert target.campaign.title_kk in html
    assert "Сұрақ" in html  # questions in Kazakh
    assert "Мазмұнға өту" in html  # the page's frame in Kazakh


def test_the_teacher_also_sees_the_panel(client, world):
    client.force_login(world.users["teacher"])
    assert "My open surveys" in client.get(reverse("home")).content.decode()
    client.force_login(world.users["rector"])
    assert "My open surveys" not in client.get(reverse("home")).content.decode()


# --- admin -----------------------------------------------------------------------------------


def test_the_qa_office_creates_and_schedules_a_campaign_in_the_admin(client, world):
    version, _questions = fs.sheet_of_every_kind()
    qa = world.users["qa_manager"]
    assert qa.has_role(Role.QA_MANAGER)
    client.force_login(qa)
    opens = timezone.localtime() - datetime.timedelta(hours=1)
    closes = opens + datetime.timedelta(days=14)
    response = client.post(
        reverse("admin:surveys_campaign_add"),
        {
            "title_kk": "Күзгі бағалау",
            "title_en": "Autumn evaluation",
            "version": version.pk,
            "audience_kind": "courses",
            "audience_term": world.term.pk,
            "opens_at_0": opens.strftime("%Y-%m-%d"),
            "opens_at_1": opens.strftime("%H:%M:%S"),
            "closes_at_0": closes.strftime("%Y-%m-%d"),
            "closes_at_1": closes.strftime("%H:%M:%S"),
            "reminder_days": "[7, 2]",
            "min_respondents": "5",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    campaign = Campaign.objects.get(title_en="Autumn evaluation")
    assert campaign.state == "draft"
    changelist = reverse("admin:surveys_campaign_changelist")
    for action in ("schedule_campaigns", "open_campaigns"):
        response = client.post(
            changelist, {"action": action, "_selected_action": [campaign.pk]}, follow=True
        )
        assert response.status_code == 200
    campaign.refresh_from_db()
    assert campaign.state == "open"
    assert Invitation.objects.filter(target__campaign=campaign).count() == 1
    page = client.get(reverse("admin:surveys_campaign_change", args=[campaign.pk]))
    assert 'name="audience_kind"' not in page.content.decode()  # fixed once scheduled


def test_the_admin_refuses_a_reminder_before_the_window(client, world):
    version, _questions = fs.sheet_of_every_kind()
    client.force_login(world.users["qa_manager"])
    now = timezone.localtime()
    response = client.post(
        reverse("admin:surveys_campaign_add"),
        {
            "title_kk": "Қысқа",
            "version": version.pk,
            "audience_kind": "students",
            "opens_at_0": now.strftime("%Y-%m-%d"),
            "opens_at_1": now.strftime("%H:%M:%S"),
            "closes_at_0": (now + datetime.timedelta(days=3)).strftime("%Y-%m-%d"),
            "closes_at_1": now.strftime("%H:%M:%S"),
            "reminder_days": "[5]",
            "min_respondents": "5",
        },
    )
    assert response.status_code == 200
    assert "A reminder would fall before the survey opens." in response.content.decode()


def test_a_locked_version_is_read_only_in_the_admin(client, world):
    version, questions = fs.sheet_of_every_kind()
    student_target(world, version=version)
    client.force_login(world.users["qa_manager"])
    question_page = client.get(
        reverse("admin:surveys_question_change", args=[questions["single"].pk])
    ).content.decode()
    assert 'name="text_kk"' not in question_page
    assert 'name="choices-0-label_kk"' not in question_page
    response = client.post(
        reverse("admin:surveys_questionnaireversion_changelist"),
        {"action": "make_new_version", "_selected_action": [version.pk]},
        follow=True,
    )
    assert "version 2 was made for editing." in response.content.decode()


def test_answers_and_who_answered_are_not_in_the_admin():
    registered = set(admin.site._registry)
    assert not registered & {
        Invitation,
        Receipt,
        Target,
        AnswerCounter,
        AnsweredCounter,
        TextAnswer,
    }
    assert Campaign in registered and Question in registered


def test_answering_writes_nothing_to_the_audit_log(world):
    from auditlog.models import LogEntry

    version, questions = fs.sheet_of_every_kind()
    target = student_target(world, version=version)
    before = LogEntry.objects.count()
    submit(Invitation.objects.get(target=target), fs.full_answers(questions))
    assert LogEntry.objects.count() == before


def test_building_the_audience_again_adds_only_what_is_missing(world):
    from surveys.audience import build_audience

    campaign = fs.course_evaluation(world)
    assert build_audience(campaign) == 1
    f.EnrolmentFactory(student=f.student(), course=world.course_a, term=world.term)
    assert build_audience(campaign) == 2
    assert campaign.targets.count() == 1
