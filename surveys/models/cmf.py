"""The Course Management Form (CMF): a teacher's self-assessment of a course after its term.

Seed 000 §4.1.5: after the course the teacher fills the CMF, which the School Committee (SC)
considers. Seed 000 §4.1.11: after every semester the teachers of a course fill it — a
self-assessment that serves as a tool to assess the quality of teaching; the SC collects and
analyses the forms, the results go to the school, the Academic Council and the QA office, and
each teacher gets individual recommendations. The form is signed by its teacher: it is not
anonymous, and every change is in the audit trail.

Status: draft → submitted → reviewed; the committee may return a submitted form for revision,
which makes it a draft again with the committee's note (``surveys.cmf`` holds the rules).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DeliveryFormat(models.TextChoices):
    """Seed 000 §4.1.5: a course is taught offline, online or blended."""

    OFFLINE = "offline", _("Offline")
    ONLINE = "online", _("Online")
    BLENDED = "blended", _("Blended")


class CourseFormStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    REVIEWED = "reviewed", _("Reviewed")


class CourseForm(models.Model):
    course = models.ForeignKey(
        "governance.Course",
        on_delete=models.PROTECT,
        related_name="management_forms",
        verbose_name=_("course"),
    )
    term = models.ForeignKey(
        "governance.Term",
        on_delete=models.PROTECT,
        related_name="course_forms",
        verbose_name=_("term"),
    )
    teacher = models.ForeignKey(
        "governance.User",
        on_delete=models.PROTECT,
        related_name="course_forms",
        verbose_name=_("teacher"),
    )
    school = models.ForeignKey(
        "governance.School",
        on_delete=models.PROTECT,
        related_name="course_forms",
        verbose_name=_("school"),
        help_text=_("The course's school: its School Committee reviews the form."),
    )
    delivery_format = models.CharField(
        _("delivery format"), max_length=10, choices=DeliveryFormat.choices, blank=True
    )
    outcomes_achievement = models.TextField(
        _("achievement of the learning outcomes"),
        blank=True,
        help_text=_("How far the students reached the course's learning outcomes, and why."),
    )
    strengths = models.TextField(_("strengths"), blank=True)
    weaknesses = models.TextField(_("weaknesses"), blank=True)
    assessment_analysis = models.TextField(
        _("analysis of assessment"),
        blank=True,
        help_text=_("Grades and their distribution, assessment tasks and criteria."),
    )
    feedback_response = models.TextField(
        _("response to student feedback"),
        blank=True,
        help_text=_("What the course evaluation by students showed and what you make of it."),
    )
    planned_changes = models.TextField(
        _("planned changes to the course"),
        blank=True,
        help_text=_("How you will revise the course next time it is taught."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CourseFormStatus.choices,
        default=CourseFormStatus.DRAFT,
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    return_note = models.TextField(_("note of the committee"), blank=True)
    returned_at = models.DateTimeField(_("returned for revision"), null=True, blank=True)
    committee = models.ForeignKey(
        "governance.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="course_forms",
        verbose_name=_("reviewing committee"),
    )
    recommendations = models.TextField(_("recommendations"), blank=True)
    reviewed_by = models.ForeignKey(
        "governance.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="course_forms_reviewed",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("course management form")
        verbose_name_plural = _("course management forms")
        ordering = ["-term__start_date", "course__code", "teacher__full_name_kk", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "term", "teacher"],
                name="one_course_form_per_course_term_and_teacher",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="course_form_submitted_has_a_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="reviewed")
                | (Q(reviewed_at__isnull=False) & ~Q(recommendations="")),
                name="course_form_reviewed_has_recommendations",
            ),
        ]

    def __str__(self):
        return f"{self.course.code} · {self.term} · {self.teacher}"

    @property
    def is_returned(self):
        """A draft the committee sent back for revision (its note says why)."""
        return self.status == CourseFormStatus.DRAFT and self.returned_at is not None
