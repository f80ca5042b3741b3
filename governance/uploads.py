"""Checks on uploaded files: allowed types by content (not by name only) and size."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Extension → the content that must be inside.
SIGNATURES = {
    "pdf": "pdf",
    "docx": "ooxml",
    "xlsx": "ooxml",
    "pptx": "ooxml",
    "odt": "odf",
    "ods": "odf",
    "png": "png",
    "jpg": "jpeg",
    "jpeg": "jpeg",
}
DEFAULT_MAX_SIZE = 20 * 1024 * 1024
# The institution's logo is printed on every PDF report (issue 7), embedded in each file.
LOGO_MAX_SIZE = 1024 * 1024


def sniff(upload):
    """What the file holds, by its first bytes: a key of ``SIGNATURES``' values, or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
                mimetype = archive.read("mimetype") if "mimetype" in names else b""
        except (zipfile.BadZipFile, KeyError):
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names:
            return "ooxml"
        if mimetype.startswith(b"application/vnd.oasis.opendocument"):
            return "odf"
    return None


def _check_size(upload, max_size):
    if upload.size > max_size:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_size)},
            code="too_large",
        )


def validate_logo(upload):
    """The institution's logo: a PNG or JPEG image of at most ``LOGO_MAX_SIZE`` (issue 8)."""
    _check_size(upload, LOGO_MAX_SIZE)
    if sniff(upload) not in ("png", "jpeg"):
        raise ValidationError(_("The logo must be a PNG or JPEG image."), code="bad_content")


def validate_material(upload):
    """Accept PDF, office documents and images whose content matches their name."""
    _check_size(upload, getattr(settings, "MATERIAL_MAX_SIZE", DEFAULT_MAX_SIZE))
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in SIGNATURES:
        raise ValidationError(
            _("Files of this type are not accepted. Use: %(types)s."),
            params={"types": ", ".join(sorted(SIGNATURES))},
            code="bad_type",
        )
    if sniff(upload) != SIGNATURES[extension]:
        raise ValidationError(
            _("The file's content is not a real .%(ext)s file."),
            params={"ext": extension},
            code="bad_content",
        )
