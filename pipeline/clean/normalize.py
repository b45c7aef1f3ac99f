"""Unicode normalization: NFKC, odd spaces and invisible characters."""
from __future__ import annotations

import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalize_unicode(text: str) -> str:
    """NFKC-normalize, drop zero-width characters and soft hyphens, unify line ends and horizontal spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    text = unicodedata.normalize("NFKC", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
