"""Collegial bodies (councils, committees, commissions), their charter rules and members.

Charter rules are data, not code: each body states its quorum, how a motion is carried, how
abstentions count, whether the chair breaks a tie, and the composition it must keep.
"""

from fractions import Fraction

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.multilingual import Localized


class BodyKind(models.TextChoices):
    ACADEMIC_RESEARCH_COUNCIL = "arc", _("Academic and Research Council")
    ACADEMIC_COUNCIL = "academic_council", _("Academic Council")
    SCHOOL_COMMITTEE = "school_committee", _("School Committee")
    QA_COMMISSION = "qa_commission", _("Faculty QA Commission")
    APPEALS_COMMISSION = "appeals", _("Appeals Commission")
    EXAM_COMMISSION = "exam", _("Exam Commission")
    BOARD = "board", _("Board")
    ALUMNI_COUNCIL = "alumni", _("Alumni Club council")
    OTHER = "other", _("Other body")


class MajorityRule(models.TextChoices):
    SIMPLE_OF_PRESENT = "simple_present", _("Simple majority of voting members present")
    TWO_THIRDS_OF_PRESENT = "two_thirds_present", _("Two thirds of voting members present")
    ABSOLUTE_OF_ALL = "absolute_all", _("Absolute majority of all voting members")
    UNANIMITY = "unanimity", _("Unanimity of voting members present")


class AbstentionRule(models.TextChoices):
    NOT_ALLOWED = "not_allowed", _("Abstention is not allowed")
    COUNTED = "counted", _("Abstentions count as present (they do not help a motion)")
    EXCLUDED = "excluded", _("Abstentions are left out: only votes for and against count")


class Constituency(models.TextChoices):
    STUDENT = "student", _("Students")
    TEACHER = "teacher", _("Teachers")
    LEADERSHIP = "leadership", _("School or university leadership")
    NON_ACADEMIC = "non_academic", _("Non-academic units")
    EMPLOYER = "employer", _("Employers")
    QA_MANAGER = "qa_manager", _("QA manager")


class Body(models.Model):
    kind = models.CharField(_("type"), max_length=24, choices=BodyKind.choices)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    school = models.ForeignKey(
        "governance.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        verbose_name=_("school"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent body"),
        help_text=_("A School Committee is created by, and answers to, the council."),
    )
    established_by = models.ForeignKey(
        "governance.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bodies_established",
        verbose_name=_("established by decision"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    description = models.TextField(_("powers and purpose"), blank=True)

    # Charter rules.
    quorum_numerator = models.PositiveSmallIntegerField(
        _("quorum (numerator)"), null=True, blank=True
    )
    quorum_denominator = models.PositiveSmallIntegerField(
        _("quorum (denominator)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    majority_rule = models.CharField(
        _("a motion is carried by"), max_length=24, choices=MajorityRule.choices
    )
    abstention_rule = models.CharField(
        _("abstention"),
        max_length=16,
        choices=AbstentionRule.choices,
        default=AbstentionRule.NOT_ALLOWED,
    )
    chair_casting_vote = models.BooleanField(_("the chair breaks a tie"), default=False)
    # Composition the charter requires.
    require_odd_size = models.BooleanField(_("odd number of voting members"), default=False)
    min_members = models.PositiveSmallIntegerField(_("at least (members)"), null=True, blank=True)
    max_members = models.PositiveSmallIntegerField(_("at most (members)"), null=True, blank=True)
    min_student_share = models.PositiveSmallIntegerField(
        _("students at least (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    non_voting_constituencies = models.JSONField(
        _("non-voting categories"),
        default=list,
        blank=True,
        help_text=_("Members from these categories attend and speak but do not vote."),
    )
    agenda_notice_days = models.PositiveSmallIntegerField(
        _("send the agenda this many days ahead"), default=3
    )

    name = Localized()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["kind", "name_kk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(quorum_numerator__isnull=True) & Q(quorum_denominator__isnull=True))
                | (
                    Q(quorum_numerator__isnull=False)
                    & Q(quorum_denominator__isnull=False)
                    & Q(quorum_numerator__lte=models.F("quorum_denominator"))
                ),
                name="body_quorum_is_a_fraction_or_none",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if (self.quorum_numerator is None) != (self.quorum_denominator is None):
            errors["quorum_denominator"] = _("Give both parts of the quorum, or neither.")
        elif self.quorum_numerator is not None and not (
            0 < self.quorum_numerator <= self.quorum_denominator
        ):
            errors["quorum_numerator"] = _("The quorum must be a fraction between 0 and 1.")
        if self.min_members and self.max_members and self.min_members > self.max_members:
            errors["max_members"] = _("The largest size is below the smallest.")
        unknown = set(self.non_voting_constituencies or []) - set(Constituency.values)
        if unknown:
            errors["non_voting_constituencies"] = _("Unknown categories: %(names)s.") % {
                "names": ", ".join(sorted(unknown))
            }
        if self.kind == BodyKind.SCHOOL_COMMITTEE and not self.school_id:
            errors["school"] = _("A School Committee belongs to a school.")
        if errors:
            raise ValidationError(errors)

    @property
    def quorum(self):
        """The quorum as a fraction of voting members, or None when the charter sets none."""
        if self.quorum_numerator is None:
            return None
        return Fraction(self.quorum_numerator, self.quorum_denominator)

    def current_memberships(self, on=None):
        return self.memberships.current(on)

    def voting_members(self, on=None):
        return self.current_memberships(on).filter(voting=True)

    def composition_problems(self, memberships=None):
        """What in the current membership breaks the charter, in words (empty when fine).

        Seed 001 §1.4: a Faculty QA Commission has 7 or 9 members, 30 % of them students;
        seed 001 §5.3: exam and appeal commissions have an odd number of members.
        """
        if memberships is None:
            memberships = list(self.current_memberships())
        voting = [m for m in memberships if m.voting]
        problems = []
        size = len(voting)
        if self.require_odd_size and size % 2 == 0:
            problems.append(
                _("The body must have an odd number of voting members; it has %(n)d.") % {"n": size}
            )
        if self.min_members and size < self.min_members:
            problems.append(
                _("The body needs at least %(min)d voting members; it has %(n)d.")
                % {"min": self.min_members, "n": size}
            )
        if self.max_members and size > self.max_members:
            problems.append(
                _("The body may have at most %(max)d voting members; it has %(n)d.")
                % {"max": self.max_members, "n": size}
            )
        if self.min_student_share:
            students = sum(1 for m in voting if m.constituency == Constituency.STUDENT)
            if size == 0 or Fraction(students, size) < Fraction(self.min_student_share, 100):
                problems.append(
                    _(
                        "At least %(share)d %% of voting members must be students; "
                        "%(students)d of %(n)d are."
                    )
                    % {"share": self.min_student_share, "students": students, "n": size}
                )
        for m in memberships:
            if m.voting and m.constituency in (self.non_voting_constituencies or []):
                problems.append(
                    _("%(person)s (%(category)s) may not vote in this body.")
                    % {"person": m.person, "category": m.get_constituency_display()}
                )
        return problems


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    DEPUTY_CHAIR = "deputy_chair", _("Deputy chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")
    GUEST = "guest", _("Guest")


class MembershipBasis(models.TextChoices):
    ELECTION = "election", _("Election")
    APPOINTMENT = "appointment", _("Appointment by order")
    OFFICE = "office", _("By office")


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(term_end__isnull=True) | Q(term_end__gte=on), term_start__lte=on)


class Membership(models.Model):
    """A person's seat on a body for a term; ended seats stay as the body's history."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("body")
    )
    person = models.ForeignKey(
        "governance.User",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(
        _("role"), max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    voting = models.BooleanField(_("voting right"), default=True)
    constituency = models.CharField(_("represents"), max_length=16, choices=Constituency.choices)
    term_start = models.DateField(_("term start"), default=timezone.localdate)
    term_end = models.DateField(_("term end"), null=True, blank=True)
    basis = models.CharField(
        _("basis"), max_length=16, choices=MembershipBasis.choices, default=MembershipBasis.ELECTION
    )
    order_number = models.CharField(_("order or minutes number"), max_length=60, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body", "role", "person__full_name_kk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                name="membership_term_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(role="guest") | Q(voting=False),
                name="guests_do_not_vote",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.body} ({self.get_role_display()})"

    def clean(self):
        errors = {}
        if self.role == MemberRole.GUEST and self.voting:
            errors["voting"] = _("A guest does not vote.")
        body = getattr(self, "body", None)
        if body and self.voting and self.constituency in (body.non_voting_constituencies or []):
            errors["voting"] = _(
                "Members representing %(category)s do not vote in this body (its charter)."
            ) % {"category": self.get_constituency_display()}
        if self.term_end and self.term_start and self.term_end < self.term_start:
            errors["term_end"] = _("The term ends before it starts.")
        if body and self.person_id and self.term_start:
            overlapping = Membership.objects.filter(body=body, person_id=self.person_id).exclude(
                pk=self.pk
            )
            overlapping = overlapping.filter(
                Q(term_end__isnull=True) | Q(term_end__gte=self.term_start)
            )
            if self.term_end:
                overlapping = overlapping.filter(term_start__lte=self.term_end)
            if overlapping.exists():
                errors["person"] = _("This person already has a seat on the body for these dates.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_current(self):
        today = timezone.localdate()
        return self.term_start <= today and (self.term_end is None or self.term_end >= today)
