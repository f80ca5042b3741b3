from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class QaPortalConfig(AppConfig):
    name = "qa_portal"
    verbose_name = _("QA Portal")

    def ready(self):
        from .schedule import sync_periodic_tasks

        post_migrate.connect(sync_periodic_tasks, sender=self)
