"""What an indicator value is about: the whole university, one school or one programme.

Seed 002 §9.1 (``IndicatorValue``: "scope object" — university, school, EP) and seed 003
¶125, ¶145 (results by organisation and by programme). A scope's slug names it in a URL:
``all``, ``school-<code>`` or ``programme-<code>``.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from governance.models import EducationalProgramme, School

from . import access

INSTITUTION_SLUG = "all"


@dataclass(frozen=True)
class Scope:
    school: School | None = None
    programme: EducationalProgramme | None = None

    @property
    def is_institution(self):
        return self.school is None and self.programme is None

    @property
    def slug(self):
        if self.programme is not None:
            return f"programme-{self.programme.code}"
        if self.school is not None:
            return f"school-{self.school.code}"
        return INSTITUTION_SLUG

    @property
    def label(self):
        if self.programme is not None:
            return str(self.programme)
        if self.school is not None:
            return str(self.school)
        return _("Whole university")

    @property
    def school_id(self):
        """The school whose dean reads the scope (a programme's school)."""
        if self.programme is not None:
            return self.programme.school_id
        return self.school.pk if self.school is not None else None

    @property
    def key(self):
        """(school id, programme id) as stored on ``IndicatorValue``."""
        return (
            self.school.pk if self.school is not None else None,
            self.programme.pk if self.programme is not None else None,
        )

    def values_filter(self):
        return Q(school=self.school, programme=self.programme)


def parse(slug):
    """The scope a URL names; 404 for an unknown school or programme."""
    if slug in ("", INSTITUTION_SLUG):
        return Scope()
    kind, _dash, code = slug.partition("-")
    if kind == "school":
        school = School.objects.filter(code=code).first()
        if school is not None:
            return Scope(school=school)
    elif kind == "programme":
        programme = EducationalProgramme.objects.filter(code=code).first()
        if programme is not None:
            return Scope(programme=programme)
    raise Http404(_("No such school or programme."))


def readable(user):
    """Every scope the person reads, the university first, then schools and their
    programmes in code order (two queries)."""
    scopes = [Scope()]
    schools = School.objects.order_by("code")
    programmes = EducationalProgramme.objects.order_by("code")
    if not access.reads_every_scope(user):
        led = access.led_school_ids(user)
        schools = schools.filter(pk__in=led)
        programmes = programmes.filter(school__in=led)
    by_school = {}
    for programme in programmes:
        by_school.setdefault(programme.school_id, []).append(Scope(programme=programme))
    for school in schools:
        scopes.append(Scope(school=school))
        scopes += by_school.get(school.pk, [])
    return scopes
