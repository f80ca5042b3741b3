"""Files the portal hands out: stored uploads and documents it generates (PDF, XLSX).

Every one is private — never cached by a shared proxy, never sniffed into another type — and
is served only by a view that has checked who may have it (uploads are never on a public media
URL). Every area uses these two responses.
"""

import mimetypes
from pathlib import PurePosixPath

from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header


def _private(response):
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def stored_file(field_file):
    """The stored file as a download, or 404 when there is none (or it is gone)."""
    if not field_file:
        raise Http404
    filename = PurePosixPath(field_file.name).name
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return _private(
        FileResponse(
            handle,
            as_attachment=True,
            filename=filename,
            content_type=mimetypes.guess_type(filename)[0] or "application/octet-stream",
        )
    )


def generated(content, content_type, filename, *, attachment=True):
    """A document made for this request; ``attachment=False`` opens it in the browser."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    return _private(response)
