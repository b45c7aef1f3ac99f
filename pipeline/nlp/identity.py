"""What cached work depends on, hashed into the cache keys.

* a parse depends on the text and the statistical model: its name, version and the configuration of the
  components that run before the rules (plus the chunk size used for long texts and the words the rule
  resources make the tokenizer keep whole);
* an article's extracted records depend on that, the whole `nlp.config`, the rule resources
  (`rules_fingerprint(nlp)`), and the code: the package version and a hash of every file under `pipeline/`,
  so that editing a date rule or a merge word list refreshes cached results too.

Loading a spaCy model costs a second or two, so an output folder remembers the identity it last computed,
keyed by the requested model, a cheap stamp of the installed model files and the code hash: a re-run with
nothing new to extract never loads the model.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from pipeline import __version__, safe_json
from pipeline.write.jsonl import atomic_write_bytes

PACKAGE_DIR = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class ModelIdentity:
    name: str
    version: str
    parse_key: str
    results_key: str


def identify(nlp, *, chunk_chars: int) -> ModelIdentity:
    """The identity of a loaded pipeline (built by `pipeline.extract.load_pipeline`)."""
    from pipeline.extract import rules_fingerprint, statistical_only
    from pipeline.extract.components import rule_resources

    meta = nlp.meta
    name, version = f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}", str(meta.get("version", "0"))
    with statistical_only(nlp):
        statistical = list(nlp.pipe_names)
    config = nlp.config
    parse = {"model": [name, version], "nlp": config["nlp"], "chunk_chars": chunk_chars,
             "tokenizer_words": rule_resources(nlp).whole_words,
             "components": {component: config["components"].get(component) for component in statistical}}
    results = {"parse": _hash(parse), "config": _hash(config.to_str()), "rules": rules_fingerprint(nlp),
               "version": __version__, "code": code_fingerprint()}
    return ModelIdentity(name, version, _hash(parse), _hash(results))


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of every source and data file of the package (compiled files aside)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode("utf-8", "surrogateescape"))
            digest.update(b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def installed_model_stamp(requested: str | None) -> str | None:
    """A hash of the installed model's meta.json and config.cfg files, found without importing spaCy.

    None when the model cannot be located this way (the caller then loads it)."""
    from pipeline.nlp.model import DEFAULT_MODEL, FALLBACK_MODELS

    for candidate in [requested] if requested else [DEFAULT_MODEL, *FALLBACK_MODELS]:
        folder = _model_folder(candidate)
        if folder is not None:
            files = sorted([*folder.glob("meta.json"), *folder.glob("*/meta.json"), *folder.glob("config.cfg"),
                            *folder.glob("*/config.cfg")])
            if not files:
                return None
            digest = hashlib.sha256(str(folder).encode("utf-8", "surrogateescape"))
            for path in files:
                digest.update(path.read_bytes())
            return digest.hexdigest()[:16]
    return None


def _model_folder(name: str) -> Path | None:
    path = Path(name)
    if path.is_dir():
        return path.resolve()
    if not name.isidentifier():
        return None
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))).resolve()


class RememberedIdentity:
    """The identity last computed for a requested model, stored in the output folder's cache."""

    def __init__(self, cache_dir: Path, requested: str | None, chunk_chars: int, rules: str = ""):
        self.path = cache_dir / "model.json"
        self.context = {"requested": requested or "", "chunk_chars": chunk_chars, "rules": rules,
                        "stamp": installed_model_stamp(requested), "code": code_fingerprint()}

    def load(self) -> ModelIdentity | None:
        if self.context["stamp"] is None:
            return None
        try:
            state = json.loads(self.path.read_text(encoding="utf-8"))
            if state.get("context") != self.context:
                return None
            return ModelIdentity(**state["identity"])
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def save(self, identity: ModelIdentity) -> None:
        state = {"context": self.context, "identity": asdict(identity)}
        atomic_write_bytes(self.path, safe_json.dumps(state).encode("utf-8"), sync=False)


def _hash(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
