"""Name keys for comparing person names across spellings.

* :func:`fold` — lower case, accents removed, punctuation dropped ("Zelenskyy" → "zelenskyy").
* :func:`translit_key` — transliteration variants collapsed (Zelensky / Zelenskyy / Zelenskiy →
  "zelenski"; Dmitri / Dmitry → "dmitri"; Romanoff / Romanov → "romanov").
* :func:`first_name_key` — nicknames and transliterations of a given name to one key
  (Mike / Michael, Bill / William, Dmitri / Dmitry).
* :func:`soundex` — a coarse key used only to find misspelling candidates (never to merge).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^\w ]+|_+")

#: Given-name nicknames and short forms → the full form (the key).
NICKNAMES: dict[str, str] = {
    "mike": "michael", "mick": "michael", "mikey": "michael",
    "bill": "william", "will": "william", "billy": "william", "willy": "william",
    "bob": "robert", "rob": "robert", "bobby": "robert", "robbie": "robert", "bert": "robert",
    "jim": "james", "jimmy": "james", "jamie": "james",
    "joe": "joseph", "joey": "joseph",
    "tom": "thomas", "tommy": "thomas",
    "dick": "richard", "rick": "richard", "rich": "richard", "ricky": "richard",
    "tony": "anthony", "andy": "andrew", "drew": "andrew",
    "dan": "daniel", "danny": "daniel", "dave": "david", "davy": "david",
    "steve": "steven", "stephen": "steven", "stevie": "steven",
    "chris": "christopher", "kit": "christopher",
    "matt": "matthew", "pat": "patrick", "ed": "edward", "eddie": "edward", "ted": "edward",
    "ned": "edward", "ben": "benjamin", "benny": "benjamin", "sam": "samuel", "sammy": "samuel",
    "nick": "nicholas", "nicolas": "nicholas", "nico": "nicholas",
    "alex": "alexander", "aleksandr": "alexander", "alexandr": "alexander",
    "aleksander": "alexander", "sasha": "alexander",
    "greg": "gregory", "jerry": "gerald", "larry": "lawrence", "len": "leonard",
    "chuck": "charles", "charlie": "charles", "fred": "frederick", "freddie": "frederick",
    "hank": "henry", "harry": "henry", "jack": "john", "johnny": "john", "jon": "john",
    "ken": "kenneth", "kenny": "kenneth", "ron": "ronald", "ronnie": "ronald",
    "don": "donald", "donnie": "donald", "doug": "douglas", "gene": "eugene",
    "jeff": "jeffrey", "geoff": "jeffrey", "geoffrey": "jeffrey", "josh": "joshua",
    "liz": "elizabeth", "beth": "elizabeth", "betty": "elizabeth", "lizzie": "elizabeth",
    "kate": "katherine", "katie": "katherine", "kathy": "katherine", "catherine": "katherine",
    "kathryn": "katherine", "cathy": "katherine",
    "sue": "susan", "susie": "susan", "jenny": "jennifer", "jen": "jennifer",
    "meg": "margaret", "maggie": "margaret", "peggy": "margaret",
    "vicky": "victoria", "becky": "rebecca", "debbie": "deborah", "deb": "deborah",
    "pam": "pamela", "sandy": "sandra", "cindy": "cynthia", "patty": "patricia",
    "tricia": "patricia", "barb": "barbara", "abby": "abigail", "mandy": "amanda",
    "caroline": "karoline", "carolyn": "karoline",
    "volodymyr": "vladimir", "volodimir": "vladimir", "wladimir": "vladimir",
    "vova": "vladimir", "dmytro": "dmitri", "dmitriy": "dmitri", "dmitrii": "dmitri",
    "yuriy": "yuri", "yury": "yuri", "iurii": "yuri", "juri": "yuri", "yurii": "yuri",
    "sergey": "sergei", "serhiy": "sergei", "serhii": "sergei", "sergiy": "sergei",
    "andriy": "andrei", "andrey": "andrei", "andrii": "andrei",
    "mikhail": "michael", "mykhailo": "michael", "mykhaylo": "michael",
    "oleksandr": "alexander", "olexander": "alexander",
    "mykola": "nicholas", "nikolai": "nicholas", "nikolay": "nicholas",
    "anatoliy": "anatoli", "anatoly": "anatoli", "vasily": "vasili", "vasyl": "vasili",
    "yevgeny": "evgeni", "yevgeniy": "evgeni", "evgeny": "evgeni", "yevhen": "evgeni",
    "aleksei": "alexei", "alexey": "alexei", "oleksiy": "alexei", "oleksii": "alexei",
    "mohammad": "muhammad", "mohammed": "muhammad", "mohamed": "muhammad",
    "muhammed": "muhammad",
}

_TRANSLIT_RULES: tuple[tuple[str, str], ...] = (
    (r"(iy|yy|ii|ij|yi|iyy)\b", "i"),     # Zelenskiy, Zelenskyy, Zelenskii → zelenski
    (r"y\b", "i"),                         # Zelensky, Dmitry → zelenski, dmitri
    (r"ff\b", "v"),                        # Romanoff → romanov
    (r"kh", "h"), (r"zh", "j"), (r"ch", "c"), (r"ts", "c"), (r"tz", "c"),
    (r"ph", "f"), (r"ck", "k"), (r"x", "ks"), (r"q", "k"),
    (r"ye", "e"), (r"yo", "o"), (r"yu", "iu"), (r"ya", "ia"), (r"y", "i"),
    (r"w", "v"),
    (r"(.)\1+", r"\1"),                    # doubled letters
)
_COMPILED = tuple((re.compile(p), r) for p, r in _TRANSLIT_RULES)


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Lower case, accents removed, apostrophes and punctuation dropped, spaces collapsed;
    letters of any script and digits kept ("G7" and "G20" stay apart)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    for mark in ("'", "\u2019", "\u02b9", "\u02bc", "`", "\u00b4"):
        text = text.replace(mark, "")
    text = text.replace("-", " ").replace(".", " ")
    return " ".join(_NON_WORD.sub(" ", text).split())


@lru_cache(maxsize=65536)
def translit_key(word: str) -> str:
    """One key for transliteration variants of a single name word."""
    key = fold(word).replace(" ", "")
    for pattern, repl in _COMPILED:
        key = pattern.sub(repl, key)
    return key


@lru_cache(maxsize=65536)
def first_name_key(word: str) -> str:
    """Given name → key shared by its nicknames and transliterations."""
    folded = fold(word).replace(" ", "")
    folded = NICKNAMES.get(folded, folded)
    return translit_key(NICKNAMES.get(folded, folded))


_SOUNDEX = {**dict.fromkeys("bfpv", "1"), **dict.fromkeys("cgjkqsxz", "2"),
            **dict.fromkeys("dt", "3"), "l": "4", **dict.fromkeys("mn", "5"), "r": "6"}


@lru_cache(maxsize=65536)
def soundex(word: str) -> str:
    """American Soundex of a name word ("Whitkov" and "Witkoff" → "W321")."""
    letters = fold(word).replace(" ", "")
    if not letters:
        return ""
    code = letters[0].upper()
    last = _SOUNDEX.get(letters[0], "")
    for char in letters[1:]:
        digit = _SOUNDEX.get(char, "")
        if digit and digit != last:
            code += digit
            if len(code) == 4:
                break
        if char not in "hw":
            last = digit
    return code.ljust(4, "0")


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, stopping early once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def split_name(name: str) -> tuple[str, ...]:
    """The words of a person name, without honorifics or generational suffixes."""
    words = [w for w in name.replace(",", " ").split()]
    while words and fold(words[-1]) in ("jr", "sr", "ii", "iii", "iv"):
        words.pop()
    return tuple(w for w in words if fold(w) not in ("mr", "mrs", "ms", "dr", "sir"))
