"""Course management forms for ``manage.py seed_demo`` (seed 000 §4.1.11).

Teachers of the School of Law have filled the forms of their courses of the current term: the
first form (teacher1's, the demo login) was reviewed by the committee with recommendations, the
second was returned for revision with the committee's note, the next three wait for the
committee's review — so the committee's secretary (``secretary.law``) and chair have forms to
review, and teacher1 sees both the recommendations and a form to revise. The committee's
officers fill none here: they do not review their own forms.

The forms are written as they stand after those steps (no e-mail goes out while seeding).
Idempotent: a form is found again by its course, term and teacher, and then left alone.
Returns [(form, "created" or "unchanged")].
"""

import datetime

from django.utils import timezone

from governance.models import Enrolment, School, Term, User

from .cmf import committee_officers, reviewing_committee
from .models import CourseForm, CourseFormStatus, DeliveryFormat

SCHOOL = "LAW"
REVIEWED, RETURNED, SUBMITTED = "reviewed", "returned", "submitted"
STORIES = (REVIEWED, RETURNED, SUBMITTED, SUBMITTED, SUBMITTED)

CONTENT = {
    "delivery_format": DeliveryFormat.BLENDED,
    "outcomes_achievement": (
        "Студенттердің көпшілігі курстың оқу нәтижелеріне қол жеткізді: 82 % аралық және "
        "қорытынды бақылаудан өтті. Нормативтік актілерді талдау дағдысы әлсіздеу қалыптасты."
    ),
    "strengths": (
        "Нақты сот істеріне негізделген кейстер; семинарлардағы пікірталас; LMS-те "
        "материалдардың уақытында жариялануы."
    ),
    "weaknesses": (
        "Онлайн сабақтарда белсенділік төмен; жазбаша жұмыстарға кері байланыс кеш берілді."
    ),
    "assessment_analysis": (
        "Бағалар бөлу қисығына сәйкес: A — 14 %, B — 38 %, C — 35 %, D — 9 %, F — 4 %. "
        "Емтихан билеттерінің екеуі тым күрделі болды, келесі жолы қайта қаралады."
    ),
    "feedback_response": (
        "Студенттер практикалық сабақтарды көбейтуді сұрады; кестені ертерек жариялау "
        "керек екенін атап өтті."
    ),
    "planned_changes": (
        "Екі практикалық сабақ қосу, жазбаша жұмыстарға кері байланысты бір апта ішінде беру, "
        "онлайн сабақтарда шағын топтық тапсырмаларды енгізу."
    ),
}
RECOMMENDATIONS = (
    "Курсты қайта қарау жоспары негізді. Кері байланыс мерзімін силлабуста бекітіңіз және "
    "әріптестердің сабаққа қатысуын келесі семестрде ұйымдастыруды ұсынамыз."
)
RETURN_NOTE = "Бағалау талдауында бағалардың бөлінуін және оқу нәтижелерімен байланысын нақтылаңыз."


def _pairs(term, school, officers):
    """(teacher, course) of the school's teachers' courses that ran in ``term``, teacher1
    first; the committee's officers left out."""
    teachers = (
        User.objects.filter(staff_profile__school=school, courses_taught__isnull=False)
        .exclude(pk__in=[officer.pk for officer in officers])
        .distinct()
        .order_by("pk")
    )
    pairs = []
    for teacher in teachers:
        ran = Enrolment.objects.filter(term=term, course__teachers=teacher).values("course")
        for course in teacher.courses_taught.filter(pk__in=ran).order_by("code"):
            pairs.append((teacher, course))
            if len(pairs) == len(STORIES):
                return pairs
    return pairs


def _fields(story, committee, reviewer, now):
    submitted_at = now - datetime.timedelta(days=6)
    fields = {
        **CONTENT,
        "committee": committee,
        "submitted_at": submitted_at,
        "status": CourseFormStatus.SUBMITTED,
    }
    if story == REVIEWED:
        fields.update(
            status=CourseFormStatus.REVIEWED,
            recommendations=RECOMMENDATIONS,
            reviewed_by=reviewer,
            reviewed_at=submitted_at + datetime.timedelta(days=3),
        )
    elif story == RETURNED:
        fields.update(
            status=CourseFormStatus.DRAFT,
            return_note=RETURN_NOTE,
            returned_at=submitted_at + datetime.timedelta(days=2),
        )
    return fields


def seed_course_forms(now=None):
    """The School of Law's demo forms of the current term (see above)."""
    now = now or timezone.now()
    term = Term.current(timezone.localdate(now))
    school = School.objects.filter(code=SCHOOL).first()
    committee = reviewing_committee(school.pk) if school else None
    if term is None or committee is None:
        return []
    officers = list(committee_officers(committee).order_by("pk"))
    if not officers:
        return []
    outcome = []
    for story, (teacher, course) in zip(STORIES, _pairs(term, school, officers), strict=False):
        form, created = CourseForm.objects.get_or_create(
            course=course,
            term=term,
            teacher=teacher,
            defaults={"school": school, **_fields(story, committee, officers[-1], now)},
        )
        outcome.append((str(form), "created" if created else "unchanged"))
    return outcome
