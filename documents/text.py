"""The text of a PDF edition, kept for the public page's search (poppler's ``pdftotext``)."""

import logging
import shutil
import subprocess

logger = logging.getLogger(__name__)


def pdf_text(field_file):
    """The text layer of a PDF file, or "" when it is not a PDF or ``pdftotext`` is missing."""
    program = shutil.which("pdftotext")
    if not field_file or program is None or not field_file.name.lower().endswith(".pdf"):
        return ""
    with field_file.open("rb") as handle:
        data = handle.read()
    try:
        done = subprocess.run(
            [program, "-enc", "UTF-8", "-", "-"],
            input=data,
            capture_output=True,
            check=True,
            timeout=60,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
        logger.warning("could not read the text of %s", field_file.name)
        return ""
    return " ".join(done.stdout.decode("utf-8", "replace").split())
