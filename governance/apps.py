from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("University and governance")

    def ready(self):
        from auditlog.registry import auditlog
        from django.contrib.auth.models import Group
        from guardian.models import GroupObjectPermission, UserObjectPermission

        from . import models
        from .roles import sync_role_groups

        post_migrate.connect(sync_role_groups, sender=self)
        for model in (
            models.Institution,
            models.School,
            models.Department,
            models.EducationalProgramme,
            models.Course,
            models.AcademicYear,
            models.Term,
            models.StaffProfile,
            models.StudentProfile,
            models.Body,
            models.Membership,
            models.Meeting,
            models.AgendaItem,
            models.AgendaMaterial,
            models.Attendance,
            models.Motion,
            models.Decision,
            models.ImprovementAction,
            models.Election,
            models.Candidate,
            models.Application,
            models.AppealExpert,
        ):
            # Never the ballots (BallotReceipt, NamedVote, SecretTally): a log row per vote
            # would carry a time and an actor next to it.
            auditlog.register(model)
        auditlog.register(
            models.User,
            exclude_fields=["password", "last_login"],
            m2m_fields={"groups", "user_permissions"},
        )
        # Rights: a role's permissions and the per-object rights of django-guardian (issue 8).
        auditlog.register(Group, m2m_fields={"permissions"})
        auditlog.register(UserObjectPermission)
        auditlog.register(GroupObjectPermission)
