from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from auditlog.registry import auditlog

        from governance.demo_signals import demo_seeded

        from . import models
        from .roles import grant_role_permissions

        post_migrate.connect(grant_role_permissions, sender=self)
        demo_seeded.connect(seed_demo_surveys, dispatch_uid="surveys-demo")
        for model in (
            models.Questionnaire,
            models.QuestionnaireVersion,
            models.Section,
            models.Question,
            models.Choice,
            models.MatrixItem,
            models.Campaign,
        ):
            # Never invitations, receipts or answers (surveys.anonymity): a log row per
            # submission would put a time and an actor next to it.
            auditlog.register(model)
        # Course management forms are signed by their teacher (seed 000 §4.1.11).
        auditlog.register(models.CourseForm)


def seed_demo_surveys(sender, seeder, **kwargs):
    """``manage.py seed_demo``: the shipped questionnaires, the demo campaigns and the demo
    course management forms."""
    from .demo import seed_campaigns
    from .demo_cmf import seed_course_forms

    lines = [f"Survey campaign: {title} — {state}" for title, state in seed_campaigns().items()]
    forms = seed_course_forms()
    return lines + [f"Course management form: {form} — {state}" for form, state in forms]
