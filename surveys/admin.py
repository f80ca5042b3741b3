"""The QA office's admin pages for questionnaires and campaigns.

Issue 4: questionnaires are versioned and a used version is locked (its pages turn read-only;
"Make a new version" copies it for editing). Campaigns are created here and moved on with the
actions "Schedule", "Open now" and "Close" (``surveys.lifecycle``). Invitations, receipts and
answers are not registered: nobody reads them through the admin (``surveys.anonymity``).
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .lifecycle import CampaignError, close_campaign, open_campaign, schedule
from .models import (
    Campaign,
    CampaignState,
    Choice,
    MatrixItem,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Section,
)
from .versions import new_version


class LockedVersionAdmin:
    """Pages of version content turn read-only once the version is locked.

    Adding is refused by the model itself (``VersionContent.clean``), as the version is known
    only after the form is filled in.
    """

    def version_of(self, obj):
        return obj

    def _locked(self, obj):
        return obj is not None and self.version_of(obj).is_locked

    def has_change_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_delete_permission(request, obj)


class LockedVersionInline(LockedVersionAdmin):
    """Inline rows of a locked version's content can be neither added, changed nor deleted."""

    def has_add_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_add_permission(request, obj)


class VersionInline(admin.TabularInline):
    model = QuestionnaireVersion
    fields = ("number", "locked_at")
    readonly_fields = ("number", "locked_at")
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ("code", "title_kk", "purpose", "respondents")
    list_filter = ("purpose", "respondents")
    search_fields = ("code", "title_kk", "title_ru", "title_en")
    inlines = (VersionInline,)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            QuestionnaireVersion.objects.create(questionnaire=obj, number=1)


class SectionInline(LockedVersionInline, admin.TabularInline):
    model = Section
    fields = ("position", "title_kk", "title_ru", "title_en", "per_teacher")
    show_change_link = True
    extra = 0


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "number", "locked_at")
    list_filter = ("questionnaire",)
    list_select_related = ("questionnaire",)
    search_fields = ("questionnaire__code", "questionnaire__title_kk", "questionnaire__title_en")
    readonly_fields = ("locked_at",)
    inlines = (SectionInline,)
    actions = ("make_new_version",)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_locked:
            return ("questionnaire", "number", "locked_at")
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.is_locked or obj.campaigns.exists()):
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description=_("Make a new version"), permissions=["add"])
    def make_new_version(self, request, queryset):
        for version in queryset.select_related("questionnaire"):
            copy = new_version(version)
            self.message_user(
                request,
                _("%(version)s was made for editing.") % {"version": copy},
                messages.SUCCESS,
            )


class QuestionInline(LockedVersionInline, admin.TabularInline):
    model = Question
    fields = (
        "position",
        "kind",
        "text_kk",
        "text_ru",
        "text_en",
        "required",
        "min_value",
        "max_value",
    )
    show_change_link = True
    extra = 0

    def version_of(self, obj):
        return obj.version


@admin.register(Section)
class SectionAdmin(LockedVersionAdmin, admin.ModelAdmin):
    list_display = ("__str__", "version", "per_teacher")
    list_filter = ("version__questionnaire",)
    list_select_related = ("version__questionnaire",)
    search_fields = ("title_kk", "title_ru", "title_en")
    autocomplete_fields = ("version",)
    inlines = (QuestionInline,)

    def version_of(self, obj):
        return obj.version


class ChoiceInline(LockedVersionInline, admin.TabularInline):
    model = Choice
    fields = ("value", "label_kk", "label_ru", "label_en")
    extra = 0

    def version_of(self, obj):
        return obj.section.version


class MatrixItemInline(LockedVersionInline, admin.TabularInline):
    model = MatrixItem
    fields = ("position", "text_kk", "text_ru", "text_en")
    extra = 0

    def version_of(self, obj):
        return obj.section.version


@admin.register(Question)
class QuestionAdmin(LockedVersionAdmin, admin.ModelAdmin):
    list_display = ("__str__", "kind", "required", "section")
    list_filter = ("kind", "section__version__questionnaire")
    list_select_related = ("section__version__questionnaire",)
    search_fields = ("text_kk", "text_ru", "text_en")
    autocomplete_fields = ("section",)
    inlines = (ChoiceInline, MatrixItemInline)

    def version_of(self, obj):
        return obj.section.version


# Once scheduled, a campaign keeps its version, audience, window and minimum respondents (the
# respondents were told it); its titles and reminder days may still change.
CAMPAIGN_FIELDS_ALWAYS_EDITABLE = ("title_kk", "title_ru", "title_en", "reminder_days")


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("title_kk", "version", "audience_kind", "opens_at", "closes_at", "state")
    list_filter = ("state", "audience_kind")
    list_select_related = ("version__questionnaire",)
    search_fields = ("title_kk", "title_ru", "title_en")
    autocomplete_fields = (
        "version",
        "owner_body",
        "audience_school",
        "audience_programme",
        "audience_term",
    )
    readonly_fields = ("state",)
    fieldsets = (
        (None, {"fields": ("title_kk", "title_ru", "title_en", "version", "owner_body", "state")}),
        (
            _("Audience"),
            {
                "fields": (
                    "audience_kind",
                    "audience_school",
                    "audience_programme",
                    "audience_year",
                    "audience_term",
                    "external_emails",
                )
            },
        ),
        (_("Window"), {"fields": ("opens_at", "closes_at", "reminder_days", "min_respondents")}),
    )
    actions = ("schedule_campaigns", "open_campaigns", "close_campaigns")

    def get_readonly_fields(self, request, obj=None):
        if obj is None or obj.state == CampaignState.DRAFT:
            return self.readonly_fields
        return [
            name
            for fieldset in self.fieldsets
            for name in fieldset[1]["fields"]
            if name not in CAMPAIGN_FIELDS_ALWAYS_EDITABLE
        ]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.state != CampaignState.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def _run(self, request, queryset, step, done):
        for campaign in queryset:
            try:
                result = step(campaign)
            except CampaignError as exc:
                self.message_user(request, f"{campaign}: {exc}", messages.ERROR)
            else:
                self.message_user(request, done(campaign, result), messages.SUCCESS)

    @admin.action(description=_("Schedule: lock the questionnaire and invite the audience"))
    def schedule_campaigns(self, request, queryset):
        self._run(
            request,
            queryset,
            schedule,
            lambda campaign, invited: (
                _("%(campaign)s: scheduled, %(n)d invitations.")
                % {"campaign": campaign, "n": invited}
            ),
        )

    @admin.action(description=_("Open now for answers"))
    def open_campaigns(self, request, queryset):
        self._run(
            request,
            queryset,
            open_campaign,
            lambda campaign, _result: _("%(campaign)s: open for answers.") % {"campaign": campaign},
        )

    @admin.action(description=_("Close: stop taking answers"))
    def close_campaigns(self, request, queryset):
        self._run(
            request,
            queryset,
            close_campaign,
            lambda campaign, _result: _("%(campaign)s: closed.") % {"campaign": campaign},
        )
