"""The Course Management Form (seed 000 §4.1.5, §4.1.11): the teacher fills and submits it, the
School Committee's officers review it with recommendations or return it for revision, the
teacher is e-mailed, and only the teacher, the school's committee and dean, the QA office and
the leadership read it."""

import datetime
from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from surveys import cmf, tasks
from surveys.models import CourseForm, CourseFormStatus

from . import factories as f
from . import factories_cmf as fcmf

pytestmark = pytest.mark.django_db


@pytest.fixture
def mails(monkeypatch, django_capture_on_commit_callbacks):
    """Run the queued e-mail task at once (as a worker would) when the change commits."""
    monkeypatch.setattr(tasks.mail_course_form, "delay", tasks.mail_course_form)

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


def en(name, args=()):
    """The page's address in English (the portal's default language is Kazakh)."""
    with translation.override("en"):
        return reverse(name, args=args)


def as_(client, user):
    client.force_login(user)
    return client


def filled_post(**changes):
    return {**fcmf.FILLED, **changes}


def the_form(world):
    return CourseForm.objects.get(teacher=world.users["teacher"], course=world.course_a)


def test_the_teacher_fills_and_submits_and_the_officers_are_mailed(client, world, mails):
    teacher = world.users["teacher"]
    as_(client, teacher)
    page = client.get(en("surveys:cmf_list")).content.decode()
    new_url = en("surveys:cmf_new", args=[world.course_a.pk, world.term.pk])
    assert "LAW101" in page and new_url in page

    response = client.post(new_url, filled_post(strengths="Moot court <b>sessions</b>"))
    form = the_form(world)
    assert response.url == en("surveys:cmf_detail", args=[form.pk])
    assert (form.status, form.school, form.strengths) == (
        CourseFormStatus.DRAFT,
        world.school_a,
        "Moot court <b>sessions</b>",
    )
    detail = client.get(response.url).content.decode()
    assert "Moot court &lt;b&gt;sessions&lt;/b&gt;" in detail

    with mails():
        client.post(en("surveys:cmf_submit", args=[form.pk]))
    form.refresh_from_db()
    assert form.status == CourseFormStatus.SUBMITTED
    assert form.committee == world.committee and form.submitted_at is not None
    # The chair and the secretary run the committee's work; the member is not mailed.
    assert sorted(message.to[0] for message in mail.outbox) == [
        world.users["chair"].email,
        world.users["secretary"].email,
    ]
    assert f"/cmf/{form.pk}/" in mail.outbox[0].body
    assert "LAW101" in mail.outbox[0].subject


def test_a_form_cannot_be_submitted_half_filled(client, world):
    form = fcmf.draft(world, strengths="", planned_changes=" ")
    as_(client, world.users["teacher"])
    response = client.post(en("surveys:cmf_submit", args=[form.pk]), follow=True)
    text = response.content.decode()
    assert "Fill in before submitting: strengths, planned changes to the course." in text
    form.refresh_from_db()
    assert form.status == CourseFormStatus.DRAFT and form.submitted_at is None


def test_one_form_per_course_term_and_teacher(client, world):
    form = fcmf.draft(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        fcmf.draft(world)
    # Starting the same course and term again opens the form already there.
    as_(client, world.users["teacher"])
    url = en("surveys:cmf_new", args=[world.course_a.pk, world.term.pk])
    response = client.post(url, filled_post())
    assert response.url == en("surveys:cmf_detail", args=[form.pk])
    assert CourseForm.objects.count() == 1


def test_a_double_click_on_a_new_form_keeps_one(world):
    teacher = world.users["teacher"]
    first = cmf.start(CourseForm(course=world.course_a, term=world.term, teacher=teacher))
    again = cmf.start(CourseForm(course=world.course_a, term=world.term, teacher=teacher))
    assert again.pk == first.pk and CourseForm.objects.count() == 1


def test_no_form_for_a_course_the_person_does_not_teach(client, world):
    as_(client, world.users["member"])
    url = en("surveys:cmf_new", args=[world.course_a.pk, world.term.pk])
    assert client.post(url, filled_post()).status_code == 403
    with pytest.raises(cmf.CMFError, match="You owe no course management form"):
        cmf.start(CourseForm(course=world.course_a, term=world.term, teacher=world.users["member"]))
    assert not CourseForm.objects.exists()


def test_forms_are_owed_for_terms_over_or_current(world):
    teacher = world.users["teacher"]
    today = timezone.localdate()
    year = f.AcademicYearFactory(
        name="2030-2031",
        start_date=today + datetime.timedelta(days=300),
        end_date=today + datetime.timedelta(days=600),
    )
    later = f.TermFactory(
        academic_year=year,
        start_date=year.start_date,
        last_teaching_day=year.start_date + datetime.timedelta(days=100),
        end_date=year.start_date + datetime.timedelta(days=120),
    )
    f.EnrolmentFactory(student=world.users["student"], course=world.course_a, term=later)
    taught_elsewhere = f.CourseFactory(code="LAW999")
    f.EnrolmentFactory(student=world.users["student"], course=taught_elsewhere, term=world.term)
    assert cmf.owed_pairs(teacher, today) == {(world.course_a.pk, world.term.pk)}
    assert not cmf.owes(teacher, world.course_a, later, today)
    # Once the later term's teaching is over, its form is owed as well.
    after = later.last_teaching_day + datetime.timedelta(days=1)
    assert (world.course_a.pk, later.pk) in cmf.owed_pairs(teacher, after)


def test_the_committee_reviews_and_the_teacher_reads_the_recommendations(client, world, mails):
    teacher = world.users["teacher"]
    teacher.preferred_language = "en"
    teacher.save()
    form = fcmf.submitted(world)
    review_url = en("surveys:cmf_review", args=[form.pk])

    as_(client, world.users["secretary"])
    assert (
        "Send the recommendations"
        in client.get(en("surveys:cmf_detail", args=[form.pk])).content.decode()
    )
    refused = client.post(review_url, {"decision": "review", "text": "  "})
    assert refused.status_code == 200 and "This field is required." in refused.content.decode()
    with mails():
        client.post(review_url, {"decision": "review", "text": "Publish the rubric in advance."})
    form.refresh_from_db()
    assert form.status == CourseFormStatus.REVIEWED
    assert form.reviewed_by == world.users["secretary"] and form.reviewed_at is not None

    (message,) = mail.outbox
    assert message.to == [teacher.email]
    assert "Publish the rubric in advance." in message.body
    assert f"/en/surveys/cmf/{form.pk}/" in message.body
    as_(client, teacher)
    page = client.get(en("surveys:cmf_detail", args=[form.pk])).content.decode()
    assert "Recommendations of the committee" in page
    assert "Publish the rubric in advance." in page
    # Reviewed is final: no second review, no edit.
    with pytest.raises(cmf.CMFError, match="not waiting for the committee"):
        cmf.review(form, world.users["chair"], "Again.")
    with pytest.raises(cmf.CMFError, match="can no longer be changed"):
        cmf.save_draft(form, teacher)


def test_review_needs_recommendations_and_an_officer(client, world):
    form = fcmf.submitted(world)
    with pytest.raises(cmf.CMFError, match="Write your recommendations"):
        cmf.review(form, world.users["chair"], " ")
    with pytest.raises(cmf.CMFError, match="Only the chair, deputy chair or secretary"):
        cmf.review(form, world.users["member"], "Fine.")
    as_(client, world.users["member"])
    response = client.post(
        en("surveys:cmf_review", args=[form.pk]), {"decision": "review", "text": "Fine."}
    )
    assert response.status_code == 403
    form.refresh_from_db()
    assert form.status == CourseFormStatus.SUBMITTED


def test_an_officer_does_not_review_their_own_form(world):
    chair = world.users["chair"]
    world.course_a.teachers.add(chair)
    form = fcmf.submitted(world, teacher=chair)
    assert not cmf.can_review(chair, form)
    assert cmf.can_review(world.users["secretary"], form)
    assert list(cmf.forms_to_review(chair)) == []


def test_a_returned_form_is_revised_and_submitted_again(client, world, mails):
    form = fcmf.submitted(world)
    as_(client, world.users["chair"])
    with mails():
        client.post(
            en("surveys:cmf_review", args=[form.pk]),
            {"decision": "return", "text": "Analyse the failed exams."},
        )
    form.refresh_from_db()
    assert form.is_returned and form.return_note == "Analyse the failed exams."
    (message,) = mail.outbox
    assert message.to == [world.users["teacher"].email]
    assert "Analyse the failed exams." in message.body

    as_(client, world.users["teacher"])
    dashboard = client.get(en("home")).content.decode()
    assert en("surveys:cmf_edit", args=[form.pk]) in dashboard
    assert "Returned for revision" in dashboard
    client.post(
        en("surveys:cmf_edit", args=[form.pk]),
        filled_post(assessment_analysis="Four students failed the exam: two missed it."),
    )
    client.post(en("surveys:cmf_submit", args=[form.pk]))
    form.refresh_from_db()
    assert form.status == CourseFormStatus.SUBMITTED
    assert form.assessment_analysis == "Four students failed the exam: two missed it."


def test_a_submitted_form_is_not_edited(client, world):
    form = fcmf.submitted(world)
    as_(client, world.users["teacher"])
    url = en("surveys:cmf_edit", args=[form.pk])
    response = client.post(url, filled_post(strengths="Changed after the fact."), follow=True)
    assert "can no longer be changed" in response.content.decode()
    form.refresh_from_db()
    assert form.strengths == fcmf.FILLED["strengths"]


def test_a_teacher_does_not_read_a_colleagues_form(client, world):
    colleague = fcmf.other_teacher(world)
    theirs = fcmf.submitted(world, teacher=colleague)
    mine = fcmf.draft(
        world, course=f.CourseFactory(code="LAW102", teachers=[world.users["teacher"]])
    )
    as_(client, world.users["teacher"])
    assert client.get(en("surveys:cmf_detail", args=[theirs.pk])).status_code == 403
    # A colleague on nobody's committee reads neither the draft nor the list's school forms.
    as_(client, colleague)
    assert client.get(en("surveys:cmf_detail", args=[mine.pk])).status_code == 403
    page = client.get(en("surveys:cmf_list")).content.decode()
    assert "Forms handed in" not in page


def test_schools_read_their_own_forms_only(client, world):
    form_a = fcmf.submitted(world)
    form_b = fcmf.school_b_form(world)
    officer_b = form_b.committee.memberships.get().person
    dean_b = f.UserFactory(email="dean.b@uni.example.kz")
    world.school_b.dean = dean_b
    world.school_b.save()

    # School B's committee and dean read school B's form, not school A's.
    for person in (officer_b, dean_b):
        as_(client, person)
        assert client.get(en("surveys:cmf_detail", args=[form_b.pk])).status_code == 200
        assert client.get(en("surveys:cmf_detail", args=[form_a.pk])).status_code == 403
    # School A's dean and committee read school A's only; the list shows only theirs.
    for role in ("dean", "member"):
        as_(client, world.users[role])
        assert client.get(en("surveys:cmf_detail", args=[form_b.pk])).status_code == 403
        page = client.get(en("surveys:cmf_list")).content.decode()
        assert "LAW101" in page and "ECO101" not in page
    # The QA office reads both and filters them by school and status.
    as_(client, world.users["qa_manager"])
    page = client.get(en("surveys:cmf_list"), {"school": world.school_b.pk}).content.decode()
    assert "ECO101" in page and "LAW101" not in page
    page = client.get(en("surveys:cmf_list"), {"state": "reviewed"}).content.decode()
    assert "No forms match." in page


def test_officers_see_the_forms_waiting_for_them(client, world):
    form = fcmf.submitted(world)
    as_(client, world.users["secretary"])
    dashboard = client.get(en("home")).content.decode()
    assert "Waiting for your committee's review" in dashboard
    assert en("surveys:cmf_detail", args=[form.pk]) in dashboard
    menu = client.get(en("surveys:cmf_list")).content.decode()
    assert f'href="{en("surveys:cmf_list")}" aria-current="page"' in menu
    as_(client, world.users["student"])
    assert en("surveys:cmf_list") not in client.get(en("home")).content.decode()


def test_every_change_is_in_the_audit_trail_with_its_author(client, world):
    form = fcmf.draft(world)
    as_(client, world.users["teacher"])
    client.post(en("surveys:cmf_submit", args=[form.pk]))
    entry = LogEntry.objects.get_for_object(form).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == world.users["teacher"]
    assert entry.changes["status"] == ["draft", "submitted"]


def test_a_broker_that_is_down_does_not_undo_the_submission(
    world, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    form = fcmf.draft(world)
    broken = mock.Mock(side_effect=ConnectionError("broker down"))
    monkeypatch.setattr(tasks.mail_course_form, "delay", broken)
    with django_capture_on_commit_callbacks(execute=True):
        cmf.submit(form, world.users["teacher"])
    form.refresh_from_db()
    assert form.status == CourseFormStatus.SUBMITTED
    assert broken.called
    assert f"could not queue the e-mail about course form {form.pk}" in caplog.text


def test_the_form_links_the_students_evaluation_of_the_course(world):
    from . import factories_results as fr

    campaign, _questions = fr.course_evaluation_answered(world)
    form = fcmf.submitted(world)
    url = cmf.evaluation_results_url(world.users["teacher"], form)
    target = campaign.targets.get(course=world.course_a)
    assert url == en("surveys:results_report", args=[campaign.pk, f"course-{target.pk}"])
    assert cmf.evaluation_results_url(world.users["rector"], form) is None


def test_the_mail_task_is_registered():
    from qa_portal.celery import app

    app.loader.import_default_modules()
    assert tasks.mail_course_form.name in app.tasks
