"""A campaign's audience: its targets, the invitations to answer them, and one-time links.

Issue 4 ("Campaigns and windows"), from the audience the campaign defines:

* students of a school, programme or year of study (seed 000 §4.1.7: bachelor and master
  students; other non-doctoral levels too), from their ``StudentProfile``, one target per
  programme and year of study so that results can be broken down by them;
* course evaluation for a term (seed 000 §4.1.10): every student enrolled in a course that
  term evaluates each of its teachers — one target per course and teacher, and one per course
  without a teacher in the register;
* doctoral students (seed 000 §4.1.9) grouped the same way, staff (§4.1.8) one target per
  school, with the same school filter;
* alumni and employers (§4.1.12–§4.1.13) invited by e-mail: they answer through a one-time
  link and have no account. Only the SHA-256 of the link's token is stored, with an expiry.

Built once, when the campaign is scheduled (``surveys.lifecycle.schedule``); building again
adds only what is missing.
"""

import hashlib
import secrets
from collections import defaultdict

from django.db import transaction
from django.db.models import Q

from governance.models import Course, Enrolment, StaffProfile, StudentProfile
from governance.models.structure import ProgrammeLevel

from .anonymity import create_counters
from .models import AudienceKind, Invitation, Target
from .models.campaigns import parse_emails
from .questions import answerable_questions, sections_for

TOKEN_BYTES = 32


def _students(campaign):
    profiles = StudentProfile.objects.filter(user__is_active=True)
    if campaign.audience_kind == AudienceKind.DOCTORAL:
        profiles = profiles.filter(programme__level=ProgrammeLevel.DOCTORAL)
    else:
        profiles = profiles.exclude(programme__level=ProgrammeLevel.DOCTORAL)
    if campaign.audience_school_id:
        profiles = profiles.filter(programme__school=campaign.audience_school_id)
    if campaign.audience_programme_id:
        profiles = profiles.filter(programme=campaign.audience_programme_id)
    if campaign.audience_year:
        profiles = profiles.filter(year_of_study=campaign.audience_year)
    return profiles.order_by("user_id").values_list(
        "user_id", "programme__school_id", "programme_id", "year_of_study"
    )


def _staff(campaign):
    profiles = StaffProfile.objects.filter(user__is_active=True)
    if campaign.audience_school_id:
        profiles = profiles.filter(school=campaign.audience_school_id)
    return profiles.order_by("user_id").values_list("user_id", "school_id")


def _target_key(target):
    """What tells a campaign's targets apart (the unique constraints of ``Target``):
    (course id, teacher id) in a course evaluation, else (school id, programme id, year)."""
    if target.course_id is not None:
        return (target.course_id, target.teacher_id)
    return (target.school_id, target.programme_id, target.year_of_study)


def _targets(campaign, targets):
    """The campaign's targets by key, the unsaved ``targets`` created where missing."""
    Target.objects.bulk_create(targets, ignore_conflicts=True)
    found = Target.objects.filter(campaign=campaign).select_related("campaign")
    return {_target_key(target): target for target in found}


def _course_schools(campaign, course_ids):
    """{course id: school id}: the school whose committee reads a course's results — the
    campaign's own school, else the course's department's, else its programmes' when they
    all belong to one school."""
    if campaign.audience_school_id:
        return dict.fromkeys(course_ids, campaign.audience_school_id)
    departments, programmes = {}, defaultdict(set)
    for course, department_school, programme_school in Course.objects.filter(
        pk__in=course_ids
    ).values_list("pk", "department__school_id", "programmes__school_id"):
        departments[course] = department_school
        if programme_school is not None:
            programmes[course].add(programme_school)
    return {
        course: departments.get(course)
        or (next(iter(programmes[course])) if len(programmes[course]) == 1 else None)
        for course in course_ids
    }


def _course_evaluation(campaign):
    """{target: [student ids]}: each enrolled student evaluates each teacher of the course."""
    courses = Course.objects.all()
    if campaign.audience_school_id:
        school = campaign.audience_school_id
        courses = courses.filter(Q(department__school=school) | Q(programmes__school=school))
    enrolled = defaultdict(set)
    for student, course in Enrolment.objects.filter(
        term=campaign.audience_term_id,
        student__is_active=True,
        course__in=courses.values("pk"),
    ).values_list("student_id", "course_id"):
        enrolled[course].add(student)
    teachers = defaultdict(list)
    for course, teacher in Course.teachers.through.objects.filter(
        course_id__in=list(enrolled)
    ).values_list("course_id", "user_id"):
        teachers[course].append(teacher)
    keys = [
        (course, teacher)
        for course in sorted(enrolled)
        for teacher in sorted(teachers[course]) or [None]
    ]
    schools = _course_schools(campaign, list(enrolled))
    targets = _targets(
        campaign,
        [
            Target(
                campaign=campaign, course_id=course, teacher_id=teacher, school_id=schools[course]
            )
            for course, teacher in keys
        ],
    )
    return {targets[key]: sorted(enrolled[key[0]]) for key in keys}


def _groups(campaign):
    """{(school id, programme id, year of study): [user ids]}: students by programme and year,
    staff by school."""
    groups = defaultdict(list)
    if campaign.audience_kind == AudienceKind.STAFF:
        for user, school in _staff(campaign):
            groups[(school, None, None)].append(user)
    else:
        for user, school, programme, year in _students(campaign):
            groups[(school, programme, year)].append(user)
    return groups


def build_audience(campaign):
    """Create the targets, invitations and counters; return the number of invitations."""
    kind = campaign.audience_kind
    invitations = []
    if kind == AudienceKind.COURSES:
        for target, students in _course_evaluation(campaign).items():
            invitations += [Invitation(target=target, user_id=student) for student in students]
        targets = {invitation.target for invitation in invitations}
    elif kind == AudienceKind.EXTERNAL:
        school = campaign.owner_body.school_id if campaign.owner_body_id else None
        key = (school, None, None)
        target = _targets(campaign, [Target(campaign=campaign, school_id=school)])[key]
        targets = {target}
        emails = parse_emails(campaign.external_emails)
        invitations = [Invitation(target=target, email=email) for email in emails]
    else:
        groups = _groups(campaign)
        found = _targets(
            campaign,
            [
                Target(
                    campaign=campaign, school_id=school, programme_id=programme, year_of_study=year
                )
                for school, programme, year in groups
            ],
        )
        targets = {found[key] for key in groups}
        invitations = [
            Invitation(target=found[key], user_id=user)
            for key, users in groups.items()
            for user in users
        ]
    Invitation.objects.bulk_create(invitations, ignore_conflicts=True)
    sheets = {}
    for target in sorted(targets, key=lambda t: t.pk):
        has_teacher = target.teacher_id is not None
        if has_teacher not in sheets:
            sheets[has_teacher] = answerable_questions(sections_for(target))
        create_counters(target, sheets[has_teacher])
    return Invitation.objects.filter(target__campaign=campaign).count()


def token_digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(invitation, valid_until=None):
    """A new one-time link token for an e-mail invitation; only its digest is stored.

    The link is valid until ``valid_until`` (default: when the campaign closes). Issuing again
    replaces the previous token.
    """
    if invitation.user_id is not None:
        raise ValueError("People with an account answer after signing in, not through a link.")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    invitation.token_hash = token_digest(token)
    invitation.token_expires_at = valid_until or invitation.target.campaign.closes_at
    invitation.save(update_fields=["token_hash", "token_expires_at"])
    return token


@transaction.atomic
def revoke_link(campaign, email):
    """Withdraw the unanswered link of ``email`` to ``campaign`` (issue 8: token links can be
    revoked), e.g. an address typed by mistake or a person who left the employer.

    The link stops working at once, no reminder issues a new one (reminders go to existing
    invitations only) and the address leaves the campaign's list, so building the audience
    again does not invite it back. An answered link is already spent and stays: its receipt
    counts in the response rate. Returns how many links were withdrawn.
    """
    email = email.strip().lower()
    _total, deleted = Invitation.objects.filter(
        target__campaign=campaign, user__isnull=True, email__iexact=email, receipt__isnull=True
    ).delete()
    kept = [address for address in parse_emails(campaign.external_emails) if address != email]
    campaign.external_emails = "\n".join(kept)
    campaign.save(update_fields=["external_emails"])
    return deleted.get(Invitation._meta.label, 0)


def invitation_for_token(token):
    """The invitation a link's token belongs to, or None."""
    return (
        Invitation.objects.select_related(
            "receipt", "target__campaign__version", "target__course", "target__teacher"
        )
        .filter(token_hash=token_digest(token))
        .first()
    )
