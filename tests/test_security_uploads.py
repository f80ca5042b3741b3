"""Issue 8, Security: uploads are checked by content, size and extension, and stored files are
handed out only by views that check who may have them (never on a public /media/ URL)."""

import io

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import get_resolver, reverse
from django.utils import translation

from accreditation.forms import MAX_UPLOAD_SIZE, UploadForm
from documents.files import validate_document_file
from governance.uploads import validate_material

from .factories_documents import PDF, EditionFactory

APPS = {"governance", "documents", "surveys", "accreditation", "qa_portal"}
CHECKS = {validate_material, validate_document_file}
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 60
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
ZIP = b"PK\x03\x04" + b"\x00" * 60
DISGUISES = [
    ("setup.pdf", EXE, "bad_content"),
    ("page.pdf", HTML, "bad_content"),
    ("logo.pdf", SVG, "bad_content"),
    ("report.docx", EXE, "bad_content"),
    ("report.docx", ZIP, "bad_content"),
    ("page.html", HTML, "bad_type"),
    ("logo.svg", SVG, "bad_type"),
    ("setup.exe", EXE, "bad_type"),
    ("script.pdf.js", HTML, "bad_type"),
    ("noextension", PDF, "bad_type"),
]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("check", sorted(CHECKS, key=lambda check: check.__name__))
@pytest.mark.parametrize(("name", "content", "code"), DISGUISES)
def test_a_disguised_file_is_refused_in_words(check, name, content, code):
    with pytest.raises(ValidationError) as refused:
        check(SimpleUploadedFile(name, content))
    assert refused.value.code == code
    message = refused.value.messages[0]
    assert "not accepted" in message or "not a real" in message


@pytest.mark.parametrize("check", sorted(CHECKS, key=lambda check: check.__name__))
def test_a_real_pdf_passes_and_a_large_one_does_not(check, settings):
    check(SimpleUploadedFile("policy.pdf", PDF))
    settings.MATERIAL_MAX_SIZE = len(PDF) - 1
    with pytest.raises(ValidationError) as refused:
        check(SimpleUploadedFile("policy.pdf", PDF))
    assert refused.value.code == "too_large"
    assert "the limit is" in refused.value.messages[0]


def test_every_stored_upload_is_checked():
    """Every file field a person fills in carries a content, size and extension check; the
    institution's logo, set in the admin, is an image field (opened by Pillow: no SVG, no
    HTML); generated reports are written by the worker only."""
    unchecked = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in APPS
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and field.editable
        if not isinstance(field, models.ImageField) and not CHECKS & set(field.validators)
    ]
    assert unchecked == ["qa_portal.Report.file"]


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _validators(form, name, field):
    """A model form checks its model's field when it cleans the instance."""
    model = getattr(getattr(form, "_meta", None), "model", None)
    if model is not None and name in {f.name for f in model._meta.fields}:
        return set(field.validators) | set(model._meta.get_field(name).validators)
    return set(field.validators)


def test_every_upload_form_checks_its_file():
    """Every form of the portal with a file field checks it; the imports' dry run
    (``accreditation.forms.UploadForm`` and its ``SheetUploadForm``) reads the file without
    storing it and checks its extension, size and content itself."""
    get_resolver().url_patterns  # noqa: B018 - imports every view and so every form
    with_files = {
        form
        for form in _subclasses(forms.BaseForm)
        if form.__module__.split(".")[0] in APPS
        for field in form.base_fields.values()
        if isinstance(field, forms.FileField)
    }
    unchecked = {
        f"{form.__module__}.{form.__name__}"
        for form in with_files
        for name, field in form.base_fields.items()
        if isinstance(field, forms.FileField) and not CHECKS & _validators(form, name, field)
    }
    assert len(with_files) >= 9
    assert unchecked == {
        "accreditation.forms.UploadForm",
        "accreditation.forms.SheetUploadForm",
    }


def test_an_import_refuses_a_file_of_another_type_or_too_large():
    form = UploadForm(files={"file": SimpleUploadedFile("page.html", HTML)}, extensions=["yaml"])
    assert form.has_error("file", "bad_type")
    big = SimpleUploadedFile("plan.yaml", b"a: 1\n" * (MAX_UPLOAD_SIZE // 5 + 1))
    form = UploadForm(files={"file": big}, extensions=["yaml"])
    assert form.has_error("file", "too_large")


def test_the_logo_must_be_a_small_png_or_jpeg_image():
    from PIL import Image

    def image(kind, size=(40, 40)):
        content = io.BytesIO()
        Image.effect_noise(size, 90).save(content, format=kind)
        return content.getvalue()

    field = apps.get_model("governance", "Institution")._meta.get_field("logo")
    logo = field.formfield()
    for name, content in [("logo.svg", SVG), ("logo.png", HTML), ("logo.png", EXE)]:
        with pytest.raises(ValidationError):
            logo.clean(SimpleUploadedFile(name, content))
    # Images Pillow opens but a PDF cover should not carry: another format, or too large.
    for name, content, code in [
        ("logo.gif", image("GIF"), "bad_content"),
        ("logo.png", image("PNG", (1200, 1200)), "too_large"),
    ]:
        with pytest.raises(ValidationError) as refused:
            field.run_validators(SimpleUploadedFile(name, content))
        assert refused.value.error_list[0].code == code
    field.run_validators(SimpleUploadedFile("logo.jpg", image("JPEG")))


def test_stored_files_are_not_served_from_media(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    edition = EditionFactory()
    assert (tmp_path / edition.file.name).read_bytes() == PDF
    client.force_login(world.users["qa_manager"])
    for url in (
        f"{settings.MEDIA_URL}{edition.file.name}",
        f"/static/../media/{edition.file.name}",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert PDF not in b"".join(getattr(response, "streaming_content", [response.content]))
    # The file is handed out by the view that checks who may read it, and never sniffed.
    download = client.get(reverse("documents:edition_file", args=[edition.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment")
