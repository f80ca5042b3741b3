"""The files an edition (or the evidence of a mechanism's stage) may hold: PDF, DOCX or ODT,
checked by content and size; and how such a file is sent to someone allowed to read it."""

import mimetypes
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _

from governance.uploads import validate_material

DOCUMENT_TYPES = ("pdf", "docx", "odt")


def validate_document_file(upload):
    """Accept a PDF, DOCX or ODT file whose content is what its name says
    (``governance.uploads``: an executable renamed ``.pdf`` is refused), within the size limit."""
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in DOCUMENT_TYPES:
        raise ValidationError(
            _("Files of this type are not accepted. Use: %(types)s."),
            params={"types": ", ".join(DOCUMENT_TYPES)},
            code="bad_type",
        )
    validate_material(upload)


def file_response(field_file):
    """The stored file as a private download (never from a public media URL), or 404."""
    if not field_file:
        raise Http404
    filename = PurePosixPath(field_file.name).name
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type=mimetypes.guess_type(filename)[0] or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
