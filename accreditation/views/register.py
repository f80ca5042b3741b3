"""The register of accredited programmes: the list with its flags and XLSX export, a
programme's accreditations, and the QA manager's entry of decisions and certificates.

Who reads which programmes: ``accreditation.programme_register``; the flags: the same module.
"""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from governance.downloads import generated, stored_file
from governance.models import EducationalProgramme, School
from governance.spreadsheets import append_row

from .. import access
from .. import programme_register as register
from ..forms_register import AccreditationForm, RegisterFilterForm
from ..models import Accreditation

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filtered_rows(request):
    """The filter form and the register rows the person reads, filtered."""
    user = request.user
    register.require_register_reader(user)
    schools = School.objects.order_by("code")
    if not register.reads_whole_register(user):
        schools = schools.filter(pk__in=access.led_school_ids(user))
    form = RegisterFilterForm(request.GET or None, schools=schools)
    programmes = register.programmes_visible_to(user)
    flag = None
    if form.is_valid():
        if form.cleaned_data["school"]:
            programmes = programmes.filter(school=form.cleaned_data["school"])
        flag = form.cleaned_data["flag"] or None
    return form, register.rows(programmes, flag=flag)


@login_required
def programme_register(request):
    """Every programme with its accreditation in force, agency, expiry and flags."""
    form, rows = _filtered_rows(request)
    return render(
        request,
        "accreditation/register/register.html",
        {
            "filter": form,
            "rows": rows,
            "flag_counts": register.summary(rows),
            "reads_integrity": register.reads_whole_register(request.user),
            "institutional": register.institutional(),
            "can_manage": access.manages(request.user),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def register_xlsx(request):
    """The register as the person sees it (with the same filters), as XLSX."""
    _form, rows = _filtered_rows(request)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Register")
    append_row(sheet, [_("Register of accredited programmes")], bold=True)
    append_row(sheet, [_("As of"), timezone.localdate()])
    append_row(sheet, [])
    headers = [
        _("Code"),
        _("Programme"),
        _("School"),
        _("Agency"),
        _("Kind"),
        _("Outcome"),
        _("Decision date"),
        _("Certificate number"),
        _("Valid from"),
        _("Valid until"),
        _("Flags"),
    ]
    append_row(sheet, headers, bold=True)
    for row in rows:
        current = row.current
        programme = row.programme
        values = [programme.code, programme.name, programme.school.name]
        if current:
            values += [
                current.agency.short_name,
                current.get_kind_display(),
                current.get_outcome_display(),
                current.decision_date,
                current.certificate_number,
                current.valid_from,
                current.valid_until,
            ]
        else:
            values += [""] * 7
        values.append("; ".join(str(label) for _flag, label in row.flag_labels))
        append_row(sheet, values)
    widths = (12, 40, 30, 10, 20, 22, 14, 18, 14, 14, 40)
    for column, width in zip("ABCDEFGHIJK", widths, strict=True):
        sheet.column_dimensions[column].width = width
    for cells in sheet.iter_rows(min_row=5, min_col=7, max_col=10):
        for cell in cells:
            cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    workbook.save(buffer)
    filename = f"accreditation-register-{timezone.localdate():%Y-%m-%d}.xlsx"
    return generated(buffer.getvalue(), XLSX, filename)


@login_required
def programme_accreditations(request, code):
    """A programme's accreditations, newest first, with its flags."""
    user = request.user
    register.require_register_reader(user)
    programme = get_object_or_404(EducationalProgramme.objects.select_related("school"), code=code)
    if not register.can_read_programme(user, programme):
        raise PermissionDenied
    (row,) = register.rows(EducationalProgramme.objects.filter(pk=programme.pk))
    return render(
        request,
        "accreditation/register/programme.html",
        {"programme": programme, "row": row, "can_manage": access.manages(user)},
    )


def _after_save(accreditation):
    if accreditation.programme_id:
        return redirect("accreditation:programme_accreditations", accreditation.programme.code)
    return redirect("accreditation:programme_register")


def _edit(request, accreditation, initial=None):
    form = AccreditationForm(
        request.POST or None, request.FILES or None, instance=accreditation, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("The accreditation is saved in the register."))
        return _after_save(saved)
    return render(
        request,
        "accreditation/register/accreditation_form.html",
        {"form": form, "accreditation": accreditation if accreditation.pk else None},
    )


@login_required
def accreditation_create(request):
    """The QA manager records an agency's decision (``?programme=<code>`` fills it in)."""
    access.require_keeper(request.user)
    initial = {}
    code = request.GET.get("programme")
    if code:
        initial["programme"] = EducationalProgramme.objects.filter(code=code).first()
    return _edit(request, Accreditation(recorded_by=request.user), initial)


@login_required
def accreditation_edit(request, pk):
    access.require_keeper(request.user)
    accreditation = get_object_or_404(
        Accreditation.objects.select_related("programme", "agency"), pk=pk
    )
    return _edit(request, accreditation)


@login_required
def accreditation_certificate(request, pk):
    """The certificate file, for those who read the accreditation's programme."""
    user = request.user
    register.require_register_reader(user)
    accreditation = get_object_or_404(Accreditation.objects.select_related("programme"), pk=pk)
    programme = accreditation.programme
    if programme is not None and not register.can_read_programme(user, programme):
        raise PermissionDenied
    return stored_file(accreditation.certificate)
