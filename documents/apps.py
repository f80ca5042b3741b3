from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("QA documents")

    def ready(self):
        from auditlog.registry import auditlog

        from governance.demo_signals import demo_seeded
        from governance.extensions import register_body_links

        from . import models
        from .charters import charter_links
        from .roles import grant_role_permissions

        post_migrate.connect(grant_role_permissions, sender=self)
        demo_seeded.connect(seed_demo_documents, dispatch_uid="documents-demo")
        register_body_links(charter_links)
        auditlog.register(models.Document, m2m_fields={"follows"})
        auditlog.register(models.Edition, exclude_fields=["text"])
        auditlog.register(models.AckCampaign)
        auditlog.register(
            models.Mechanism, m2m_fields={"documents", "bodies", "schools", "departments"}
        )
        auditlog.register(models.Inspection, m2m_fields={"inspectors"})
        for model in (
            models.Cycle,
            models.CycleStage,
            models.StageEvidence,
            models.CheckUnit,
            models.ChecklistTemplate,
            models.ChecklistTemplateItem,
            models.ChecklistItem,
            models.Finding,
        ):
            auditlog.register(model)


def seed_demo_documents(sender, seeder, **kwargs):
    """``manage.py seed_demo``: the seed documents in the register, with their editions; the
    seed mechanisms with their cycles, and inspections."""
    from .demo import seed_acknowledgements, seed_documents
    from .demo_mechanisms import seed_inspections, seed_mechanisms

    lines = [f"QA document: {code} — {state}" for code, state in seed_documents().items()]
    state = seed_acknowledgements()
    if state:
        lines.append(f"Acknowledgement campaign — {state}")
    lines += [f"QA mechanism: {code} — {state}" for code, state in seed_mechanisms().items()]
    lines += [f"Inspection: {name} — {state}" for name, state in seed_inspections().items()]
    return lines
