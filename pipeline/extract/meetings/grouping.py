"""Mentions to meetings: the mentions of one real meeting in an article ("met", "the talks", "Monday's meeting")
become one group; a mention with nothing of its own joins a meeting of its own kind next to it or is dropped."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pipeline.extract.meetings.mentions import Mention
from pipeline.extract.meetings.patterns import SEPARATE

KIND_SPECIFICITY = {"summit": 4, "conference": 3, "virtual": 2, "call": 2, "meeting": 0}
NEIGHBOUR_SENTENCES = 1
# a mention is compared with the meetings told in the sentences before it up to this far back (and with the
# article's most told meeting and the named ones): long texts group in linear time
WINDOW_SENTENCES = 60
ONE_DAY = dt.timedelta(days=1)


def _open_min(a: dt.date, b: dt.date) -> dt.date:
    """The earlier first day, where dt.date.min stands for a first day not given."""
    known = [d for d in (a, b) if d != dt.date.min]
    return min(known) if known else dt.date.min


def mention_days(mention: Mention) -> tuple[dt.date, dt.date] | None:
    """The days a mention's own dates give, read in its tense: its first dated day or range, a last day from an
    ending clause ("to end on Wednesday"), or a length ("four days of talks")."""
    start = end = None
    for date in mention.dates:
        first, last = mention.days_of(date)
        if first:
            start, end = first, last or first
            break
    length = dt.timedelta(days=(mention.duration_days or 1) - 1)
    for date in mention.end_dates:
        first, last = mention.days_of(date)
        if first and (start is None or first >= start):
            end = last or first
            start = start or (end - length if mention.duration_days else dt.date.min)
            break
    if start is not None and mention.duration_days and end == start:
        end = start + length
    return (start, end) if start is not None else None


@dataclass
class MentionGroup:
    mentions: list[Mention] = field(default_factory=list)
    bare: list[Mention] = field(default_factory=list)  # mentions with nothing of their own that joined
    shared: list[Mention] = field(default_factory=list)  # "both meetings were held at ...": said of several
    index: int = 0  # order in which the article first tells the meetings
    _cache: dict = field(default_factory=dict, repr=False)

    def add(self, mention: Mention) -> None:
        """Add a mention, bringing what the group says about itself up to date without reading every mention
        again (one meeting may be told a thousand times in a long text)."""
        self.mentions.append(mention)
        alone = MentionGroup([mention])
        cache = self._cache
        if "days" in cache:
            mine, its = cache["days"], alone.days()
            cache["days"] = (its if mine is None else mine if its is None else
                             (_open_min(mine[0], its[0]), max(mine[1], its[1])))
        for name in ("participants", "tenses", "places", "settings"):
            if name in cache:
                cache[name] = cache[name] | getattr(alone, name)
        for name in ("series", "ordinal"):
            if name in cache and cache[name] is None:
                cache[name] = getattr(alone, name)
        if "kind" in cache:
            cache["kind"] = max((cache["kind"], mention.kind), key=lambda k: KIND_SPECIFICITY.get(k, 0))
        if "last" in cache:
            cache["last"] = max(cache["last"], mention.sentence)

    def _cached(self, name: str, compute):
        if name not in self._cache:
            self._cache[name] = compute()
        return self._cache[name]

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    @property
    def last_sentence(self) -> int:
        return self._cached("last", lambda: max(m.sentence for m in self.mentions))

    @property
    def all_mentions(self) -> list[Mention]:
        return sorted(self.mentions + self.bare + self.shared, key=lambda m: m.start)

    @property
    def participants(self) -> set[int]:
        return self._cached("participants", lambda: {key for m in self.mentions for key in m.participants})

    @property
    def series(self) -> str | None:
        return self._cached("series", lambda: next((m.series for m in self.mentions if m.series and m.proper_name), None))

    @property
    def ordinal(self) -> int | None:
        return self._cached("ordinal", lambda: next((m.ordinal for m in self.mentions if m.ordinal), None))

    @property
    def kind(self) -> str:
        return self._cached("kind", lambda: max((m.kind for m in self.mentions),
                                                key=lambda k: KIND_SPECIFICITY.get(k, 0)))

    @property
    def tenses(self) -> set[str]:
        return self._cached("tenses", lambda: {m.tense for m in self.mentions
                                               if (m.verbal or m.dates) and not m.present})

    @property
    def settings(self) -> set[int]:
        return self._cached("settings", lambda: {m.setting_of for m in self.mentions if m.setting_of is not None})

    @property
    def places(self) -> set[str]:
        return self._cached("places", lambda: {p.text for m in self.mentions for p in m.places})

    def days(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day the group's mentions give (a mention giving only its last day starts open)."""
        return self._cached("days", self._days)

    def _days(self) -> tuple[dt.date, dt.date] | None:
        found = [d for d in (mention_days(m) for m in self.mentions) if d]
        if not found:
            return None
        starts = [d[0] for d in found if d[0] != dt.date.min] or [dt.date.min]
        return min(starts), max(d[1] for d in found)

    def holds(self, start: int) -> bool:
        return any(m.start == start for m in self.mentions + self.bare)


def _dates_agree(a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None) -> bool:
    if a is None or b is None:
        return True
    return a[0] <= b[1] + ONE_DAY and b[0] <= a[1] + ONE_DAY


def _similar_series(a: str, b: str) -> bool:
    la, lb = a.lower(), b.lower()
    if la in lb or lb in la:
        return True
    wa, wb = set(la.split()), set(lb.split())
    return len(wa & wb) / len(wa | wb) >= 0.75


def _kinds_agree(mention: Mention, group: MentionGroup) -> bool:
    """"The summit" refers to a summit, "the call" to a call; "the meeting" or "the talks" to any meeting."""
    kind = mention.kind
    if kind == "meeting" or group.kind == "meeting":
        return True
    return kind == group.kind or {kind, group.kind} <= {"meeting", "virtual", "conference", "summit"}


class MentionGrouping:
    """Groups one article's mentions, in text order, into meetings."""

    def __init__(self, mentions: list[Mention], sentence_texts: list[str]) -> None:
        self.mentions = [m for m in mentions if not m.dropped]
        self.sentence_texts = sentence_texts

    def groups(self) -> list[MentionGroup]:
        groups: list[MentionGroup] = []
        bare: list[Mention] = []
        plural: list[Mention] = []
        recent: dict[int, MentionGroup] = {}  # by creation index, the last updated last
        for mention in self.mentions:
            if mention.plural_reference and len(groups) >= 2:
                plural.append(mention)
                continue
            if not mention.has_content:
                bare.append(mention)
                continue
            target = self._target(mention, self._nearby(mention, groups, recent))
            if target is None:
                target = MentionGroup([mention], index=len(groups))
                groups.append(target)
            else:
                target.add(mention)
                del recent[target.index]
            recent[target.index] = target
        by_sentence: dict[int, list[MentionGroup]] = {}
        for group in groups:
            for m in group.mentions:
                by_sentence.setdefault(m.sentence, []).append(group)
        for mention in bare:
            neighbour = self._neighbour(mention, by_sentence)
            if neighbour is None and mention.anaphoric:
                earlier = [g for g in self._nearby(mention, groups, recent)
                           if g.mentions[0].start < mention.start and _kinds_agree(mention, g)]
                neighbour = self._antecedent(mention, earlier) if earlier else None
            if neighbour is not None:
                neighbour.bare.append(mention)
        for mention in plural:
            for group in self._nearby(mention, groups, recent):
                if group.mentions[0].start < mention.start:
                    group.shared.append(mention)
        for group in groups:
            group.mentions.sort(key=lambda m: m.start)
        return groups

    @staticmethod
    def _nearby(mention: Mention, groups: list[MentionGroup], recent: dict[int, MentionGroup]) -> list[MentionGroup]:
        """The meetings a mention may belong to, in the order they were first told: those told in the sentences
        before it up to WINDOW_SENTENCES back, the named ones, and the one told most (which "the meeting" may
        mean however far back): long texts group in linear time."""
        found: dict[int, MentionGroup] = {}
        for group in reversed(recent.values()):
            if mention.sentence - group.last_sentence > WINDOW_SENTENCES:
                break
            found[group.index] = group
        if mention.series:
            found.update((g.index, g) for g in groups if g.series)
        if mention.anaphoric and groups:
            main = max(groups, key=lambda g: (len(g.mentions), -g.index))
            found[main.index] = main
        return [found[i] for i in sorted(found)]

    def _target(self, mention: Mention, groups: list[MentionGroup]) -> MentionGroup | None:
        candidates = [g for g in groups if not (mention.setting_of is not None and g.holds(mention.setting_of))
                      and mention.start not in g.settings]
        days = mention_days(mention)
        if mention.names_meeting_of is not None:
            named = next((g for g in candidates if g.holds(mention.names_meeting_of)), None)
            if named is not None:
                return named
        if mention.series and mention.proper_name:
            for group in candidates:
                if group.series and _similar_series(group.series, mention.series) and (
                        not mention.ordinal or not group.ordinal or mention.ordinal == group.ordinal):
                    return group
        compatible = [g for g in candidates if _dates_agree(days, g.days()) and _kinds_agree(mention, g)]
        if mention.anaphoric and compatible:  # "the meeting with X": of the meetings X is at, if any
            sharing = [g for g in compatible if set(mention.participants) & g.participants]
            return self._antecedent(mention, sharing or compatible)
        separate = bool(SEPARATE.search(self.sentence_texts[mention.sentence]))
        for group in reversed(compatible):
            if separate or not mention.participants:
                continue
            shared = set(mention.participants) & group.participants
            if mention.partner_keys and not mention.partner_keys & group.participants:
                continue
            needed = 2 if len(mention.participants) >= 2 <= len(group.participants) else 1
            if mention.unnamed_partners or mention.indefinite:
                needed = 2
            elif needed > 1:
                needed = min(needed, len(mention.participants), len(group.participants))
            tenses = {mention.tense} if (mention.verbal or mention.dates) and not mention.present else set()
            if len(shared) >= needed and (not tenses or not group.tenses or tenses & group.tenses):
                return group
        places = {p.text for p in mention.places if p.field in ("venue", "city")}
        if places and mention.kind != "meeting":
            for group in reversed(compatible):
                if group.kind == mention.kind and places & group.places:
                    return group
        if days is not None and not mention.participants:
            for group in reversed(compatible):
                if group.days() is not None and group.kind == mention.kind and not separate and not group.participants:
                    return group
        return None

    @staticmethod
    def _antecedent(mention: Mention, groups: list[MentionGroup]) -> MentionGroup:
        """"The meeting": the meeting of the sentence before, or else the one the article speaks of most; "the
        conference" a conference, "the London conference" one held in London, if there is one."""
        same_kind = [g for g in groups if g.kind == mention.kind]
        groups = same_kind if mention.kind != "meeting" and same_kind else groups
        places = {p.text for p in mention.places}
        same_place = [g for g in groups if places & g.places]
        groups = same_place or groups
        recent = max(groups, key=lambda g: g.last_sentence)
        if mention.sentence - recent.last_sentence <= NEIGHBOUR_SENTENCES:
            return recent
        return max(groups, key=lambda g: (len(g.mentions), -min(m.start for m in g.mentions)))

    def _neighbour(self, mention: Mention, by_sentence: dict[int, list[MentionGroup]]) -> MentionGroup | None:
        """A mention with nothing of its own ("Talks aimed at averting strikes have ended") is the meeting of its
        kind in the nearest sentence that reports one, if that is no further than the next sentence."""
        best = None
        near = range(mention.sentence - NEIGHBOUR_SENTENCES, mention.sentence + NEIGHBOUR_SENTENCES + 1)
        groups = list({id(g): g for s in near for g in by_sentence.get(s, [])}.values())
        groups.sort(key=lambda g: g.index)
        for group in groups:
            if group.kind != mention.kind or (mention.setting_of is not None and group.holds(mention.setting_of)):
                continue
            distance = min(abs(m.sentence - mention.sentence) for m in group.mentions)
            if distance <= NEIGHBOUR_SENTENCES and (best is None or distance < best[0]):
                best = (distance, group)
        return best[1] if best else None
