"""Permission matrix rows for the background reports (issue 7).

The QA manager, the rector (and vice-rectors) and the deans ask for reports; the QA manager,
the rector and the person who asked read a report, a dean also the reports on their own
school (never School B's, nor the university's that someone else asked for). Only the QA
manager schedules reports. Others get none of it.
"""

from django.core.files.base import ContentFile
from django.urls import reverse

from tests.urlmatrix import cached, everyone

from .factories_reports import ReportFactory, ScheduleFactory

REQUESTERS = {**everyone(403), "qa_manager": 200, "rector": 200, "dean": 200}
LEADERSHIP = {**everyone(403), "qa_manager": 200, "rector": 200}
KEEPER = {**everyone(403), "qa_manager": 200}
POST_ONLY = everyone(405, anonymous=405)


def reports(world):
    """A finished digest of School A asked for by its dean, one of School B asked for by the
    QA manager, one of the university asked for by the rector, and a schedule."""

    def build():
        def report(school, who):
            made = ReportFactory(school=school, requested_by=world.users[who])
            made.file.save(f"digest-{made.pk}.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
            return made

        return {
            "a": report(world.school_a, "dean"),
            "b": report(world.school_b, "qa_manager"),
            "university": report(None, "rector"),
            "schedule": ScheduleFactory(
                created_by=world.users["qa_manager"], recipients=[world.users["rector"]]
            ),
        }

    return cached(world, "_reports", build)


def _url(name, key):
    return lambda world: reverse(name, args=[reports(world)[key].pk])


MATRIX = {
    "reports:list": (lambda w: reverse("reports:list"), REQUESTERS),
    "reports:new": (lambda w: reverse("reports:new", args=["digest"]), REQUESTERS),
    "reports:detail": (_url("reports:detail", "a"), REQUESTERS),
    "reports:progress": (_url("reports:progress", "a"), REQUESTERS),
    "reports:download": (_url("reports:download", "a"), REQUESTERS),
    "reports:retry": (_url("reports:retry", "a"), POST_ONLY),
    "reports:schedule_list": (lambda w: reverse("reports:schedule_list"), KEEPER),
    "reports:schedule_new": (lambda w: reverse("reports:schedule_new", args=["digest"]), KEEPER),
    "reports:schedule_deactivate": (_url("reports:schedule_deactivate", "schedule"), POST_ONLY),
}

OBJECT_CASES = {
    # The dean of School A reads School A's reports, not School B's nor the university's.
    "report of School B": (_url("reports:detail", "b"), LEADERSHIP),
    "download of School B's report": (_url("reports:download", "b"), LEADERSHIP),
    "progress of School B's report": (_url("reports:progress", "b"), LEADERSHIP),
    "report of the university asked for by the rector": (
        _url("reports:detail", "university"),
        LEADERSHIP,
    ),
    "unknown report": (
        lambda w: reverse("reports:detail", args=[999999]),
        {**everyone(404)},
    ),
    # The portal's own kinds are offered to the same people as any other.
    "new annual QA report": (lambda w: reverse("reports:new", args=["annual"]), REQUESTERS),
    "new action plan report": (
        lambda w: reverse("reports:new", args=["action_plan"]),
        REQUESTERS,
    ),
    "new survey campaign report": (
        lambda w: reverse("reports:new", args=["campaign"]),
        REQUESTERS,
    ),
    "unknown kind of report": (
        lambda w: reverse("reports:new", args=["nope"]),
        {**everyone(404)},
    ),
}
