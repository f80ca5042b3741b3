"""Pages about the university structure and the signed-in person."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from governance.forms import ProfileForm
from governance.models import Course, School, StaffProfile
from governance.permissions import can_view_school, schools_visible_to


@login_required
def school_list(request):
    schools = schools_visible_to(request.user).annotate(
        programme_count=Count("programmes", distinct=True),
        department_count=Count("departments", distinct=True),
    )
    if not schools and not request.user.has_perm("governance.view_school"):
        raise PermissionDenied
    return render(request, "governance/school_list.html", {"schools": schools})


@login_required
def school_detail(request, code):
    school = get_object_or_404(School.objects.select_related("dean"), code=code)
    if not can_view_school(request.user, school):
        raise PermissionDenied
    programmes = school.programmes.annotate(
        student_count=Count("students", distinct=True),
        course_count=Count("courses", distinct=True),
    )
    context = {
        "school": school,
        "programmes": programmes,
        "departments": school.departments.annotate(course_count=Count("courses")),
        "teacher_count": StaffProfile.objects.filter(school=school).count(),
        "course_count": Course.objects.filter(programmes__school=school).distinct().count(),
    }
    return render(request, "governance/school_detail.html", context)


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("governance:profile")
    return render(request, "governance/profile.html", {"form": form})
