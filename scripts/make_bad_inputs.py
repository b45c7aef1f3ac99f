"""Write a folder of bad inputs, one kind per subfolder, for testing that `convene ingest` survives them all.

usage: python scripts/make_bad_inputs.py FOLDER [--small]

Each kind says what must become of its files: an article, a reject (with words its reason must contain),
or either. `tests/test_robustness.py` runs one ingest over the small corpus and checks every expectation;
the full corpus (the default) has the sizes of the issue: a 1.2 M-character article, a 100 KB single token,
10,000 tiny files, a 4.9 MB file. Texts are made up here; no real article is copied.
"""
from __future__ import annotations

import argparse
import codecs
import json
import os
import shutil
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ARTICLE = ("Minister of Energy Karin Aalto met with Minister of Industry Piotr Zielinski in Helsinki on Monday "
           "to sign a pact on cross-border power lines. The two ministers agreed to meet again in the spring.")
HEADED = "Grid Pact Signed\n\nJune 4, 2024\n\n" + ARTICLE + "\n"
ARTICLE_WORDS = ARTICLE.split()


@dataclass(frozen=True)
class Scale:
    max_bytes: int
    long_chars: int
    token_chars: int
    tiny_files: int
    big_file_bytes: int


FULL = Scale(max_bytes=5_000_000, long_chars=1_200_000, token_chars=100_000, tiny_files=10_000,
             big_file_bytes=4_900_000)
SMALL = Scale(max_bytes=1_000_000, long_chars=120_000, token_chars=5_000, tiny_files=150, big_file_bytes=900_000)

Expect = tuple[str, str | None]  # ("article" | "reject" | "any", words the reject reason contains)
Builder = Callable[[Path, Scale], dict[str, Expect]]
KINDS: dict[str, Builder] = {}


def kind(name: str) -> Callable[[Builder], Builder]:
    def register(builder: Builder) -> Builder:
        KINDS[name] = builder
        return builder
    return register


def put(folder: Path, name: str | bytes, content: str | bytes) -> None:
    path = folder / os.fsdecode(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def prose(chars: int) -> str:
    """Made-up paragraphs of about `chars` characters, each naming different people and places."""
    paragraphs, size, n = [], 0, 0
    while size < chars:
        n += 1
        paragraph = (f"Minister of Trade Person{n} Example met with Minister of Finance Other{n} Sample in City{n % 50} "
                     f"on Monday to discuss tariffs on item {n}. The talks, the {n}th of their kind, ended on time. "
                     "Officials said both sides agreed to continue the dialogue next month.")
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:chars]


@kind("text over the model's max_length")
def _long(folder, scale):
    put(folder, "long.txt", "Trade Talks Marathon\n\nMay 6, 2024\n\n" + prose(scale.long_chars))
    return {"long.txt": ("article", None)}


@kind("one very long token")
def _token(folder, scale):
    put(folder, "token.txt", "x" * scale.token_chars)
    return {"token.txt": ("any", None)}


@kind("integer over 4,300 digits in JSON")
def _big_int(folder, scale):
    put(folder, "bigint.json", '{"text": "' + ARTICLE + '", "views": ' + "7" * 5000 + "}")
    put(folder, "bigint.jsonl", json.dumps({"text": ARTICLE}) + "\n" + '{"text": "x", "n": ' + "7" * 5000 + "}\n")
    return {"bigint.json": ("reject", "number longer"), "bigint.jsonl#1": ("article", None),
            "bigint.jsonl#2": ("reject", "number longer")}


@kind("deeply nested JSON")
def _deep(folder, scale):
    put(folder, "deep.json", "[" * 200_000 + "]" * 200_000)
    put(folder, "deep.jsonl", '{"text": "a", "x": ' + "[" * 50_000 + "]" * 50_000 + "}\n")
    return {"deep.json": ("reject", "nested deeper"), "deep.jsonl#1": ("reject", "nested deeper")}


@kind("file name that is not UTF-8")
def _name(folder, scale):
    put(folder, b"caf\xe9-\xff.txt", HEADED)
    return {"caf\udce9-\udcff.txt": ("article", None)}


@kind("UTF-8 with one stray byte")
def _stray(folder, scale):
    put(folder, "stray.txt", ("Talks in Z\u00fcrich\n\n" + ARTICLE).encode() + b" \xff\n")
    return {"stray.txt": ("article", None)}


@kind("legacy cp1252 text")
def _cp1252(folder, scale):
    put(folder, "cp1252.txt", ("Caf\u00e9 talks \u201cended\u201d.\n\n" + ARTICLE).encode("cp1252"))
    return {"cp1252.txt": ("article", None)}


@kind("Shift JIS text")
def _sjis(folder, scale):
    put(folder, "sjis.txt", ("\u6771\u4eac\u3067\u9996\u8133\u4f1a\u8b70\u304c\u958b\u304b\u308c\u305f\u3002" * 5)
        .encode("shift_jis"))
    return {"sjis.txt": ("any", None)}


@kind("hidden file")
def _hidden(folder, scale):
    put(folder, ".notes.txt", HEADED)
    return {".notes.txt": ("reject", "hidden file")}


@kind("hidden folder")
def _hidden_folder(folder, scale):
    put(folder, ".git/objects/readme.txt", HEADED)
    return {".git": ("reject", "hidden folder")}


@kind("an earlier output folder inside the input")
def _output_folder(folder, scale):
    put(folder, "old-run/articles.jsonl", json.dumps({"id": "a-1", "text": ARTICLE, "source": "x.txt"}) + "\n")
    put(folder, "old-run/manifest.json", "{}")
    put(folder, "old-run/.convene/lock", "")
    return {"old-run": ("reject", "output folder")}


@kind("zero-width characters")
def _zero_width(folder, scale):
    put(folder, "zw.txt", HEADED.replace("Karin", "Ka\u200brin").replace(" met", "\u200d\u2060 met\ufeff"))
    return {"zw.txt": ("article", None)}


@kind("bidirectional controls")
def _bidi(folder, scale):
    put(folder, "bidi.txt", "\u202eGrid Pact\u202c\n\n" + ARTICLE.replace("Helsinki", "\u2067Helsinki\u2069") + "\u200f")
    return {"bidi.txt": ("article", None)}


@kind("NUL bytes")
def _nul(folder, scale):
    put(folder, "nul.txt", HEADED.encode() + b"\x00\x00" + ARTICLE.encode())
    return {"nul.txt": ("reject", "binary")}


@kind("CRLF line ends")
def _crlf(folder, scale):
    put(folder, "crlf.txt", HEADED.replace("\n", "\r\n"))
    return {"crlf.txt": ("article", None)}


@kind("CR-only line ends")
def _cr(folder, scale):
    put(folder, "cr.txt", HEADED.replace("\n", "\r"))
    return {"cr.txt": ("article", None)}


@kind("byte order marks")
def _boms(folder, scale):
    put(folder, "bom-utf8.txt", codecs.BOM_UTF8 + HEADED.encode())
    put(folder, "bom-utf16.txt", HEADED.encode("utf-16"))
    put(folder, "bom-utf16be.md", codecs.BOM_UTF16_BE + HEADED.encode("utf-16-be"))
    put(folder, "bom-utf32.txt", HEADED.encode("utf-32"))
    return {name: ("article", None) for name in ("bom-utf8.txt", "bom-utf16.txt", "bom-utf16be.md", "bom-utf32.txt")}


@kind("line separators U+2028, U+2029, U+0085 inside text")
def _separators(folder, scale):
    put(folder, "separators.txt", HEADED.replace(". The", ".\u2028The").replace("spring", "spring\u2029\u0085"))
    put(folder, "separators.jsonl", json.dumps({"text": ARTICLE.replace(". ", ".\u2028")}, ensure_ascii=False) + "\n")
    return {"separators.txt": ("article", None), "separators.jsonl#1": ("article", None)}


@kind("many tiny files")
def _tiny(folder, scale):
    expected = {}
    for n in range(scale.tiny_files):
        name = f"tiny/{n:05d}.txt"
        put(folder, name, f"Note {n}: {ARTICLE_WORDS[n % len(ARTICLE_WORDS)]} talks {n}.")
        expected[name] = ("any", None)
    return expected


@kind("a file just under the size limit")
def _big_file(folder, scale):
    script = "<script>var data = '" + "z" * (scale.big_file_bytes - 2000) + "';</script>"
    put(folder, "big.html", f"<html><head><title>Big page</title>{script}</head><body><article><p>{ARTICLE}</p>"
                            f"<p>{ARTICLE}</p></article></body></html>")
    return {"big.html": ("any", None)}


@kind("a file over the size limit")
def _too_big(folder, scale):
    put(folder, "huge.txt", "a" * (scale.max_bytes + 1))
    return {"huge.txt": ("reject", "too large")}


@kind("JSON with duplicate keys")
def _duplicate_keys(folder, scale):
    put(folder, "dupkeys.json", '{"text": "first", "text": "' + ARTICLE + '", "title": "A", "title": "B"}')
    return {"dupkeys.json": ("article", None)}


@kind("YAML alias bomb in front matter")
def _yaml_bomb(folder, scale):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    put(folder, "bomb.md", "---\ntitle: Bomb\n" + "\n".join(lines) + "\n---\n\n" + ARTICLE + "\n")
    return {"bomb.md": ("any", None)}


@kind("invalid YAML front matter")
def _bad_yaml(folder, scale):
    put(folder, "badyaml.md", "---\ntitle: [unclosed\n---\n" + ARTICLE)
    return {"badyaml.md": ("reject", "YAML")}


@kind("HTML entity bomb")
def _entity_bomb(folder, scale):
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(8))
    put(folder, "entities.html", f"<!DOCTYPE html [{entities}]><html><body><article><p>&i;</p><p>{ARTICLE}</p>"
                                 "</article></body></html>")
    return {"entities.html": ("any", None)}


@kind("deeply nested HTML")
def _deep_html(folder, scale):
    put(folder, "deep.html", "<html><body>" + "<div>" * 20_000 + f"<p>{ARTICLE}</p>" + "</div>" * 20_000 + "</body></html>")
    return {"deep.html": ("any", None)}


@kind("deeply nested Markdown")
def _deep_markdown(folder, scale):
    put(folder, "quotes.md", "> " * 5_000 + ARTICLE + "\n\n" + "[" * 5_000 + "](" * 5_000 + "\n\n" + ARTICLE)
    return {"quotes.md": ("any", None)}


@kind("a link to a missing file (a file that vanished)")
def _dangling(folder, scale):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "gone.txt").symlink_to(folder / "no-such-file.txt")
    return {"gone.txt": ("reject", "cannot read")}


@kind("a named pipe")
def _fifo(folder, scale):
    folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(folder / "pipe.txt")
    return {"pipe.txt": ("reject", "not a regular file")}


@kind("a socket")
def _socket(folder, scale):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "s.txt"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(path))
    finally:
        sock.close()
    return {"s.txt": ("reject", "not a regular file")}


@kind("a link to a folder")
def _folder_link(folder, scale):
    put(folder, "real/story.txt", HEADED.replace("Helsinki", "Tampere"))
    (folder / "linked").symlink_to(folder / "real", target_is_directory=True)
    return {"real/story.txt": ("article", None), "linked": ("reject", "link to a folder")}


@kind("empty and whitespace-only files")
def _empty(folder, scale):
    put(folder, "empty.txt", b"")
    put(folder, "blank.md", " \n\t\n")
    put(folder, "bom-only.txt", codecs.BOM_UTF8)
    return {"empty.txt": ("reject", "empty"), "blank.md": ("reject", "whitespace"), "bom-only.txt": ("reject", "")}


@kind("binary data")
def _binary(folder, scale):
    put(folder, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    put(folder, "controls.txt", bytes(range(1, 9)) * 500)
    return {"image.txt": ("reject", "binary"), "controls.txt": ("reject", "binary")}


@kind("unsupported file types")
def _unsupported(folder, scale):
    put(folder, "slides.pdf", b"%PDF-1.4")
    put(folder, "LICENSE", "Some licence words.")
    return {"slides.pdf": ("reject", "unsupported"), "LICENSE": ("reject", "unsupported")}


@kind("malformed JSON and JSON that is no article")
def _bad_json(folder, scale):
    put(folder, "broken.json", '{"title": "Unfinished", ')
    put(folder, "scalar.json", "42")
    put(folder, "emptylist.json", "[]")
    put(folder, "notext.json", json.dumps({"title": "Only a title"}))
    put(folder, "nan.json", '{"text": "' + ARTICLE + '", "score": NaN}')
    return {"broken.json": ("reject", "invalid JSON"), "scalar.json": ("reject", "number"),
            "emptylist.json": ("reject", "no records"), "notext.json": ("reject", "no text"),
            "nan.json": ("reject", "NaN")}


@kind("JSON Lines with good and bad lines")
def _mixed_jsonl(folder, scale):
    lines = [json.dumps({"text": ARTICLE}), "{not json", "", "[1, 2]", json.dumps({"text": "  "}), "null",
             json.dumps({"maintext": HEADED, "title": "Grid"})]
    put(folder, "feed.jsonl", "\n".join(lines) + "\n")
    return {"feed.jsonl#1": ("article", None), "feed.jsonl#2": ("reject", "invalid JSON"),
            "feed.jsonl#4": ("reject", "list"), "feed.jsonl#5": ("reject", "whitespace"),
            "feed.jsonl#6": ("reject", "null"), "feed.jsonl#7": ("article", None)}


@kind("lone surrogate escapes in JSON text")
def _surrogates(folder, scale):
    put(folder, "surrogate.json", '{"text": "' + ARTICLE + ' \\ud800 end \\udfff", "title": "\\udc80"}')
    return {"surrogate.json": ("article", None)}


@kind("exact and near duplicates")
def _duplicates(folder, scale):
    put(folder, "dup/a.txt", HEADED)
    put(folder, "dup/b.txt", HEADED)
    put(folder, "dup/c.txt", HEADED.replace("spring", "summer"))
    return {f"dup/{name}.txt": ("article", None) for name in "abc"}


@kind("HTML without main text, and broken HTML")
def _html(folder, scale):
    put(folder, "nav.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    put(folder, "unclosed.html", f"<html><body><article><p>{ARTICLE}<p>{ARTICLE}<div><span>")
    return {"nav.html": ("reject", "no main text"), "unclosed.html": ("any", None)}


@kind("text in other scripts")
def _scripts(folder, scale):
    put(folder, "arabic.txt", "\u0627\u062c\u062a\u0645\u0639 \u0627\u0644\u0648\u0632\u0631\u0627\u0621 \u0641\u064a "
                              "\u0627\u0644\u0642\u0627\u0647\u0631\u0629 \u064a\u0648\u0645 \u0627\u0644\u0627\u062b"
                              "\u0646\u064a\u0646.\n" * 20)
    put(folder, "emoji.txt", "\U0001F91D Ministers met \U0001F30D in Oslo. \U0001F468\u200D\U0001F469\u200D\U0001F467\n"
                             * 10)
    return {"arabic.txt": ("any", None), "emoji.txt": ("any", None)}


@kind("one long line with no break")
def _one_line(folder, scale):
    put(folder, "oneline.txt", " ".join(ARTICLE_WORDS[i % len(ARTICLE_WORDS)] for i in range(scale.token_chars // 4)))
    return {"oneline.txt": ("any", None)}


@kind("boilerplate only")
def _boilerplate(folder, scale):
    put(folder, "boiler.txt", "Home > News > Releases\n\nShare this page\n\nPrint\n")
    return {"boiler.txt": ("any", None)}


@kind("markdown front matter never closed")
def _open_front_matter(folder, scale):
    put(folder, "open.md", "---\ntitle: Never closed\n\n" + ARTICLE + "\n")
    return {"open.md": ("any", None)}


@kind("control characters mixed into text")
def _controls(folder, scale):
    put(folder, "bell.txt", HEADED.replace(" ", " \x07", 3).replace("met", "\x1bmet"))
    return {"bell.txt": ("article", None)}


def write_corpus(folder: Path, scale: Scale = FULL) -> dict[str, Expect]:
    """Write every kind under `folder`/<kind number>/ and return what must become of each source."""
    expected: dict[str, Expect] = {}
    for number, (name, builder) in enumerate(KINDS.items(), start=1):
        prefix = f"{number:02d}"
        for source, expect in builder(folder / prefix, scale).items():
            expected[f"{prefix}/{source}"] = expect
    return expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--small", action="store_true", help="the small sizes the test suite uses")
    args = parser.parse_args()
    if args.folder.exists():
        shutil.rmtree(args.folder)
    scale = SMALL if args.small else FULL
    expected = write_corpus(args.folder, scale)
    print(f"{len(KINDS)} kinds, {len(expected)} inputs in {args.folder}; ingest with --max-bytes {scale.max_bytes}")


if __name__ == "__main__":
    main()
