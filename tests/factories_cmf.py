"""Course management forms in a given state for the CMF pages (``world`` fixture).

World's teacher teaches course A in school A, whose committee (chair, secretary, member)
reviews the forms; school B gets its own committee, teacher and course when a test asks."""

import factory
from factory.django import DjangoModelFactory

from surveys import cmf
from surveys.models import CourseForm, DeliveryFormat

from . import factories as f
from . import factories_campaigns as fc

FILLED = {
    "delivery_format": DeliveryFormat.BLENDED,
    "outcomes_achievement": "Most students reached the learning outcomes.",
    "strengths": "Case studies from real court practice.",
    "weaknesses": "Feedback on essays came late.",
    "assessment_analysis": "Grades follow the distribution curve.",
    "feedback_response": "Students asked for more practice; two seminars are added.",
    "planned_changes": "Two practical seminars and feedback within a week.",
}


class CourseFormFactory(DjangoModelFactory):
    """A draft with every field filled (``status`` and the rest as given)."""

    class Meta:
        model = CourseForm

    course = factory.SubFactory(f.CourseFactory)
    term = factory.SubFactory(f.TermFactory)
    teacher = factory.SubFactory(f.UserFactory)
    school = factory.SubFactory(f.SchoolFactory)
    delivery_format = FILLED["delivery_format"]
    outcomes_achievement = FILLED["outcomes_achievement"]
    strengths = FILLED["strengths"]
    weaknesses = FILLED["weaknesses"]
    assessment_analysis = FILLED["assessment_analysis"]
    feedback_response = FILLED["feedback_response"]
    planned_changes = FILLED["planned_changes"]


def draft(world, teacher=None, course=None, **kwargs):
    """A filled draft of ``teacher`` (world's by default) for ``course`` (course A) in school A."""
    return CourseFormFactory(
        course=course or world.course_a,
        term=world.term,
        teacher=teacher or world.users["teacher"],
        school=world.school_a,
        **kwargs,
    )


def submitted(world, teacher=None, course=None, **kwargs):
    """A filled form handed to school A's committee through ``surveys.cmf.submit``."""
    form = draft(world, teacher, course, **kwargs)
    return cmf.submit(form, form.teacher)


def reviewed(world, text="Agree the changes with the department."):
    """World's teacher's form, reviewed by the committee's secretary."""
    return cmf.review(submitted(world), world.users["secretary"], text)


def other_teacher(world):
    """A second teacher of course A in school A, not on the committee."""
    colleague = f.teacher(world.school_a, email="colleague@uni.example.kz")
    world.course_a.teachers.add(colleague)
    return colleague


def school_b_form(world):
    """A form of a school B teacher for course B, submitted to school B's committee."""
    teacher_b = f.teacher(world.school_b, email="teacher.b@uni.example.kz")
    world.course_b.teachers.add(teacher_b)
    committee = fc.school_b_committee(world)
    form = CourseFormFactory(
        course=world.course_b, term=world.term, teacher=teacher_b, school=world.school_b
    )
    form = cmf.submit(form, teacher_b)
    assert form.committee == committee
    return form
