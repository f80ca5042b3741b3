"""Applications to committees and grade-appeal panels in the administration site.

Applications are submitted and decided on the portal (``governance.cases``); the QA office,
which oversees every body (seed 000 §2), reads them here and may correct a record, the appeal's
panel included. The panel is checked as on the portal: a teacher of the course, the applicant
or a second seat of the same person is refused (seed 000 §4.1.6). Attachments open only through
the portal's permission-checked download, never a media URL.
"""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import cases
from .models import AppealExpert, Application
from .models.cases import ApplicationKind


class AppealExpertForm(forms.ModelForm):
    class Meta:
        model = AppealExpert
        fields = ("expert", "opinion", "recommended_grade", "signed_at")

    def clean(self):
        data = super().clean()
        application = self.instance.application
        try:
            cases.check_expert(application, data.get("expert"), seat=self.instance)
        except cases.CaseError as error:
            self.add_error(None, error)
        return data


class AppealExpertInline(admin.TabularInline):
    model = AppealExpert
    form = AppealExpertForm
    extra = 0
    fields = ("expert", "opinion", "recommended_grade", "signed_at")
    autocomplete_fields = ("expert",)

    @staticmethod
    def _appeal(obj):
        """Only a grade appeal has a panel (seed 000 §4.1.6)."""
        return obj is not None and obj.kind == ApplicationKind.GRADE_APPEAL

    def has_add_permission(self, request, obj=None):
        return self._appeal(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._appeal(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._appeal(obj) and super().has_delete_permission(request, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("expert")


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """The QA office reads and corrects applications here (rights in roles.py); they are
    created on the portal only, where the rules about who applies to which body are checked."""

    list_display = ("subject", "kind", "applicant", "body", "status", "submitted_at")
    list_filter = ("status", "kind", "body")
    list_select_related = ("applicant", "body")
    search_fields = ("subject", "text", "applicant__email", "applicant__full_name_kk")
    date_hierarchy = "submitted_at"
    autocomplete_fields = ("body", "applicant", "course", "agenda_item", "decision")
    readonly_fields = ("attachment_link",)
    inlines = (AppealExpertInline,)

    def has_add_permission(self, request):
        return False

    fieldsets = (
        (
            None,
            {"fields": ("body", "applicant", "kind", "subject", "text", "attachment_link")},
        ),
        (_("Grade appeal"), {"fields": ("course", "grade_given")}),
        (
            _("Consideration"),
            {
                "fields": (
                    "status",
                    "agenda_item",
                    "decision",
                    "response",
                    "appeal_outcome",
                    "grade_after_appeal",
                    "submitted_at",
                    "decided_at",
                )
            },
        ),
    )

    @admin.display(description=_("attachment"))
    def attachment_link(self, obj):
        if obj is None or not obj.attachment:
            return "—"
        url = reverse("governance:application_attachment", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download"))
