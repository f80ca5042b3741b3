from django.contrib import admin
from django.db import models

from .models import Document, Edition


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
