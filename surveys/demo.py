"""Survey campaigns for ``manage.py seed_demo`` (issue 4: the demo holds a finished campaign and
one open campaign).

* The student satisfaction surveys of March 2025 and March 2026 (seed 000 §4.1.7), run by the
  QA office for every bachelor, master and residency student with the shipped questionnaire: a
  third of them answered through ``surveys.submission``, so every counter is real; groups
  answered unevenly, so some breakdown cells pass the minimum of respondents and others stay
  hidden. Both are published, and 2026 rates a little higher than 2025, so the dashboards and
  the annual report have a trend. Each ran through the lifecycle with a window around the
  moment of seeding, which was then moved to March (the answers keep no time).
* The School of Law committee's course evaluation of the current term (seed 000 §4.1.10) with
  the shipped course evaluation, open now until the end of the term's last teaching day at
  least (``surveys.calendar``), with reminders a week and two days before it closes; some
  students have answered already, so the live response rates have something to show.

The first two demo accounts of each level of study (student1, student2, master1, …) answer
nothing, so that whoever signs in with them can answer the open evaluation themselves.

Idempotent: a campaign is found again by its questionnaire and Kazakh title, and once there it
is left alone. Returns {campaign title: "created" or "unchanged"}.
"""

import datetime
import random

from django.utils import timezone, translation

from governance import demo_data as data
from governance.models import Body, School, Term
from governance.models.bodies import BodyKind

from . import calendar, lifecycle, shipped
from .models import Campaign, Invitation, QuestionKind, Questionnaire
from .questions import answerable_questions, counted_values, sections_for
from .submission import submit

SATISFACTION, EVALUATION = "student-satisfaction", "course-evaluation"
EVALUATED_SCHOOL = "LAW"
# The share of a target's invitees who answer, drawn per target: groups differ, so some
# breakdown cells pass the minimum of respondents and others stay hidden.
SATISFACTION_SHARES = (0.1, 0.3, 0.6)
EVALUATION_SHARES = (0.0, 0.03, 0.06)
LANGUAGES = ("kk", "ru", "en")
# Free-text answers a few respondents write.
COMMENTS = (
    "Кітапханада кешкі уақытта орын жетпейді.",
    "Преподаватели всегда готовы помочь, спасибо.",
    "Сабақ кестесін ертерек жариялау керек.",
    "Хотелось бы больше практических занятий.",
    "Онлайн-платформа жиі баяу жұмыс істейді.",
)
# Answers lean to the positive end of a 1–5 scale, as real ones tend to.
SCALE_WEIGHTS = (1, 2, 4, 8, 6)
# The satisfaction surveys: (year of the March they ran in, weights of the scale's points).
SATISFACTION_SURVEYS = ((2025, (2, 3, 6, 7, 3)), (2026, SCALE_WEIGHTS))


def _rng(purpose):
    return random.Random(f"{data.RANDOM_SEED}:surveys:{purpose}")


def _kept_for_logins():
    """student1, student2, master1, master2, … : left to answer by whoever signs in."""
    return {
        f"{prefix}{n}@{data.DEMO_DOMAIN}"
        for prefix in data.STUDENT_LOGIN_PREFIX.values()
        for n in (1, 2)
    }


def _latest_version(code):
    questionnaire = Questionnaire.objects.get(code=code)
    return questionnaire.versions.order_by("-number").first()


def _titles(make):
    """``title_kk/ru/en`` from ``make()`` called with each language active."""
    titles = {}
    for code in LANGUAGES:
        with translation.override(code):
            titles[f"title_{code}"] = make()
    return titles


def _raw_answer(question, rng, weights=SCALE_WEIGHTS):
    """A plausible answer to one question, as ``surveys.submission.submit`` takes it."""
    kind = question.kind
    values = counted_values(question)
    if kind in (QuestionKind.LIKERT, QuestionKind.MATRIX):
        points = [str(value) for value in rng.choices(values, weights, k=5)]
        if kind == QuestionKind.LIKERT:
            return points[0]
        return {item.pk: points[n % 5] for n, item in enumerate(question.items.all())}
    if kind == QuestionKind.MULTIPLE:
        return [str(value) for value in rng.sample(values, k=min(len(values), rng.randint(1, 2)))]
    if kind == QuestionKind.TEXT:
        return rng.choice(COMMENTS) if rng.random() < 0.15 else ""
    if kind == QuestionKind.NUMERIC:
        return str(rng.choice(values[: max(1, len(values) // 2)]))
    return str(rng.choice(values))


def _answer(campaign, shares, rng, weights=SCALE_WEIGHTS):
    """Some of each target's invitees answer (a share drawn from ``shares`` per target),
    demo logins left out."""
    kept = _kept_for_logins()
    invitations = (
        Invitation.objects.filter(target__campaign=campaign)
        .exclude(user__email__in=kept)
        .select_related("target__campaign")
        .order_by("pk")
    )
    sheets, target_shares = {}, {}
    for invitation in invitations:
        target = invitation.target
        if target.pk not in target_shares:
            target_shares[target.pk] = rng.choice(shares)
        if rng.random() >= target_shares[target.pk]:
            continue
        if target.pk not in sheets:
            sheets[target.pk] = answerable_questions(sections_for(target))
        questions = sheets[target.pk]
        answers = {question.pk: _raw_answer(question, rng, weights) for question in questions}
        submit(invitation, answers)


def _find(version, titles):
    return Campaign.objects.filter(
        version__questionnaire=version.questionnaire, title_kk=titles["title_kk"]
    ).first()


def _create(version, titles, **fields):
    campaign = Campaign(version=version, **titles, **fields)
    campaign.full_clean(exclude=["state"])
    campaign.save()
    lifecycle.schedule(campaign)
    return lifecycle.open_campaign(campaign)


def published_satisfaction_survey(now, year, weights):
    """The student satisfaction survey of March ``year``, answered by a third, closed and
    published."""
    version = _latest_version(SATISFACTION)
    march = calendar.institution_survey_window(datetime.date(year, 1, 1))
    questionnaire = version.questionnaire
    titles = _titles(lambda: f"{questionnaire.title}, {march.opens_at.year}")
    if _find(version, titles):
        return titles["title_en"], "unchanged"
    campaign = _create(
        version,
        titles,
        audience_kind="students",
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(hours=1),
    )
    _answer(campaign, SATISFACTION_SHARES, _rng(f"satisfaction:{year}"), weights)
    lifecycle.close_campaign(campaign)
    lifecycle.publish_results(campaign)
    Campaign.objects.filter(pk=campaign.pk).update(
        opens_at=march.opens_at, closes_at=march.closes_at
    )
    return titles["title_en"], "created"


def open_course_evaluation(now):
    """The School of Law committee's evaluation of the current term, open now."""
    version = _latest_version(EVALUATION)
    school = School.objects.get(code=EVALUATED_SCHOOL)
    committee = Body.objects.get(kind=BodyKind.SCHOOL_COMMITTEE, school=school, is_active=True)
    term = Term.current(timezone.localdate(now))
    titles = _titles(lambda: f"{version.questionnaire.title}: {school.name}, {term}")
    if _find(version, titles):
        return titles["title_en"], "unchanged"
    window = calendar.course_evaluation_window(term)
    campaign = _create(
        version,
        titles,
        owner_body=committee,
        audience_kind="courses",
        audience_school=school,
        audience_term=term,
        opens_at=min(window.opens_at, now - datetime.timedelta(hours=1)),
        closes_at=max(window.closes_at, now + datetime.timedelta(days=14)),
        reminder_days=calendar.SUGGESTED_REMINDER_DAYS,
    )
    _answer(campaign, EVALUATION_SHARES, _rng("evaluation"))
    return titles["title_en"], "created"


def seed_campaigns(now=None):
    """Load the shipped questionnaires, then the demo campaigns (see above)."""
    now = now or timezone.now()
    shipped.load_all()
    surveys = [published_satisfaction_survey(now, *survey) for survey in SATISFACTION_SURVEYS]
    return dict([*surveys, open_course_evaluation(now)])
