"""The files an edition (or the evidence of a mechanism's stage) may hold: PDF, DOCX or ODT,
checked by content and size (they are sent with ``governance.downloads.stored_file``)."""

from django.core.exceptions import ValidationError
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
