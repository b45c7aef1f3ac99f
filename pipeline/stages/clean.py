"""Clean stage: each RawDocument becomes an Article with cleaned text, or a reject; one failure stops nothing."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from pydantic import ValidationError

from pipeline.clean import clean_document
from pipeline.models import Article, Reject
from pipeline.read import RawDocument
from pipeline.resources import RuleResources


def article_id(text: str, source: str | None = None) -> str:
    """Derived from the cleaned text; a duplicate or empty article also mixes in its source so ids stay unique."""
    data = text.encode("utf-8", "surrogatepass") + (f"\x00{source}".encode("utf-8", "surrogatepass") if source else b"")
    return f"a-{hashlib.sha1(data).hexdigest()[:16]}"


def clean_documents(documents: Iterable[RawDocument | Reject], rejects: list[Reject],
                    rules: RuleResources | None = None) -> Iterator[Article]:
    """Articles from the readers' documents; the readers' rejects and this stage's own go to `rejects`."""
    for item in documents:
        if isinstance(item, Reject):
            rejects.append(item)
            continue
        try:
            yield _article(item, rules)
        except ValidationError as exc:
            rejects.append(Reject(source=item.source, stage="validate", reason="article failed validation",
                                  detail=str(exc).splitlines()[0][:300]))
        except Exception as exc:  # a cleaning bug must not lose the input: it becomes a reject
            rejects.append(Reject(source=item.source, stage="clean", reason=f"cleaning failed: {type(exc).__name__}",
                                  detail=str(exc)[:300] or None))


def _article(document: RawDocument, rules: RuleResources | None) -> Article:
    cleaned = clean_document(document.text, title=document.title, published=document.published,
                             detect_title=document.format == "txt", rules=rules)
    empty = not cleaned.text.strip()
    return Article(id=article_id(cleaned.text, document.source if empty else None), source=document.source,
                   url=document.url, title=cleaned.title, published=cleaned.published, text=cleaned.text,
                   status="empty" if empty else "ok", dateline=cleaned.dateline, agency=cleaned.agency,
                   publisher=document.publisher, author=document.author, external_id=document.external_id, encoding=document.encoding,
                   encoding_errors=document.encoding_errors)
