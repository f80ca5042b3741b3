"""Every string the portal shows has Kazakh and Russian (and English) translations.

The catalogues under ``locale/`` are compared with the strings in the source: a new or changed
string without a translation fails here until ``make messages`` is run and it is translated.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from .services import REQUIRED

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("kk", "ru", "en")
SOURCES = ("qa_portal", "governance", "documents", "surveys", "accreditation", "templates")


def catalogue(language):
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


def _key(entry):
    return (entry.msgctxt, entry.msgid)


@pytest.fixture(scope="module")
def source_msgids(tmp_path_factory):
    """The msgids makemessages finds in the source today (run on a scratch copy)."""
    if not shutil.which("xgettext"):
        reason = "needs GNU gettext (xgettext) to read the strings in the source"
        if REQUIRED:
            pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    scratch = tmp_path_factory.mktemp("messages")
    for name in SOURCES:
        shutil.copytree(
            ROOT / name,
            scratch / name,
            ignore=shutil.ignore_patterns("locale", "__pycache__", "migrations"),
        )
    shutil.copy(ROOT / "manage.py", scratch)
    (scratch / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "kk", "-v0"],
        cwd=scratch,
        check=True,
        env={"PATH": "/usr/bin:/bin", "QA_VAR_DIR": str(scratch / "var")},
    )
    po = polib.pofile(str(scratch / "locale" / "kk" / "LC_MESSAGES" / "django.po"))
    return {_key(entry) for entry in po}


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_covers_every_string_in_the_source(source_msgids, language):
    shipped = {_key(entry) for entry in catalogue(language) if not entry.obsolete}
    missing = sorted(msgid for _ctx, msgid in source_msgids - shipped)
    assert not missing, f"run `make messages` and translate into {language}: {missing[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated(language):
    po = catalogue(language)
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"{language}: untranslated {untranslated[:10]}"
    assert not fuzzy, f"{language}: fuzzy {fuzzy[:10]}"


@pytest.mark.parametrize("language", ("kk", "ru"))
def test_translations_are_not_left_in_english(language):
    copied = [
        e.msgid
        for e in catalogue(language)
        if e.msgstr == e.msgid and any(c.isalpha() for c in e.msgid) and len(e.msgid) > 3
    ]
    assert not copied, f"{language}: msgstr equals the English msgid for {copied[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(language):
    po = catalogue(language)
    mo = polib.mofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.mo"))
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo
    }
    for entry in po.translated_entries():
        expected = (entry.msgstr, tuple(sorted(entry.msgstr_plural.items())))
        assert compiled.get(_key(entry)) == expected, f"{language}: recompile {entry.msgid!r}"
