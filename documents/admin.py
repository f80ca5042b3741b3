from django.contrib import admin
from django.db import models

from .forms_mechanisms import MechanismAdminForm
from .models import (
    ChecklistItem,
    ChecklistTemplate,
    ChecklistTemplateItem,
    CheckUnit,
    Cycle,
    CycleStage,
    Document,
    Edition,
    Finding,
    Inspection,
    Mechanism,
    StageEvidence,
)


class EditionInline(admin.TabularInline):
    model = Edition
    extra = 0
    fields = ("number", "status", "effective_date", "next_review_date", "basis")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("code", "title_kk", "kind", "category", "owner_body", "staff_only")
    list_filter = ("kind", "category", "staff_only")
    search_fields = ("code", "title_kk", "title_ru", "title_en")
    autocomplete_fields = ("follows",)
    list_select_related = ("owner_body",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [EditionInline]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "status", "effective_date", "next_review_date")
    list_filter = ("status", "basis")
    search_fields = ("document__code", "document__title_kk")
    list_select_related = ("document",)
    raw_id_fields = ("decision", "developed_by")
    readonly_fields = ("status", "published_on", "review_reminded_on")


@admin.register(Mechanism)
class MechanismAdmin(admin.ModelAdmin):
    """The register of mechanisms (seed 000 §4); cycles are run on the portal's pages."""

    form = MechanismAdminForm
    list_display = ("code", "name_kk", "kind", "qa_office", "is_active")
    list_filter = ("kind", "is_active", "qa_office")
    search_fields = ("code", "name_kk", "name_ru", "name_en")
    filter_horizontal = ("documents", "bodies", "schools", "departments")


class ReadOnlyInline(admin.TabularInline):
    """Rows written by the portal's rules, shown in the admin site as they are."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StageInline(ReadOnlyInline):
    model = CycleStage
    fields = ("stage", "planned_start", "planned_end", "started_on", "completed_on", "note")


class CheckUnitInline(ReadOnlyInline):
    model = CheckUnit
    fields = ("kind", "body", "school", "department", "contribution")


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    """Cycles are started and recorded on the portal (``documents.pdca``); here they are read."""

    list_display = ("__str__", "state", "created_at")
    list_filter = ("state", "mechanism__kind")
    search_fields = ("mechanism__code", "period")
    list_select_related = ("mechanism",)
    inlines = [StageInline, CheckUnitInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StageEvidence)
class StageEvidenceAdmin(admin.ModelAdmin):
    list_display = ("title", "stage", "added_by", "added_at")
    list_select_related = ("stage__cycle__mechanism", "added_by")
    search_fields = ("title", "stage__cycle__mechanism__code")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TemplateItemInline(admin.TabularInline):
    model = ChecklistTemplateItem
    extra = 1
    fields = ("position", "text_kk", "text_ru", "text_en")


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(admin.ModelAdmin):
    """Reusable checklists of inspections (seed 004 §5.7)."""

    list_display = ("name_kk", "name_ru", "name_en", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name_kk", "name_ru", "name_en")
    inlines = [TemplateItemInline]


class ChecklistItemInline(ReadOnlyInline):
    model = ChecklistItem
    fields = ("position", "text_kk", "text_ru", "text_en", "result", "comment")


class FindingInline(ReadOnlyInline):
    model = Finding
    fields = ("text", "item", "created_by", "created_at")


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    """Inspections are planned and conducted on the portal (``documents.inspections``)."""

    list_display = ("__str__", "kind", "state", "date")
    list_filter = ("state", "kind")
    list_select_related = ("school", "department")
    inlines = [ChecklistItemInline, FindingInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
