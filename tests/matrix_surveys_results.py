"""Permission rows for survey results. World's course evaluation is answered by six students
of course A (world's teacher's course, in school A) and published; a second one is closed but
not yet published. School A's committee (member, chair, secretary) and dean read school A;
the QA manager and the rector (chair of the council) read the university; the teacher reads
the course."""

from django.urls import reverse

from tests.urlmatrix import everyone

POST_ONLY = everyone(405, anonymous=405)
UNIVERSITY = {**everyone(403), "qa_manager": 200, "rector": 200}
SCHOOL_A = {**everyone(403), "dean": 200, "member": 200, "chair": 200, "secretary": 200}
COURSE_A = {**SCHOOL_A, "teacher": 200}
# The committee's chair and secretary raise improvement actions (seed 000 §2: they run its work).
COMMITTEE_OFFICERS = {**everyone(403), "chair": 200, "secretary": 200}
QA_ONLY = {**everyone(403), "qa_manager": 200}


def published(world):
    found = getattr(world, "_results_published", None)
    if found is None:
        from . import factories_results as fr

        found, _questions = fr.course_evaluation_answered(world)
        world._results_published = found
    return found


def closed(world):
    found = getattr(world, "_results_closed", None)
    if found is None:
        from . import factories_results as fr

        found, _questions = fr.course_evaluation_answered(world, publish=False)
        world._results_closed = found
    return found


def _url(name, scope=None, campaign=published):
    def build(world):
        pk = campaign(world).pk
        args = [pk] if scope is None else [pk, scope(world) if callable(scope) else scope]
        return reverse(f"surveys:{name}", args=args)

    return build


def course_a(world):
    return f"course-{published(world).targets.get(course=world.course_a).pk}"


def school_a(world):
    return f"school-{world.school_a.code}"


def a_text_answer(world):
    from surveys.models import TextAnswer

    return TextAnswer.objects.filter(target__campaign=closed(world)).first().pk


MATRIX = {
    "surveys:results_index": (lambda w: reverse("surveys:results_index"), everyone(200)),
    "surveys:results_report": (_url("results_report", "all"), UNIVERSITY),
    "surveys:results_xlsx": (_url("results_xlsx", school_a), SCHOOL_A),
    "surveys:results_pdf": (_url("results_pdf", course_a), COURSE_A),
    "surveys:results_publish": (_url("results_publish", campaign=closed), POST_ONLY),
    "surveys:results_review": (_url("results_review", campaign=closed), QA_ONLY),
    "surveys:results_review_decide": (
        lambda w: reverse("surveys:results_review_decide", args=[closed(w).pk, a_text_answer(w)]),
        POST_ONLY,
    ),
    # Everyone in the world was asked (the student), reads some of the results or is the
    # evaluated teacher; not the external expert, who was not asked.
    "surveys:results_changes": (_url("results_changes"), {**everyone(200), "external_expert": 403}),
    "surveys:results_action": (_url("results_action", school_a), COMMITTEE_OFFICERS),
}

OBJECT_CASES = {
    "results of school A": (_url("results_report", school_a), SCHOOL_A),
    "results of course A": (_url("results_report", course_a), COURSE_A),
    # Nobody of school A reads school B; the QA office reads it inside the university's report.
    "results of school B": (_url("results_report", "school-ECON"), everyone(403)),
    "unknown results scope": (_url("results_report", "school-NOPE"), everyone(404)),
    "unknown course scope": (_url("results_report", "course-999999"), everyone(404)),
    "results of an unknown campaign": (
        lambda w: reverse("surveys:results_report", args=[999_999, "all"]),
        everyone(404),
    ),
    # Before publishing only the QA manager reads the results.
    "closed, unpublished results": (_url("results_report", "all", campaign=closed), QA_ONLY),
    "closed, unpublished course": (
        lambda w: reverse(
            "surveys:results_report",
            args=[closed(w).pk, f"course-{closed(w).targets.get(course=w.course_a).pk}"],
        ),
        everyone(403),
    ),
    "university results as XLSX": (_url("results_xlsx", "all"), UNIVERSITY),
    "university results as PDF": (_url("results_pdf", "all"), UNIVERSITY),
    "improvement action from the university's results": (
        _url("results_action", "all"),
        QA_ONLY,
    ),
    "review queue of a published campaign": (_url("results_review"), QA_ONLY),
    "what we changed before publishing": (_url("results_changes", campaign=closed), everyone(403)),
}
