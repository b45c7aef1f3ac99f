"""`convene review --export FILE`: the review pages as one self-contained, read-only HTML file without script."""
from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from markupsafe import Markup

from pipeline.errors import UserError
from pipeline.review.app import STATIC_DIR, template_environment
from pipeline.review.session import KINDS, ListQuery, ReviewSession
from pipeline.write import atomic_write_text


def export_html(out_dir: Path) -> str:
    """Every list and record of `out_dir` (with the decision log replayed) as one HTML page.

    Records show one at a time through the URL fragment (`#meeting-ID`); no script runs, and the page's
    Content-Security-Policy allows nothing but its own inline stylesheet.
    """
    session = ReviewSession(out_dir, reviewer="export", writable=False)
    queries = {kind: ListQuery.from_params(kind, {}) for kind in KINDS}
    rows = {kind: session.rows(queries[kind]) for kind in KINDS}
    views = [session.record_view(kind, row.id, queries[kind], rows[kind]) for kind in KINDS for row in rows[kind]]
    cited = {source.article_id for view in views for source in view.record.sources}
    articles = [session.articles[a] for a in sorted(cited) if a in session.articles]
    style = (STATIC_DIR / "review.css").read_text(encoding="utf-8")
    if "</style" in style.lower():
        raise ValueError("the stylesheet must not close its own element")
    style_hash = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    policy = (f"default-src 'none'; style-src 'sha256-{style_hash}'; img-src data:; base-uri 'none'; "
              "form-action 'none'")
    progress = {kind: session.progress(kind) for kind in KINDS}
    return template_environment().get_template("export.html").render(
        session=session, rows=rows, views=views, articles=articles, style=Markup(style), policy=policy,
        progress=progress, query_of=queries)


def export_report(out_dir: Path, target: Path) -> Path:
    """Write `export_html(out_dir)` to `target`; returns `target`."""
    html = export_html(out_dir)
    target = Path(target)
    if target.is_dir():
        raise UserError(f"{target} is a folder: give a file name for the report")
    try:
        atomic_write_text(target, html)
    except OSError as exc:
        raise UserError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target
