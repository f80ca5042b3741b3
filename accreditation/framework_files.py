"""Reading a standards framework from a YAML file or an XLSX workbook.

Issue 6: further agency frameworks are imported "from YAML or XLSX with validation and a dry
run". Both formats become the same ``Draft``: the framework's fields and its clauses in
reading order, each clause with the indicators and risks named under it, and each piece with
the place it came from (``where``), so that every problem can be reported as "standards[2].
criteria[0].code: …" in a YAML file or "sheet clauses, row 7: …" in a workbook. This module
only reads and checks the shape of the file; ``accreditation.framework_import`` checks the
content against the portal and writes it.

YAML (the format of the shipped files in ``accreditation/frameworks/``)::

    code: IAAR-IA-2024
    name: {kk: …, ru: …, en: …}
    agency: IAAR            # an agency's short name, or nothing
    version: "2024"
    year: 2024
    standards:
      - code: "1"
        title: {kk: …, ru: …, en: …}
        text: {kk: …, ru: …, en: …}     # optional
        maps_to: ["ESG-2015 1.1"]       # optional: framework code and clause code
        indicators: [{code: …, name: {…}, unit: percent, direction: higher, domain: …}]
        risks: [{risk: {…}, mitigation: {…}}]
        criteria:
          - code: "1.1"
            title: {…}
            subcriteria: [{code: "1.1.1", title: {…}}]

XLSX: a sheet ``framework`` (one row: code, name_kk, name_ru, name_en, agency, version,
year) and a sheet ``clauses`` (code, parent, title_kk, title_ru, title_en, text_kk, text_ru,
text_en, maps_to), one row per standard, criterion or sub-criterion, a part naming the code of
the clause it belongs to in ``parent``; optional sheets ``indicators`` (code, clause, name_kk,
name_ru, name_en, unit, direction, domain) and ``risks`` (clause, risk_kk, risk_ru, risk_en,
mitigation_kk, mitigation_ru, mitigation_en). Row 1 holds the column names.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field

import yaml
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from governance.multilingual import LANGUAGE_CODES
from governance.resources import cell_text, is_blank

CHILDREN = ("standards", "criteria", "subcriteria")
FRAMEWORK_KEYS = {"code", "name", "agency", "version", "year", "standards"}
CLAUSE_KEYS = {"code", "title", "text", "maps_to", "indicators", "risks"}
INDICATOR_KEYS = {"code", "name", "unit", "direction", "domain"}
RISK_KEYS = {"risk", "mitigation"}

SHEET_COLUMNS = {
    "framework": ("code", "name_kk", "name_ru", "name_en", "agency", "version", "year"),
    "clauses": (
        "code",
        "parent",
        "title_kk",
        "title_ru",
        "title_en",
        "text_kk",
        "text_ru",
        "text_en",
        "maps_to",
    ),
    "indicators": (
        "code",
        "clause",
        "name_kk",
        "name_ru",
        "name_en",
        "unit",
        "direction",
        "domain",
    ),
    "risks": (
        "clause",
        "risk_kk",
        "risk_ru",
        "risk_en",
        "mitigation_kk",
        "mitigation_ru",
        "mitigation_en",
    ),
}
REQUIRED_SHEETS = ("framework", "clauses")


def problem(where, message):
    """ "standards[2].code: the code is missing": where in the file, then what is wrong."""
    return f"{where}: {message}"


@dataclass
class IndicatorDraft:
    where: str
    code: str
    name: dict
    unit: str
    direction: str
    domain: str


@dataclass
class RiskDraft:
    where: str
    number: int
    text: dict
    mitigation: dict


@dataclass
class ClauseDraft:
    where: str
    code: str
    parent_code: str
    title: dict
    text: dict
    maps_to: list
    indicators: list = field(default_factory=list)
    risks: list = field(default_factory=list)
    depth: int = 1
    position: int = 0


@dataclass
class Draft:
    """A framework as read from a file, before it is checked against the portal."""

    code: str = ""
    name: dict = field(default_factory=dict)
    agency: str = ""
    version: str = ""
    year: object = None
    clauses: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    where: str = ""
    unreadable: bool = False  # the file could not be read at all: no further checks

    def fail(self, where, message):
        self.errors.append(problem(where, message))


# --- YAML ------------------------------------------------------------------------------------


def _texts(draft, where, value, required=False):
    """{kk, ru, en} from a mapping of languages; problems are reported on ``draft``."""
    if value is None or value == "":
        if required:
            draft.fail(where, _("the Kazakh text is missing"))
        return dict.fromkeys(LANGUAGE_CODES, "")
    if not isinstance(value, dict):
        draft.fail(where, _("give the text per language: kk, ru, en"))
        return dict.fromkeys(LANGUAGE_CODES, "")
    unknown = sorted(str(key) for key in value if key not in LANGUAGE_CODES)
    if unknown:
        draft.fail(
            where,
            _("unknown languages %(codes)s (use kk, ru, en)") % {"codes": ", ".join(unknown)},
        )
    texts = {code: cell_text(value.get(code)) for code in LANGUAGE_CODES}
    if required and not texts["kk"]:
        draft.fail(where, _("the Kazakh text is missing"))
    return texts


def _unknown_keys(draft, where, mapping, known):
    for key in sorted(str(key) for key in set(mapping) - known):
        draft.fail(where, _("unknown key %(key)s") % {"key": key})


def _mapping(draft, where, value):
    if not isinstance(value, dict):
        draft.fail(where, _("expected a mapping of keys and values"))
        return None
    return value


def _list(draft, where, value):
    if value is None:
        return []
    if not isinstance(value, list):
        draft.fail(where, _("expected a list"))
        return []
    return value


def _yaml_clause(draft, where, value, depth, parent_code):
    node = _mapping(draft, where, value)
    if node is None:
        return
    children_key = CHILDREN[depth] if depth < len(CHILDREN) else None
    _unknown_keys(draft, where, node, CLAUSE_KEYS | ({children_key} if children_key else set()))
    maps_to = node.get("maps_to") or []
    if isinstance(maps_to, str):
        maps_to = [maps_to]
    clause = ClauseDraft(
        where=where,
        code=cell_text(node.get("code")),
        parent_code=parent_code,
        title=_texts(draft, f"{where}.title", node.get("title"), required=True),
        text=_texts(draft, f"{where}.text", node.get("text")),
        maps_to=[cell_text(item) for item in _list(draft, f"{where}.maps_to", maps_to)],
        depth=depth,
    )
    for index, item in enumerate(_list(draft, f"{where}.indicators", node.get("indicators"))):
        _yaml_indicator(draft, clause, f"{where}.indicators[{index}]", item)
    for index, item in enumerate(_list(draft, f"{where}.risks", node.get("risks"))):
        _yaml_risk(draft, clause, f"{where}.risks[{index}]", item, index + 1)
    draft.clauses.append(clause)
    if children_key:
        children = _list(draft, f"{where}.{children_key}", node.get(children_key))
        for index, child in enumerate(children):
            _yaml_clause(draft, f"{where}.{children_key}[{index}]", child, depth + 1, clause.code)


def _yaml_indicator(draft, clause, where, value):
    item = _mapping(draft, where, value)
    if item is None:
        return
    _unknown_keys(draft, where, item, INDICATOR_KEYS)
    clause.indicators.append(
        IndicatorDraft(
            where=where,
            code=cell_text(item.get("code")),
            name=_texts(draft, f"{where}.name", item.get("name"), required=True),
            unit=cell_text(item.get("unit")),
            direction=cell_text(item.get("direction")),
            domain=cell_text(item.get("domain")),
        )
    )


def _yaml_risk(draft, clause, where, value, number):
    item = _mapping(draft, where, value)
    if item is None:
        return
    _unknown_keys(draft, where, item, RISK_KEYS)
    clause.risks.append(
        RiskDraft(
            where=where,
            number=number,
            text=_texts(draft, f"{where}.risk", item.get("risk"), required=True),
            mitigation=_texts(draft, f"{where}.mitigation", item.get("mitigation")),
        )
    )


def read_yaml(content):
    """A ``Draft`` from the bytes (or text) of a YAML file."""
    draft = Draft(where="framework")
    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = _("line %(line)s") % {"line": mark.line + 1} if mark else _("the file")
        reason = getattr(error, "problem", None) or str(error)
        draft.fail(where, _("not valid YAML (%(reason)s)") % {"reason": reason})
        draft.unreadable = True
        return draft
    root = _mapping(draft, _("the file"), data)
    if root is None:
        draft.unreadable = True
        return draft
    _unknown_keys(draft, _("the file"), root, FRAMEWORK_KEYS)
    draft.code = cell_text(root.get("code"))
    draft.name = _texts(draft, "name", root.get("name"), required=True)
    draft.agency = cell_text(root.get("agency"))
    draft.version = cell_text(root.get("version"))
    draft.year = root.get("year")
    for index, standard in enumerate(_list(draft, "standards", root.get("standards"))):
        _yaml_clause(draft, f"standards[{index}]", standard, 1, "")
    return draft


# --- XLSX ------------------------------------------------------------------------------------


def _sheet_where(sheet, row):
    return _("sheet %(sheet)s, row %(row)s") % {"sheet": sheet, "row": row}


def _sheet_rows(draft, workbook, name):
    """The rows of a sheet as {column: value}, numbered as in the spreadsheet."""
    sheets = {sheet.title.strip().casefold(): sheet for sheet in workbook.worksheets}
    sheet = sheets.get(name)
    if sheet is None:
        if name in REQUIRED_SHEETS:
            draft.fail(_("the workbook"), _("the sheet %(sheet)s is missing") % {"sheet": name})
        return []
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        return []
    headers = [cell_text(cell).casefold() for cell in rows[0]]
    known = SHEET_COLUMNS[name]
    unknown = [header for header in headers if header and header not in known]
    if unknown:
        draft.fail(
            _sheet_where(name, 1),
            _("unknown columns %(columns)s; the columns of this sheet are: %(expected)s")
            % {"columns": ", ".join(unknown), "expected": ", ".join(known)},
        )
    found = []
    for number, row in enumerate(rows[1:], start=2):
        values = {
            header: row[index]
            for index, header in enumerate(headers)
            if header in known and index < len(row)
        }
        if all(is_blank(value) for value in values.values()):
            continue
        found.append((number, {column: cell_text(values.get(column)) for column in known}))
    return found


def _row_texts(draft, where, row, prefix, required=False):
    texts = {code: row[f"{prefix}_{code}"] for code in LANGUAGE_CODES}
    if required and not texts["kk"]:
        draft.fail(where, _("column %(column)s is empty") % {"column": f"{prefix}_kk"})
    return texts


def read_xlsx(content):
    """A ``Draft`` from the bytes of an XLSX workbook (sheets described in the module doc)."""
    draft = Draft(where=_sheet_where("framework", 2))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        draft.fail(_("the file"), _("not an XLSX workbook"))
        draft.unreadable = True
        return draft
    frameworks = _sheet_rows(draft, workbook, "framework")
    if len(frameworks) > 1:
        draft.fail(_sheet_where("framework", frameworks[1][0]), _("one framework per workbook"))
    if frameworks:
        number, row = frameworks[0]
        draft.where = _sheet_where("framework", number)
        draft.code = row["code"]
        draft.name = _row_texts(draft, draft.where, row, "name", required=True)
        draft.agency, draft.version = row["agency"], row["version"]
        draft.year = row["year"] or None
    elif not draft.errors:
        draft.fail(_sheet_where("framework", 2), _("the framework row is missing"))
    by_code = {}
    for number, row in _sheet_rows(draft, workbook, "clauses"):
        where = _sheet_where("clauses", number)
        clause = ClauseDraft(
            where=where,
            code=row["code"],
            parent_code=row["parent"],
            title=_row_texts(draft, where, row, "title", required=True),
            text=_row_texts(draft, where, row, "text"),
            maps_to=_maps_to_cell(row["maps_to"]),
        )
        draft.clauses.append(clause)
        by_code.setdefault(clause.code, clause)
    for number, row in _sheet_rows(draft, workbook, "indicators"):
        where = _sheet_where("indicators", number)
        clause = _owner(draft, where, by_code, row["clause"])
        if clause is not None:
            clause.indicators.append(
                IndicatorDraft(
                    where=where,
                    code=row["code"],
                    name=_row_texts(draft, where, row, "name", required=True),
                    unit=row["unit"],
                    direction=row["direction"],
                    domain=row["domain"],
                )
            )
    for number, row in _sheet_rows(draft, workbook, "risks"):
        where = _sheet_where("risks", number)
        clause = _owner(draft, where, by_code, row["clause"])
        if clause is not None:
            clause.risks.append(
                RiskDraft(
                    where=where,
                    number=len(clause.risks) + 1,
                    text=_row_texts(draft, where, row, "risk", required=True),
                    mitigation=_row_texts(draft, where, row, "mitigation"),
                )
            )
    return draft


def _maps_to_cell(text):
    """ "ESG-2015 1.1; ESG-2015 1.2" → ["ESG-2015 1.1", "ESG-2015 1.2"]."""
    return [" ".join(item.split()) for item in re.split(r"[;,\n]", text) if item.strip()]


def _owner(draft, where, by_code, code):
    if not code:
        draft.fail(where, _("column %(column)s is empty") % {"column": "clause"})
        return None
    clause = by_code.get(code)
    if clause is None:
        draft.fail(where, _("clause %(code)s is not on the sheet clauses") % {"code": code})
    return clause


def read(name, content):
    """A ``Draft`` from an uploaded file: ``.yaml``/``.yml`` or ``.xlsx`` by its name."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in ("yaml", "yml"):
        return read_yaml(content)
    if extension == "xlsx":
        return read_xlsx(content)
    draft = Draft(unreadable=True)
    draft.fail(name, _("use a .yaml or .xlsx file"))
    return draft
