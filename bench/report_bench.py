"""How long the university's annual QA report takes to build, and how much memory, on the
demo data (issue 7, "Tests and benchmark").

What is measured: ``qa_portal.reports.annual.build`` for the whole university and the demo's
academic year, in English and in Kazakh, as a Celery worker runs it — in a fresh Python
process that sets up Django and imports WeasyPrint, as the worker does when it starts
(``qa_portal.reports.tasks.load_the_typesetter``; timed apart), then reads the database,
renders the HTML and typesets the PDF. Printed for each: pages (``pdfinfo``), seconds of the
build, and the peak resident memory of that process in MiB (``resource.getrusage``: the
worker's high-water mark, imports included). Targets (issue 7): < 5 s and < 300 MiB for a
report of 30 pages.

The demo (``manage.py seed_demo``) gives a short report. ``--scale N`` adds, for the demo's
year, N council decisions, N improvement actions (some overdue), N published documents, N
programmes with an accreditation and N/4 mechanism cycles with Check findings, so that the
report reaches about 30 pages; the default (50) gives 30 on the demo. ``--scale 0`` measures
the demo as it is.

The database named by ``DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/
qa_bench_reports``) is created, migrated and dropped again; a database of that name that this
script did not create is never touched. Run it with ``make bench-reports``.
"""

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

from harness import BASE_DIR, bench_environment

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/qa_bench_reports"
MARK = "qa-portal report benchmark (bench/report_bench.py); safe to drop"
TARGET_SECONDS, TARGET_MIB, TARGET_PAGES = 5, 300, 30


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale", type=int, default=50, help="records added to the demo's year (50; 0: none)"
    )
    parser.add_argument("--build", nargs=2, metavar=("YEAR", "LANGUAGE"), help=argparse.SUPPRESS)
    return parser.parse_args()


# --- The data -----------------------------------------------------------------------------------


def enlarge(year, scale):
    """Add ``scale`` decisions, actions, documents and accredited programmes (and a quarter as
    many mechanism cycles) dated in ``year``, spread over the demo's bodies and schools."""
    from accreditation.models import Accreditation, AccreditationKind, Agency, Outcome
    from accreditation.programme_register import validity_end
    from documents.models import (
        CheckUnit,
        Cycle,
        CycleStage,
        Document,
        Edition,
        EditionStatus,
        Mechanism,
        Stage,
        UnitKind,
    )
    from documents.models.register import Category, DocumentKind
    from governance.models import (
        Body,
        Decision,
        EducationalProgramme,
        ImprovementAction,
        Meeting,
        School,
        User,
    )
    from governance.models.decisions import ActionSource, ActionStatus
    from governance.revisions import REVISING_KINDS

    council = Body.objects.filter(kind__in=REVISING_KINDS).first()
    schools = list(School.objects.order_by("code"))
    owner = User.objects.filter(is_active=True).order_by("pk").first()
    agency = Agency.objects.order_by("pk").first()
    meeting = Meeting.objects.filter(body=council).order_by("pk").first()
    day = year.start_date + datetime.timedelta(days=40)
    statuses = list(ActionStatus)
    Decision.objects.bulk_create(
        Decision(
            body=council,
            meeting=meeting,
            number=f"bench/{n}",
            date=day + datetime.timedelta(days=n % 200),
            text=f"Approve the revised procedure No. {n} for the quality of teaching and "
            "assessment, and ask the schools to report on it at the end of the term.",
        )
        for n in range(scale)
    )
    ImprovementAction.objects.bulk_create(
        ImprovementAction(
            title=f"Improve the feedback to students in course group {n}",
            source=ActionSource.OTHER,
            owner=owner,
            school=schools[n % len(schools)] if n % 3 else None,
            due_date=day + datetime.timedelta(days=n % 300),
            status=statuses[n % len(statuses)],
        )
        for n in range(scale)
    )
    documents = Document.objects.bulk_create(
        Document(
            kind=DocumentKind.INTERNAL,
            category=Category.ACADEMIC_POLICY,
            code=f"BENCH-{n}",
            title_kk=f"Сапа жөніндегі ереже {n}",
            title_en=f"Quality regulation {n}",
            owner_body=council,
            approving_body=council,
        )
        for n in range(scale)
    )
    Edition.objects.bulk_create(
        Edition(
            document=document,
            number=1,
            file="documents/bench.pdf",
            status=EditionStatus.PUBLISHED,
            published_on=day,
        )
        for document in documents
    )
    programmes = EducationalProgramme.objects.bulk_create(
        EducationalProgramme(
            code=f"6B9{n:04d}",
            name_kk=f"Бағдарлама {n}",
            name_en=f"Programme {n}",
            level="bachelor",
            nqf_level=6,
            credits=240,
            school=schools[n % len(schools)],
            languages=["kk", "ru"],
        )
        for n in range(scale)
    )
    Accreditation.objects.bulk_create(
        Accreditation(
            kind=AccreditationKind.PROGRAMME,
            programme=programme,
            agency=agency,
            decision_date=year.start_date,
            outcome=Outcome.ACCREDITED,
            years=5,
            valid_from=year.start_date,
            valid_until=validity_end(year.start_date, 5),
        )
        for programme in programmes[::2]
    )
    mechanisms = list(Mechanism.objects.order_by("code"))
    for n in range(scale // 4):
        cycle = Cycle.objects.create(
            mechanism=mechanisms[n % len(mechanisms)], period=f"bench {n}", created_by=owner
        )
        CycleStage.objects.bulk_create(
            CycleStage(
                cycle=cycle,
                stage=stage,
                planned_start=day,
                note="Response rates fell in two schools; the syllabi of three courses "
                "were not published on time."
                if stage == Stage.CHECK
                else "",
            )
            for stage in (Stage.PLAN, Stage.DO, Stage.CHECK, Stage.ACT)
        )
        CheckUnit.objects.create(cycle=cycle, kind=UnitKind.QA_OFFICE, added_by=owner)


def prepare(scale):
    import django
    from django.core.management import call_command

    django.setup()
    from governance.models import AcademicYear

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", verbosity=0, stdout=quiet)
    year = AcademicYear.objects.order_by("-start_date").first()
    if scale:
        enlarge(year, scale)
    print(f"Demo seeded (scale {scale}) in {time.perf_counter() - started:.1f} s")
    return year


# --- One build, in a process of its own --------------------------------------------------------


def build_once(year_pk, language):
    """Run in the child: build the report, write it to a file, print the figures as JSON."""
    import django

    django.setup()
    from qa_portal.reports import annual

    loading = time.perf_counter()
    import weasyprint  # noqa: F401  (the worker imports it when it starts)

    stages = []
    started = time.perf_counter()
    pdf = annual.build(
        {"academic_year": int(year_pk), "school": None, "language": language},
        lambda percent, stage: stages.append((percent, time.perf_counter())),
    )
    seconds = time.perf_counter() - started
    typeset = next(at for percent, at in stages if percent >= 90)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as handle:
        handle.write(pdf)
    figures = {"seconds": seconds, "mib": peak_mib, "path": handle.name}
    figures["start"] = started - loading
    figures["data"] = typeset - started  # reading the database, before the typesetting
    print(json.dumps(figures))


def pages(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return next(int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages:"))


def measure(year, language):
    child = subprocess.run(
        [sys.executable, __file__, "--build", str(year.pk), language],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(BASE_DIR)},
    )
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    try:
        figures["pages"] = pages(figures["path"])
    finally:
        os.unlink(figures["path"])
    return figures


def verdict(figures):
    ok = figures["seconds"] < TARGET_SECONDS and figures["mib"] < TARGET_MIB
    return "ok" if ok else "OVER TARGET"


def main():
    args = parse_args()
    if args.build:
        build_once(*args.build)
        return
    with bench_environment(MARK, DEFAULT_DATABASE_URL, debug=False):
        year = prepare(args.scale)
        print(
            f"Annual QA report, whole university, {year.name}; {os.cpu_count()} cores; "
            f"target < {TARGET_SECONDS} s and < {TARGET_MIB} MiB for {TARGET_PAGES} pages"
        )
        for language in ("en", "kk"):
            figures = measure(year, language)
            print(
                f"  {language}: {figures['pages']} pages, {figures['seconds']:.2f} s "
                f"(database {figures['data']:.2f} s, typesetting "
                f"{figures['seconds'] - figures['data']:.2f} s), peak {figures['mib']:.0f} MiB"
                f" — {verdict(figures)}; WeasyPrint import at worker start "
                f"{figures['start']:.2f} s"
            )


if __name__ == "__main__":
    main()
