"""Campaigns answered through ``surveys.submission`` and brought to closed or published, for
the results tests and the permission matrix."""

from surveys import lifecycle
from surveys.models import Invitation
from surveys.submission import submit

from . import factories as f
from . import factories_surveys as fs


def students(programme, count, year=2):
    return [f.student(programme=programme, year_of_study=year) for _ in range(count)]


def answer_all(campaign, people, questions, **overrides):
    """Each person answers the campaign's sheet: ``overrides`` maps a question kind to a list
    of raw answers, one per person (None leaves the question out)."""
    for index, person in enumerate(people):
        invitation = Invitation.objects.get(target__campaign=campaign, user=person)
        given = {kind: values[index] for kind, values in overrides.items()}
        answers = fs.full_answers(questions, **{k: v for k, v in given.items() if v is not None})
        for kind, value in given.items():
            if value is None:
                answers.pop(questions[kind].pk)
        if invitation.target.teacher_id is None:
            answers.pop(questions["matrix"].pk)
        submit(invitation, answers)


def finish(campaign, publish=True):
    """Close the campaign and, unless told otherwise, publish its results."""
    campaign = lifecycle.close_campaign(campaign)
    return lifecycle.publish_results(campaign) if publish else campaign


def course_evaluation_answered(world, extra_students=5, publish=True):
    """World's course evaluation, six students per course: course A (world's teacher, world's
    student among them), course C (another teacher of school A) and course B (school B, a
    teacher of its own). Closed and, by default, published. Returns (campaign, questions)."""
    version, questions = fs.sheet_of_every_kind()
    if not world.course_b.teachers.exists():
        world.course_b.teachers.add(f.teacher(world.school_b))
    course_c = f.CourseFactory(programmes=[world.programme_a], teachers=[f.teacher(world.school_a)])
    people = []
    for course, programme, first in (
        (world.course_a, world.programme_a, [world.users["student"]]),
        (course_c, world.programme_a, []),
        (world.course_b, world.programme_b, []),
    ):
        new = students(programme, extra_students + 1 - len(first))
        for person in new:
            f.EnrolmentFactory(student=person, course=course, term=world.term)
        people.append(first + new)
    campaign = fs.course_evaluation(world, version=version)
    for enrolled in people:
        code = Invitation.objects.filter(user=enrolled[0], target__campaign=campaign).values_list(
            "target__course__code", flat=True
        )[0]
        texts = [f"{code} comment {number}" for number in range(len(enrolled))]
        answer_all(campaign, enrolled, questions, text=texts)
    return finish(campaign, publish=publish), questions
