"""``manage.py seed_demo``: a demo university, deterministic and idempotent.

The command runs once for the whole module inside a transaction that is rolled back at the end,
so the other test modules never see the demo data; each test runs in a savepoint within it.
"""

import datetime
import io
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import translation
from guardian.models import UserObjectPermission

from governance import demo_data
from governance.models import (
    AcademicYear,
    AgendaItem,
    Attendance,
    BallotReceipt,
    Body,
    Course,
    Decision,
    Department,
    EducationalProgramme,
    Enrolment,
    ImprovementAction,
    Institution,
    Meeting,
    Membership,
    Motion,
    NamedVote,
    School,
    SecretTally,
    StaffProfile,
    StudentProfile,
    Term,
    User,
)
from governance.models.structure import NQF_LEVELS
from governance.roles import Role
from governance.voting import explain, result_of

pytestmark = pytest.mark.django_db

PASSWORD = demo_data.DEMO_PASSWORD
COUNTED = (
    Institution,
    AcademicYear,
    Term,
    School,
    Department,
    EducationalProgramme,
    Course,
    Course.programmes.through,
    Course.teachers.through,
    User,
    User.groups.through,
    StaffProfile,
    StudentProfile,
    Enrolment,
    UserObjectPermission,
    Body,
    Membership,
    Meeting,
    AgendaItem,
    Attendance,
    Motion,
    BallotReceipt,
    NamedVote,
    SecretTally,
    Decision,
    ImprovementAction,
)


def seed(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts():
    return {model._meta.label: model.objects.count() for model in COUNTED}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the module; roll it all back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = seed()
        yield output
        transaction.set_rollback(True)


def with_role(role):
    return User.objects.filter(groups__name=Role(role).value)


def test_counts_meet_the_minimums(seeded):
    institution = Institution.current()
    assert institution.name_kk == "Сапа университеті"
    assert institution.name_ru and institution.name_en and institution.website
    assert institution.short_name_kk and institution.short_name_ru and institution.short_name_en
    assert School.objects.count() >= 4
    assert Department.objects.count() >= School.objects.count()
    assert EducationalProgramme.objects.count() >= 12
    assert Course.objects.count() >= 60
    teachers = StaffProfile.objects.filter(user__groups__name=Role.TEACHER.value)
    assert teachers.count() >= 40
    assert not teachers.filter(department__isnull=True).exists()
    assert StudentProfile.objects.count() >= 600
    assert with_role(Role.QA_MANAGER).get().is_staff
    assert with_role(Role.RECTOR).count() == 1
    assert with_role(Role.VICE_RECTOR).count() == 1
    assert with_role(Role.EXTERNAL_EXPERT).count() == 1
    # One secretary per school (its committee's) and the council's.
    assert with_role(Role.SECRETARY).count() == School.objects.count() + 1
    assert not School.objects.filter(dean__isnull=True).exists()
    assert User.objects.filter(is_staff=True).count() == 1


def test_everything_is_in_kazakh_russian_and_english(seeded):
    for model, prefix in (
        (School, "name"),
        (Department, "name"),
        (EducationalProgramme, "name"),
        (Course, "title"),
        (User, "full_name"),
    ):
        for lang in ("kk", "ru", "en"):
            assert not model.objects.filter(**{f"{prefix}_{lang}": ""}).exists(), (model, lang)
    assert not StaffProfile.objects.filter(position_kk="").exists()


def test_terms_of_the_current_academic_year(seeded):
    autumn = Term.objects.get(academic_year__name="2026-2027", kind="autumn")
    assert (autumn.start_date, autumn.last_teaching_day, autumn.end_date) == (
        datetime.date(2026, 9, 1),
        datetime.date(2026, 12, 19),
        datetime.date(2027, 1, 17),
    )
    spring = Term.objects.get(academic_year__name="2026-2027", kind="spring")
    spring.full_clean()
    assert Term.current(datetime.date(2026, 11, 23)) == autumn
    students = StudentProfile.objects.values_list("user_id", flat=True)
    enrolled = set(Enrolment.objects.filter(term=autumn).values_list("student_id", flat=True))
    assert set(students) <= enrolled
    assert Enrolment.objects.filter(term=spring).exists()


def test_programmes_cover_the_levels_and_obey_the_rules(seeded):
    levels = set(EducationalProgramme.objects.values_list("level", flat=True))
    assert {"bachelor", "master", "doctoral"} <= levels
    credits = {"bachelor": 240, "master": 120, "doctoral": 180}
    for programme in EducationalProgramme.objects.all():
        programme.full_clean()  # code pattern, NQF level, languages
        assert programme.nqf_level == NQF_LEVELS[programme.level]
        if programme.level in credits:
            assert programme.credits == credits[programme.level]
        assert programme.languages


def test_every_course_has_a_programme_and_one_or_two_teachers(seeded):
    assert not Course.objects.filter(programmes=None).exists()
    assert not Course.objects.filter(teachers=None).exists()
    for course in Course.objects.prefetch_related("teachers__groups"):
        teachers = list(course.teachers.all())
        assert 1 <= len(teachers) <= 2, course.code
        assert all(t.has_role(Role.TEACHER) for t in teachers)


def test_each_dean_sees_their_own_school_only(seeded):
    schools = list(School.objects.select_related("dean"))
    for school in schools:
        dean = school.dean
        assert dean.has_role(Role.DEAN)
        assert dean.has_perm("governance.view_school", school)
        for other in schools:
            if other != school:
                assert not dean.has_perm("governance.view_school", other)
    assert User.objects.get(email="dean.law@demo.edu.kz").schools_led.get().code == "LAW"


def test_students_get_the_role_of_their_programme(seeded):
    doctoral = StudentProfile.objects.filter(programme__level="doctoral").select_related("user")
    assert doctoral.exists()
    for profile in doctoral:
        assert profile.user.has_role(Role.DOCTORAL_STUDENT)
        assert not profile.user.has_role(Role.STUDENT)
    bachelors = StudentProfile.objects.filter(programme__level="bachelor")
    assert with_role(Role.STUDENT).count() >= bachelors.count()
    assert (
        not with_role(Role.DOCTORAL_STUDENT)
        .filter(student_profile__programme__level="bachelor")
        .exists()
    )
    assert StudentProfile.objects.values("student_number").distinct().count() == (
        StudentProfile.objects.count()
    )


def test_output_lists_the_demo_logins(seeded):
    for email in (
        "qa@demo.edu.kz",
        "rector@demo.edu.kz",
        "vicerector@demo.edu.kz",
        "dean.law@demo.edu.kz",
        "secretary.law@demo.edu.kz",
        "teacher1@demo.edu.kz",
        "student1@demo.edu.kz",
        "phd1@demo.edu.kz",
        "expert@demo.edu.kz",
    ):
        assert email in seeded
        assert User.objects.filter(email=email).exists()
    assert PASSWORD in seeded
    assert "Courses" in seeded and "Enrolments" in seeded


def test_the_demo_password_works(seeded):
    for login in ("qa", "dean.med", "teacher1", "phd1", "expert"):
        email = f"{login}@demo.edu.kz"
        assert User.objects.get(email=email).check_password(PASSWORD)
    # One hash, made once, shared by every demo account.
    demo_users = User.objects.filter(email__endswith="@demo.edu.kz")
    hashes = set(demo_users.values_list("password", flat=True))
    assert len(hashes) == 1
    assert check_password(PASSWORD, hashes.pop())


# -- governance -------------------------------------------------------------------------------

ALMATY = ZoneInfo("Asia/Almaty")


def council():
    return Body.objects.get(kind="arc")


def bodies_with_meetings():
    return [council(), *Body.objects.filter(kind="school_committee").order_by("school__code")]


def seat(body, email):
    return Membership.objects.get(body=body, person__email=email)


def test_the_council_has_the_charter_and_members_of_seed_000(seeded):
    arc = council()
    assert arc.composition_problems() == []
    assert (arc.majority_rule, arc.abstention_rule) == ("two_thirds_present", "counted")
    assert set(arc.non_voting_constituencies) == {"qa_manager", "non_academic"}
    assert arc.name_kk and arc.name_ru and arc.name_en and arc.description
    rector = seat(arc, "rector@demo.edu.kz")
    assert (rector.role, rector.voting, rector.constituency) == ("chair", True, "leadership")
    assert seat(arc, "vicerector@demo.edu.kz").voting
    for school in School.objects.all():
        dean = seat(arc, school.dean.email)
        assert (dean.voting, dean.constituency) == (True, "leadership")
        chair = Membership.objects.get(body__school=school, role="chair").person
        assert seat(arc, chair.email).voting
    qa = seat(arc, "qa@demo.edu.kz")
    assert (qa.voting, qa.constituency) == (False, "qa_manager")
    secretary = seat(arc, "secretary.council@demo.edu.kz")
    assert (secretary.role, secretary.voting) == ("secretary", False)
    members = arc.current_memberships()
    assert not members.filter(constituency="non_academic", voting=True).exists()
    assert members.filter(constituency="non_academic", role="member").count() == 1
    assert 4 <= members.filter(constituency="teacher", role="member").count() - 5 <= 6
    assert 3 <= members.filter(constituency="student").count() <= 4


def test_one_committee_per_school_set_up_by_a_council_decision(seeded):
    arc = council()
    for school in School.objects.all():
        committee = Body.objects.get(kind="school_committee", school=school)
        assert committee.composition_problems() == [], school.code
        assert committee.parent == arc
        assert committee.established_by.body == arc
        assert committee.established_by.meeting.starts_at < min(
            committee.meetings.values_list("starts_at", flat=True)
        )
        assert committee.require_odd_size and committee.min_members == 5
        assert committee.majority_rule == "simple_present"
        voting = list(committee.voting_members().select_related("person"))
        assert len(voting) % 2 == 1 and len(voting) >= 5
        assert {m.constituency for m in voting} == {"teacher", "student"}
        for m in voting:
            assert m.basis == "election" and m.order_number
            if m.constituency == "student":
                assert m.person.student_profile.programme.school == school
            else:
                assert m.person.staff_profile.school == school
        assert 2 <= sum(m.constituency == "student" for m in voting) <= 3
        assert committee.memberships.get(role="chair").constituency == "teacher"
        dean = seat(committee, school.dean.email)
        assert (dean.voting, dean.constituency, dean.basis) == (False, "leadership", "office")
        secretary = committee.memberships.get(role="secretary")
        assert secretary.person.email == f"secretary.{school.code.lower()}@demo.edu.kz"
        assert not secretary.voting
    assert Body.objects.get(kind="alumni").quorum == Fraction(1, 3)


def test_past_meetings_were_voted_for_real(seeded):
    rejected = 0
    for body in bodies_with_meetings():
        closed = list(body.meetings.filter(status="closed").order_by("number"))
        assert len(closed) == 2, body
        assert closed[0].minutes_approved_at == closed[1]
        assert closed[1].minutes_approved_at is None
        for meeting in closed:
            day = meeting.starts_at.astimezone(ALMATY).date()
            assert day.year == 2026 and day.month in (9, 10)
            present = meeting.attendance.filter(present=True)
            voting = set(body.voting_members(day).values_list("person_id", flat=True))
            here = voting & set(present.values_list("person_id", flat=True))
            assert len(voting) > len(here) >= len(voting) * 2 / 3
            items = list(meeting.items.all())
            assert 2 <= len(items) <= 3 and all(i.minutes_text for i in items)
            motions = list(Motion.objects.filter(item__meeting=meeting))
            assert sum(m.ballot == "secret" for m in motions) == 1
            for motion in motions:
                assert motion.status == "closed"
                assert motion.opened_at.astimezone(ALMATY).date() == day
                assert motion.closed_at > motion.opened_at
                assert (motion.members_at_close, motion.present_at_close) == (
                    len(voting),
                    len(here),
                )
                ballots = motion.votes_for + motion.votes_against + motion.votes_abstain
                assert ballots == motion.receipts.count() == len(here)
                if motion.ballot == "secret":
                    assert sum(motion.tallies.values_list("count", flat=True)) == ballots
                    assert not motion.named_votes.exists()
                else:
                    assert motion.named_votes.count() == ballots
                assert motion.outcome == result_of(motion).outcome
                if motion.outcome == "adopted":
                    decision = motion.decision
                    assert decision.body == body and decision.meeting == meeting
                    assert decision.number == f"{meeting.number}/{motion.item.position}"
                    assert (decision.date, decision.text) == (day, motion.text)
                    with translation.override("kk"):
                        assert decision.result == explain(body, result_of(motion))
                else:
                    rejected += 1
                    assert not Decision.objects.filter(motion=motion).exists()
    assert rejected >= 1


def test_an_upcoming_meeting_with_a_published_agenda(seeded):
    for body in bodies_with_meetings():
        meeting = body.meetings.get(status="published")
        assert meeting.starts_at.astimezone(ALMATY).date() == datetime.date(2026, 11, 27)
        assert meeting.agenda_published_at <= meeting.agenda_due_at
        assert meeting.items.filter(status="on_agenda").count() >= 2
        draft = Motion.objects.filter(item__meeting=meeting)
        assert draft.count() == 1 and draft.get().status == "draft"
        assert not meeting.attendance.exists()


def test_improvement_actions_follow_from_decisions(seeded):
    actions = list(ImprovementAction.objects.filter(source="decision").select_related("owner"))
    assert 3 <= len(actions) <= 6
    assert {a.status for a in actions} >= {"planned", "in_progress", "done"}
    for action in actions:
        assert action.source == "decision"
        assert isinstance(action.source_object, Decision)
        assert action.source_object.motion.outcome == "adopted"
    assert any(a.due_date == datetime.date(2026, 11, 10) and a.status == "planned" for a in actions)
    owners = set()
    for action in actions:
        owner = action.owner
        owners |= {r for r in ("dean", "teacher", "qa_manager") if owner.has_role(r)}
    assert owners == {"dean", "teacher", "qa_manager"}
    done = [a for a in actions if a.status == "done"]
    assert all(a.completed_at and a.evidence for a in done)


def test_output_lists_the_governance_logins(seeded):
    table = seeded.split("Governance demo logins")[1].split("What exists now")[0]
    law = Body.objects.get(kind="school_committee", school__code="LAW")
    members = law.memberships.select_related("person")
    for email in (
        "rector@demo.edu.kz",
        "secretary.council@demo.edu.kz",
        members.get(role="chair").person.email,
        "teacher1@demo.edu.kz",
        "secretary.law@demo.edu.kz",
    ):
        assert email in table
    assert seat(law, "teacher1@demo.edu.kz").voting
    students = [m.person.email for m in members.filter(constituency="student")]
    assert any(email in table for email in students)
    assert "Decisions" in seeded and "Ballots cast" in seeded


def test_a_second_run_changes_nothing(seeded):
    before = counts()
    qa_before = User.objects.values().get(email="qa@demo.edu.kz")
    motions_before = list(Motion.objects.order_by("pk").values())
    tallies_before = list(SecretTally.objects.order_by("pk").values())
    decisions_before = list(Decision.objects.order_by("pk").values())
    output = seed()
    assert counts() == before
    assert User.objects.values().get(email="qa@demo.edu.kz") == qa_before
    # Closed motions are not voted again: counts, snapshots and times stay as they were.
    assert list(Motion.objects.order_by("pk").values()) == motions_before
    assert list(SecretTally.objects.order_by("pk").values()) == tallies_before
    assert list(Decision.objects.order_by("pk").values()) == decisions_before
    assert "created: nothing" in output
    assert "updated: nothing" in output


def test_the_password_option_resets_the_demo_password(seeded):
    before = counts()
    output = seed("--password", "another-demo-pass")
    assert "another-demo-pass" in output
    assert counts() == before
    student = User.objects.get(email="student1@demo.edu.kz")
    assert student.check_password("another-demo-pass")
    assert not student.check_password(PASSWORD)


def test_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        seed()
