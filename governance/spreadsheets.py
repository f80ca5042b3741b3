"""Rows of the XLSX exports every area offers (survey results, acknowledgement sheets)."""

from openpyxl.styles import Font


def append_row(sheet, values, bold=False):
    """Add a row; text is kept as text (a leading "=" never becomes a formula)."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
        if bold:
            cell.font = Font(bold=True)
