"""The admin site of the QA office, titled in the portal's languages."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog


class PortalAdminSite(admin.AdminSite):
    site_header = _("QA Portal administration")
    site_title = _("QA Portal")
    index_title = _("Records of the QA office")

    def i18n_javascript(self, request, extra_context=None):
        """The admin's calendar and clock strings, completed in Kazakh by ``qa_portal/locale``."""
        return JavaScriptCatalog.as_view(packages=["django.contrib.admin", "qa_portal"])(request)


class PortalAdminConfig(AdminConfig):
    default_site = "qa_portal.admin_site.PortalAdminSite"
