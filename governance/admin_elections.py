"""Committee elections in the administration site, for lookup (seed 000 §2.2).

Elections are run on the portal (``governance.elections``): nominations, voting, counting and
the seats of the elected follow the rules there, so the admin shows an election and its
candidates but changes nothing. The QA office, which oversees every body (seed 000 §2), reads
them; a superuser may delete an election that has not been closed (a closed one seated people).
"""

from django.contrib import admin

from .models import Candidate, Election
from .models.elections import ElectionStatus


class ReadOnlyForTheOffice:
    """Nobody adds or changes elections here; the QA office has view rights (roles.py)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CandidateInline(ReadOnlyForTheOffice, admin.TabularInline):
    model = Candidate
    extra = 0
    fields = ("person", "nominated_by", "statement", "votes", "elected")
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "nominated_by")


@admin.register(Election)
class ElectionAdmin(ReadOnlyForTheOffice, admin.ModelAdmin):
    list_display = ("title", "body", "status", "seats", "term_start", "term_end", "closed_at")
    list_filter = ("status", "body")
    list_select_related = ("body",)
    search_fields = ("title", "body__name_kk", "body__name_ru", "body__name_en")
    date_hierarchy = "created_at"
    fields = (
        "body",
        "title",
        "seats",
        "term_start",
        "term_end",
        "voting_closes_at",
        "status",
        "result",
        "created_by",
        "created_at",
        "closed_at",
    )
    readonly_fields = fields
    inlines = (CandidateInline,)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == ElectionStatus.CLOSED:
            return False
        return super().has_delete_permission(request, obj)
