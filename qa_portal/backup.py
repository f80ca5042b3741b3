"""Backup and restore of the whole portal: the database and every uploaded or generated file.

Issue 8 ("Backup and restore"): ``make backup`` writes one archive, ``make restore`` puts it
back. The archive is a tar.gz holding ``manifest.json``, the database (``pg_dump`` custom
format on PostgreSQL, SQLite's online backup of the embedded file otherwise) and the files of
the default storage under ``files/``. Files are read and written through the storage API, so
the archive does not depend on where the storage keeps them.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

import environ
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

FORMAT = 1
POSTGRESQL = "postgresql"
SQLITE = "sqlite"
DUMP_NAMES = {POSTGRESQL: "database.dump", SQLITE: "database.sqlite3"}
FILES = "files/"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


def vendor_of(config):
    engine = config["ENGINE"]
    if engine.endswith("postgresql"):
        return POSTGRESQL
    if engine.endswith("sqlite3"):
        return SQLITE
    raise BackupError(f"backups support PostgreSQL and SQLite, not {engine}")


def database_config(url=None):
    """The settings of the database to restore into: ``url`` or the portal's own."""
    return environ.Env.db_url_config(url) if url else settings.DATABASES["default"]


def _pg_arguments(config):
    args, env = [], dict(os.environ)
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if config.get(key):
            args += [flag, str(config[key])]
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = config["PASSWORD"]
    return args, env


def _run(command, env=None):
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _dump_database(config, target):
    vendor = vendor_of(config)
    if vendor == POSTGRESQL:
        args, env = _pg_arguments(config)
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-acl",
                *args,
                "--file",
                target,
                "--dbname",
                config["NAME"],
            ],
            env,
        )
    else:
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
    return vendor


def _storage_files(folder=""):
    directories, files = default_storage.listdir(folder)
    for name in files:
        yield f"{folder}{name}"
    for directory in directories:
        yield from _storage_files(f"{folder}{directory}/")


def _add_bytes(archive, name, content):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


def create(directory):
    """Write a backup archive into ``directory`` and return its path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    path = directory / f"qa-portal-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / "database"
        vendor = _dump_database(settings.DATABASES["default"], str(dump))
        files = sorted(_storage_files())
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database": vendor,
            "database_sha256": hashlib.sha256(dump.read_bytes()).hexdigest(),
            "files": len(files),
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
            archive.add(dump, arcname=DUMP_NAMES[vendor])
            for name in files:
                with default_storage.open(name, "rb") as stored:
                    _add_bytes(archive, FILES + name, stored.read())
        partial.rename(path)
    return path


def read_manifest(archive):
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except (KeyError, ValueError) as exc:
        raise BackupError("this is not a QA Portal backup: it has no valid manifest") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    return manifest


def _restore_database(config, vendor, dump):
    if vendor_of(config) != vendor:
        raise BackupError(
            f"the backup holds a {vendor} database; the target is {vendor_of(config)}"
        )
    if vendor == POSTGRESQL:
        args, env = _pg_arguments(config)
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-acl",
                "--exit-on-error",
                *args,
                "--dbname",
                config["NAME"],
                dump,
            ],
            env,
        )
    else:
        if config is settings.DATABASES["default"]:
            connection.close()
        target = Path(config["NAME"])
        target.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("-wal", "-shm"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        shutil.copyfile(dump, target)


def _restore_files(archive):
    count = 0
    for member in archive.getmembers():
        if not (member.isfile() and member.name.startswith(FILES)):
            continue
        name = member.name[len(FILES) :]
        if name.startswith("/") or ".." in Path(name).parts:
            raise BackupError(f"refusing a file outside the storage: {member.name}")
        default_storage.delete(name)
        default_storage.save(name, ContentFile(archive.extractfile(member).read()))
        count += 1
    return count


def restore(path, database_url=None):
    """Put the database and files of the archive at ``path`` back; return the manifest.

    ``database_url`` restores into another database (a restore drill) instead of the
    portal's own.
    """
    with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory() as scratch:
        manifest = read_manifest(archive)
        vendor = manifest["database"]
        archive.extract(DUMP_NAMES[vendor], scratch, filter="data")
        dump = Path(scratch) / DUMP_NAMES[vendor]
        if hashlib.sha256(dump.read_bytes()).hexdigest() != manifest["database_sha256"]:
            raise BackupError("the database in the backup is damaged (checksum differs)")
        _restore_database(database_config(database_url), vendor, str(dump))
        manifest["restored_files"] = _restore_files(archive)
    return manifest
