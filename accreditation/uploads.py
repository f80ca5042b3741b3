"""A file uploaded for a dry run, kept until the QA manager confirms the import.

The preview of an import is a dry run of the uploaded file; confirming imports the same file,
which the browser does not send again. The file is kept in the cache (django-import-export's
``CacheStorage``, as its admin keeps files between the two steps) under a random token that
the confirm form carries back, for the person who uploaded it only, for a day at most.
"""

from import_export.tmp_storages import CacheStorage


def keep(user, name, content):
    """Keep the file for ``user``; returns the token for the confirm form."""
    storage = CacheStorage()
    storage.save({"user": user.pk, "name": name, "content": content})
    return storage.name


def take(user, token):
    """(name, content) of the file kept under ``token`` for ``user``, or None."""
    if not token or not token.isalnum():
        return None
    kept = CacheStorage(name=token).read()
    if not kept or kept["user"] != user.pk:
        return None
    return kept["name"], kept["content"]


def discard(token):
    CacheStorage(name=token).remove()
