"""Shared fixtures: a small university with one person per role."""

from dataclasses import dataclass

import pytest

from governance.roles import Role

from . import factories as f


@dataclass
class World:
    school_a: object
    school_b: object
    programme_a: object
    programme_b: object
    course_a: object
    course_b: object
    term: object
    users: dict
    committee: object = None
    council: object = None
    meeting: object = None
    item: object = None
    motion: object = None


@pytest.fixture
def world(db):
    """Two schools; a dean, teacher and student in school A; QA manager; rector; an external
    expert of an accreditation agency, with no account role but that one. The token-link
    respondent has no account (``tests.urlmatrix.SESSIONS`` makes their session)."""
    f.InstitutionFactory()
    school_a = f.SchoolFactory(code="LAW", name_kk="Құқық мектебі", name_en="School of Law")
    school_b = f.SchoolFactory(
        code="ECON", name_kk="Экономика мектебі", name_en="School of Economics"
    )
    programme_a = f.ProgrammeFactory(code="6B04201", school=school_a, name_kk="Құқықтану")
    programme_b = f.ProgrammeFactory(code="6B04101", school=school_b, name_kk="Экономика")
    term = f.TermFactory()
    teacher = f.teacher(school_a, email="teacher@uni.example.kz")
    course_a = f.CourseFactory(code="LAW101", programmes=[programme_a], teachers=[teacher])
    course_b = f.CourseFactory(code="ECO101", programmes=[programme_b])
    student = f.student(user=f.UserFactory(email="student@uni.example.kz"), programme=programme_a)
    f.EnrolmentFactory(student=student, course=course_a, term=term)
    dean = f.UserFactory(email="dean@uni.example.kz")
    school_a.dean = dean
    school_a.save()
    users = {
        "anonymous": None,
        "student": student,
        "teacher": teacher,
        "dean": dean,
        "qa_manager": f.UserFactory(
            email="qa@uni.example.kz", roles=[Role.QA_MANAGER], is_staff=True
        ),
        "rector": f.UserFactory(email="rector@uni.example.kz", roles=[Role.RECTOR]),
        "external_expert": f.UserFactory(
            email="expert@agency.example.kz", roles=[Role.EXTERNAL_EXPERT]
        ),
        "token_respondent": None,
    }
    world = World(school_a, school_b, programme_a, programme_b, course_a, course_b, term, users)
    add_bodies(world)
    return world


def add_bodies(world):
    """School A's committee (chair, secretary, member) with a meeting, and the council."""
    users = world.users
    users["chair"] = f.teacher(world.school_a, email="chair@uni.example.kz")
    users["member"] = f.teacher(world.school_a, email="member@uni.example.kz")
    users["secretary"] = f.UserFactory(email="secretary@uni.example.kz", roles=[Role.SECRETARY])
    committee = f.BodyFactory(
        kind="school_committee",
        school=world.school_a,
        name_kk="Құқық мектебінің комитеті",
        name_en="School of Law Committee",
        non_voting_constituencies=["leadership", "qa_manager", "non_academic"],
    )
    f.MembershipFactory(body=committee, person=users["chair"], role="chair")
    f.MembershipFactory(body=committee, person=users["member"])
    f.MembershipFactory(
        body=committee,
        person=users["secretary"],
        role="secretary",
        voting=False,
        constituency="non_academic",
    )
    council = f.BodyFactory(
        kind="arc",
        school=None,
        name_kk="Академиялық және ғылыми кеңес",
        name_en="Academic and Research Council",
        majority_rule="two_thirds_present",
        non_voting_constituencies=["qa_manager", "non_academic"],
    )
    f.MembershipFactory(
        body=council, person=users["rector"], role="chair", constituency="leadership"
    )
    f.MembershipFactory(
        body=council, person=users["qa_manager"], voting=False, constituency="qa_manager"
    )
    committee.parent = council
    committee.save()
    meeting = f.MeetingFactory(body=committee, number=1, status="published")
    item = f.AgendaItemFactory(meeting=meeting, position=1, proposed_by=users["member"])
    world.committee, world.council, world.meeting, world.item = committee, council, meeting, item
    world.motion = f.MotionFactory(item=item, text="Силлабустарды бекіту")
