"""The decision register and improvement actions: who sees what, filters, revision notes, the
action lifecycle with evidence, verification by the QA manager only, and evidence files."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from governance import actions as rules
from governance.models import Decision, ImprovementAction
from governance.models.decisions import ActionSource, ActionStatus

from . import factories as f
from . import urlmatrix  # noqa: F401 - loads the matrix modules in order
from .browser import chromium, phone, sign_in  # noqa: F401 - fixtures
from .matrix_register import PDF, committee_action, committee_decision, council_decision

TODAY = timezone.localdate


def en(name, *args, query=""):
    with translation.override("en"):
        return reverse(name, args=args) + (f"?{query}" if query else "")


def login(client, world, role):
    client.force_login(world.users[role])


def decision(body, number, meeting=None, **kwargs):
    meeting = meeting or f.MeetingFactory(body=body)
    kwargs.setdefault("date", datetime.date(2026, 10, 5))
    kwargs.setdefault("text", f"Decision text {number}")
    return Decision.objects.create(body=body, meeting=meeting, number=number, **kwargs)


def action(world, status=ActionStatus.PLANNED, owner=None, school=None, days=20, **kwargs):
    made = rules.raise_from_decision(
        committee_decision(world),
        title=kwargs.pop("title", "Revise the assessment rubric"),
        owner=owner or world.users["teacher"],
        school=school or world.school_a,
        due_date=TODAY() + datetime.timedelta(days=days),
        **kwargs,
    )
    if status != ActionStatus.PLANNED:
        ImprovementAction.objects.filter(pk=made.pk).update(status=status)
        made.refresh_from_db()
    return made


def numbers(response):
    return [d.number for d in response.context["decisions"]]


# --- Who reads the register --------------------------------------------------------------


def test_committee_member_reads_their_body_not_the_council(client, world):
    committee_decision(world)
    council_decision(world)
    login(client, world, "member")
    response = client.get(en("governance:decision_list"))
    assert numbers(response) == ["REG-1"]
    assert (
        client.get(en("governance:decision_detail", council_decision(world).pk)).status_code == 403
    )


def test_a_council_member_reads_the_council_too(client, world):
    committee_decision(world)
    council_decision(world)
    f.MembershipFactory(body=world.council, person=world.users["member"])
    login(client, world, "member")
    assert set(numbers(client.get(en("governance:decision_list")))) == {"REG-1", "REG-C1"}


@pytest.mark.parametrize("role", ["qa_manager", "rector"])
def test_qa_manager_and_rector_read_every_decision(client, world, role):
    committee_decision(world)
    council_decision(world)
    other = decision(f.BodyFactory(school=world.school_b), "X-9")
    login(client, world, role)
    assert set(numbers(client.get(en("governance:decision_list")))) == {"REG-1", "REG-C1", "X-9"}
    assert client.get(en("governance:decision_detail", other.pk)).status_code == 200


def test_vice_rector_reads_decisions_but_not_body_materials(client, world):
    from governance.roles import Role

    vice = f.UserFactory(email="vice@uni.example.kz", roles=[Role.VICE_RECTOR])
    client.force_login(vice)
    council_decision(world)
    assert numbers(client.get(en("governance:decision_list"))) == ["REG-C1"]


def test_student_sees_an_empty_register(client, world):
    committee_decision(world)
    login(client, world, "student")
    response = client.get(en("governance:decision_list"))
    assert response.status_code == 200
    assert numbers(response) == []
    assert "No decisions match." in response.text


# --- Filters and paging ---------------------------------------------------------------------


def test_filters_by_body_year_text_and_revision(client, world):
    d1 = decision(world.committee, "C-1", date=datetime.date(2025, 3, 1), text="Peer observation")
    d2 = decision(world.committee, "C-2", date=datetime.date(2026, 3, 1), text="Syllabus review")
    c1 = decision(world.council, "A-7", date=datetime.date(2026, 4, 1), text="Annul C-1")
    c1.revises, c1.revision_kind = d1, "annulled"
    c1.save()
    c2 = decision(world.council, "A-8", date=datetime.date(2026, 5, 1), text="Revise C-2")
    c2.revises, c2.revision_kind = d2, "revised"
    c2.save()
    login(client, world, "qa_manager")
    url = en("governance:decision_list")

    assert set(numbers(client.get(url, {"body": world.committee.pk}))) == {"C-1", "C-2"}
    assert numbers(client.get(url, {"year": "2025"})) == ["C-1"]
    assert numbers(client.get(url, {"q": "syllabus"})) == ["C-2"]
    assert numbers(client.get(url, {"q": "A-8"})) == ["A-8"]
    assert set(numbers(client.get(url, {"revision": "any"}))) == {"C-1", "C-2"}
    assert numbers(client.get(url, {"revision": "annulled"})) == ["C-1"]
    assert numbers(client.get(url, {"revision": "revised"})) == ["C-2"]
    assert numbers(client.get(url, {"body": world.council.pk, "year": "2026"})) == ["A-8", "A-7"]
    # The year filter offers the years that have decisions.
    years = [
        value for value, _label in client.get(url).context["filter"].form["year"].field.choices
    ]
    assert years == ["", "2026", "2025"]


def test_body_filter_offers_only_readable_bodies(client, world):
    committee_decision(world)
    login(client, world, "member")
    response = client.get(en("governance:decision_list"), {"body": world.council.pk})
    assert "body" in response.context["filter"].form.errors
    field = response.context["filter"].form.fields["body"]
    assert list(field.queryset) == [world.committee]


def test_register_is_paginated_by_25(client, world):
    for n in range(30):
        decision(
            world.committee, f"P-{n:02d}", meeting=world.meeting, date=datetime.date(2026, 9, 1)
        )
    login(client, world, "chair")
    first = client.get(en("governance:decision_list"))
    assert len(numbers(first)) == 25
    assert 'rel="next"' in first.text
    second = client.get(en("governance:decision_list"), {"page": 2})
    assert len(numbers(second)) == 5


# --- Revision notes ---------------------------------------------------------------------------


def test_revision_note_shows_both_ways(client, world):
    reviewed = committee_decision(world)
    annulling = council_decision(world)
    annulling.revises, annulling.revision_kind = reviewed, "annulled"
    annulling.save()

    login(client, world, "qa_manager")
    listing = client.get(en("governance:decision_list")).text
    assert "Annulled by decision No. REG-C1 of Academic and Research Council" in listing
    detail = client.get(en("governance:decision_detail", reviewed.pk))
    assert "Annulled by decision No. REG-C1" in detail.text
    assert reverse("governance:decision_detail", args=[annulling.pk]) in detail.text
    other_way = client.get(en("governance:decision_detail", annulling.pk)).text
    assert "Annuls decision No. REG-1 of School of Law Committee" in other_way


def test_revision_note_is_not_a_link_for_those_who_cannot_open_it(client, world):
    reviewed = committee_decision(world)
    revising = council_decision(world)
    revising.revises, revising.revision_kind = reviewed, "revised"
    revising.save()
    login(client, world, "member")
    response = client.get(en("governance:decision_detail", reviewed.pk))
    assert "Revised by decision No. REG-C1" in response.text
    assert reverse("governance:decision_detail", args=[revising.pk]) not in response.text


def test_decision_page_shows_text_vote_motion_and_actions(client, world):
    d = committee_decision(world)
    d.motion = world.motion
    d.save()
    made = action(world, title="Publish the syllabi")
    login(client, world, "member")
    response = client.get(en("governance:decision_detail", d.pk))
    assert "Силлабустарды жаңарту" in response.text
    assert "For 2, against 0" in response.text
    assert world.motion.text in response.text
    assert "Publish the syllabi" in response.text
    assert reverse("governance:action_detail", args=[made.pk]) in response.text
    # Members read it; only the chair, secretary or QA manager raise actions.
    assert reverse("governance:action_create", args=[d.pk]) not in response.text
    login(client, world, "chair")
    response = client.get(en("governance:decision_detail", d.pk))
    assert reverse("governance:action_create", args=[d.pk]) in response.text


# --- Raising an action ------------------------------------------------------------------------


def _create(client, decision_pk, **data):
    payload = {
        "title": "Update the course catalogue",
        "description": "All syllabi of the school",
        "owner_email": "teacher@uni.example.kz",
        "school": "",
        "due_date": (TODAY() + datetime.timedelta(days=40)).isoformat(),
        **data,
    }
    return client.post(en("governance:action_create", decision_pk), payload)


@pytest.mark.parametrize("role", ["chair", "secretary", "qa_manager"])
def test_chair_secretary_or_qa_manager_raise_an_action_from_a_decision(client, world, role):
    d = committee_decision(world)
    login(client, world, role)
    form = client.get(en("governance:action_create", d.pk)).context["form"]
    assert form.initial["school"] == world.school_a.pk
    response = _create(client, d.pk, owner_email="TEACHER@uni.example.kz", school=world.school_a.pk)
    made = ImprovementAction.objects.get()
    assert response.status_code == 302
    assert response["Location"] == en("governance:action_detail", made.pk)
    assert made.owner == world.users["teacher"]
    assert made.source == ActionSource.DECISION
    assert made.source_object == d
    assert made.status == ActionStatus.PLANNED
    assert list(rules.actions_from(d)) == [made]


def test_member_cannot_raise_an_action(client, world):
    login(client, world, "member")
    assert _create(client, committee_decision(world).pk).status_code == 403
    assert not ImprovementAction.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"owner_email": "nobody@uni.example.kz"}, "owner_email", "No active member of staff"),
        ({"owner_email": "student@uni.example.kz"}, "owner_email", "No active member of staff"),
        ({"due_date": "2020-01-01"}, "due_date", "The due date is in the past."),
        ({"title": ""}, "title", "This field is required."),
    ],
)
def test_action_form_checks_owner_and_due_date(client, world, data, field, message):
    login(client, world, "chair")
    response = _create(client, committee_decision(world).pk, **data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not ImprovementAction.objects.exists()


def test_an_annulled_decision_raises_no_action(client, world):
    reviewed = committee_decision(world)
    annulling = council_decision(world)
    annulling.revises, annulling.revision_kind = reviewed, "annulled"
    annulling.save()
    login(client, world, "qa_manager")
    response = _create(client, reviewed.pk)
    assert response.status_code == 302
    assert response["Location"] == en("governance:decision_detail", reviewed.pk)
    assert not ImprovementAction.objects.exists()
    with pytest.raises(rules.ActionRuleError):
        rules.raise_from_decision(
            reviewed, title="x", owner=world.users["teacher"], due_date=TODAY()
        )


# --- Lifecycle ----------------------------------------------------------------------------------


def _post(client, made, op, **data):
    return client.post(en("governance:action_update", made.pk), {"op": op, **data})


def test_lifecycle_with_evidence_required_and_verification(client, world):
    made = action(world)
    login(client, world, "teacher")
    assert _post(client, made, "start").status_code == 302
    made.refresh_from_db()
    assert made.status == ActionStatus.IN_PROGRESS

    # No evidence at all: refused, and the page says why.
    response = _post(client, made, "done", evidence="  ")
    assert response.status_code == 400
    assert "Describe the evidence or attach a file" in response.text
    made.refresh_from_db()
    assert made.status == ActionStatus.IN_PROGRESS and made.completed_at is None

    response = _post(client, made, "done", evidence="Syllabi published in the LMS")
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.status == ActionStatus.DONE
    assert made.evidence == "Syllabi published in the LMS"
    assert made.completed_at is not None

    login(client, world, "qa_manager")
    assert _post(client, made, "verify").status_code == 302
    made.refresh_from_db()
    assert made.status == ActionStatus.VERIFIED
    assert made.verified_by == world.users["qa_manager"]

    # The history tells the story.
    page = client.get(en("governance:action_detail", made.pk)).text
    assert "Planned → In progress" in page
    assert "Done → Verified" in page


def test_a_file_alone_is_enough_evidence(client, world):
    made = action(world, status=ActionStatus.OVERDUE)
    login(client, world, "teacher")
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    response = client.post(
        en("governance:action_update", made.pk), {"op": "done", "evidence_file": upload}
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.status == ActionStatus.DONE
    assert made.evidence_file.name.endswith(".pdf")


def test_evidence_upload_rejects_a_fake_pdf(client, world):
    made = action(world, status=ActionStatus.IN_PROGRESS)
    login(client, world, "teacher")
    fake = SimpleUploadedFile(
        "report.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf"
    )
    response = client.post(
        en("governance:action_update", made.pk),
        {"op": "done", "evidence": "See the report", "evidence_file": fake},
    )
    assert response.status_code == 400
    assert "not a real .pdf file" in response.text
    made.refresh_from_db()
    assert made.status == ActionStatus.IN_PROGRESS
    assert not made.evidence_file


@pytest.mark.parametrize("role", ["teacher", "dean", "chair", "secretary", "rector"])
def test_only_the_qa_manager_verifies(client, world, role):
    made = action(world, status=ActionStatus.DONE, evidence="done")
    login(client, world, role)
    assert _post(client, made, "verify").status_code == 403
    assert _post(client, made, "return", note="no").status_code == 403
    made.refresh_from_db()
    assert made.status == ActionStatus.DONE


def test_only_the_owner_starts_and_finishes(client, world):
    made = action(world)
    login(client, world, "qa_manager")
    assert _post(client, made, "start").status_code == 403
    assert _post(client, made, "done", evidence="x").status_code == 403
    login(client, world, "student")
    assert _post(client, made, "start").status_code == 403


def test_the_qa_manager_does_not_verify_their_own_action(world):
    made = action(world, status=ActionStatus.DONE, owner=world.users["qa_manager"], evidence="x")
    with pytest.raises(rules.PermissionDenied):
        rules.verify(made, world.users["qa_manager"])


def test_verification_failed_goes_back_with_a_note(client, world):
    made = action(world, status=ActionStatus.DONE, evidence="done", description="Original")
    ImprovementAction.objects.filter(pk=made.pk).update(completed_at=timezone.now())
    login(client, world, "qa_manager")
    response = _post(client, made, "return", note="  ")
    assert response.status_code == 400
    assert (
        _post(client, made, "return", note="The syllabi of year 3 are missing").status_code == 302
    )
    made.refresh_from_db()
    assert made.status == ActionStatus.IN_PROGRESS
    assert made.completed_at is None
    assert made.description.startswith("Original\n\n")
    assert "The syllabi of year 3 are missing" in made.description


def test_transitions_not_allowed_say_so(world):
    owner, qa = world.users["teacher"], world.users["qa_manager"]
    planned = action(world)
    with translation.override("en"):
        with pytest.raises(rules.TransitionNotAllowed, match="“Planned” cannot become “Done”"):
            rules.mark_done(planned, owner, evidence="x")
        with pytest.raises(rules.TransitionNotAllowed):
            rules.verify(planned, qa)
        verified = action(world, status=ActionStatus.VERIFIED, evidence="x")
        with pytest.raises(rules.TransitionNotAllowed, match="“Verified” cannot become"):
            rules.start(verified, owner)
        running = action(world, status=ActionStatus.IN_PROGRESS)
        with pytest.raises(rules.TransitionNotAllowed):
            rules.start(running, owner)
        with pytest.raises(rules.TransitionNotAllowed):
            rules.return_for_rework(running, qa, "why")


def test_a_refused_transition_is_a_message_not_an_error_page(client, world):
    made = action(world, status=ActionStatus.IN_PROGRESS)
    login(client, world, "teacher")
    response = _post(client, made, "start")
    assert response.status_code == 302
    page = client.get(response["Location"]).text
    assert "cannot become" in page


def test_get_and_unknown_operation(client, world):
    made = action(world)
    login(client, world, "teacher")
    assert client.get(en("governance:action_update", made.pk)).status_code == 405
    assert _post(client, made, "explode").status_code == 400


# --- Who sees which actions ---------------------------------------------------------------------


def titles(response):
    return {a.title for a in response.context["actions"]}


def test_dean_sees_only_their_schools_actions(client, world):
    action(world, title="A's action")
    b_owner = f.teacher(world.school_b, email="b@uni.example.kz")
    b_action = rules.raise_action(
        title="B's action",
        owner=b_owner,
        school=world.school_b,
        due_date=TODAY(),
        source=ActionSource.SURVEY,
    )
    login(client, world, "dean")
    assert titles(client.get(en("governance:action_list"))) == {"A's action"}
    assert client.get(en("governance:action_detail", b_action.pk)).status_code == 403
    assert client.get(en("governance:action_evidence", b_action.pk)).status_code == 403
    login(client, world, "qa_manager")
    assert titles(client.get(en("governance:action_list"))) == {"A's action", "B's action"}


def test_owner_sees_their_own_actions_only(client, world):
    action(world, title="Mine")
    rules.raise_action(
        title="Someone else's",
        owner=f.teacher(world.school_b),
        school=world.school_b,
        due_date=TODAY(),
        source=ActionSource.INSPECTION,
    )
    login(client, world, "teacher")
    assert titles(client.get(en("governance:action_list"))) == {"Mine"}
    login(client, world, "student")
    assert titles(client.get(en("governance:action_list"))) == set()


def test_action_filters(client, world):
    late = action(world, title="Late", days=-3)
    action(world, title="Running", status=ActionStatus.IN_PROGRESS)
    action(world, title="Finished late", status=ActionStatus.DONE, days=-3, evidence="x")
    rules.raise_action(
        title="Survey follow-up",
        owner=world.users["chair"],
        school=world.school_b,
        due_date=TODAY(),
        source=ActionSource.SURVEY,
    )
    login(client, world, "qa_manager")
    url = en("governance:action_list")
    assert titles(client.get(url, {"overdue": "on"})) == {"Late"}
    assert titles(client.get(url, {"status": "in_progress"})) == {"Running"}
    assert titles(client.get(url, {"school": world.school_b.pk})) == {"Survey follow-up"}
    assert titles(client.get(url, {"source": "survey"})) == {"Survey follow-up"}
    login(client, world, "chair")
    assert "Late" in titles(client.get(url))  # a committee action: the chair reads it
    assert titles(client.get(url, {"mine": "on"})) == {"Survey follow-up"}
    assert "past due" in client.get(url, {"overdue": "on"}).text
    assert late.status == ActionStatus.PLANNED


# --- Evidence files -------------------------------------------------------------------------------


def test_evidence_is_downloaded_as_an_attachment(client, world):
    made = committee_action(world)
    login(client, world, "dean")
    response = client.get(en("governance:action_evidence", made.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    login(client, world, "student")
    assert client.get(en("governance:action_evidence", made.pk)).status_code == 403


def test_no_evidence_file_is_404(client, world):
    made = action(world)
    login(client, world, "teacher")
    assert client.get(en("governance:action_evidence", made.pk)).status_code == 404


def test_action_page_escapes_user_text(client, world):
    made = action(world, title="<script>alert(1)</script>", evidence="<b>bold</b>")
    made.evidence_file = ContentFile(PDF, name="e.pdf")
    made.save()
    login(client, world, "teacher")
    page = client.get(en("governance:action_detail", made.pk)).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "<b>bold</b>" not in page


# --- Phones -------------------------------------------------------------------------------------


@pytest.mark.browser
def test_action_page_fits_a_360px_phone(phone, world):  # noqa: F811
    from playwright.sync_api import expect

    made = action(world, status=ActionStatus.IN_PROGRESS, title="Долгое название " * 12)
    sign_in(phone, "teacher@uni.example.kz")
    phone.goto(reverse("governance:action_detail", args=[made.pk]))
    expect(phone.locator("h1")).to_be_visible()
    expect(phone.locator("textarea[name=evidence]")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.goto(reverse("governance:action_list"))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.goto(reverse("governance:decision_list"))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
