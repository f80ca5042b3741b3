"""Issue 8, Security: no secrets in the repository. Keys, passwords and tokens come from the
environment (``.env`` is never committed; ``.env.example`` holds placeholders only)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SECRETS = [
    (re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"), "a private key"),
    # A value made by the shell at run time ("ci-$(head -c 48 /dev/urandom …)") is no secret.
    (re.compile(r"\bSECRET_KEY\s*=\s*[\"'](?![^\"']*\$)[^\"']+[\"']"), "a SECRET_KEY literal"),
    (re.compile(r"\bAKIA[0-9A-Z]{16}\b"), "an AWS access key"),
    (re.compile(r"\b(ghp|gho|github_pat)_[A-Za-z0-9_]{20,}"), "a GitHub token"),
    (re.compile(r"\bsk_live_[A-Za-z0-9]{16,}"), "a payment API key"),
    (re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"), "a Slack token"),
    (re.compile(r"://[^/\s:@\"'$]+:(?!CHANGE|pw@|password@)[^@\s/\"'$]{8,}@"), "a URL password"),
]
BINARY = {".mo", ".png", ".jpg", ".pdf", ".xlsx", ".woff2"}
PLACEHOLDER = re.compile(r"CHANGE|^$|consolemail://")


def _tracked():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    out = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [ROOT / name for name in out.split("\0") if name]


def test_no_secret_is_committed():
    found = []
    for path in _tracked():
        # This file's own samples are the only secrets allowed.
        if path.suffix in BINARY or not path.is_file() or path == Path(__file__):
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        found.extend(
            f"{path.relative_to(ROOT)}: {what}" for pattern, what in SECRETS if pattern.search(text)
        )
    assert found == []


def test_only_the_example_environment_file_is_committed_and_it_holds_placeholders():
    names = {path.relative_to(ROOT).as_posix() for path in _tracked()}
    assert not {name for name in names if Path(name).name.startswith(".env")} - {".env.example"}
    assert not {name for name in names if name.startswith("var/")}
    values = dict(
        line.split("=", 1)
        for line in (ROOT / ".env.example").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    )
    for name in ("SECRET_KEY", "POSTGRES_PASSWORD"):
        assert PLACEHOLDER.search(values[name]), name
    assert "CHANGE" in values["DATABASE_URL"]


def test_the_scan_finds_a_committed_secret():
    samples = {
        "a private key": "-----BEGIN RSA PRIVATE KEY-----",
        "a SECRET_KEY literal": 'SECRET_KEY = "django-insecure-abc123"',
        "": 'SECRET_KEY="ci-$(head -c 48 /dev/urandom | base64)"',
        "a URL password": "postgres://qa:s3cr3t-passw0rd@db:5432/qa",
    }
    for what, sample in samples.items():
        assert [w for pattern, w in SECRETS if pattern.search(sample)] == ([what] if what else [])
