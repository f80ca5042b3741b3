"""How fast students can hand in a 20-question course evaluation, and how fast its results
page stays when the survey has 100 000 responses (issue 4, "Benchmark").

What is measured:

* **Submissions**, on a real gunicorn server backed by PostgreSQL: a course evaluation of
  ``--courses`` courses (one teacher each) with ``--students`` students enrolled in each, a
  20-question sheet (Likert, single and multiple choice, yes/no, number, free text, and a
  per-teacher part with a matrix), scheduled and opened with ``surveys.lifecycle``. Every
  student is signed in beforehand (a session made in the database, as the sign-in page would
  leave it) and holds a CSRF cookie, as a browser that has the survey open does. Then
  ``--clients`` (50) threads POST the answer form as fast as the server takes them, each
  student once, in random order; then ``--duplicates`` of them POST again. Printed:
  submissions per second (accepted submissions over the wall time of the run), latency
  p50/p95/p99/max of single requests, duplicates refused, other failures, and a check that
  the stored counts equal the accepted submissions (lost, doubled).
* **Results page**, in this process through Django's test client: the campaign is closed and
  published, and its university report (every course, breakdowns by school, programme and
  course, year-on-year trend) is timed as the QA manager opens it; then every counter is
  scaled so that the campaign has ``--responses`` (100 000) respondents and the page is timed
  again. The number of SQL queries of each is printed: it must not grow with the responses.

Targets (issue 4): ≥ 300 submissions/s, p95 < 150 ms, results page < 200 ms, query count
independent of the number of responses. The figures depend on the machine; the script prints
its core count.

The database named by ``DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/
qa_bench_surveys``) is created, migrated and dropped again; a database of that name that this
script did not create is never touched. Run it with ``make bench-surveys``.
"""

import argparse
import datetime
import os
import queue
import random
import secrets
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass

from harness import (
    Client,
    bench_environment,
    free_port,
    ms,
    percentile,
    serving,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/qa_bench_surveys"
MARK = "qa-portal survey benchmark (bench/survey_bench.py); safe to drop"
LIKERT_GENERAL = 12
COMMENTS = ["", "", "", "More seminars, please.", "Clear lectures and fair grading."]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--courses", type=int, default=100, help="courses evaluated (100)")
    parser.add_argument("--students", type=int, default=30, help="students per course (30)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    parser.add_argument("--duplicates", type=int, default=200, help="second submissions (200)")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--responses", type=int, default=100_000, help="for the results page")
    return parser.parse_args()


# --- The survey -------------------------------------------------------------------------------


@dataclass
class Setup:
    campaign: object
    qa_manager: object
    students: list  # (target pk, session key) per student, in random order
    fields: list  # (kind, field name, question) of the sheet, to fill the answer form


def build_sheet():
    """A 20-question course evaluation: 17 general questions and 3 about the teacher."""
    from surveys.models import Choice, MatrixItem, Question, Questionnaire, Section

    questionnaire = Questionnaire.objects.create(
        code="bench-course-evaluation",
        title_kk="Курсты бағалау (сынақ)",
        title_en="Course evaluation (benchmark)",
        purpose="course_evaluation",
        respondents="students",
    )
    version = questionnaire.versions.create(number=1)
    general = Section.objects.create(version=version, position=1, title_kk="Курс")
    teacher = Section.objects.create(
        version=version, position=2, title_kk="Оқытушы", per_teacher=True
    )
    kinds = ["likert"] * LIKERT_GENERAL + ["single", "multiple", "yes_no", "numeric", "text"]
    questions = []
    for position, kind in enumerate(kinds, start=1):
        extra = {"min_value": 0, "max_value": 40} if kind == "numeric" else {}
        questions.append(
            Question.objects.create(
                section=general,
                position=position,
                kind=kind,
                text_kk=f"Сұрақ {position}",
                required=kind == "likert",
                **extra,
            )
        )
    for question in questions:
        if question.kind in ("single", "multiple"):
            for value in (1, 2, 3):
                Choice.objects.create(question=question, value=value, label_kk=f"Нұсқа {value}")
    matrix = Question.objects.create(
        section=teacher, position=1, kind="matrix", text_kk="Оқытушы", required=True
    )
    for position in range(1, 5):
        MatrixItem.objects.create(question=matrix, position=position, text_kk=f"Жол {position}")
    questions.append(matrix)
    for position in (2, 3):
        questions.append(
            Question.objects.create(
                section=teacher, position=position, kind="likert", text_kk=f"Баға {position}"
            )
        )
    assert len(questions) == 20
    return version, questions


def form_fields(questions):
    from surveys.answer_sheet import field_name

    fields = []
    for question in questions:
        if question.kind == "matrix":
            fields += [
                ("matrix", field_name(question, item), question) for item in question.items.all()
            ]
        else:
            fields.append((question.kind, field_name(question), question))
    return fields


def signed_in_sessions(people):
    """A session for each person as ``django.contrib.auth.login`` leaves it, made in the
    database in one go (signing in over HTTP runs the password hasher, about half a second of
    CPU each); returns {person pk: session key}."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    expires = timezone.now() + datetime.timedelta(days=1)
    sessions, keys = [], {}
    store = SessionStore()
    for person in people:
        key = secrets.token_hex(16)
        data = {
            SESSION_KEY: str(person.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: person.get_session_auth_hash(),
        }
        sessions.append(
            Session(session_key=key, session_data=store.encode(data), expire_date=expires)
        )
        keys[person.pk] = key
    Session.objects.bulk_create(sessions, batch_size=2000)
    return keys


def build_survey(n_courses, n_students):
    """Courses, teachers and students of one term, and the course evaluation, open now."""
    from django.utils import timezone

    from governance.models import (
        AcademicYear,
        Course,
        EducationalProgramme,
        Enrolment,
        Institution,
        School,
        Term,
        User,
    )
    from governance.roles import Role
    from surveys import lifecycle
    from surveys.models import Campaign, Invitation

    today = timezone.localdate()
    Institution.objects.create(name_kk="Сынақ университеті", name_en="Benchmark University")
    year = AcademicYear.objects.create(
        name="bench",
        start_date=today - datetime.timedelta(days=120),
        end_date=today + datetime.timedelta(days=240),
    )
    term = Term.objects.create(
        academic_year=year,
        kind="autumn",
        start_date=today - datetime.timedelta(days=90),
        last_teaching_day=today + datetime.timedelta(days=7),
        end_date=today + datetime.timedelta(days=30),
    )
    school = School.objects.create(code="BENCH", name_kk="Сынақ мектебі")
    programme = EducationalProgramme.objects.create(
        code="6B99901",
        name_kk="Сынақ",
        level="bachelor",
        nqf_level=6,
        credits=240,
        school=school,
        languages=["kk"],
    )
    teachers = User.objects.bulk_create(
        User(email=f"teacher{i:04d}@bench.example.kz", full_name_kk=f"Оқытушы {i}")
        for i in range(n_courses)
    )
    students = User.objects.bulk_create(
        User(email=f"student{i:05d}@bench.example.kz", full_name_kk=f"Студент {i}")
        for i in range(n_courses * n_students)
    )
    for i, teacher in enumerate(teachers):
        course = Course.objects.create(code=f"BEN{i:04d}", title_kk=f"Курс {i}", credits=5)
        course.programmes.add(programme)
        course.teachers.add(teacher)
        Enrolment.objects.bulk_create(
            Enrolment(student=student, course=course, term=term)
            for student in students[i * n_students : (i + 1) * n_students]
        )
    qa_manager = User.objects.create(email="qa@bench.example.kz", full_name_kk="Сапа менеджері")
    qa_manager.add_role(Role.QA_MANAGER)
    version, questions = build_sheet()
    campaign = Campaign.objects.create(
        version=version,
        title_kk="Курсты бағалау (сынақ)",
        title_en="Course evaluation (benchmark)",
        audience_kind="courses",
        audience_term=term,
        opens_at=timezone.now() - datetime.timedelta(minutes=5),
        closes_at=timezone.now() + datetime.timedelta(days=7),
        min_respondents=5,
    )
    lifecycle.schedule(campaign)
    campaign = lifecycle.open_campaign(campaign)

    keys = signed_in_sessions(students)
    pairs = [
        (target, keys[person])
        for target, person in Invitation.objects.filter(target__campaign=campaign).values_list(
            "target_id", "user_id"
        )
    ]
    random.Random(2026).shuffle(pairs)
    return Setup(campaign, qa_manager, pairs, form_fields(questions))


def answer_form(fields, rng):
    """Form data a student sends: every question answered, a comment now and then."""
    form = []
    for kind, name, _question in fields:
        if kind in ("likert", "matrix"):
            form.append((name, str(rng.choice([3, 4, 4, 5, 5]))))
        elif kind == "single":
            form.append((name, str(rng.randint(1, 3))))
        elif kind == "multiple":
            form += [(name, "1"), (name, str(rng.randint(2, 3)))]
        elif kind == "yes_no":
            form.append((name, str(rng.randint(0, 1))))
        elif kind == "numeric":
            form.append((name, str(rng.randint(2, 20))))
        elif kind == "text":
            form.append((name, rng.choice(COMMENTS)))
    return form


# --- The run of submissions -----------------------------------------------------------------


@dataclass
class Shot:
    outcome: str = ""
    latency: float = 0.0


class Student(Client):
    """A signed-in student's browser with the survey page open."""

    def __init__(self, port, session_key):
        super().__init__(port)
        self.csrf = secrets.token_hex(16)  # the unmasked 32-character secret of the cookie
        self.cookies = {"sessionid": session_key, "csrftoken": self.csrf}

    def submit(self, target_pk, form):
        path = f"/en/surveys/{target_pk}/"
        self.page = path
        status, text = self.request("POST", path, form=[("csrfmiddlewaretoken", self.csrf), *form])
        if status == 302:
            return "accepted"
        if status == 200 and "already answered" in text:
            return "duplicate"
        return f"HTTP {status}"


def run_submissions(port, setup, students, n_clients):
    """POST every (target, session) once from ``n_clients`` threads; returns shots, wall."""
    jobs = queue.Queue()
    for number, (target, session_key) in enumerate(students):
        jobs.put((number, target, session_key))
    shots = []
    lock = threading.Lock()

    def worker():
        while True:
            try:
                number, target, session_key = jobs.get_nowait()
            except queue.Empty:
                return
            form = answer_form(setup.fields, random.Random(number))
            started = time.perf_counter()
            try:
                outcome = Student(port, session_key).submit(target, form)
            except OSError as exc:
                outcome = f"{type(exc).__name__}: {exc}"
            shot = Shot(outcome, time.perf_counter() - started)
            with lock:
                shots.append(shot)

    threads = [threading.Thread(target=worker) for _ in range(n_clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return shots, time.perf_counter() - started


def print_run(label, shots, wall):
    outcomes = Counter(shot.outcome for shot in shots)
    latencies = [shot.latency for shot in shots]
    print(f"\n{label}: {len(shots)} requests in {wall:.1f} s")
    for outcome, n in outcomes.most_common():
        print(f"  {outcome:<24} {n}")
    print(
        f"  throughput               {outcomes['accepted'] / wall:.0f} submissions/s"
        if outcomes["accepted"]
        else f"  throughput               {len(shots) / wall:.0f} requests/s"
    )
    print(
        f"  latency                  p50 {ms(percentile(latencies, 50))},"
        f" p95 {ms(percentile(latencies, 95))}, p99 {ms(percentile(latencies, 99))},"
        f" max {ms(max(latencies))}"
    )
    return outcomes


def check_counts(campaign, accepted):
    """Receipts, respondents and the answered counter of the first question against what the
    server accepted; prints and returns (lost, doubled)."""
    from django.db.models import Sum

    from surveys.models import AnsweredCounter, Receipt, Target

    receipts = Receipt.objects.filter(invitation__target__campaign=campaign).count()
    respondents = Target.objects.filter(campaign=campaign).aggregate(n=Sum("respondents"))["n"]
    first = campaign.version.sections.get(position=1).questions.get(position=1)
    answered = AnsweredCounter.objects.filter(question=first).aggregate(n=Sum("count"))["n"]
    print(
        f"  stored                   {receipts} receipts, {respondents} respondents,"
        f" first question answered {answered} times"
    )
    lost = max(0, accepted - min(receipts, respondents, answered))
    doubled = max(0, max(receipts, respondents, answered) - accepted)
    print(f"  lost                     {lost}")
    print(f"  doubled                  {doubled}")
    return lost, doubled


# --- The results page -----------------------------------------------------------------------


def time_results_page(campaign, qa_manager, runs=5):
    """(median seconds, queries) of the university report as the QA manager sees it."""
    from django.db import connection
    from django.test import Client as DjangoClient
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import translation

    client = DjangoClient(HTTP_HOST="127.0.0.1")
    client.force_login(qa_manager)
    with translation.override("en"):
        url = reverse("surveys:results_report", args=[campaign.pk, "all"])
    if client.get(url).status_code != 200:  # also warms the per-process caches
        raise RuntimeError(f"the results page answered HTTP {client.get(url).status_code}")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), len(queries)


def scale_to(campaign, responses):
    """Multiply every count of the campaign so that it has ``responses`` respondents."""
    from django.db.models import F, Sum

    from surveys.models import AnswerCounter, AnsweredCounter, Target

    now = Target.objects.filter(campaign=campaign).aggregate(n=Sum("respondents"))["n"]
    factor = max(1, round(responses / now))
    Target.objects.filter(campaign=campaign).update(respondents=F("respondents") * factor)
    AnswerCounter.objects.filter(target__campaign=campaign).update(count=F("count") * factor)
    AnsweredCounter.objects.filter(target__campaign=campaign).update(count=F("count") * factor)
    return Target.objects.filter(campaign=campaign).aggregate(n=Sum("respondents"))["n"]


def results(setup, responses):
    from surveys import lifecycle
    from surveys.models import Campaign, ReviewStatus, TextAnswer

    campaign = lifecycle.close_campaign(Campaign.objects.get(pk=setup.campaign.pk))
    TextAnswer.objects.filter(target__campaign=campaign).update(review=ReviewStatus.PUBLISHED)
    campaign = lifecycle.publish_results(campaign)
    texts = TextAnswer.objects.filter(target__campaign=campaign).count()
    print(f"\nResults page (university report, QA manager, {texts} published comments)")
    for label in ("as answered", "scaled"):
        if label == "scaled":
            total = scale_to(campaign, responses)
        else:
            total = sum(campaign.targets.values_list("respondents", flat=True))
        seconds, queries = time_results_page(campaign, setup.qa_manager)
        print(f"  {total:>7} responses        median {ms(seconds)} of 5, {queries} queries")


def run(args, port):
    import django
    from django.core.management import call_command

    django.setup()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    setup = build_survey(args.courses, args.students)
    print(
        f"{len(setup.students)} students in {args.courses} courses invited, sessions made"
        f" in {time.perf_counter() - started:.1f} s; {os.cpu_count()} cores"
    )
    with serving(port, args.workers):
        print(f"gunicorn on 127.0.0.1:{port} with {args.workers} sync workers, DEBUG off")
        shots, wall = run_submissions(port, setup, setup.students, args.clients)
        outcomes = print_run(f"Submissions, {args.clients} concurrent clients", shots, wall)
        again = setup.students[: args.duplicates]
        if again:
            print_run(
                "Second submissions (must be refused)",
                *run_submissions(port, setup, again, args.clients),
            )
        check_counts(setup.campaign, outcomes["accepted"])
    results(setup, args.responses)


def main():
    args = parse_args()
    with bench_environment(MARK, DEFAULT_DATABASE_URL, debug=False):
        run(args, free_port())


if __name__ == "__main__":
    main()
