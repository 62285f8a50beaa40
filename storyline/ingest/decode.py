"""Bytes → text: byte-order marks, declared charsets, UTF-8, then detection (charset-normalizer).

Policy, in order:

1. nothing but white space → ``empty``;
2. a byte-order mark decides (UTF-8, UTF-16, UTF-32);
3. known binary signatures (PDF, images, archives) and NUL bytes → ``binary``;
4. valid UTF-8 is UTF-8 (it wins over a declaration, which is often wrong);
5. a declared charset (HTTP header, ``<meta charset>``) is tried next;
6. input that is UTF-8 for the most part but holds invalid sequences is rejected
   (``encoding``): guessing a legacy encoding would turn its good characters into mojibake;
7. otherwise charset-normalizer picks a legacy encoding (cp1252, latin-1, Shift-JIS, …);
   no confident guess → ``encoding``;
8. decoded text with many control characters → ``binary``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from storyline.errors import Rejected, reject
from storyline.ingest.base import STAGE

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\x7fELF", "an executable"),
    (b"\xfd7zXZ", "xz data"),
)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]{1,3}")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_MAX_CONTROL_RATIO = 0.01
_MAX_CHAOS = 0.25


def sniff_html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KiB, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None


def _looks_utf16(head: bytes) -> str | None:
    """UTF-16 without a BOM: NUL in every other byte of mostly-ASCII text."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


#: On a tie, the encodings of most Western news pages win over look-alikes (cp1250, cp775…).
_PREFERRED = ("cp1252", "iso8859_15", "latin_1")


def _best_guess(data: bytes):  # type: ignore[no-untyped-def]
    """charset-normalizer's best match, preferring cp1252/latin-1 when they fit as well."""
    matches = list(from_bytes(data[:2_000_000]))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        if match.encoding in _PREFERRED and match.chaos <= best.chaos + 0.02:
            return match
    return best


def control_ratio(text: str) -> float:
    """Share of control characters other than white space (a sign of binary content)."""
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(
        1 for ch in sample
        if ch not in "\t\n\r\f\v" and unicodedata.category(ch) in ("Cc", "Cs", "Co")
    )
    return bad / len(sample)


def decode_bytes(data: bytes, name: str, declared: str | None = None) -> tuple[str, str] | Rejected:
    """Decode ``data`` to ``(text, encoding)`` or return the reason it cannot be read as text."""
    if not data.strip():
        return reject("empty", "the input is empty" if not data else "the input holds only white space", STAGE, name)
    text: str | None = None
    encoding: str | None = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(codec), codec.replace("-sig", "")
            except UnicodeDecodeError as exc:
                return reject("encoding", f"starts with a {codec} byte-order mark but is not valid {codec} ({exc.reason})", STAGE, name)
            break
    if text is None:
        for signature, what in _SIGNATURES:
            if data.startswith(signature):
                return reject("binary", f"the input is {what}, not text", STAGE, name)
        utf16 = _looks_utf16(data[:4096])
        if utf16:
            try:
                text, encoding = data.decode(utf16), utf16
            except UnicodeDecodeError:
                return reject("binary", "the input holds NUL bytes (binary content)", STAGE, name)
        elif b"\x00" in data:
            return reject("binary", "the input holds NUL bytes (binary content)", STAGE, name)
    if text is None:
        # valid UTF-8 wins over a declaration: wrong declarations are common, accidental
        # valid UTF-8 in another encoding is not
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            known = _known_codec(declared)
            if known and not known.startswith(("utf-16", "utf-32")):  # those need a BOM here
                try:
                    text, encoding = data.decode(known), known
                except UnicodeDecodeError:
                    text = None
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            if len(_UTF8_MULTIBYTE.findall(data[:1_000_000])) >= 2:
                return reject(
                    "encoding",
                    f"invalid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}) in text that is otherwise UTF-8",
                    STAGE, name,
                )
            guess = _best_guess(data)
            if guess is None or guess.chaos > _MAX_CHAOS:
                return reject("encoding", "not UTF-8, and no other text encoding fits", STAGE, name)
            try:
                text, encoding = data.decode(guess.encoding), guess.encoding
            except (UnicodeDecodeError, LookupError):
                return reject("encoding", f"not UTF-8, and not valid {guess.encoding} either", STAGE, name)
    if control_ratio(text) > _MAX_CONTROL_RATIO:
        return reject("binary", "the input holds many control characters (binary content)", STAGE, name)
    if not text.strip():
        return reject("empty", "the input holds only white space", STAGE, name)
    return text, encoding or "utf-8"
