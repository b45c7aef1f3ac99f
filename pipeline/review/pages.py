"""The review page as HTML: served live with its session token, or exported as one self-contained read-only file."""
from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"
STYLESHEET_TAG = '<link rel="stylesheet" href="/static/app.css">'
SCRIPT_TAG = '<script src="/static/app.js"></script>'
CONFIG_SLOT = "__CONVENE_CONFIG__"
DATA_SLOT = "__CONVENE_DATA__"


def embedded_json(value: object) -> str:
    """JSON safe inside a `<script type="application/json">` element: `<`, `>` and `&` are escaped."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def live_page(token: str, reviewer: str) -> str:
    """The page served by `convene review`: loads its data from the JSON API and posts decisions with `token`."""
    config = {"mode": "live", "token": token, "reviewer": reviewer}
    return _template().replace(CONFIG_SLOT, embedded_json(config)).replace(DATA_SLOT, "null")


def static_page(bundle: dict) -> str:
    """One self-contained read-only HTML file: data, style and script inline, no requests, no decisions."""
    script = (STATIC_DIR / "app.js").read_text(encoding="utf-8")
    style = (STATIC_DIR / "app.css").read_text(encoding="utf-8")
    if "</script" in script.lower() or "</style" in style.lower():
        raise ValueError("static assets must not close their own element")
    script_hash = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    policy = (
        f"default-src 'none'; script-src 'sha256-{script_hash}'; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    page = _template()
    page = page.replace("<head>", f'<head>\n<meta http-equiv="Content-Security-Policy" content="{policy}">', 1)
    page = page.replace(STYLESHEET_TAG, f"<style>{style}</style>")
    page = page.replace(SCRIPT_TAG, f"<script>{script}</script>")
    config = {"mode": "static", "token": None, "reviewer": None}
    return page.replace(CONFIG_SLOT, embedded_json(config)).replace(DATA_SLOT, embedded_json(bundle))


def _template() -> str:
    return (STATIC_DIR / "index.html").read_text(encoding="utf-8")
