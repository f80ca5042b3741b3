"""The controlled cover of an edition as PDF (seed 004: every page carries the edition and
"page N of M"; the approval block and the register of changes are printed with it)."""

from django.template.loader import render_to_string
from django.utils import translation

from governance.minutes import css_string, html_to_pdf, page_counter_css
from governance.models import Institution

COVER_TEMPLATE = "documents/cover_pdf.html"


def cover_pdf(edition):
    """The cover of ``edition`` as PDF bytes, in the active language."""
    document = edition.document
    institution = Institution.current()
    context = {
        "document": document,
        "edition": edition,
        "institution": institution,
        "changes": document.editions.order_by("number").select_related("decision"),
        "language": translation.get_language(),
        "header_css": css_string(str(edition)),
        "page_css": page_counter_css(),
    }
    return html_to_pdf(render_to_string(COVER_TEMPLATE, context))


def cover_filename(edition):
    code = "".join(char if char.isalnum() else "-" for char in edition.document.code)
    return f"{code}-edition-{edition.number}-cover.pdf"
