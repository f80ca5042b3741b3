"""A kind of report made for the tests ("digest": a tiny PDF built in a few steps) and
factories for report jobs and schedules.

The digest's parameters steer its build: ``pause`` (seconds per step, for a report that is
still running when the worker is killed) and ``fail`` (the build raises). Every build is
recorded in :data:`BUILDS` (report parameters) so a test can count them.
"""

import datetime
import time

import factory
from django import forms
from django.conf import settings
from django.utils import timezone
from factory.django import DjangoModelFactory

from documents.access import reads_all
from governance.models import School
from qa_portal.models import Report, ReportSchedule, ReportStatus
from qa_portal.reports import access, jobs, registry

from .factories import UserFactory

BUILDS = []
STEPS = 4


class DigestForm(forms.Form):
    school = forms.ModelChoiceField(School.objects.order_by("code"), required=False)
    language = forms.ChoiceField(choices=settings.LANGUAGES, initial="en")

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not reads_all(user):
            self.fields["school"].queryset = School.objects.filter(
                pk__in=access.led_school_ids(user)
            )
            self.fields["school"].required = True

    def parameters(self):
        school = self.cleaned_data["school"]
        return {"school": school.pk if school else None, "language": self.cleaned_data["language"]}


def can_request(user, params):
    return reads_all(user) or params.get("school") in access.led_school_ids(user)


def school_of(params):
    return School.objects.filter(pk=params.get("school")).first() if params.get("school") else None


def title(params):
    school = school_of(params)
    return f"Digest — {school.name_en if school else 'University'}"


def build(params, progress):
    BUILDS.append(params)
    for step in range(1, STEPS + 1):
        progress(step * 100 // (STEPS + 1), f"Step {step}")
        time.sleep(params.get("pause", 0))
    if params.get("fail"):
        raise RuntimeError("the digest's data source is broken")
    return f"%PDF-1.4\n% digest {sorted(params.items())}\n%%EOF\n".encode()


DIGEST = registry.register(
    registry.ReportKind(
        code="digest",
        label="Digest",
        form=DigestForm,
        can_request=can_request,
        title=title,
        school_of=school_of,
        build=build,
    )
)


def ask(user, school=None, **params):
    """Ask for a digest as ``user`` (as the form would)."""
    return jobs.request(
        DIGEST, {"school": school.pk if school else None, "language": "en", **params}, user
    )


class ReportFactory(DjangoModelFactory):
    """A finished digest of the whole university."""

    class Meta:
        model = Report

    kind = "digest"
    parameters = factory.LazyAttribute(
        lambda o: {"school": o.school.pk if o.school else None, "language": "en"}
    )
    parameters_key = factory.LazyAttribute(lambda o: jobs.parameters_key(o.parameters))
    title = factory.LazyAttribute(lambda o: title(o.parameters))
    version = factory.Sequence(lambda n: n + 1)
    school = None
    language = "en"
    status = ReportStatus.DONE
    progress = 100
    requested_by = factory.SubFactory(UserFactory)
    finished_at = factory.LazyFunction(timezone.now)


class ScheduleFactory(DjangoModelFactory):
    class Meta:
        model = ReportSchedule
        skip_postgeneration_save = True

    kind = "digest"
    parameters = {"school": None, "language": "en"}
    title = "Digest — University"
    frequency = "monthly"
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(minutes=1))
    next_run_at = factory.LazyAttribute(lambda o: o.starts_at)
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def recipients(self, create, extracted, **kwargs):
        if create and extracted:
            self.recipients.set(extracted)
