"""Hypothesis strategies for fuzzing the portal's forms (issue 8: no 500 errors, clear messages).

A form is read from the page that shows it (``post_forms``): every input, select and textarea
with its name, type and choices. ``submissions`` then draws a POST for it: each field left
out, filled with something plausible (an offered choice, a date) or with junk (Kazakh and
control characters, NUL bytes, very long text, huge numbers, dates in odd formats, random files),
plus fields the form never asked for.
"""

import csv
import io
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from hypothesis import strategies as st

KAZAKH = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
CONTROL = "\x00\x01\x08\x0b\x1b\x7f\u200b\u200e\u202e\ufeff\r\n\t"
# Markers of a form shown again with its problems (templates/includes/form.html, the survey
# page, the admin) or of a message that says what went wrong.
ERROR_MARKERS = (
    'class="error"',
    'class="errors',
    "has-error",
    "errorlist",
    "errornote",
    "message error",
    'role="alert"',
)

short_text = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(KAZAKH + CONTROL))
junk_text = st.one_of(
    short_text,
    st.text(alphabet=KAZAKH + CONTROL + "<>&\"'%;\\/ 0", max_size=40),
    # Longer than any column: one to twenty thousand characters.
    st.tuples(short_text.filter(bool), st.integers(1_000, 20_000)).map(
        lambda pair: (pair[0] * pair[1])[: pair[1]]
    ),
)
junk_number = st.one_of(
    st.integers(),
    st.integers(min_value=2**31 - 2, max_value=2**70).map(str),
    st.integers(max_value=-(2**31)).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["1e309", "-0", "1,5", "0x10", "٣", "１２", "NaN", "Infinity", " 7 ", "00"]),
)
odd_dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.strftime("%d.%m.%Y")),
    st.datetimes().map(lambda d: d.isoformat(timespec="minutes")),
    st.sampled_from(
        [
            "2026-02-30",
            "2026-13-01",
            "0000-00-00",
            "0001-01-01",
            "9999-12-31",
            "9999-12-31T23:59",
            "10000-01-01",
            "2026-05-01T25:61",
            "31/12/2026",
            "1/2/3",
            "2026-W05",
            "yesterday",
        ]
    ),
)
junk_value = st.one_of(junk_text, junk_number, odd_dates)

CONTENT_TYPES = (
    "application/pdf",
    "application/octet-stream",
    "application/x-msdownload",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/x-yaml",
    "text/csv",
    "text/html",
    "image/png",
    "",
)
EXTENSIONS = ("", ".pdf", ".exe", ".xlsx", ".yaml", ".yml", ".csv", ".docx", ".png", ".pdf.exe")


def _cells():
    return st.lists(st.lists(st.one_of(short_text, st.integers(-(2**40), 2**40)), max_size=6))


def _xlsx(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        # openpyxl refuses control characters in cells; a spreadsheet cannot hold them.
        workbook.active.append(
            [
                "".join(c for c in cell if c.isprintable()) if isinstance(cell, str) else cell
                for cell in row
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


contents = st.one_of(
    st.binary(max_size=2048),
    st.just(b""),
    st.just(b"%PDF-1.4\n%%EOF\n"),
    short_text.map(lambda s: s.encode()),
    _cells().map(_xlsx),
    _cells().map(_csv),
)


@st.composite
def uploads(draw):
    """A file with a random name, extension, content type and content."""
    name = draw(st.text(alphabet=KAZAKH + "abc .-_/\\", max_size=20)) + draw(
        st.sampled_from(EXTENSIONS)
    )
    # A browser always sends a name; without one Django sees no file at all.
    if os.path.basename(name) in ("", ".", ".."):
        name += "file"
    return SimpleUploadedFile(
        name,
        draw(contents),
        content_type=draw(st.sampled_from(CONTENT_TYPES)),
    )


@dataclass
class Field:
    name: str
    kind: str  # an <input> type, or "select", "textarea"
    value: str = ""
    choices: list = field(default_factory=list)
    multiple: bool = False


@dataclass
class Form:
    action: str
    fields: dict = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self, page_url):
        super().__init__()
        self.page_url = page_url
        self.forms = []
        self.form = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self.form = Form(urljoin(self.page_url, attrs.get("action") or self.page_url))
                self.forms.append(self.form)
            return
        name = attrs.get("name")
        if self.form is None:
            return
        if tag == "option" and self.select is not None:
            self.select.choices.append(attrs.get("value", ""))
        if not name or name == "csrfmiddlewaretoken":
            return
        if tag in ("input", "button"):
            kind = (attrs.get("type") or ("text" if tag == "input" else "submit")).lower()
            found = self.form.fields.setdefault(name, Field(name, kind, attrs.get("value", "")))
            # Radio buttons, check boxes and submit buttons of one name offer their values.
            if kind in ("radio", "checkbox", "submit"):
                found.choices.append(attrs.get("value", "on"))
                found.multiple = kind == "checkbox" and len(found.choices) > 1
        elif tag in ("select", "textarea"):
            found = Field(name, tag, multiple="multiple" in attrs)
            self.form.fields[name] = found
            if tag == "select":
                self.select = found

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None


def post_forms(html, page_url):
    """The POST forms of a page, each with its absolute action and its fields by name."""
    parser = _FormParser(page_url)
    parser.feed(html)
    return parser.forms


def _plausible(found):
    if found.kind == "file":
        return uploads()
    if found.choices:
        one = st.sampled_from(found.choices)
        return st.lists(one, max_size=3) if found.multiple else one
    if found.kind in ("date", "datetime-local", "time", "month"):
        return odd_dates
    if found.kind == "number":
        return junk_number
    if found.kind in ("hidden", "submit"):
        return st.just(found.value)
    return short_text


def value_for(found):
    """Something plausible for the field, or junk of any kind (a file where text was due)."""
    return st.one_of(_plausible(found), junk_value, st.lists(junk_value, max_size=3), uploads())


@st.composite
def submissions(draw, form):
    """A POST body for the form: some fields left out, the rest plausible or junk, and extra
    fields the form does not know."""
    data = {}
    for name, found in form.fields.items():
        if draw(st.integers(0, 9)) == 0:
            continue
        data[name] = draw(_plausible(found) if draw(st.booleans()) else value_for(found))
    extras = draw(st.dictionaries(st.text(KAZAKH + "abc_-[]", min_size=1), junk_value, max_size=2))
    return {**extras, **data}


def as_the_page_sent(form, data):
    """Whether the hidden fields and the buttons are posted as the page has them. Only then is a
    message owed: a browser cannot change them, and a page has no place to show their errors."""
    return all(
        data.get(name) in (found.choices or [found.value])
        for name, found in form.fields.items()
        if found.kind in ("hidden", "submit")
    )


def shape(form):
    """The form's action with its numbers left out, and its field names: the forms of a list's
    rows (one per meeting item, per finding) have one shape."""
    return re.sub(r"\d+", "#", form.action), tuple(sorted(form.fields))


def fills_post(data):
    """Whether the body has a value besides files (``request.POST`` is not empty)."""
    values = [v for value in data.values() for v in (value if isinstance(value, list) else [value])]
    return any(not isinstance(value, UploadedFile) for value in values)
