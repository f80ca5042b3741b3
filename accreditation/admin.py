"""The QA office's admin pages for agencies, frameworks, the crosswalk and indicators.

Frameworks are imported on the portal (``accreditation.framework_import``); here the office
corrects single records.
"""

from django.contrib import admin
from django.db import models

from .models import (
    Accreditation,
    Agency,
    AtamekenResult,
    Clause,
    ClauseMapping,
    Cycle,
    Framework,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    IntegrityMonitoring,
    Milestone,
    MonitoringFinding,
    MonitoringMember,
    Recommendation,
    Risk,
    VisitMeeting,
    WorkingGroupMember,
)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("short_name", "name_kk", "country", "in_national_register", "in_eqar")
    list_filter = ("country", "in_national_register", "in_eqar")
    search_fields = ("short_name", "name_kk", "name_ru", "name_en")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ("code", "name_kk", "agency", "version", "year")
    list_filter = ("agency",)
    search_fields = ("code", "name_kk", "name_ru", "name_en")


class RiskInline(admin.TabularInline):
    model = Risk
    extra = 0
    fields = ("number", "text_kk", "mitigation_kk")


@admin.register(Clause)
class ClauseAdmin(admin.ModelAdmin):
    list_display = ("code", "title_kk", "framework", "depth")
    list_filter = ("framework", "depth")
    search_fields = ("code", "title_kk", "title_ru", "title_en")
    list_select_related = ("framework",)
    raw_id_fields = ("parent",)
    readonly_fields = ("depth",)
    inlines = [RiskInline]


@admin.register(ClauseMapping)
class ClauseMappingAdmin(admin.ModelAdmin):
    list_display = ("source", "target")
    list_select_related = ("source", "target")
    raw_id_fields = ("source", "target")


class TargetInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("code", "name_kk", "clause", "unit", "direction", "domain")
    list_filter = ("unit", "direction", "domain", "clause__framework")
    search_fields = ("code", "name_kk", "name_ru", "name_en")
    list_select_related = ("clause",)
    raw_id_fields = ("clause", "survey_question")
    inlines = [TargetInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ("indicator", "year", "school", "programme", "value", "source")
    list_filter = ("year", "source", "school")
    search_fields = ("indicator__code",)
    list_select_related = ("indicator", "school", "programme")
    raw_id_fields = ("indicator", "programme", "updated_by")
    readonly_fields = ("source", "updated_by", "updated_at")


@admin.register(Accreditation)
class AccreditationAdmin(admin.ModelAdmin):
    list_display = ("programme", "kind", "agency", "outcome", "decision_date", "valid_until")
    list_filter = ("kind", "outcome", "agency")
    search_fields = ("programme__code", "certificate_number")
    list_select_related = ("programme", "agency")
    raw_id_fields = ("programme", "cycle", "recorded_by")


@admin.register(AtamekenResult)
class AtamekenResultAdmin(admin.ModelAdmin):
    list_display = ("programme", "year", "position", "score", "category")
    list_filter = ("year",)
    search_fields = ("programme__code",)
    list_select_related = ("programme",)
    raw_id_fields = ("programme",)


class MemberInline(admin.TabularInline):
    model = MonitoringMember
    raw_id_fields = ("person",)
    extra = 0


class FindingInline(admin.TabularInline):
    model = MonitoringFinding
    extra = 0


@admin.register(IntegrityMonitoring)
class IntegrityMonitoringAdmin(admin.ModelAdmin):
    list_display = ("year", "visit_date", "criteria_received_on", "status")
    list_filter = ("status",)
    readonly_fields = ("status", "completed_at", "created_by", "created_at")
    inlines = [MemberInline, FindingInline]


class WorkingGroupInline(admin.TabularInline):
    model = WorkingGroupMember
    raw_id_fields = ("person",)
    filter_horizontal = ("clauses",)
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    raw_id_fields = ("clause",)
    extra = 0


class VisitMeetingInline(admin.TabularInline):
    model = VisitMeeting
    raw_id_fields = ("participants",)
    extra = 0


class RecommendationInline(admin.TabularInline):
    """Corrections only: a recommendation is added on the action plan page, which raises its
    improvement action (``accreditation.action_plan``)."""

    model = Recommendation
    raw_id_fields = ("clause",)
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    """The cycle's status moves only on the portal (``accreditation.cycles.move``)."""

    list_display = ("title_kk", "kind", "agency", "framework", "status")
    list_filter = ("kind", "status", "agency")
    search_fields = ("title_kk", "title_ru", "title_en")
    list_select_related = ("agency", "framework")
    filter_horizontal = ("programmes",)
    readonly_fields = ("status", "created_by", "created_at")
    inlines = [WorkingGroupInline, MilestoneInline, VisitMeetingInline, RecommendationInline]
