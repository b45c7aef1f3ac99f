"""An evaluation written out: the table of figures, the details by article, and JSON."""
from __future__ import annotations

from typing import Any

from pipeline.evaluate.figures import Counts, Detail, Evaluation, Ratio


def _shorten(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_table(evaluation: Evaluation) -> str:
    """The metrics as an aligned table, the score last."""
    rows = [("metric", "P", "R", "F1", "tp", "fp", "fn")]
    for name, counts in (("people", evaluation.people), ("roles", evaluation.roles),
                         ("meetings", evaluation.meetings), ("participants", evaluation.participants),
                         ("dedup pairs", evaluation.dedup)):
        rows.append((name, f"{counts.precision:.3f}", f"{counts.recall:.3f}", f"{counts.f1:.3f}",
                     str(counts.tp), str(counts.fp), str(counts.fn)))
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) if c == 0 else cell.rjust(w) for c, (cell, w) in enumerate(zip(row, widths)))
             for row in rows]
    lines.append("")
    ratios = [("meeting dates", evaluation.dates), ("meeting places", evaluation.places),
              ("attributes", evaluation.attributes), ("articles read", evaluation.articles_read), ("article published", evaluation.published),
              ("article titles", evaluation.titles)]
    name_width = max(len(name) for name, _ in ratios)
    fraction_width = max(len(f"{r.correct}/{r.total}") for _, r in ratios)
    for name, ratio in ratios:
        lines.append(f"{name.ljust(name_width)}  {f'{ratio.correct}/{ratio.total}'.rjust(fraction_width)}"
                     f"  {ratio.value:.3f}")
    lines.append("")
    lines.append(f"score {evaluation.score:.3f} ("
                 + " ".join(f"{name} {value:.2f}" for name, value in evaluation.parts.items()) + ")")
    return "\n".join(lines)


def format_details(evaluation: Evaluation) -> str:
    """Every miss, extra and error grouped by article, each with the evidence text of the output record."""
    by_article: dict[str, list[Detail]] = {}
    for detail in evaluation.details:
        by_article.setdefault(detail.article or "(across articles)", []).append(detail)
    lines = []
    for article in sorted(by_article):
        lines.append(article)
        for detail in by_article[article]:
            lines.append(f"  {detail.kind:<14} {detail.message}")
            lines += [f"      evidence: {_shorten(text)!r}" for text in detail.evidence]
    return "\n".join(lines) if lines else "no misses, extras or errors"


def _counts_json(counts: Counts) -> dict[str, Any]:
    return {"precision": counts.precision, "recall": counts.recall, "f1": counts.f1,
            "tp": counts.tp, "fp": counts.fp, "fn": counts.fn}


def _ratio_json(ratio: Ratio) -> dict[str, Any]:
    return {"correct": ratio.correct, "total": ratio.total, "accuracy": ratio.value}


def to_json(evaluation: Evaluation, with_details: bool = True) -> dict[str, Any]:
    """A JSON-ready dict: `parts` and `score` as in `score.py --json`, every metric, and the details."""
    result: dict[str, Any] = {
        "parts": evaluation.parts,
        "score": evaluation.score,
        "metrics": {
            "people": _counts_json(evaluation.people),
            "roles": _counts_json(evaluation.roles),
            "meetings": _counts_json(evaluation.meetings),
            "participants": _counts_json(evaluation.participants),
            "dedup": _counts_json(evaluation.dedup),
            "dates": _ratio_json(evaluation.dates),
            "places": _ratio_json(evaluation.places),
            "attributes": _ratio_json(evaluation.attributes),
        },
        "articles": {
            "read": _ratio_json(evaluation.articles_read),
            "published": _ratio_json(evaluation.published),
            "titles": _ratio_json(evaluation.titles),
        },
    }
    if with_details:
        result["details"] = [
            {"kind": d.kind, "record": d.record, "article": d.article, "message": d.message,
             "evidence": list(d.evidence)}
            for d in evaluation.details
        ]
    return result
