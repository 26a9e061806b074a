"""Cells of the CSV files the site hands out (open data, the admin's subscriber export)."""

LIST_SEPARATOR = " | "
# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """Text for one cell: None empty, lists joined, a leading formula character made inert."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    value = str(value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value
