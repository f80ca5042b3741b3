"""Permission rows for applications to a committee and grade appeals.

world.student appeals a grade in LAW101 (taught by world.teacher) to School A's committee, with
an attachment; world.member sits on the appeal's panel. Readers of the committee (its members
and the QA manager) read the applications; the applicant reads their own; an expert reads the
appeals they review.
"""

from django.core.files.base import ContentFile
from django.urls import reverse

from tests.urlmatrix import cached, everyone

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"

READERS = {**everyone(403), "member": 200, "secretary": 200, "chair": 200, "qa_manager": 200}
APPLICANT_AND_READERS = {**READERS, "student": 200}
# Students and teachers apply (the member and the chair of the committee teach too).
APPLICANTS = {**everyone(403), "student": 200, "teacher": 200, "member": 200, "chair": 200}
POST_ONLY = everyone(405, anonymous=405)


def appeal(world):
    """The student's grade appeal in LAW101, with an attachment and world.member on its panel."""
    from . import factories_cases as fc

    def make():
        application = fc.GradeAppealFactory(
            body=world.committee,
            applicant=world.users["student"],
            course=world.course_a,
            status="under_review",
        )
        application.attachment.save("work.pdf", ContentFile(PDF))
        fc.AppealExpertFactory(application=application, expert=world.users["member"])
        return application

    return cached(world, "_cases_appeal", make)


def seat(world):
    return appeal(world).experts.get()


def concluded_appeal(world):
    """An appeal decided on two signed opinions (the member and the chair reviewed it)."""
    from django.utils import timezone

    from . import factories_cases as fc

    def make():
        application = fc.GradeAppealFactory(
            body=world.committee,
            applicant=world.users["student"],
            course=world.course_a,
            status="decided",
            appeal_outcome="changed",
            grade_after_appeal="B",
            response="Баға өзгертілді.",
            decided_at=timezone.now(),
        )
        for role in ("member", "chair"):
            fc.AppealExpertFactory(
                application=application,
                expert=world.users[role],
                opinion="Жұмыс B бағасына лайық.",
                recommended_grade="B",
                signed_at=timezone.now(),
            )
        return application

    return cached(world, "_cases_concluded", make)


def outside_expert_seat(world):
    """The dean reviews the appeal without sitting on the committee."""
    from . import factories_cases as fc

    return cached(
        world,
        "_cases_dean_seat",
        lambda: fc.AppealExpertFactory(application=appeal(world), expert=world.users["dean"]),
    )


def school_b_application(world):
    """A complaint of a School B student to School B's committee (nobody of School A sits)."""
    from . import factories as f
    from . import factories_cases as fc

    def make():
        committee = f.BodyFactory(kind="school_committee", school=world.school_b)
        student = f.student(programme=world.programme_b)
        return fc.ApplicationFactory(body=committee, applicant=student)

    return cached(world, "_cases_school_b", make)


def own_complaint(world, role):
    from . import factories_cases as fc

    return cached(
        world,
        f"_cases_complaint_{role}",
        lambda: fc.ApplicationFactory(body=world.committee, applicant=world.users[role]),
    )


def _appeal(name):
    return lambda w: reverse(f"governance:{name}", args=[appeal(w).pk])


def _with_outside_expert(name):
    """The appeal's page ``name`` once the dean sits on its panel."""

    def build(world):
        outside_expert_seat(world)
        return reverse(f"governance:{name}", args=[appeal(world).pk])

    return build


MATRIX = {
    "governance:my_applications": (lambda w: reverse("governance:my_applications"), APPLICANTS),
    "governance:application_detail": (_appeal("application_detail"), APPLICANT_AND_READERS),
    "governance:application_attachment": (
        _appeal("application_attachment"),
        APPLICANT_AND_READERS,
    ),
    "governance:application_withdraw": (_appeal("application_withdraw"), POST_ONLY),
    "governance:application_agenda": (_appeal("application_agenda"), POST_ONLY),
    "governance:application_answer": (_appeal("application_answer"), POST_ONLY),
    "governance:application_expert": (_appeal("application_expert"), POST_ONLY),
    "governance:application_conclude": (_appeal("application_conclude"), POST_ONLY),
    "governance:body_applications": (
        lambda w: reverse("governance:body_applications", args=[w.committee.pk]),
        READERS,
    ),
    # Everyone signed in has the list of appeals they review (most have none).
    "governance:appeal_reviews": (lambda w: reverse("governance:appeal_reviews"), everyone(200)),
    # The expert's own page: only the expert, not even the committee's secretary.
    "governance:appeal_review": (
        lambda w: reverse("governance:appeal_review", args=[seat(w).pk]),
        {**everyone(403), "member": 200},
    ),
}

OBJECT_CASES = {
    "concluded appeal with its outcome": (
        lambda w: reverse("governance:application_detail", args=[concluded_appeal(w).pk]),
        APPLICANT_AND_READERS,
    ),
    "expert's page of a concluded appeal": (
        lambda w: reverse(
            "governance:appeal_review",
            args=[concluded_appeal(w).experts.get(expert=w.users["chair"]).pk],
        ),
        {**everyone(403), "chair": 200},
    ),
    "an expert outside the committee opens the attachment": (
        _with_outside_expert("application_attachment"),
        {**APPLICANT_AND_READERS, "dean": 200},
    ),
    "… and their own page, not the committee's": (
        lambda w: reverse("governance:appeal_review", args=[outside_expert_seat(w).pk]),
        {**everyone(403), "dean": 200},
    ),
    "an expert outside the committee does not read the application page": (
        _with_outside_expert("application_detail"),
        APPLICANT_AND_READERS,
    ),
    "a teacher's own complaint": (
        lambda w: reverse("governance:application_detail", args=[own_complaint(w, "teacher").pk]),
        {**READERS, "teacher": 200},
    ),
    "no attachment": (
        lambda w: reverse(
            "governance:application_attachment", args=[own_complaint(w, "student").pk]
        ),
        {
            **everyone(403),
            **{role: 404 for role, status in APPLICANT_AND_READERS.items() if status == 200},
        },
    ),
    "another school's committee": (
        lambda w: reverse("governance:application_detail", args=[school_b_application(w).pk]),
        {**everyone(403), "qa_manager": 200},
    ),
    "another school's committee list": (
        lambda w: reverse("governance:body_applications", args=[school_b_application(w).body_id]),
        {**everyone(403), "qa_manager": 200},
    ),
    "the council's applications for council members": (
        lambda w: reverse("governance:body_applications", args=[w.council.pk]),
        {**everyone(403), "qa_manager": 200, "rector": 200},
    ),
    "unknown application": (
        lambda w: reverse("governance:application_detail", args=[999_999]),
        everyone(404),
    ),
    "unknown attachment": (
        lambda w: reverse("governance:application_attachment", args=[999_999]),
        everyone(404),
    ),
    "unknown expert seat": (
        lambda w: reverse("governance:appeal_review", args=[999_999]),
        everyone(404),
    ),
    "unknown body's applications": (
        lambda w: reverse("governance:body_applications", args=[999_999]),
        everyone(404),
    ),
}
