"""The survey pages, one module per kind of visitor (shared answering in ``answering``)."""
