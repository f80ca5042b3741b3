"""The administration site for the university structure and the people in it.

Schools, departments, programmes, courses, staff, students and enrolments can be imported
from XLSX or CSV sheets (see ``governance.resources``).  An import is all or nothing: the
preview lists every bad row as "row N: …" and offers the confirm button only when every row
is valid.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db import models
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.admin import GuardedModelAdmin, UserManage
from import_export.admin import ImportExportMixin

from . import resources
from .models import (
    AcademicYear,
    AgendaItem,
    Body,
    Course,
    Decision,
    Department,
    EducationalProgramme,
    Enrolment,
    ImprovementAction,
    Institution,
    Meeting,
    Membership,
    Motion,
    School,
    StaffProfile,
    StudentProfile,
    Term,
    User,
)
from .models.bodies import Constituency
from .models.voting import MotionStatus
from .voting import explain, result_of

# --------------------------------------------------------------------------------------
# Import and export
# --------------------------------------------------------------------------------------


class SheetImportExportMixin(ImportExportMixin):
    """XLSX/CSV import and export with the errors of every row listed in words."""

    formats = import_formats = export_formats = resources.SHEET_FORMATS
    import_template_name = "admin/import_export/governance_import.html"

    def has_import_permission(self, request):
        # Importing creates and changes records: a view-only account must not do it.
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def sheet_context(self, request):
        resource_classes = self.get_import_resource_classes(request)
        return {
            "required_columns": list(resource_classes[0].required_columns),
        }

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        if isinstance(response, TemplateResponse) and response.context_data is not None:
            response.context_data.update(self.sheet_context(request))
        return response

    def process_result(self, result, request):
        """The confirm step imports the file again; if a row fails now (the data changed since
        the preview), nothing was saved: show the problems instead of "Import finished"."""
        if not (result.has_errors() or result.has_validation_errors()):
            return super().process_result(result, request)
        form = self.get_import_form_class(request)(
            self.get_import_formats(), self.get_import_resource_classes(request)
        )
        context = self.admin_site.each_context(request)
        context.update(
            {
                "title": _("Import"),
                "form": form,
                "opts": self.model._meta,
                "media": self.media + form.media,
                "result": result,
                "fields_list": [
                    (resource_class.get_display_name(), resource_class().column_names())
                    for resource_class in self.get_import_resource_classes(request)
                ],
                "import_error_display": self.import_error_display,
                **self.sheet_context(request),
            }
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)


class SheetModelAdmin(SheetImportExportMixin, admin.ModelAdmin):
    pass


# --------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------

PERSON_FIELDS = ("email", "full_name_kk", "full_name_ru", "full_name_en", "preferred_language")


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = PERSON_FIELDS
        field_classes = {}

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("A user with this e-mail address already exists."))
        return email


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
        field_classes = {}

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        others = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("A user with this e-mail address already exists."))
        return email


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = True
    max_num = 1
    extra = 0
    autocomplete_fields = ("school", "department")


class StudentProfileInline(admin.StackedInline):
    model = StudentProfile
    can_delete = True
    max_num = 1
    extra = 0
    autocomplete_fields = ("programme",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """People sign in with their e-mail address; there is no user name."""

    form = UserEditForm
    add_form = UserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Name and language"),
            {"fields": ("full_name_kk", "full_name_ru", "full_name_en", "preferred_language")},
        ),
        (
            _("Roles and permissions"),
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (*PERSON_FIELDS, "usable_password", "password1", "password2"),
            },
        ),
    )
    list_display = ("email", "full_name_kk", "preferred_language", "is_staff", "is_active")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups", "preferred_language")
    search_fields = ("email", "full_name_kk", "full_name_ru", "full_name_en")
    ordering = ("email",)
    readonly_fields = ("last_login", "date_joined")
    inlines = (StaffProfileInline, StudentProfileInline)

    def get_inline_instances(self, request, obj=None):
        # The add form only creates the account; profiles are added on the change form.
        return super().get_inline_instances(request, obj) if obj else []


@admin.register(StaffProfile)
class StaffProfileAdmin(SheetModelAdmin):
    resource_classes = [resources.StaffResource]
    list_display = ("user", "user_email", "school", "department", "position_kk")
    list_filter = ("school",)
    list_select_related = ("user", "school", "department")
    search_fields = (
        "user__email",
        "user__full_name_kk",
        "user__full_name_ru",
        "user__full_name_en",
        "position_kk",
    )
    autocomplete_fields = ("user", "school", "department")

    @admin.display(description=_("e-mail address"), ordering="user__email")
    def user_email(self, obj):
        return obj.user.email


@admin.register(StudentProfile)
class StudentProfileAdmin(SheetModelAdmin):
    resource_classes = [resources.StudentResource]
    list_display = ("student_number", "user", "user_email", "programme", "year_of_study")
    list_filter = ("programme__level", "programme__school", "year_of_study")
    list_select_related = ("user", "programme")
    search_fields = (
        "student_number",
        "user__email",
        "user__full_name_kk",
        "user__full_name_ru",
        "user__full_name_en",
    )
    autocomplete_fields = ("user", "programme")

    @admin.display(description=_("e-mail address"), ordering="user__email")
    def user_email(self, obj):
        return obj.user.email


# --------------------------------------------------------------------------------------
# Structure
# --------------------------------------------------------------------------------------


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    """The one university of this deployment."""

    list_display = ("name_kk", "short_name_kk", "website")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (_("Name"), {"fields": ("name_kk", "name_ru", "name_en")}),
        (_("Short name"), {"fields": ("short_name_kk", "short_name_ru", "short_name_en")}),
        (None, {"fields": ("logo", "website")}),
    )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Institution.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class SchoolPermissionUserForm(UserManage):
    """Pick the person by e-mail address, whatever its capitalisation."""

    user = forms.EmailField(
        label=_("e-mail address"),
        error_messages={"does_not_exist": _("There is no user with this e-mail address.")},
    )

    def clean_user(self):
        email = self.cleaned_data["user"]
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(self.fields["user"].error_messages["does_not_exist"])
        return user


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0
    fields = ("code", "name_kk", "name_ru", "name_en")
    show_change_link = True


@admin.register(School)
class SchoolAdmin(SheetImportExportMixin, GuardedModelAdmin):
    """Object permissions (a dean over their school) are managed from the "Object
    permissions" button of each school."""

    resource_classes = [resources.SchoolResource]
    list_display = ("code", "name_kk", "name_ru", "name_en", "dean")
    list_select_related = ("dean",)
    search_fields = ("code", "name_kk", "name_ru", "name_en")
    autocomplete_fields = ("dean",)
    inlines = (DepartmentInline,)

    def get_obj_perms_user_select_form(self, request):
        return SchoolPermissionUserForm


@admin.register(Department)
class DepartmentAdmin(SheetModelAdmin):
    resource_classes = [resources.DepartmentResource]
    list_display = ("code", "name_kk", "name_ru", "name_en", "school")
    list_filter = ("school",)
    list_select_related = ("school",)
    search_fields = ("code", "name_kk", "name_ru", "name_en", "school__code")
    autocomplete_fields = ("school",)


@admin.register(EducationalProgramme)
class EducationalProgrammeAdmin(SheetModelAdmin):
    resource_classes = [resources.ProgrammeResource]
    list_display = ("code", "name_kk", "level", "nqf_level", "credits", "school", "languages")
    list_filter = ("level", "school")
    list_select_related = ("school",)
    search_fields = ("code", "name_kk", "name_ru", "name_en")
    autocomplete_fields = ("school",)


@admin.register(Course)
class CourseAdmin(SheetModelAdmin):
    resource_classes = [resources.CourseResource]
    list_display = ("code", "title_kk", "credits", "department")
    list_filter = ("department__school", "programmes__level")
    list_select_related = ("department",)
    search_fields = ("code", "title_kk", "title_ru", "title_en")
    autocomplete_fields = ("department", "programmes", "teachers")


class TermInline(admin.TabularInline):
    model = Term
    extra = 0
    fields = ("kind", "start_date", "last_teaching_day", "end_date")


@admin.register(AcademicYear)
class AcademicYearAdmin(admin.ModelAdmin):
    list_display = ("name", "start_date", "end_date")
    search_fields = ("name",)
    inlines = (TermInline,)


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ("__str__", "academic_year", "kind", "start_date", "last_teaching_day")
    list_filter = ("academic_year", "kind")
    list_select_related = ("academic_year",)
    search_fields = ("academic_year__name",)
    autocomplete_fields = ("academic_year",)


@admin.register(Enrolment)
class EnrolmentAdmin(SheetModelAdmin):
    resource_classes = [resources.EnrolmentResource]
    list_display = ("student", "course", "term")
    list_filter = ("term", "course__department__school")
    list_select_related = ("student", "course", "term__academic_year")
    search_fields = (
        "student__email",
        "student__full_name_kk",
        "student__full_name_ru",
        "student__full_name_en",
        "course__code",
    )
    autocomplete_fields = ("student", "course", "term")


# --------------------------------------------------------------------------------------
# Bodies, meetings, decisions and improvement actions
# --------------------------------------------------------------------------------------
# Never the ballots: BallotReceipt, NamedVote and SecretTally have no admin, so nobody can
# page through who voted or how (seed 000 §2: secret votes stay secret).


def _is_current(membership, today):
    return membership.term_start <= today and (
        membership.term_end is None or membership.term_end >= today
    )


def _overlap(a, b):
    """Whether two seats' terms share at least one day (open ends run for ever)."""
    return (a.term_end is None or b.term_start <= a.term_end) and (
        b.term_end is None or a.term_start <= b.term_end
    )


class MembershipInlineFormSet(forms.BaseInlineFormSet):
    """Refuses a membership that breaks the body's charter, as it will stand after saving.

    Seed 001 §1.4: a Faculty QA Commission has 7 or 9 members, 30 % of them students; seed 001
    §5.3: exam and appeal commissions have an odd number of members. The check runs on the
    rows that stay (deleted rows left out, new and changed rows as entered) that are current
    today. A body with no current member yet is being set up and may be saved empty.
    """

    def clean(self):
        super().clean()
        if any(self.errors):
            return  # the rows' own messages (Membership.clean) come first
        seats = [
            form.instance
            for form in self.forms
            if form.cleaned_data and not (self.can_delete and self._should_delete_form(form))
        ]
        errors = []
        for i, seat in enumerate(seats):
            for other in seats[i + 1 :]:
                if seat.person_id == other.person_id and _overlap(seat, other):
                    errors.append(
                        _("%(person)s has two seats on the body for overlapping dates.")
                        % {"person": seat.person}
                    )
        today = timezone.localdate()
        current = [seat for seat in seats if _is_current(seat, today)]
        if current:
            errors += self.instance.composition_problems(current)
        if errors:
            raise forms.ValidationError([str(error) for error in errors])


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipInlineFormSet
    extra = 1
    fields = (
        "person",
        "role",
        "voting",
        "constituency",
        "term_start",
        "term_end",
        "basis",
        "order_number",
    )
    autocomplete_fields = ("person",)
    ordering = ("role", "-term_start")
    office_actions = ("view", "add", "change", "delete")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


class BodyAdminForm(forms.ModelForm):
    non_voting_constituencies = forms.MultipleChoiceField(
        label=_("non-voting categories"),
        choices=Constituency.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Members from these categories attend and speak but do not vote."),
    )

    class Meta:
        model = Body
        fields = (
            "name_kk",
            "name_ru",
            "name_en",
            "kind",
            "school",
            "parent",
            "established_by",
            "is_active",
            "description",
            "quorum_numerator",
            "quorum_denominator",
            "majority_rule",
            "abstention_rule",
            "chair_casting_vote",
            "agenda_notice_days",
            "require_odd_size",
            "min_members",
            "max_members",
            "min_student_share",
            "non_voting_constituencies",
        )


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    """Councils, committees and commissions with their charter rules and members.

    Members are added on the change form, once the body exists; the membership is checked
    against the charter there (see ``MembershipInlineFormSet``).
    """

    form = BodyAdminForm
    list_display = ("name_kk", "kind", "school", "parent", "current_members", "is_active")
    list_filter = ("kind", "school", "is_active")
    list_select_related = ("school", "parent")
    search_fields = ("name_kk", "name_ru", "name_en")
    autocomplete_fields = ("school", "parent", "established_by")
    inlines = (MembershipInline,)
    fieldsets = (
        (_("Name"), {"fields": ("name_kk", "name_ru", "name_en")}),
        (
            None,
            {"fields": ("kind", "school", "parent", "established_by", "is_active", "description")},
        ),
        (
            _("Charter: decisions"),
            {
                "fields": (
                    ("quorum_numerator", "quorum_denominator"),
                    "majority_rule",
                    "abstention_rule",
                    "chair_casting_vote",
                    "agenda_notice_days",
                )
            },
        ),
        (
            _("Charter: composition"),
            {
                "fields": (
                    "require_odd_size",
                    ("min_members", "max_members"),
                    "min_student_share",
                    "non_voting_constituencies",
                )
            },
        ),
    )

    def get_queryset(self, request):
        today = timezone.localdate()
        current = Q(memberships__term_start__lte=today) & (
            Q(memberships__term_end__isnull=True) | Q(memberships__term_end__gte=today)
        )
        return (
            super()
            .get_queryset(request)
            .annotate(current_member_count=Count("memberships", filter=current))
        )

    @admin.display(description=_("current members"), ordering="current_member_count")
    def current_members(self, obj):
        return obj.current_member_count

    def get_inline_instances(self, request, obj=None):
        # Seats are checked against the saved body (Membership.clean looks up its other seats).
        return super().get_inline_instances(request, obj) if obj else []


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Every seat, for lookup; seats are changed on the body's page so the charter is checked."""

    office_actions = ("view",)
    list_display = ("person", "body", "role", "voting", "constituency", "term_start", "term_end")
    list_filter = ("role", "voting", "constituency", "body__kind", "body")
    list_select_related = ("person", "body")
    search_fields = ("person__email", "person__full_name_kk", "person__full_name_en")
    date_hierarchy = "term_start"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ("position", "title", "status", "proposed_by", "reviews")
    autocomplete_fields = ("proposed_by", "reviews")
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("__str__", "starts_at", "status", "place")
    list_filter = ("status", "body__kind", "body")
    list_select_related = ("body",)
    search_fields = ("body__name_kk", "body__name_ru", "body__name_en", "=number")
    date_hierarchy = "starts_at"
    autocomplete_fields = ("body", "minutes_approved_at")
    readonly_fields = ("agenda_sent_at", "minutes_file", "minutes_sha256")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = (AgendaItemInline,)


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ("__str__", "meeting", "status", "proposed_by")
    list_filter = ("status", "meeting__body")
    list_select_related = ("meeting__body", "proposed_by")
    search_fields = ("title", "meeting__body__name_kk")
    autocomplete_fields = ("meeting", "proposed_by", "reviews")


MOTION_RESULT_FIELDS = (
    "status",
    "opened_at",
    "closed_at",
    "reminder_sent_at",
    "members_at_open",
    "present_at_open",
    "members_at_close",
    "present_at_close",
    "votes_for",
    "votes_against",
    "votes_abstain",
    "casting_vote",
    "outcome",
    "result_in_words",
)


@admin.register(Motion)
class MotionAdmin(admin.ModelAdmin):
    """Motions with their counts, read-only: only ``governance.voting`` writes a result.

    A motion may be edited only until it is put to the vote; no ballot is ever shown.
    """

    list_display = ("__str__", "body_name", "ballot", "status", "outcome")
    list_filter = ("status", "ballot", "outcome")
    list_select_related = ("item__meeting__body",)
    search_fields = ("text",)
    autocomplete_fields = ("item",)
    readonly_fields = MOTION_RESULT_FIELDS

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != MotionStatus.DRAFT:
            return ("item", "text", "ballot", "deadline", *MOTION_RESULT_FIELDS)
        return MOTION_RESULT_FIELDS

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status != MotionStatus.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description=_("body"), ordering="item__meeting__body__name_kk")
    def body_name(self, obj):
        return obj.item.meeting.body

    @admin.display(description=_("result"))
    def result_in_words(self, obj):
        if obj is None or obj.status != MotionStatus.CLOSED:
            return "—"
        return explain(obj.item.meeting.body, result_of(obj))


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("number", "body", "date", "revision_kind")
    list_filter = ("body__kind", "body", "revision_kind")
    list_select_related = ("body",)
    search_fields = ("number", "text", "body__name_kk")
    date_hierarchy = "date"
    autocomplete_fields = ("body", "meeting", "motion", "revises")


@admin.register(ImprovementAction)
class ImprovementActionAdmin(admin.ModelAdmin):
    list_display = ("title", "owner", "school", "due_date", "status", "source")
    list_filter = ("status", "source", "school")
    list_select_related = ("owner", "school")
    search_fields = ("title", "description", "owner__email", "owner__full_name_kk")
    date_hierarchy = "due_date"
    autocomplete_fields = ("owner", "school", "verified_by")
    readonly_fields = ("created_at", "reminder_sent_on")
    fieldsets = (
        (None, {"fields": ("title", "description", "owner", "school", "due_date", "status")}),
        (_("Source"), {"fields": ("source", "source_type", "source_id")}),
        (
            _("Completion"),
            {"fields": ("evidence", "evidence_file", "completed_at", "verified_by")},
        ),
        (None, {"fields": ("reminder_sent_on", "created_at")}),
    )


from . import admin_elections  # noqa: E402, F401  (registers the election admin)
from .admin_cases import ApplicationAdmin  # noqa: E402, F401  (registers the applications admin)
