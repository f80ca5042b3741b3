from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("QA documents")

    def ready(self):
        from auditlog.registry import auditlog

        from governance.demo_signals import demo_seeded

        from . import models
        from .roles import grant_role_permissions

        post_migrate.connect(grant_role_permissions, sender=self)
        demo_seeded.connect(seed_demo_documents, dispatch_uid="documents-demo")
        auditlog.register(models.Document, m2m_fields={"follows"})
        auditlog.register(models.Edition, exclude_fields=["text"])
        auditlog.register(models.AckCampaign)


def seed_demo_documents(sender, seeder, **kwargs):
    """``manage.py seed_demo``: the seed documents in the register, with their editions."""
    from .demo import seed_acknowledgements, seed_documents

    lines = [f"QA document: {code} — {state}" for code, state in seed_documents().items()]
    state = seed_acknowledgements()
    if state:
        lines.append(f"Acknowledgement campaign — {state}")
    return lines
