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


def _sniff(upload):
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


def validate_material(upload):
    """Accept PDF, office documents and images whose content matches their name."""
    max_size = getattr(settings, "MATERIAL_MAX_SIZE", DEFAULT_MAX_SIZE)
    if upload.size > max_size:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_size)},
            code="too_large",
        )
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in SIGNATURES:
        raise ValidationError(
            _("Files of this type are not accepted. Use: %(types)s."),
            params={"types": ", ".join(sorted(SIGNATURES))},
            code="bad_type",
        )
    if _sniff(upload) != SIGNATURES[extension]:
        raise ValidationError(
            _("The file's content is not a real .%(ext)s file."),
            params={"ext": extension},
            code="bad_content",
        )
