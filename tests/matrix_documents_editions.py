"""Permission matrix rows for editing a draft edition (seed 000 §3: an approved edition is the
text its decision approved; only drafts and editions in review change)."""

from django.urls import reverse

from tests.matrix_documents import KEEPERS, documents
from tests.urlmatrix import everyone

MATRIX = {
    "documents:edition_edit": (
        lambda w: reverse("documents:edition_edit", args=[documents(w)["draft"].pk]),
        KEEPERS,
    ),
}

OBJECT_CASES = {
    # A published edition is refused: its keepers are sent back to the document page.
    "edit a published edition": (
        lambda w: reverse("documents:edition_edit", args=[documents(w)["published"].pk]),
        {**everyone(403), "secretary": 302, "chair": 302, "qa_manager": 302},
    ),
}
