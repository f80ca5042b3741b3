"""Survey campaigns: a questionnaire version put to an audience within a window.

Issue 4 ("Campaigns and windows"): the QA manager owns institution-wide surveys, a School
Committee the surveys inside its school (seed 000 §2.3: the QA manager runs the annual
student, doctoral and faculty surveys; seed 000 §4.1.10: the School Committee runs the
in-school evaluation of teaching). The audience is students of a school, programme or year,
the students enrolled in each course of a term (one evaluation per course and teacher),
doctoral students, staff, or people outside the university invited by e-mail.

States (django-fsm-2): draft → scheduled → open → closed → published.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, validate_email
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from governance.models.bodies import BodyKind
from governance.models.structure import ProgrammeLevel
from governance.multilingual import Localized

from .questionnaires import Question, QuestionKind


class CampaignState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")
    PUBLISHED = "published", _("Results published")


class AudienceKind(models.TextChoices):
    STUDENTS = "students", _("Students (of a school, programme or year)")
    COURSES = "courses", _("Course evaluation: students of each course of a term, per teacher")
    DOCTORAL = "doctoral", _("Doctoral students")
    STAFF = "staff", _("Staff")
    EXTERNAL = "external", _("People invited by e-mail (alumni, employers)")


def parse_emails(text):
    """The addresses in a list typed one per line (commas and semicolons also separate)."""
    for separator in ",;":
        text = text.replace(separator, "\n")
    seen, emails = set(), []
    for line in text.splitlines():
        email = line.strip().lower()
        if email and email not in seen:
            seen.add(email)
            emails.append(email)
    return emails


class Campaign(FSMModelMixin, models.Model):
    version = models.ForeignKey(
        "surveys.QuestionnaireVersion",
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("questionnaire version"),
    )
    title_kk = models.CharField(_("title (Kazakh)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    owner_body = models.ForeignKey(
        "governance.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_campaigns",
        verbose_name=_("run by the School Committee"),
        help_text=_("Empty: the QA office runs the campaign for the whole university."),
    )

    audience_kind = models.CharField(_("audience"), max_length=12, choices=AudienceKind.choices)
    audience_school = models.ForeignKey(
        "governance.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("only the school"),
    )
    audience_programme = models.ForeignKey(
        "governance.EducationalProgramme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("only the programme"),
    )
    audience_year = models.PositiveSmallIntegerField(
        _("only the year of study"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    audience_term = models.ForeignKey(
        "governance.Term",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("term (course evaluation)"),
    )
    external_emails = models.TextField(
        _("e-mail addresses"),
        blank=True,
        help_text=_("People invited by e-mail: one address per line."),
    )

    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    reminder_days = models.JSONField(
        _("reminders (days before closing)"),
        default=list,
        blank=True,
        help_text=_("For example [7, 2]: reminders 7 and 2 days before the survey closes."),
    )
    min_respondents = models.PositiveSmallIntegerField(
        _("minimum respondents for results"),
        default=5,
        validators=[MinValueValidator(2)],
        help_text=_("Results, and every breakdown of them, stay hidden below this number."),
    )
    state = FSMField(
        _("state"),
        max_length=10,
        choices=CampaignState.choices,
        default=CampaignState.DRAFT,
        protected=True,
    )

    title = Localized()

    class Meta:
        verbose_name = _("survey campaign")
        verbose_name_plural = _("survey campaigns")
        ordering = ["-opens_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__lt=F("closes_at")), name="campaign_opens_before_it_closes"
            )
        ]

    def __str__(self):
        return self.title

    # --- validation ---------------------------------------------------------------------------

    def clean(self):
        errors = {}
        if self.opens_at and self.closes_at and self.opens_at >= self.closes_at:
            errors["closes_at"] = _("The survey must close after it opens.")
        errors.update(self._reminder_errors())
        errors.update(self._audience_errors())
        errors.update(self._owner_errors())
        if errors:
            raise ValidationError(errors)

    def _reminder_errors(self):
        days = self.reminder_days
        if not isinstance(days, list) or not all(
            isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in days
        ):
            return {"reminder_days": _("Give a list of whole days, e.g. [7, 2].")}
        if len(set(days)) != len(days):
            return {"reminder_days": _("A day is listed twice.")}
        if days and self.opens_at and self.closes_at:
            # In days, not as timedeltas: a huge number typed in the admin is no overflow.
            window = (self.closes_at - self.opens_at) / datetime.timedelta(days=1)
            if any(d >= window for d in days):
                return {"reminder_days": _("A reminder would fall before the survey opens.")}
        return {}

    def _audience_errors(self):
        kind = self.audience_kind
        errors = {}
        school, programme = self.audience_school, self.audience_programme
        if kind == AudienceKind.EXTERNAL:
            emails = parse_emails(self.external_emails)
            if not emails:
                errors["external_emails"] = _("Give at least one e-mail address.")
            for email in emails:
                try:
                    validate_email(email)
                except ValidationError:
                    errors["external_emails"] = _("“%(email)s” is not an e-mail address.") % {
                        "email": email
                    }
                    break
        elif self.external_emails.strip():
            errors["external_emails"] = _("Only an audience invited by e-mail has addresses.")
        if kind == AudienceKind.COURSES and not self.audience_term_id:
            errors["audience_term"] = _("Choose the term whose courses are evaluated.")
        if kind != AudienceKind.COURSES and self.audience_term_id:
            errors["audience_term"] = _("Only a course evaluation has a term.")
        if programme is not None:
            if kind not in (AudienceKind.STUDENTS, AudienceKind.DOCTORAL):
                errors["audience_programme"] = _("Only students are chosen by programme.")
            elif school is not None and programme.school_id != school.pk:
                errors["audience_programme"] = _("The programme belongs to another school.")
            elif (kind == AudienceKind.DOCTORAL) != (programme.level == ProgrammeLevel.DOCTORAL):
                errors["audience_programme"] = _(
                    "Doctoral students come from doctoral programmes, other students from the rest."
                )
        if self.audience_year is not None and kind not in (
            AudienceKind.STUDENTS,
            AudienceKind.DOCTORAL,
        ):
            errors["audience_year"] = _("Only students are chosen by year of study.")
        if school is not None and kind == AudienceKind.EXTERNAL:
            errors["audience_school"] = _("People invited by e-mail are not chosen by school.")
        return errors

    def _owner_errors(self):
        """A School Committee surveys its own school only (seed 000 §2: powers do not overlap)."""
        body = self.owner_body
        if body is None:
            return {}
        if body.kind != BodyKind.SCHOOL_COMMITTEE:
            return {"owner_body": _("Only a School Committee runs a campaign of its own.")}
        if self.audience_kind == AudienceKind.EXTERNAL:
            return {}
        school_id = self.audience_school_id or (
            self.audience_programme.school_id if self.audience_programme else None
        )
        if school_id != body.school_id:
            return {"audience_school": _("A School Committee surveys its own school only.")}
        return {}

    # --- states -------------------------------------------------------------------------------

    def schedule_problems(self, now=None):
        """Why the campaign cannot be scheduled yet, in words (empty when it can)."""
        now = now or timezone.now()
        problems = []
        if self.closes_at <= now:
            problems.append(_("The closing time has passed."))
        answerable = Question.objects.filter(section__version=self.version_id).exclude(
            kind=QuestionKind.HEADING
        )
        if not answerable.exists():
            problems.append(_("The questionnaire version has no questions to answer."))
        empty = (
            answerable.filter(
                Q(kind__in=[QuestionKind.SINGLE, QuestionKind.MULTIPLE], choices__isnull=True)
                | Q(kind=QuestionKind.MATRIX, items__isnull=True)
            )
            .distinct()
            .order_by("section__position", "position")
        )
        problems += [
            _("Question “%(question)s” has no options to choose from.") % {"question": question}
            for question in empty
        ]
        try:
            self.clean()
        except ValidationError as exc:
            problems += [message for messages in exc.message_dict.values() for message in messages]
        return problems

    def window_is_current(self, now=None):
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def accepts_answers(self, now=None):
        return self.state == CampaignState.OPEN and self.window_is_current(now)

    @transition(
        field=state,
        source=CampaignState.DRAFT,
        target=CampaignState.SCHEDULED,
        conditions=[lambda campaign: not campaign.schedule_problems()],
    )
    def schedule(self):
        """Fix the campaign: its version is locked and its audience invited.

        ``surveys.lifecycle.schedule`` does both in the same transaction as this transition.
        """

    @transition(
        field=state,
        source=CampaignState.SCHEDULED,
        target=CampaignState.OPEN,
        conditions=[window_is_current],
    )
    def open(self):
        """Open for answers, only inside the window (opening time reached, closing not)."""

    @transition(field=state, source=CampaignState.OPEN, target=CampaignState.CLOSED)
    def close(self):
        """Stop taking answers: at the closing time, or earlier when the owner decides."""

    @transition(field=state, source=CampaignState.CLOSED, target=CampaignState.PUBLISHED)
    def publish_results(self):
        """Make the results visible to those entitled to them, above the minimum respondents."""
