"""Permission rows for the course management form pages (seed 000 §4.1.11). World's teacher
fills the form of course A; school A's committee (member, chair, secretary) and dean, the QA
manager and the rector read it once it is handed in; the chair and the secretary review it.
Another teacher's form is not the teacher's to read, and school B's forms are not school A's."""

from django.urls import reverse

from tests.urlmatrix import cached, everyone

POST_ONLY = everyone(405, anonymous=405)
TEACHER_ONLY = {**everyone(403), "teacher": 200}
# Seed 000 §4.1.11: the committee collects the forms; the QA office and the leadership get them.
SCHOOL_A_AND_LEADERS = {
    **everyone(403),
    "dean": 200,
    "member": 200,
    "secretary": 200,
    "chair": 200,
    "qa_manager": 200,
    "rector": 200,
}
READERS = {**SCHOOL_A_AND_LEADERS, "teacher": 200}
LEADERS_ONLY = {**everyone(403), "qa_manager": 200, "rector": 200}


def teachers_form(world, state="submitted"):
    def build():
        from . import factories_cmf as fcmf

        return {"draft": fcmf.draft, "submitted": fcmf.submitted, "reviewed": fcmf.reviewed}[state](
            world
        )

    return cached(world, f"_cmf_{state}", build)


def colleagues_form(world):
    def build():
        from . import factories_cmf as fcmf

        return fcmf.submitted(world, teacher=fcmf.other_teacher(world))

    return cached(world, "_cmf_colleague", build)


def school_b_form(world):
    def build():
        from . import factories_cmf as fcmf

        return fcmf.school_b_form(world)

    return cached(world, "_cmf_school_b", build)


def _url(name, build):
    return lambda w: reverse(f"surveys:{name}", args=[build(w).pk])


def _new(world):
    return reverse("surveys:cmf_new", args=[world.course_a.pk, world.term.pk])


def _new_when_filled(world):
    teachers_form(world, "draft")
    return _new(world)


MATRIX = {
    "surveys:cmf_list": (lambda w: reverse("surveys:cmf_list"), READERS),
    "surveys:cmf_new": (_new, TEACHER_ONLY),
    "surveys:cmf_detail": (_url("cmf_detail", teachers_form), READERS),
    "surveys:cmf_edit": (_url("cmf_edit", lambda w: teachers_form(w, "draft")), TEACHER_ONLY),
    "surveys:cmf_submit": (_url("cmf_submit", lambda w: teachers_form(w, "draft")), POST_ONLY),
    "surveys:cmf_review": (_url("cmf_review", teachers_form), POST_ONLY),
}

OBJECT_CASES = {
    "course forms filtered by term and status": (
        lambda w: reverse("surveys:cmf_list") + f"?term={w.term.pk}&state=submitted",
        READERS,
    ),
    "a draft course form stays with its teacher": (
        _url("cmf_detail", lambda w: teachers_form(w, "draft")),
        TEACHER_ONLY,
    ),
    "a reviewed course form with its recommendations": (
        _url("cmf_detail", lambda w: teachers_form(w, "reviewed")),
        READERS,
    ),
    # A teacher reads their own forms, not a colleague's; the committee reads both.
    "course form of another teacher": (_url("cmf_detail", colleagues_form), SCHOOL_A_AND_LEADERS),
    # Nobody of school A reads school B's forms (its committee, its dean).
    "course form of school B": (_url("cmf_detail", school_b_form), LEADERS_ONLY),
    "a submitted course form's edit goes back to its page": (
        _url("cmf_edit", teachers_form),
        {**everyone(403), "teacher": 302},
    ),
    "a course form already started opens instead of a new one": (
        _new_when_filled,
        {**everyone(403), "teacher": 302},
    ),
    "course form of an unknown course": (
        lambda w: reverse("surveys:cmf_new", args=[999_999, w.term.pk]),
        everyone(404),
    ),
    "unknown course form": (lambda w: reverse("surveys:cmf_detail", args=[999_999]), everyone(404)),
}
