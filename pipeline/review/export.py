"""`convene review OUTPUT --export FILE`: one self-contained, read-only HTML report of an output folder."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pipeline.errors import UserError
from pipeline.review.output_folder import load_output, review_bundle
from pipeline.review.pages import static_page


def export_report(out_dir: Path, destination: Path) -> Path:
    """Write the review pages of `out_dir`, data included, to `destination` (atomically); returns its path."""
    destination = Path(destination)
    if destination.is_dir():
        raise UserError(f"{destination} is a folder: give a file name such as report.html")
    if not destination.parent.is_dir():
        raise UserError(f"folder {destination.parent} does not exist")
    page = static_page(review_bundle(load_output(out_dir)))
    handle, temporary = tempfile.mkstemp(dir=destination.parent, prefix=".report-", suffix=".html")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(page)
        os.replace(temporary, destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return destination
