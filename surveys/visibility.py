"""Who sees which survey results, and who acts on them (issue 4, "Results").

Seed 000 §2.3: the QA manager runs the surveys, analyses them and reports to the council, the
School Committees and the units; §4.1.10: the School Committee analyses the evaluation of
teaching in its school and individual results go to each evaluated teacher. So:

* **a teacher** reads the results of their own courses: the targets where they are the
  evaluated teacher ("course" scope), with the free-text answers shown only to them;
* **a School Committee** (its current members) **and the dean** read their school: the
  school's targets added up, broken down inside the school down to each course and teacher;
  a committee or dean of school A never reads school B;
* **the council** (current members of the Academic (and Research) Council), **the QA manager,
  the rector and the vice-rectors** read the institution's aggregates and their breakdowns by
  school, programme and year — not course by course;
* teachers, committees, deans and the council read results only once the QA manager has
  published them (``Campaign.publish_results``); the QA manager reads them from the close,
  to review the free text before publishing;
* nobody reads results below the campaign's minimum: ``surveys.results`` hides them, for the
  whole report and for every breakdown cell.

A scope is what one report covers; its slug goes into the URL: ``all``, ``school-<code>`` or
``course-<target pk>``.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from governance.actions import actions_from
from governance.models import Membership, School
from governance.models.bodies import BodyKind
from governance.permissions import AGENDA_ROLES
from governance.roles import Role

from .models import Campaign, CampaignState, Target

# Seed 000 §2.3 and §2.1: the QA office and the university's leadership.
INSTITUTION_ROLES = (Role.QA_MANAGER, Role.RECTOR, Role.VICE_RECTOR)
COUNCIL_KINDS = (BodyKind.ACADEMIC_RESEARCH_COUNCIL, BodyKind.ACADEMIC_COUNCIL)

INSTITUTION, SCHOOL, COURSE = "institution", "school", "course"


@dataclass(frozen=True)
class Scope:
    """What one report covers: the institution, one school, or one course and teacher."""

    kind: str
    school: School | None = None
    target: Target | None = None

    @property
    def slug(self):
        if self.kind == SCHOOL:
            return f"school-{self.school.code}"
        if self.kind == COURSE:
            return f"course-{self.target.pk}"
        return "all"

    @property
    def label(self):
        if self.kind == SCHOOL:
            return str(self.school)
        if self.kind == COURSE:
            return course_label(self.target)
        return _("Whole university")

    @property
    def school_id(self):
        """The school an improvement action raised from this scope belongs to, if any."""
        if self.kind == SCHOOL:
            return self.school.pk
        if self.kind == COURSE:
            return self.target.school_id
        return None


def course_label(target):
    """ "LAW101 Title — Teacher" for a course target (course and teacher selected)."""
    label = f"{target.course.code} {target.course.title}"
    return f"{label} — {target.teacher}" if target.teacher_id else label


# --- Who the person is, for results -------------------------------------------------------


def _seats(user):
    """(body kind, school id, role) of the person's current seats; read once per request."""
    cached = user.__dict__.get("_survey_result_seats")
    if cached is None:
        cached = list(
            Membership.objects.current()
            .filter(
                person=user,
                body__is_active=True,
                body__kind__in=(*COUNCIL_KINDS, BodyKind.SCHOOL_COMMITTEE),
            )
            .values_list("body__kind", "body__school_id", "role")
        )
        user.__dict__["_survey_result_seats"] = cached
    return cached


def reads_institution(user):
    """The QA manager, the rector, the vice-rectors and the council's members."""
    if not user.is_authenticated:
        return False
    return user.has_role(*INSTITUTION_ROLES) or any(
        kind in COUNCIL_KINDS for kind, _school, _role in _seats(user)
    )


def result_school_ids(user):
    """Schools whose results the person reads: as its dean or on its School Committee."""
    if not user.is_authenticated:
        return set()
    cached = user.__dict__.get("_survey_result_schools")
    if cached is None:
        cached = {
            school
            for kind, school, _role in _seats(user)
            if kind == BodyKind.SCHOOL_COMMITTEE and school
        }
        if user.has_role(Role.DEAN):
            cached |= set(School.objects.filter(dean=user).values_list("pk", flat=True))
        user.__dict__["_survey_result_schools"] = cached
    return cached


def is_qa_manager(user):
    return user.is_authenticated and user.has_role(Role.QA_MANAGER)


def results_open_to(user, campaign):
    """Published results for everyone entitled; closed ones already for the QA manager."""
    if campaign.state == CampaignState.PUBLISHED:
        return True
    return campaign.state == CampaignState.CLOSED and is_qa_manager(user)


# --- Scopes -------------------------------------------------------------------------------


def scopes_for(user, campaign, targets):
    """The reports the person may open for ``campaign``, broadest first (``targets``: its
    targets — at least those of the person's courses and schools — with school, course and
    teacher selected)."""
    if not user.is_authenticated or not results_open_to(user, campaign):
        return []
    scopes = []
    if reads_institution(user):
        scopes.append(Scope(INSTITUTION))
    mine = result_school_ids(user)
    schools = {t.school_id: t.school for t in targets if t.school_id in mine}
    scopes += [Scope(SCHOOL, school=school) for school in sorted(schools.values(), key=str)]
    scopes += [
        Scope(COURSE, target=t)
        for t in sorted(targets, key=lambda t: (t.course.code if t.course_id else "", t.pk))
        if t.course_id and t.teacher_id == user.pk
    ]
    return scopes


def may_open(user, campaign, scope):
    """Whether the person may open ``scope``: also a course of their school (the committee's
    and the dean's breakdown down to each course and teacher)."""
    if not user.is_authenticated or not results_open_to(user, campaign):
        return False
    if scope.kind == INSTITUTION:
        return reads_institution(user)
    if scope.kind == SCHOOL:
        return scope.school.pk in result_school_ids(user)
    target = scope.target
    return target.teacher_id == user.pk or (
        target.school_id is not None and target.school_id in result_school_ids(user)
    )


def scope_from_slug(campaign, slug, targets):
    """The scope a URL names, or 404 when the campaign has no such school or course."""
    if slug == "all":
        return Scope(INSTITUTION)
    kind, _dash, rest = slug.partition("-")
    if kind == SCHOOL:
        for target in targets:
            if target.school_id and target.school.code == rest:
                return Scope(SCHOOL, school=target.school)
    elif kind == COURSE and rest.isdigit():
        for target in targets:
            if target.pk == int(rest) and target.course_id:
                return Scope(COURSE, target=target)
    raise Http404(_("This campaign has no such results."))


def require_scope(user, campaign, slug, targets):
    """The scope named by ``slug`` if the person may open it; 404 or 403 otherwise."""
    scope = scope_from_slug(campaign, slug, targets)
    if not may_open(user, campaign, scope):
        raise PermissionDenied
    return scope


# --- Acting on results --------------------------------------------------------------------


def can_publish(user, campaign):
    """The QA manager publishes the results of a closed campaign (seed 000 §2.3)."""
    return is_qa_manager(user) and campaign.state == CampaignState.CLOSED


def can_review(user, campaign):
    """The QA office reviews free text once answers are no longer taken (issue 4)."""
    return is_qa_manager(user) and campaign.state in (CampaignState.CLOSED, CampaignState.PUBLISHED)


def can_raise_action(user, campaign, scope):
    """The QA office, or the chair, deputy chair or secretary of the School Committee of the
    scope's school, raises an improvement action from results it reads (issue 4; seed 000
    §4: the Act of Plan–Do–Check–Act)."""
    if not may_open(user, campaign, scope):
        return False
    if is_qa_manager(user):
        return True
    school = scope.school_id
    return school is not None and any(
        kind == BodyKind.SCHOOL_COMMITTEE and seat_school == school and role in AGENDA_ROLES
        for kind, seat_school, role in _seats(user)
    )


# --- Closing the loop for respondents -----------------------------------------------------


def invited_school_ids(user, campaign):
    """Schools of the targets the person was invited to answer in ``campaign``."""
    return set(
        Target.objects.filter(campaign=campaign, invitations__user=user).values_list(
            "school_id", flat=True
        )
    )


def sees_changes(user, campaign):
    """ "What we changed" is open, once results are published, to everyone invited to answer
    and to everyone who reads some of the results."""
    if not user.is_authenticated or campaign.state != CampaignState.PUBLISHED:
        return False
    if reads_institution(user):
        return True
    readers = Q(invitations__user=user) | Q(teacher=user) | Q(school__in=result_school_ids(user))
    return Target.objects.filter(campaign=campaign).filter(readers).exists()


def changes_for(user, campaign):
    """The improvement actions of "What we changed" the person reads: the university's own,
    and those of the schools they were asked in or read results of (all for the council and
    the QA office)."""
    actions = actions_from(campaign)
    if reads_institution(user):
        return actions
    schools = invited_school_ids(user, campaign) | result_school_ids(user)
    schools |= set(
        Target.objects.filter(campaign=campaign, teacher=user).values_list("school_id", flat=True)
    )
    return actions.filter(Q(school__isnull=True) | Q(school__in=schools - {None}))


def published_for_respondent(user):
    """Published campaigns the person was invited to answer, the latest first."""
    return (
        Campaign.objects.filter(state=CampaignState.PUBLISHED, targets__invitations__user=user)
        .distinct()
        .order_by("-closes_at", "pk")
    )


def scopes_by_campaign(user, campaigns):
    """{campaign pk: [Scope]} for the index, reading only the targets that give a scope."""
    ids = [campaign.pk for campaign in campaigns]
    targets = defaultdict(list)
    mine = Q(teacher=user, course__isnull=False) | Q(school__in=result_school_ids(user))
    for target in (
        Target.objects.filter(campaign__in=ids)
        .filter(mine)
        .select_related("school", "course", "teacher")
    ):
        targets[target.campaign_id].append(target)
    return {campaign.pk: scopes_for(user, campaign, targets[campaign.pk]) for campaign in campaigns}


def campaigns_with_results(user):
    """Campaigns whose results the person may open (some scope of them), the latest first."""
    if not user.is_authenticated:
        return Campaign.objects.none()
    states = [CampaignState.PUBLISHED]
    if is_qa_manager(user):
        states.append(CampaignState.CLOSED)
    campaigns = Campaign.objects.filter(state__in=states)
    if not reads_institution(user):
        campaigns = campaigns.filter(
            Q(targets__teacher=user) | Q(targets__school__in=result_school_ids(user))
        ).distinct()
    return campaigns.select_related("version__questionnaire").order_by("-closes_at", "pk")
