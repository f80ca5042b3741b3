"""The QA office's admin pages for agencies, frameworks, the crosswalk and indicators.

Frameworks are imported on the portal (``accreditation.framework_import``); here the office
corrects single records.
"""

from django.contrib import admin
from django.db import models

from .models import (
    Agency,
    Clause,
    ClauseMapping,
    Framework,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Risk,
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
