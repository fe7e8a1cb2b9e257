"""Every spreadsheet the site writes: CSV that Dutch Excel opens as columns, and the admin's export buttons.

Dutch Excel reads a CSV as Windows-1252 with ";" between cells unless the file starts with a UTF-8
byte order mark, so every CSV gets both. Cells that start like a formula get a leading ' so a
spreadsheet shows them as text instead of running them (formula injection from public forms).
"""

import csv

from django.http import StreamingHttpResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import HeaderButton

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def csv_safe(value):
    """A cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class _Line:
    def write(self, value):
        return value


def csv_response(filename, header, rows):
    """A streamed CSV download (semicolons, UTF-8 with BOM); ``rows`` may be any iterable of sequences."""
    writer = csv.writer(_Line(), delimiter=";")

    def lines():
        yield BOM + writer.writerow([csv_safe(cell) for cell in header])
        for row in rows:
            yield writer.writerow([csv_safe(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


class SpreadsheetExportButtonsMixin:
    """For Wagtail's SpreadsheetExportMixin views (listings, reports): Excel first, then CSV, as visible
    buttons in the header instead of behind its "…" menu, and the CSV written by ``csv_response``."""

    @cached_property
    def header_more_buttons(self):
        # Wagtail's mixin adds its two download buttons here; they move to header_buttons.
        return [button for button in super().header_more_buttons if button.url not in self._export_urls]

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.show_export_buttons:
            buttons += [
                HeaderButton(_("Download Excel"), url=self.xlsx_export_url, icon_name="download", priority=80),
                HeaderButton(_("Download CSV"), url=self.csv_export_url, icon_name="download", priority=90),
            ]
        return buttons

    @property
    def _export_urls(self):
        return {self.xlsx_export_url, self.csv_export_url}

    def write_csv_response(self, queryset):
        header = [self.get_heading(queryset, field) for field in self.list_export]
        rows = (
            [
                self.preprocess_field_value(field, value, self.FORMAT_CSV)
                for field, value in self.to_row_dict(item).items()
            ]
            for item in queryset
        )
        return csv_response(self.get_filename(), header, rows)
