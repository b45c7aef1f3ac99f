"""Organization names reduced to a comparison key, so hosts and roles from different articles agree."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.merge.text import fold

COUNTRIES = frozenset(
    fold(name)
    for name in """
afghanistan|albania|algeria|andorra|angola|antigua and barbuda|argentina|armenia|australia|austria|azerbaijan|
bahamas|bahrain|bangladesh|barbados|belarus|belgium|belize|benin|bhutan|bolivia|bosnia and herzegovina|botswana|
brazil|brunei|brunei darussalam|bulgaria|burkina faso|burundi|cabo verde|cape verde|cambodia|cameroon|canada|
central african republic|chad|chile|china|peoples republic of china|the peoples republic of china|colombia|comoros|
congo|democratic republic of the congo|republic of the congo|costa rica|cote divoire|croatia|cuba|cyprus|czechia|
czech republic|denmark|djibouti|dominica|dominican republic|ecuador|egypt|el salvador|equatorial guinea|eritrea|
estonia|eswatini|ethiopia|fiji|finland|france|gabon|gambia|georgia|germany|ghana|greece|grenada|guatemala|guinea|
guinea bissau|guyana|haiti|honduras|hungary|iceland|india|indonesia|the republic of indonesia|republic of indonesia|
iran|iraq|ireland|israel|italy|jamaica|japan|jordan|kazakhstan|kenya|kiribati|kuwait|kyrgyzstan|laos|lao pdr|
latvia|lebanon|lesotho|liberia|libya|liechtenstein|lithuania|luxembourg|madagascar|malawi|malaysia|maldives|mali|
malta|marshall islands|mauritania|mauritius|mexico|micronesia|moldova|monaco|mongolia|montenegro|morocco|
mozambique|myanmar|namibia|nauru|nepal|netherlands|new zealand|nicaragua|niger|nigeria|north korea|
north macedonia|norway|oman|pakistan|palau|palestine|panama|papua new guinea|paraguay|peru|philippines|
the philippines|poland|portugal|qatar|romania|russia|russian federation|rwanda|saint kitts and nevis|saint lucia|
saint vincent and the grenadines|samoa|san marino|sao tome and principe|saudi arabia|senegal|serbia|seychelles|
sierra leone|singapore|slovakia|slovenia|solomon islands|somalia|south africa|south korea|korea|
republic of korea|the republic of korea|south sudan|spain|sri lanka|sudan|suriname|sweden|switzerland|syria|
taiwan|tajikistan|tanzania|thailand|timor leste|togo|tonga|trinidad and tobago|tunisia|turkey|turkiye|
turkmenistan|tuvalu|uganda|ukraine|united arab emirates|uae|united kingdom|uk|u k|britain|great britain|
united states|united states of america|the united states|the united states of america|us|u s|usa|america|
uruguay|uzbekistan|vanuatu|vatican|venezuela|vietnam|viet nam|yemen|zambia|zimbabwe
""".replace("\n", "").split("|")
    if name.strip()
)

_POSSESSIVE_PREFIX = re.compile(r"^(?:the )?(?P<owner>.+?)(?:'s|\u2019s|s') (?P<rest>.+)$", re.IGNORECASE)
_PARENTHESES = re.compile(r"\s*\([^)]*\)")


def _drop_country_tail(key: str) -> str:
    """'ministry of foreign affairs of japan' -> 'ministry of foreign affairs'.

    Only a known country is dropped, and only after a name that has its own "of" ("Bank of Japan" stays).
    """
    parts = key.split(" of ")
    for cut in range(2, len(parts)):
        tail = " of ".join(parts[cut:])
        if tail in COUNTRIES:
            return " of ".join(parts[:cut])
    return key


@lru_cache(maxsize=65536)
def normalize_org(name: str | None) -> str:
    """A comparison key for an organization name.

    Case and accents are ignored, and so are a leading "the", a parenthesized acronym, a possessive country
    prefix ("Japan's Ministry of X") and a trailing "of <country>" ("Ministry of X of Japan").
    """
    if not name:
        return ""
    text = _PARENTHESES.sub("", name).strip()
    possessive = _POSSESSIVE_PREFIX.match(text)
    if possessive and fold(possessive.group("owner")) in COUNTRIES:
        text = possessive.group("rest")
    key = fold(text)
    if key.startswith("the "):
        key = key[4:]
    key = _drop_country_tail(key)
    return key or fold(name)


def display_forms(names: list[str]) -> list[str]:
    """One form per normalized key, the longest (then alphabetically first), sorted."""
    best: dict[str, str] = {}
    for name in names:
        if not name or not name.strip():
            continue
        key = normalize_org(name)
        current = best.get(key)
        if current is None or (len(name), _reverse(name)) > (len(current), _reverse(current)):
            best[key] = name.strip()
    return sorted(best.values(), key=lambda form: (form.casefold(), form))


def _reverse(text: str) -> tuple[int, ...]:
    """Sort helper: greater for alphabetically earlier text, so max() picks the first."""
    return tuple(-ord(ch) for ch in text)


COUNTRY_ALIASES = {
    "us": "united states", "u s": "united states", "usa": "united states", "u s a": "united states",
    "america": "united states", "united states of america": "united states",
    "uk": "united kingdom", "u k": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "peoples republic of china": "china", "prc": "china", "republic of korea": "south korea", "korea": "south korea",
    "rok": "south korea", "russian federation": "russia", "viet nam": "vietnam", "lao pdr": "laos",
    "turkiye": "turkey", "czech republic": "czechia", "republic of indonesia": "indonesia",
    "brunei darussalam": "brunei", "cape verde": "cabo verde", "uae": "united arab emirates",
}


@lru_cache(maxsize=4096)
def normalize_country(name: str | None) -> str:
    """A comparison key for a country name ("U.S." = "the United States")."""
    key = fold(name or "")
    if key.startswith("the "):
        key = key[4:]
    return COUNTRY_ALIASES.get(key, key)
