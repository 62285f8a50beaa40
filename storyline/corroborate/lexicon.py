"""Small word lists the slot recognisers use: numbers, dates, negation cues, role nouns and the
countries that actors act for (demonyms and capitals used as metonyms: "Washington", "the Kremlin").

These are general English and world knowledge, not tuned to any test article.
"""

from __future__ import annotations

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "thousand": 1000, "million": 1_000_000,
    "billion": 1_000_000_000, "dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000,
}

MONTHS = ("january february march april may june july august september october november "
          "december jan feb mar apr jun jul aug sep sept oct nov dec").split()
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
DATE_WORDS = frozenset(MONTHS + WEEKDAYS + [
    "yesterday", "today", "tomorrow", "tonight", "overnight", "morning", "evening", "afternoon",
    "night", "week", "month", "year", "weekend", "last", "next", "this", "earlier", "later",
    "spring", "summer", "autumn", "fall", "winter"])

NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor", "none", "nobody", "nothing",
                       "cannot", "didn't", "doesn't", "don't", "wasn't", "weren't", "isn't",
                       "aren't", "won't", "wouldn't", "hasn't", "haven't", "hadn't", "couldn't"})
#: Words that may accompany an inserted negation ("arrested" → "did not arrest").
NEGATION_SUPPORT = frozenset({"do", "does", "did", "has", "have", "had", "is", "was", "were", "be"})

LOCATIVE = frozenset({"in", "at", "near", "from", "outside", "inside", "across", "into", "to",
                      "towards", "toward", "around", "throughout", "off", "within"})

ROLE_HEADS = frozenset("""
president envoy spokesperson spokesman spokeswoman minister secretary adviser advisor aide governor
mayor chancellor ambassador general commander chief director leader chairman chairwoman ceo premier
king queen prince senator congressman congresswoman representative judge prosecutor negotiator
diplomat official head pope cardinal bishop coach manager captain founder owner anchor actor
actress singer rapper star lawyer attorney police officer sheriff commissioner treasurer speaker
""".split())

#: Modifiers that may sit inside a role phrase ("special envoy", "deputy foreign minister").
ROLE_MODIFIERS = frozenset("""
special deputy foreign national security press prime vice chief senior top former acting interim
assistant defense defence interior state presidential executive general attorney white house
foreign affairs economic finance trade justice health energy military intelligence regional
border guard ministry defence supreme first lead main personal envoy kremlin
""".split())

#: Country or union an adjective, noun or capital stands for.
COUNTRIES: dict[str, str] = {}
for _country, _names in {
    "United States": "us u.s. u.s usa america american americans washington white house",
    "Russia": "russia russian russians moscow kremlin",
    "Ukraine": "ukraine ukrainian ukrainians kyiv kiev",
    "United Kingdom": "uk u.k. britain british london downing",
    "Germany": "germany german berlin",
    "France": "france french paris elysee",
    "China": "china chinese beijing",
    "European Union": "eu e.u. european brussels",
    "Israel": "israel israeli jerusalem",
    "Iran": "iran iranian tehran",
    "Saudi Arabia": "saudi riyadh",
    "Turkey": "turkey turkish ankara",
    "Poland": "poland polish warsaw",
    "Canada": "canada canadian ottawa",
    "Japan": "japan japanese tokyo",
    "India": "india indian delhi",
    "North Korea": "pyongyang",
    "Syria": "syria syrian damascus",
    "Italy": "italy italian rome",
    "Spain": "spain spanish madrid",
    "NATO": "nato",
    "United Nations": "un u.n.",
}.items():
    for _name in _names.split():
        COUNTRIES[_name] = _country

#: Adjectives and nouns for peoples ("Canadian", "Russians"): they name who acts, not a place.
DEMONYMS = frozenset("""american americans russian russians ukrainian ukrainians british german
french chinese european israeli iranian saudi turkish polish canadian japanese indian syrian
italian spanish""".split())

#: Folded role words that mean the same thing.
ROLE_SYNONYMS = {"spokesman": "spokesperson", "spokeswoman": "spokesperson", "advisor": "adviser",
                 "u.s.": "us", "u.s": "us", "american": "us", "united states": "us",
                 "russian": "russia", "ukrainian": "ukraine", "chairwoman": "chairman"}

SUPPORT_CUES = ("support", "back", "endorse", "propos", "put forward", "advocat", "in favor",
                "in favour", "welcome", "accept", "agree", "want", "push", "urge", "call for",
                "seek", "backing", "favor")
OPPOSE_CUES = ("oppos", "reject", "against", "criticiz", "criticis", "refus", "dismiss",
               "prolong", "rushed", "denounc", "condemn", "not in favor", "resist")
