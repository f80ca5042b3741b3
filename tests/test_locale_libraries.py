"""Kazakh (and missing Russian) translations of Django and the installed libraries.

Django's own Kazakh catalogues are about half done and partly wrong, the libraries ship no
Kazakh at all (django-import-export's file sits under the unused code ``kz``), and a few
Russian strings are missing.  ``qa_portal/locale`` fills and corrects them: ``qa_portal`` is the
first installed app, so its catalogues take precedence over Django's contrib apps and the
libraries.  These tests check what users see, and that the committed catalogues are complete
and compiled.
"""

import json
import re
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
import pytest
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timesince
from django.utils.translation import gettext, ngettext, override, pgettext, trans_real
from django.views.i18n import JSONCatalog

LOCALE = Path(__file__).resolve().parent.parent / "qa_portal" / "locale"
CATALOGUES = [
    LOCALE / "kk" / "LC_MESSAGES" / "django.po",
    LOCALE / "kk" / "LC_MESSAGES" / "djangojs.po",
    LOCALE / "ru" / "LC_MESSAGES" / "django.po",
]
SITE_PACKAGES = Path(django.__file__).resolve().parent.parent
# Letters of the Kazakh Cyrillic alphabet that Russian does not use.
KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sdr]|%[sdr]|\{[^{}]*\}")


def _key(msgctxt, msgid):
    return f"{msgctxt}\x04{msgid}" if msgctxt else msgid


class _Text(HTMLParser):
    """The visible text of a page: text nodes plus title/aria-label/placeholder values."""

    def __init__(self):
        super().__init__()
        self.texts = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("title", "aria-label", "placeholder", "value") and value:
                self.texts.append(value.strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(" ".join(data.split()))


def visible_text(response):
    parser = _Text()
    parser.feed(response.content.decode())
    return parser.texts


# --- Kazakh strings users meet ---------------------------------------------------------


KAZAKH = {
    "View site": "Сайтты ашу",
    "Recent actions": "Соңғы әрекеттер",
    "Log out": "Шығу",
    "Change password": "Құпиясөзді өзгерту",
    "Enter a valid email address.": "Дұрыс электрондық пошта мекенжайын енгізіңіз.",
    "This field is required.": "Бұл өрісті толтыру міндетті.",
    "Forgotten your login credentials?": "Кіру деректерін ұмыттыңыз ба?",
    "Forgotten your password or username?": "Құпиясөзді немесе пайдаланушы атын ұмыттыңыз ба?",
    "This password is too common.": "Бұл құпиясөз тым кең таралған.",
    "Authentication and Authorization": "Аутентификация және авторизация",
    "Import": "Импорттау",
    "Export": "Экспорттау",
    "Confirm import": "Импортты растау",
    "Export selected %(verbose_name_plural)s": "Таңдалған %(verbose_name_plural)s экспорттау",
    "Periodic Tasks": "Мерзімді тапсырмалар",
    "Celery Results": "Celery нәтижелері",
    "Object permissions": "Нысан рұқсаттары",
    "access attempts": "кіру талпыныстары",
    "Audit log": "Аудит журналы",
    "log entries": "журнал жазбалары",
}


@pytest.mark.parametrize("msgid", sorted(KAZAKH))
def test_library_strings_are_kazakh(msgid):
    with override("kk"):
        assert gettext(msgid) == KAZAKH[msgid]


@pytest.mark.parametrize(
    "msgid",
    [
        "Please enter a correct %(username)s and password. Note that both fields may be "
        "case-sensitive.",
        "Account locked: too many login attempts. Please try again later.",
        "Enter a valid date.",
        "Select a valid choice. That choice is not one of the available choices.",
        "The password is too similar to the %(verbose_name)s.",
        "Save and add another",
        "Please correct the error below.",
    ],
)
def test_library_strings_are_neither_english_nor_russian(msgid):
    with override("ru"):
        russian = gettext(msgid)
    with override("kk"):
        kazakh = gettext(msgid)
    assert kazakh not in (msgid, russian)
    assert KAZAKH_LETTERS.search(kazakh), kazakh


def test_wrong_django_kazakh_strings_are_corrected():
    with override("kk"):
        assert gettext("Django administration") == "Django әкімшілігі"
        assert gettext("Filter") == "Сүзгі"
        assert (
            gettext("Delete selected %(verbose_name_plural)s")
            == "Таңдалған %(verbose_name_plural)s жою"
        )
        assert gettext("Import") == "Импорттау"
        assert gettext("Export") == "Экспорттау"


def test_kazakh_dates_and_durations():
    months = "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан"
    with override("kk"):
        assert date_format(date(2026, 11, 22)) == "22 қараша 2026"
        assert date_format(date(2026, 11, 22), "SHORT_DATE_FORMAT") == "22.11.2026"
        for number, name in enumerate(months.split(), start=1):
            assert date_format(date(2026, number, 1)) == f"1 {name} 2026"
        assert pgettext("abbrev. month", "Sept.") == "Қыр."
        assert date_format(date(2026, 11, 23), "l") == "Дүйсенбі"
        assert date_format(date(2026, 11, 27), "D") == "Жм"
        assert ngettext("%(num)d day", "%(num)d days", 3) % {"num": 3} == "3 күн"
        now = timezone.now()
        assert timesince(now - timedelta(days=3, hours=2), now) == "3\xa0күн, 2\xa0сағат"


def test_russian_dates_are_unchanged():
    with override("ru"):
        assert date_format(date(2026, 11, 22), "DATE_FORMAT") == "22 ноября 2026 г."


def test_russian_library_strings_do_not_fall_back_to_kazakh():
    """Russian falls back to the default language (kk) for msgids it lacks."""
    with override("ru"):
        assert gettext("Audit log") == "Журнал аудита"
        assert gettext("Celery Results") == "Результаты Celery"
        assert gettext("Select all") == "Выбрать все"
        assert gettext("Schedule") == "Расписание"
        assert gettext("Import") == "Импорт"
        kazakh = []
        for entry in polib.pofile(str(CATALOGUES[0])):
            if entry.msgctxt or entry.msgid_plural:
                continue
            if KAZAKH_LETTERS.search(gettext(entry.msgid)) and not KAZAKH_LETTERS.search(
                entry.msgid
            ):
                kazakh.append(entry.msgid)
    assert kazakh == []


# --- the admin, rendered ---------------------------------------------------------------

ADMIN_LABELS = [
    "View site",
    "Change password",
    "Log out",
    "Welcome,",
    "Recent actions",
    "My actions",
    "Add",
    "Change",
    "Authentication and Authorization",
    "Groups",
    "Periodic Tasks",
    "Periodic tasks",
    "Clocked",
    "Crontabs",
    "Intervals",
    "Solar events",
    "Celery Results",
    "Task results",
    "Group results",
    "Access attempts",
    "Access failures",
    "Access logs",
    "Audit log",
    "Log entries",
    "Skip to main content",
    "Toggle theme (current theme: auto)",
    "Start typing to filter…",
]


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        email="admin@uni.example.kz", password="A-strong-pass-2026!", full_name_kk="Дана Ахметова"
    )


def test_admin_index_has_no_untranslated_labels(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    texts = visible_text(response)
    assert [label for label in ADMIN_LABELS if label in texts] == []
    for label in (
        "Сайтты ашу",
        "Соңғы әрекеттер",
        "Аутентификация және авторизация",
        "Мерзімді тапсырмалар",
        "Кіру талпыныстары",
        "Журнал жазбалары",
        "Аудит журналы",
    ):
        assert label in texts, label


def test_admin_index_in_russian(client, superuser):
    client.force_login(superuser)
    response = client.get("/ru/admin/")
    assert response.status_code == 200
    texts = visible_text(response)
    assert [label for label in ADMIN_LABELS if label in texts] == []
    for label in ("Открыть сайт", "Периодические задачи", "Результаты Celery", "Журнал аудита"):
        assert label in texts, label


def test_admin_change_list_filters_and_actions_are_kazakh(client, superuser):
    Group.objects.create(name="QA")
    client.force_login(superuser)
    response = client.get("/admin/auth/group/")
    assert response.status_code == 200
    texts = visible_text(response)
    assert "Таңдалған топтар жою" in texts
    assert "Іздеу" in texts
    for label in ("Delete selected groups", "Search", "Go", "Action:", "Add group"):
        assert label not in texts, label


# --- admin JavaScript ------------------------------------------------------------------

JS_MSGIDS = ["Now", "Today", "Choose a time", "Choose a Date", "Midnight", "6 a.m.", "Filter"]


def test_admin_javascript_catalogue_with_the_portal_package():
    request = RequestFactory().get("/jsi18n/")
    with override("kk"):
        view = JSONCatalog.as_view(packages=["django.contrib.admin", "qa_portal"])
        catalog = json.loads(view(request).content)["catalog"]
    assert catalog["Choose a Date"] == "Күнді таңдаңыз"
    assert catalog["Filter"] == "Сүзгі"
    assert catalog["December"] == "Желтоқсан"
    assert catalog["abbrev. day Monday\x04Mon"] == "Дс"
    assert catalog["%(sel)s of %(cnt)s selected"] == [
        "%(cnt)s ішінен %(sel)s таңдалды",
        "%(cnt)s ішінен %(sel)s таңдалды",
    ]


def test_admin_javascript_served_by_the_admin_is_kazakh(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/jsi18n/")
    assert response.status_code == 200
    assert json.dumps("Күнді таңдаңыз")[1:-1] in response.content.decode()


# --- the committed catalogues ----------------------------------------------------------


def _messages(entries):
    return {
        (e.msgctxt, e.msgid, e.msgid_plural or None): (
            tuple(e.msgstr_plural[i] for i in sorted(e.msgstr_plural))
            if e.msgid_plural
            else e.msgstr
        )
        for e in entries
        if e.msgid and not e.obsolete
    }


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: "/".join(p.parts[-3:]))
def test_catalogue_is_complete_and_compiled(path):
    po = polib.pofile(str(path))
    assert len(po) > 0
    assert po.fuzzy_entries() == []
    assert po.obsolete_entries() == []
    assert po.untranslated_entries() == []
    for entry in po:
        forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        assert all(forms), entry.msgid
        if any("format" in flag and not flag.startswith("no-") for flag in entry.flags):
            wanted = sorted(PLACEHOLDER.findall(entry.msgid))
            for form in forms:
                assert sorted(PLACEHOLDER.findall(form)) == wanted, entry.msgid
    mo = polib.mofile(str(path.with_suffix(".mo")))
    assert mo.metadata["Plural-Forms"] == po.metadata["Plural-Forms"]
    assert _messages(mo) == _messages(po), f"{path.name} changed: run msgfmt --check -o X.mo X.po"


def test_kazakh_plural_forms():
    po = polib.pofile(str(CATALOGUES[0]))
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n!=1);"
    assert po.metadata["Language"] == "kk"


# Msgids still listed in the libraries' .po files but gone from their code.
STALE = {
    "This value may contain only letters, numbers and @/./+/-/_ characters.",
    "{0} task{1} {2} successfully {3}",
}
SOURCES = [
    "django/conf/locale/en/LC_MESSAGES/django.po",
    "django/contrib/admin/locale/en/LC_MESSAGES/django.po",
    "django/contrib/auth/locale/en/LC_MESSAGES/django.po",
    "django/contrib/contenttypes/locale/en/LC_MESSAGES/django.po",
    "django/contrib/sessions/locale/en/LC_MESSAGES/django.po",
    "guardian/locale/ru/LC_MESSAGES/django.po",
    "import_export/locale/ru/LC_MESSAGES/django.po",
    "django_celery_beat/locale/ru/LC_MESSAGES/django.po",
    "django_celery_results/locale/ru/LC_MESSAGES/django.po",
    "axes/locale/ru/LC_MESSAGES/django.po",
    "auditlog/locale/ja/LC_MESSAGES/django.po",
    "django_filters/locale/ru/LC_MESSAGES/django.po",
]


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.split("/locale/")[0])
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_library_msgid_is_translated(source, language):
    """A library upgrade that adds strings fails here until they are translated."""
    catalog = trans_real.translation(language)._catalog
    missing = []
    for entry in polib.pofile(str(SITE_PACKAGES / source)):
        if entry.obsolete or not entry.msgid or entry.msgid in STALE:
            continue
        key = _key(entry.msgctxt, entry.msgid)
        found = catalog.get((key, 0) if entry.msgid_plural else key)
        if found is None:
            missing.append(entry.msgid)
    assert missing == []


def test_every_admin_javascript_msgid_is_translated():
    request = RequestFactory().get("/jsi18n/")
    with override("kk"):
        view = JSONCatalog.as_view(packages=["django.contrib.admin", "qa_portal"])
        catalog = json.loads(view(request).content)["catalog"]
    source = polib.pofile(
        str(SITE_PACKAGES / "django/contrib/admin/locale/en/LC_MESSAGES/djangojs.po")
    )
    missing = [
        e.msgid
        for e in source
        if e.msgid and not e.obsolete and _key(e.msgctxt, e.msgid) not in catalog
    ]
    assert missing == []
    po_js = {_key(e.msgctxt, e.msgid) for e in polib.pofile(str(CATALOGUES[1]))}
    assert {_key(e.msgctxt, e.msgid) for e in source if e.msgid} <= po_js
    for msgid in JS_MSGIDS:
        assert KAZAKH_LETTERS.search(str(catalog[msgid])), msgid
