"""The CSV upload's form: a file of at most a million rows whose first line names its columns."""

import csv

from django import forms
from django.conf import settings

from northstar.forms import PlainLabels

from .csv_import import NOT_UTF8, FileProblem, check_header


class CsvUploadForm(PlainLabels, forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Three columns: date, node, value, with that header on the first line. At most 1,000,000 rows.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.NUMBERS_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(f"That file is too large: at most {limit // (1024 * 1024)} MB.")
        upload.seek(0)
        start = upload.read(4096)
        upload.seek(0)
        try:
            text = start.decode("utf-8-sig")
        except UnicodeDecodeError as problem:
            if problem.start < len(start) - 4:  # not just a character cut at the end of the block
                raise forms.ValidationError(NOT_UTF8) from None
            text = start[: problem.start].decode("utf-8-sig")
        first = text.splitlines()[0] if text.strip() else ""
        try:
            check_header(next(csv.reader([first]), None) if first else None)
        except (FileProblem, csv.Error) as problem:
            raise forms.ValidationError(str(problem)) from None
        return upload
