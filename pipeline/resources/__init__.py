"""Everything the rules know, in one folder: word lists, patterns and thresholds, loaded into one `RuleResources`.

The bundled folder is this package's own; a copy with edited files can be given instead (`RuleResources.load(path)`,
or the `resources` setting of the spaCy components and of `ingest`). Nothing else in the package holds a word list.
See README.md in this folder for what each file is.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

BUNDLED = Path(__file__).resolve().parent
DATA_SUFFIXES = (".txt", ".tsv", ".jsonl", ".json")

_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """Lower case without accents; every run of punctuation or space becomes one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.casefold().replace("&", " and ").replace("'", "").replace("\u2019", "")
    return _NON_WORD.sub(" ", plain).replace("_", " ").strip()


def _entries(folder: Path, name: str) -> tuple[str, ...]:
    """The entries of a one-per-line list, without blank lines and `#` comments."""
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


def _lower_set(folder: Path, name: str) -> frozenset[str]:
    return frozenset(entry.lower() for entry in _entries(folder, name))


def _patterns(folder: Path, name: str) -> tuple[dict[str, Any], ...]:
    rows = []
    for number, line in enumerate((folder / name).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{folder / name} line {number}: invalid JSON: {exc.msg}") from exc
    return tuple(rows)


def _data_files(folder: Path) -> list[Path]:
    return [path for path in sorted(folder.iterdir()) if path.is_file() and path.suffix in DATA_SUFFIXES]


def _fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in _data_files(folder):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True, eq=False)
class RuleResources:
    """The rule stage's knowledge, read once from a resource folder; compared and hashed by content."""

    folder: Path
    fingerprint: str
    titles: frozenset[str]
    title_modifiers: frozenset[str]
    honorifics: frozenset[str]
    phrases_as_written: dict[str, tuple[str, ...]]
    post_nominals: frozenset[str]
    org_heads: frozenset[str]
    portfolio_words: frozenset[str]
    not_people: frozenset[str]
    never_name_words: frozenset[str]
    name_particles: frozenset[str]
    countries: dict[str, str]
    meeting_nouns: dict[str, str]
    meeting_noun_conditions: dict[str, str]
    meeting_triggers: tuple[dict[str, Any], ...]
    non_meeting_modifiers: frozenset[str]
    non_meeting_objects: frozenset[str]
    meeting_event_verbs: frozenset[str]
    meeting_activity_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    hypothetical_words: frozenset[str]
    participant_role_verbs: dict[str, str]
    attendance_verbs: dict[str, str]
    city_states: frozenset[str]
    place_nouns: frozenset[str]
    meeting_name_heads: tuple[str, ...]
    delegate_nouns: frozenset[str]
    summit_members: tuple[str, ...]
    attendance_by_object: frozenset[str]
    ordinals: dict[str, int]
    venue_words: tuple[str, ...]
    venue_nouns: frozenset[str]
    region_words: tuple[str, ...]
    landform_words: tuple[str, ...]
    participant_roles: tuple[str, ...]
    single_holder_titles: frozenset[str]
    nicknames: dict[str, str]
    boilerplate: tuple[str, ...]
    footer_markers: frozenset[str]
    agencies: dict[str, str]
    thresholds: dict[str, float]

    def __hash__(self) -> int:
        return hash(self.fingerprint)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RuleResources) and other.fingerprint == self.fingerprint

    @classmethod
    def load(cls, folder: str | Path | None = None) -> "RuleResources":
        """The resources of `folder` (default: the bundled one), read once per folder and content."""
        path = Path(folder).resolve() if folder else BUNDLED
        return _load(path, _fingerprint(path))

    @classmethod
    def bundled(cls) -> "RuleResources":
        return _bundled()

    def save(self, folder: str | Path) -> None:
        """Copy the data files these resources were read from into `folder` (created if needed)."""
        target = Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        for path in _data_files(self.folder):
            shutil.copyfile(path, target / path.name)

    @property
    def whole_words(self) -> list[str]:
        """Hyphenated words the tokenizer must not split ("co-chair"): the role and attendance verbs."""
        return sorted(w for w in {*self.participant_role_verbs, *self.attendance_verbs} if "-" in w)

    def is_country(self, phrase: str) -> bool:
        """Whether a place name is a country's and not (also) its capital's."""
        return self.country_of(phrase) is not None and fold(phrase.removeprefix("the ")) not in self.city_states

    def country_of(self, phrase: str) -> str | None:
        """The country a name or nationality adjective refers to ("Japanese" -> "Japan"), else None."""
        key = phrase.lower().strip()
        if key.startswith("the "):
            key = key[4:]
        return self.countries.get(key)

    def country_key(self, name: str | None) -> str:
        """A comparison key for a country name: "U.S." and "the United States" give the same key."""
        key = fold(name or "")
        key = key[4:] if key.startswith("the ") else key
        return self.folded_countries.get(key, key)

    @property
    def folded_countries(self) -> dict[str, str]:
        return _folded_countries(self)

    @property
    def honorific_phrases(self) -> tuple[tuple[str, ...], ...]:
        """Honorifics as folded word tuples ("H.E." -> ("h", "e")), longest first."""
        return _honorific_phrases(self)

    def threshold(self, name: str) -> float:
        return self.thresholds[name]

    def role_strength(self, role: str) -> int:
        """Higher for stronger roles (chair > co-chair > host > speaker > participant)."""
        return len(self.participant_roles) - self.participant_roles.index(role)


@lru_cache(maxsize=8)
def _load(folder: Path, fingerprint: str) -> RuleResources:
    countries: dict[str, str] = {}
    for entry in _entries(folder, "countries.tsv"):
        name, _, others = entry.partition("\t")
        for form in [name, *filter(None, others.split("|"))]:
            countries.setdefault(form.lower(), name)
    meeting_nouns, meeting_noun_conditions = {}, {}
    for entry in _entries(folder, "meeting_nouns.tsv"):
        noun, kind, condition = (entry.split("\t") + ["", ""])[:3]
        meeting_nouns[noun.lower()] = kind or "meeting"
        if condition:
            meeting_noun_conditions[noun.lower()] = condition
    role_verbs, attendance = {}, {}
    for entry in _entries(folder, "participant_role_verbs.tsv"):
        verb, _, role = entry.partition("\t")
        role_verbs[verb.lower()] = role
    sent_by_object = set()
    for entry in _entries(folder, "attendance_verbs.tsv"):
        word, role, slot = (entry.split("\t") + ["", ""])[:3]
        attendance[word.lower()] = role
        if slot == "object":
            sent_by_object.add(word.lower())
    ordinals = {}
    for entry in _entries(folder, "ordinals.tsv"):
        word, _, number = entry.partition("\t")
        ordinals[word.lower()] = int(number)
    nicknames = {}
    for entry in _entries(folder, "nicknames.tsv"):
        full, _, shorts = entry.partition("\t")
        for short in filter(None, shorts.split("|")):
            nicknames[short.lower()] = full.lower()
    titles = _lower_set(folder, "titles.txt")
    return RuleResources(
        folder=folder,
        fingerprint=fingerprint,
        titles=titles,
        title_modifiers=_lower_set(folder, "title_modifiers.txt"),
        honorifics=_lower_set(folder, "honorifics.txt"),
        phrases_as_written={"title": _entries(folder, "titles.txt"), "honorific": _entries(folder, "honorifics.txt")},
        post_nominals=_lower_set(folder, "post_nominals.txt"),
        org_heads=_lower_set(folder, "org_heads.txt"),
        portfolio_words=_lower_set(folder, "portfolio_words.txt"),
        not_people=_lower_set(folder, "not_people.txt"),
        never_name_words=_lower_set(folder, "never_name_words.txt"),
        name_particles=_lower_set(folder, "name_particles.txt"),
        countries=countries,
        meeting_nouns=meeting_nouns,
        meeting_noun_conditions=meeting_noun_conditions,
        meeting_triggers=_patterns(folder, "meeting_triggers.jsonl"),
        non_meeting_modifiers=_lower_set(folder, "non_meeting_modifiers.txt"),
        non_meeting_objects=_lower_set(folder, "non_meeting_objects.txt"),
        meeting_event_verbs=_lower_set(folder, "meeting_event_verbs.txt"),
        meeting_activity_verbs=_lower_set(folder, "meeting_activity_verbs.txt"),
        reporting_verbs=_lower_set(folder, "reporting_verbs.txt"),
        hypothetical_words=_lower_set(folder, "hypothetical_words.txt"),
        participant_role_verbs=role_verbs,
        attendance_verbs=attendance,
        city_states=frozenset(fold(e) for e in _entries(folder, "city_states.txt")),
        place_nouns=_lower_set(folder, "place_nouns.txt"),
        meeting_name_heads=tuple(_entries(folder, "meeting_name_heads.txt")),
        delegate_nouns=_lower_set(folder, "delegate_nouns.txt"),
        summit_members=tuple(e.lower() for e in _entries(folder, "summit_members.txt")),
        attendance_by_object=frozenset(sent_by_object),
        ordinals=ordinals,
        venue_words=_entries(folder, "venue_words.txt"),
        venue_nouns=_lower_set(folder, "venue_nouns.txt"),
        region_words=_entries(folder, "region_words.txt"),
        landform_words=_entries(folder, "landform_words.txt"),
        participant_roles=_entries(folder, "participant_roles.txt"),
        single_holder_titles=frozenset(fold(t) for t in _entries(folder, "single_holder_titles.txt")),
        nicknames=nicknames,
        boilerplate=_entries(folder, "boilerplate.txt"),
        footer_markers=_lower_set(folder, "footer_markers.txt"),
        agencies={form.lower(): (name or form) for form, _, name in
                  (entry.partition("\t") for entry in _entries(folder, "agencies.txt"))},
        thresholds=json.loads((folder / "thresholds.json").read_text(encoding="utf-8")),
    )


@lru_cache(maxsize=1)
def _bundled() -> RuleResources:
    return RuleResources.load(BUNDLED)


@lru_cache(maxsize=8)
def _folded_countries(rules: RuleResources) -> dict[str, str]:
    folded: dict[str, str] = {}
    for form, name in rules.countries.items():
        key = fold(form)
        folded.setdefault(key[4:] if key.startswith("the ") else key, fold(name))
    return folded


@lru_cache(maxsize=8)
def _honorific_phrases(rules: RuleResources) -> tuple[tuple[str, ...], ...]:
    phrases = {tuple(fold(entry).split()) for entry in rules.honorifics}
    return tuple(sorted((p for p in phrases if p), key=lambda p: (-len(p), p)))
