from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    name = "accreditation"
    verbose_name = _("Accreditation")

    def ready(self):
        from auditlog.registry import auditlog

        from governance.demo_signals import demo_seeded

        from . import models
        from .roles import grant_role_permissions

        post_migrate.connect(grant_role_permissions, sender=self)
        demo_seeded.connect(seed_demo_accreditation, dispatch_uid="accreditation-demo")
        for model in (
            models.Agency,
            models.Framework,
            models.Clause,
            models.Risk,
            models.ClauseMapping,
            models.Indicator,
            models.IndicatorTarget,
            models.IndicatorValue,
            models.Accreditation,
            models.AtamekenResult,
            models.IntegrityMonitoring,
            models.MonitoringMember,
            models.MonitoringFinding,
            models.Cycle,
            models.WorkingGroupMember,
            models.Milestone,
            models.Section,
            models.Evidence,
            models.VisitMeeting,
            models.Recommendation,
        ):
            auditlog.register(model)


def seed_demo_accreditation(sender, seeder, **kwargs):
    """``manage.py seed_demo``: the agencies, the shipped frameworks with their crosswalk,
    and indicators with targets and three years of values."""
    from .demo import seed_accreditation

    return seed_accreditation()
