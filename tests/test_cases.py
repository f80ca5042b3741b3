"""Applications to a committee and grade appeals: the rules (seed 000 §2.2, §4.1.4, §4.1.6),
the pages for the applicant, the committee and the experts, attachments, the admin's panel
check, double submission, and the demo data."""

import io
import secrets
import threading

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from governance import cases
from governance.admin_cases import AppealExpertForm
from governance.forms_cases import ExpertForm
from governance.models import (
    AgendaItem,
    AppealExpert,
    Application,
    Body,
    Decision,
    Meeting,
    User,
)
from governance.models.cases import ApplicationStatus
from governance.roles import Role

from . import factories as f
from . import urlmatrix  # noqa: F401 - loads the matrix modules in order
from .matrix_cases import PDF
from .services import need_postgres


@pytest.fixture(autouse=True)
def english():
    """URLs are built under /en/ and messages compared in English."""
    with translation.override("en"):
        yield


def url(name, *args):
    return reverse(f"governance:{name}", args=args)


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def submit(world, role="student", **kwargs):
    values = {"body": world.committee, "kind": "complaint", "subject": "Late timetable"}
    values["text"] = "The timetable changes without notice."
    values.update(kwargs)
    application, created = cases.submit_application(world.users[role], **values)
    assert created
    return application


def appeal(world, **kwargs):
    kwargs.setdefault("course", world.course_a)
    kwargs.setdefault("grade_given", "C+")
    return submit(world, kind="grade_appeal", subject="Appeal of my LAW101 grade", **kwargs)


def expert(world, email):
    """Another teacher of School A (staff of the school, teaching nothing)."""
    return f.teacher(world.school_a, email=email)


def sign(seat, grade="B"):
    return cases.give_opinion(seat, "The answers to tasks 2 and 3 were not marked.", grade)


# --- Who applies, and to which body -------------------------------------------------------


def test_a_student_applies_to_the_committee_of_their_school(world):
    application = submit(world)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.applicant == world.users["student"]
    assert application.body == world.committee


def test_a_teacher_applies_too(world):
    assert submit(world, role="teacher").applicant == world.users["teacher"]


@pytest.mark.parametrize("role", ["dean", "secretary", "qa_manager", "rector"])
def test_only_students_and_teachers_apply(world, role):
    with pytest.raises(cases.CaseError, match="Only students and teachers"):
        submit(world, role=role)


def test_not_to_another_schools_committee_nor_to_the_council(world):
    other = f.BodyFactory(kind="school_committee", school=world.school_b)
    for body in (other, world.council):
        with pytest.raises(cases.CaseError, match="School Committee of your school"):
            submit(world, body=body)
    assert not Application.objects.exists()


def test_a_grade_appeal_names_a_course_the_student_is_enrolled_in(world):
    with pytest.raises(cases.CaseError, match="course you are enrolled in"):
        appeal(world, course=world.course_b)
    with pytest.raises(cases.CaseError, match="Name the course"):
        appeal(world, course=None)
    with pytest.raises(cases.CaseError, match="Give the grade"):
        appeal(world, grade_given=" ")
    with pytest.raises(cases.CaseError, match="Only a grade appeal names a course"):
        submit(world, course=world.course_a)
    assert appeal(world).course == world.course_a


def test_a_teacher_has_no_grade_to_appeal(world):
    with pytest.raises(cases.CaseError, match="course you are enrolled in"):
        appeal(world, role="teacher")


def test_appeals_go_to_the_appeals_commission_where_the_school_has_one(world):
    commission = f.BodyFactory(kind="appeals", school=world.school_a)
    with pytest.raises(cases.CaseError, match="appeals commission of your school"):
        appeal(world)
    assert appeal(world, body=commission).body == commission
    with pytest.raises(cases.CaseError, match="School Committee of your school"):
        submit(world, body=commission)
    assert set(cases.addressable_bodies(world.users["student"])) == {world.committee, commission}


# --- Withdrawal and the agenda --------------------------------------------------------------


def test_the_applicant_withdraws_and_the_item_leaves_the_agenda(world):
    application = submit(world)
    cases.put_on_agenda(application, world.meeting, world.users["secretary"])
    with pytest.raises(cases.CaseError, match="Only the applicant"):
        cases.withdraw(application, world.users["secretary"])
    cases.withdraw(application, world.users["student"])
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert application.agenda_item.status == "declined"
    with pytest.raises(cases.CaseError, match="no longer open"):
        cases.withdraw(application, world.users["student"])


def test_put_on_agenda_links_an_item_on_a_meeting_still_to_be_held(world):
    application = submit(world)
    with pytest.raises(cases.CaseError, match="secretary or the chair"):
        cases.put_on_agenda(application, world.meeting, world.users["member"])
    cases.put_on_agenda(application, world.meeting, world.users["secretary"])
    application.refresh_from_db()
    item = application.agenda_item
    assert application.status == ApplicationStatus.ON_AGENDA
    assert (item.meeting, item.status, item.position) == (world.meeting, "on_agenda", 2)
    # In the language of the minutes (Kazakh here), with the applicant's name in it.
    assert "Late timetable" in item.title and world.users["student"].full_name_kk in item.title
    assert item.proposed_by == world.users["secretary"]
    with pytest.raises(cases.CaseError, match=r"already on the agenda of meeting No\. 1"):
        cases.put_on_agenda(application, world.meeting, world.users["chair"])

    # Once that meeting is closed without an answer, the application may go on the next one.
    Meeting.objects.filter(pk=world.meeting.pk).update(status="closed")
    with pytest.raises(cases.CaseError, match="still to be held"):
        cases.put_on_agenda(
            application, Meeting.objects.get(pk=world.meeting.pk), world.users["chair"]
        )
    later = f.MeetingFactory(body=world.committee, number=2, status="planned")
    cases.put_on_agenda(application, later, world.users["chair"])
    application.refresh_from_db()
    assert application.agenda_item.meeting == later


def test_put_on_agenda_refuses_another_bodys_meeting_and_appeals(world):
    application = submit(world)
    council_meeting = f.MeetingFactory(body=world.council, status="planned")
    with pytest.raises(cases.CaseError):
        cases.put_on_agenda(application, council_meeting, world.users["secretary"])
    with pytest.raises(cases.CaseError, match="panel of experts"):
        cases.put_on_agenda(appeal(world), world.meeting, world.users["secretary"])
    assert not AgendaItem.objects.filter(meeting=council_meeting).exists()


def test_nobody_acts_on_their_own_application(world):
    secretary = world.users["secretary"]
    secretary.add_role(Role.TEACHER)
    f.StaffProfileFactory(user=secretary, school=world.school_a)
    application = submit(world, role="secretary")
    assert not cases.can_act(secretary, application)
    with pytest.raises(cases.CaseError, match="secretary or the chair"):
        cases.record_answer(application, "Done.", secretary)


# --- The answer -----------------------------------------------------------------------------


def _decision(world, body=None, number="1/2"):
    return Decision.objects.create(
        body=body or world.committee,
        meeting=world.meeting,
        number=number,
        date=timezone.localdate(),
        text="An individual study plan for the spring term.",
    )


def test_an_inclusive_education_request_is_answered_with_a_decision(
    world, django_capture_on_commit_callbacks
):
    application = submit(world, kind="inclusive", subject="Individual study plan")
    with pytest.raises(cases.CaseError, match="decides each inclusive-education request"):
        cases.record_answer(application, "Granted.", world.users["secretary"])
    with pytest.raises(cases.CaseError, match="Choose a decision of"):
        cases.record_answer(
            application, "Granted.", world.users["secretary"], _decision(world, world.council)
        )
    decision = _decision(world)
    with django_capture_on_commit_callbacks(execute=True):
        cases.record_answer(application, "Granted.", world.users["secretary"], decision)
    application.refresh_from_db()
    assert (application.status, application.decision, application.response) == (
        ApplicationStatus.DECIDED,
        decision,
        "Granted.",
    )
    assert application.decided_at is not None
    assert len(mail.outbox) == 1
    with pytest.raises(cases.CaseError, match="no longer open"):
        cases.record_answer(application, "Again.", world.users["secretary"], decision)


def test_the_answer_is_mailed_in_the_applicants_language(world, django_capture_on_commit_callbacks):
    student = world.users["student"]
    student.preferred_language = "ru"
    student.save()
    application = submit(world)
    with django_capture_on_commit_callbacks(execute=True):
        cases.record_answer(application, "The timetable is now fixed.", world.users["chair"])
    (message,) = mail.outbox
    assert message.to == [student.email]
    assert message.extra_headers["Content-Language"] == "ru"
    assert f"/ru/applications/{application.pk}/" in message.body
    assert "The timetable is now fixed." in message.body
    with translation.override("ru"):
        assert str(translation.gettext("QA Portal")) in message.body


# --- Grade appeals: the panel (seed 000 §4.1.6) --------------------------------------------


def test_a_course_teacher_is_never_put_on_the_panel(world):
    application = appeal(world)
    secretary, teacher = world.users["secretary"], world.users["teacher"]
    with pytest.raises(cases.CaseError, match=r"teaches LAW101 .* independent of the course"):
        cases.assign_expert(application, teacher, secretary)
    with pytest.raises(cases.CaseError, match="cannot review their own appeal"):
        cases.assign_expert(application, world.users["student"], secretary)
    cases.assign_expert(application, world.users["member"], secretary)
    with pytest.raises(cases.CaseError, match="already on the panel"):
        cases.assign_expert(application, world.users["member"], secretary)
    assert list(application.experts.values_list("expert", flat=True)) == [world.users["member"].pk]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.UNDER_REVIEW

    candidates = set(cases.expert_candidates(application))
    assert teacher not in candidates and world.users["student"] not in candidates
    assert world.users["member"] not in candidates and world.users["chair"] in candidates


def test_the_panel_form_refuses_a_course_teacher_with_the_reason(world):
    application = appeal(world)
    form = ExpertForm({"expert": world.users["teacher"].pk}, application=application)
    assert not form.is_valid()
    assert "teaches LAW101" in form.errors["expert"][0]
    offered = {value for value, _label in form.fields["expert"].widget.choices if value}
    assert world.users["teacher"].pk not in offered
    assert world.users["chair"].pk in offered


def test_the_admin_inline_refuses_a_course_teacher(world):
    application = appeal(world)
    seat = AppealExpert(application=application)
    form = AppealExpertForm({"expert": world.users["teacher"].pk}, instance=seat)
    assert not form.is_valid()
    assert "teaches LAW101" in form.errors["expert"][0]
    assert AppealExpertForm({"expert": world.users["chair"].pk}, instance=seat).is_valid()


def _admin_post(application, experts):
    data = {
        "body": application.body_id,
        "applicant": application.applicant_id,
        "kind": application.kind,
        "subject": application.subject,
        "text": application.text,
        "course": application.course_id,
        "grade_given": application.grade_given,
        "status": application.status,
        "response": "",
        "appeal_outcome": "",
        "grade_after_appeal": "",
        "submitted_at_0": timezone.localtime(application.submitted_at).date().isoformat(),
        "submitted_at_1": timezone.localtime(application.submitted_at).strftime("%H:%M:%S"),
        "experts-TOTAL_FORMS": len(experts),
        "experts-INITIAL_FORMS": 0,
        "experts-MIN_NUM_FORMS": 0,
        "experts-MAX_NUM_FORMS": 1000,
        "_save": "Save",
    }
    for i, person in enumerate(experts):
        data.update({f"experts-{i}-expert": person.pk, f"experts-{i}-application": application.pk})
    return data


def test_the_admin_change_form_never_seats_a_course_teacher(client, world):
    application = appeal(world)
    client.force_login(world.users["qa_manager"])
    change = reverse("admin:governance_application_change", args=[application.pk])
    assert client.get(change).status_code == 200
    response = client.post(change, _admin_post(application, [world.users["teacher"]]))
    assert response.status_code == 200
    assert "teaches LAW101" in response.content.decode()
    assert not application.experts.exists()
    response = client.post(change, _admin_post(application, [world.users["chair"]]))
    assert response.status_code == 302
    assert list(application.experts.values_list("expert", flat=True)) == [world.users["chair"].pk]


def test_an_appeal_needs_two_signed_opinions(world, django_capture_on_commit_callbacks):
    application = appeal(world)
    secretary = world.users["secretary"]
    conclude = ("changed", "B", "The grade is raised to B.", secretary)
    first = cases.assign_expert(application, world.users["member"], secretary)
    with pytest.raises(cases.CaseError, match="at least two independent experts; 0 given"):
        cases.conclude_appeal(application, *conclude)
    sign(first)
    second = cases.assign_expert(application, expert(world, "e2@uni.example.kz"), secretary)
    with pytest.raises(cases.CaseError, match="at least two independent experts; 1 given"):
        cases.conclude_appeal(application, *conclude)
    sign(second, "B-")
    with pytest.raises(cases.CaseError, match="Give the new grade"):
        cases.conclude_appeal(application, "changed", " ", "Raised.", secretary)
    with pytest.raises(cases.CaseError, match=r"stays C\+"):
        cases.conclude_appeal(application, "upheld", "B", "It stands.", secretary)
    with django_capture_on_commit_callbacks(execute=True):
        cases.conclude_appeal(application, *conclude)
    application.refresh_from_db()
    assert (application.status, application.appeal_outcome, application.grade_after_appeal) == (
        ApplicationStatus.DECIDED,
        "changed",
        "B",
    )
    # The applicant is told; the two experts were asked by e-mail before.
    assert [m.to for m in mail.outbox] == [[world.users["student"].email]]


def test_the_grade_stands_when_upheld(world):
    application = appeal(world)
    secretary = world.users["secretary"]
    for email in ("e1@uni.example.kz", "e2@uni.example.kz"):
        sign(cases.assign_expert(application, expert(world, email), secretary), "C+")
    cases.conclude_appeal(application, "upheld", "", "The grade stands.", world.users["chair"])
    application.refresh_from_db()
    assert application.grade_after_appeal == "C+"


def test_an_expert_who_now_teaches_the_course_does_not_count(world):
    application = appeal(world)
    secretary = world.users["secretary"]
    experts = [expert(world, f"e{i}@uni.example.kz") for i in (1, 2)]
    for person in experts:
        sign(cases.assign_expert(application, person, secretary))
    world.course_a.teachers.add(experts[1])
    with pytest.raises(cases.CaseError, match="1 given"):
        cases.conclude_appeal(application, "changed", "B", "Raised.", secretary)


def test_an_opinion_is_signed_once(world):
    application = appeal(world)
    seat = cases.assign_expert(application, world.users["member"], world.users["secretary"])
    with pytest.raises(cases.CaseError, match="Write your opinion"):
        cases.give_opinion(seat, " ", "B")
    sign(seat)
    seat.refresh_from_db()
    assert seat.signed_at is not None and seat.recommended_grade == "B"
    with pytest.raises(cases.CaseError, match="already given your opinion"):
        sign(seat, "A")


def test_no_answer_or_agenda_for_an_appeal_and_no_panel_for_a_complaint(world):
    secretary = world.users["secretary"]
    with pytest.raises(cases.CaseError, match="opinions of its experts"):
        cases.record_answer(appeal(world), "No.", secretary)
    with pytest.raises(cases.CaseError, match="Only a grade appeal has a panel"):
        cases.assign_expert(submit(world), world.users["member"], secretary)


# --- In the browser -------------------------------------------------------------------------


def _new_application_form(client):
    response = client.get(url("my_applications"))
    assert response.status_code == 200
    return response.context["form"].initial["token"]


def test_student_to_secretary_to_answer_in_the_browser(
    client, world, django_capture_on_commit_callbacks
):
    student, secretary = world.users["student"], world.users["secretary"]
    student.preferred_language = "ru"
    student.save()
    client.force_login(student)
    token = _new_application_form(client)
    response = client.post(
        url("my_applications"),
        {
            "kind": "complaint",
            "body": world.committee.pk,
            "subject": "Late exam timetable",
            "text": "The timetable was published a day before the exams.",
            "attachment": SimpleUploadedFile("timetable.pdf", PDF),
            "token": token,
        },
        follow=True,
    )
    application = Application.objects.get()
    assert response.redirect_chain[-1][0] == url("application_detail", application.pk)
    assert "Your application was sent to School of Law Committee." in messages_of(response)
    assert application.attachment.read() == PDF

    client.force_login(secretary)
    response = client.get(url("body_applications", world.committee.pk))
    assert "Late exam timetable" in response.content.decode()
    assert "1 open application." in response.content.decode()
    response = client.get(url("application_detail", application.pk))
    assert response.context["agenda_form"] is not None
    response = client.post(
        url("application_agenda", application.pk), {"meeting": world.meeting.pk}, follow=True
    )
    assert "The application is on the agenda of meeting No. 1." in messages_of(response)
    application.refresh_from_db()
    assert application.agenda_item.meeting == world.meeting

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("application_answer", application.pk),
            {"response": "The timetable will be published a week ahead.", "decision": ""},
            follow=True,
        )
    assert "The answer is recorded and the applicant is informed by e-mail." in messages_of(
        response
    )
    (message,) = mail.outbox
    assert message.to == [student.email] and message.extra_headers["Content-Language"] == "ru"

    client.force_login(student)
    page = client.get(url("application_detail", application.pk)).content.decode()
    assert "The timetable will be published a week ahead." in page
    assert "Decided" in page


def test_a_member_reads_but_does_not_act(client, world):
    application = submit(world)
    client.force_login(world.users["member"])
    response = client.get(url("application_detail", application.pk))
    assert response.status_code == 200 and "answer_form" not in response.context
    assert (
        client.post(url("application_answer", application.pk), {"response": "x"}).status_code == 403
    )
    assert client.post(url("application_withdraw", application.pk)).status_code == 403


def test_another_schools_secretary_cannot_act(client, world):
    application = submit(world)
    other = f.BodyFactory(kind="school_committee", school=world.school_b)
    outsider = f.MembershipFactory(body=other, role="secretary", voting=False).person
    client.force_login(outsider)
    assert client.get(url("application_detail", application.pk)).status_code == 403
    response = client.post(url("application_agenda", application.pk), {"meeting": world.meeting.pk})
    assert response.status_code == 403
    assert client.get(url("body_applications", world.committee.pk)).status_code == 403


def test_a_refused_form_is_shown_again_with_the_reason(client, world):
    inclusive = submit(world, kind="inclusive", subject="Study plan")
    client.force_login(world.users["secretary"])
    response = client.post(url("application_answer", inclusive.pk), {"response": "Granted."})
    assert response.status_code == 400
    assert response.context["answer_form"].errors["decision"] == ["This field is required."]
    assert "Nothing was changed; please correct the form." in messages_of(response)
    inclusive.refresh_from_db()
    assert inclusive.status == ApplicationStatus.SUBMITTED

    # A rule of governance.cases about one field is shown next to that field.
    application = appeal(world)
    for email in ("e1@uni.example.kz", "e2@uni.example.kz"):
        sign(cases.assign_expert(application, expert(world, email), world.users["secretary"]))
    response = client.post(
        url("application_conclude", application.pk),
        {"outcome": "changed", "grade_after": "", "response": "Raised."},
    )
    assert response.status_code == 400
    assert response.context["conclude_form"].errors["grade_after"] == ["Give the new grade."]


def test_appeal_with_experts_in_the_browser(client, world, django_capture_on_commit_callbacks):
    student, secretary = world.users["student"], world.users["secretary"]
    second = expert(world, "second.expert@uni.example.kz")
    client.force_login(student)
    token = _new_application_form(client)
    client.post(
        url("my_applications"),
        {
            "kind": "grade_appeal",
            "body": world.committee.pk,
            "subject": "Appeal of my LAW101 grade",
            "text": "Tasks 2 and 3 were not marked.",
            "course": world.course_a.pk,
            "grade_given": "C+",
            "token": token,
        },
    )
    application = Application.objects.get()

    client.force_login(secretary)
    response = client.post(
        url("application_expert", application.pk), {"expert": world.users["teacher"].pk}
    )
    assert response.status_code == 400
    assert "teaches LAW101" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        for person in (world.users["member"], second):
            response = client.post(
                url("application_expert", application.pk), {"expert": person.pk}, follow=True
            )
            assert f"{person} is on the panel" in messages_of(response)[0]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.users["member"].email, second.email]
    )
    response = client.post(
        url("application_conclude", application.pk),
        {"outcome": "changed", "grade_after": "B", "response": "Raised."},
        follow=True,
    )
    assert (
        "An appeal needs the opinions of at least two independent experts; 0 given."
        in messages_of(response)
    )

    for person, grade in ((world.users["member"], "B"), (second, "B-")):
        client.force_login(person)
        response = client.get(url("appeal_reviews"))
        (seat,) = response.context["waiting"]
        response = client.post(
            url("appeal_review", seat.pk),
            {"opinion": "Tasks 2 and 3 deserve full marks.", "recommended_grade": grade},
            follow=True,
        )
        assert "Your opinion is signed and sent to the committee." in messages_of(response)

    client.force_login(secretary)
    page = client.get(url("application_detail", application.pk)).content.decode()
    assert str(second) in page and "Recommended grade: B-" in page
    response = client.post(
        url("application_conclude", application.pk),
        {"outcome": "changed", "grade_after": "B", "response": "Your grade is raised to B."},
        follow=True,
    )
    assert "The appeal is concluded and the applicant is informed by e-mail." in messages_of(
        response
    )

    client.force_login(student)
    page = client.get(url("application_detail", application.pk)).content.decode()
    assert "The grade is changed" in page and "Your grade is raised to B." in page
    assert "2 of 2 experts have given an opinion." in page
    # Independence: the applicant never learns who reviewed the appeal.
    for person in (world.users["member"], second):
        assert str(person) not in page


def test_an_expert_who_has_not_signed_does_not_see_the_other_opinions(client, world):
    application = appeal(world)
    secretary = world.users["secretary"]
    other = cases.assign_expert(application, expert(world, "e1@uni.example.kz"), secretary)
    sign(other, "A-")
    cases.assign_expert(application, world.users["member"], secretary)
    client.force_login(world.users["member"])
    page = client.get(url("application_detail", application.pk)).content.decode()
    assert "Recommended grade: A-" not in page
    client.force_login(world.users["chair"])
    assert (
        "Recommended grade: A-"
        in client.get(url("application_detail", application.pk)).content.decode()
    )


def test_the_applicant_withdraws_in_the_browser(client, world):
    application = submit(world)
    client.force_login(world.users["student"])
    response = client.post(url("application_withdraw", application.pk), follow=True)
    assert "Your application was withdrawn." in messages_of(response)
    response = client.post(url("application_withdraw", application.pk), follow=True)
    assert "This application is no longer open." in messages_of(response)


def test_the_menu_and_the_dashboard_show_my_applications(client, world):
    submit(world, subject="Library hours")
    client.force_login(world.users["student"])
    response = client.get(reverse("home"))
    assert ("My applications", url("my_applications"), False) in response.context["menu"]
    page = response.content.decode()
    assert "Library hours" in page and "Submitted" in page
    client.force_login(world.users["dean"])
    assert "My applications" not in client.get(reverse("home")).content.decode()


def test_an_expert_sees_the_appeals_waiting_for_them_on_the_dashboard(client, world):
    application = appeal(world)
    cases.assign_expert(application, world.users["member"], world.users["secretary"])
    client.force_login(world.users["member"])
    page = client.get(reverse("home")).content.decode()
    assert "Appeals waiting for my opinion" in page and application.subject in page


# --- Attachments ----------------------------------------------------------------------------


def test_attachments_download_only_to_the_applicant_readers_and_experts(client, world):
    application = appeal(world, attachment=SimpleUploadedFile("exam.pdf", PDF))
    outside = f.UserFactory(email="outside.expert@uni.example.kz")
    AppealExpert.objects.create(application=application, expert=outside)
    for role in ("student", "secretary", "member", "qa_manager"):
        client.force_login(world.users[role])
        response = client.get(url("application_attachment", application.pk))
        assert response.status_code == 200, role
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment")
        assert "no-store" in response["Cache-Control"]
    client.force_login(outside)
    assert client.get(url("application_attachment", application.pk)).status_code == 200
    for role in ("teacher", "dean", "rector"):
        client.force_login(world.users[role])
        assert client.get(url("application_attachment", application.pk)).status_code == 403
    client.logout()
    assert client.get(url("application_attachment", application.pk)).status_code == 302


def test_a_file_that_is_not_what_it_says_is_refused(client, world):
    client.force_login(world.users["student"])
    token = _new_application_form(client)
    response = client.post(
        url("my_applications"),
        {
            "kind": "complaint",
            "body": world.committee.pk,
            "subject": "Forged",
            "text": "x",
            "attachment": SimpleUploadedFile("exam.pdf", b"MZ\x90\x00 not a pdf"),
            "token": token,
        },
    )
    assert response.status_code == 200
    assert "not a real .pdf file" in response.content.decode()
    assert not Application.objects.exists()


# --- Double submission ----------------------------------------------------------------------


def test_the_same_form_posted_twice_makes_one_application(client, world):
    client.force_login(world.users["student"])
    token = _new_application_form(client)
    data = {
        "kind": "complaint",
        "body": world.committee.pk,
        "subject": "Cold classrooms",
        "text": "Room 204 is at 14 °C.",
        "token": token,
    }
    first = client.post(url("my_applications"), data, follow=True)
    second = client.post(url("my_applications"), data, follow=True)
    application = Application.objects.get()
    assert first.redirect_chain[-1][0] == second.redirect_chain[-1][0]
    assert second.redirect_chain[-1][0] == url("application_detail", application.pk)
    assert "This application had already been sent." in messages_of(second)
    # A new form has a new token: the same text sent again on purpose is a new application.
    data["token"] = _new_application_form(client)
    client.post(url("my_applications"), data)
    assert Application.objects.count() == 2


def test_a_token_whose_application_was_rolled_back_does_not_count(world):
    token = secrets.token_urlsafe(24)
    student = world.users["student"]
    cache.set(f"cases:submitted:{student.pk}:{token}", 999_999)
    application = submit(world, token=token)
    assert application.pk != 999_999


@pytest.mark.postgres
def test_parallel_posts_of_one_form_make_one_application(transactional_db):
    """Ten threads submit the same form at once (a frantic double click on a slow line)."""
    need_postgres()
    school = f.SchoolFactory(code="PAR")
    programme = f.ProgrammeFactory(school=school)
    committee = f.BodyFactory(kind="school_committee", school=school)
    student = f.student(programme=programme)
    token = secrets.token_urlsafe(24)
    start = threading.Barrier(10)
    outcomes = []

    def post():
        start.wait()
        try:
            _application, created = cases.submit_application(
                User.objects.get(pk=student.pk),
                body=committee,
                kind="complaint",
                subject="Parallel",
                text="Sent ten times at once.",
                token=token,
            )
            outcomes.append(created)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [False] * 9 + [True]
    assert Application.objects.filter(applicant=student).count() == 1


# --- Demo data ------------------------------------------------------------------------------


def test_the_demo_has_the_four_cases(db):
    call_command("seed_demo", stdout=io.StringIO())
    law = Body.objects.get(kind="school_committee", school__code="LAW")
    applications = {a.kind + ":" + a.status: a for a in law.applications.all()}
    assert set(applications) == {
        "inclusive:decided",
        "complaint:on_agenda",
        "grade_appeal:decided",
        "grade_appeal:submitted",
    }
    inclusive = applications["inclusive:decided"]
    assert (
        inclusive.decision.body == law and inclusive.agenda_item == inclusive.decision.motion.item
    )
    complaint = applications["complaint:on_agenda"]
    assert complaint.agenda_item.meeting.status == "published"
    assert complaint.applicant.email == "student1@demo.edu.kz"
    concluded = applications["grade_appeal:decided"]
    assert cases.independent_opinions(concluded).count() == 2
    teachers = set(concluded.course.teachers.all())
    assert not teachers & {seat.expert for seat in concluded.experts.all()}
    waiting = applications["grade_appeal:submitted"]
    assert not waiting.experts.exists()
    for application in applications.values():
        cases.check_submission(
            application.applicant,
            application.body,
            application.kind,
            application.course,
            application.grade_given,
        )
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    assert "created: nothing" in output.getvalue() and "updated: nothing" in output.getvalue()
