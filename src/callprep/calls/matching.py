"""Whether two pieces of talk say the same thing: a planned question and the one asked, an
agenda item and the talk about it, a discovery topic and the customer's words.

Word overlap, with the words that carry meaning reduced to a common stem and a few everyday
synonyms folded together. Deterministic, fast, and easy to reason about: no model.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
# Words that say nothing about what a sentence is about.
_STOPWORDS = """a an the and or but if then than so to of in on at by for from with about as into onto
    over under up down out off is are was were be been being am do does did doing have has had
    having will would shall should can could may might must it its it's this that these those
    there here their theirs they them you your yours we our ours us i me my mine he him his she
    her hers who whom whose what which when where why how not no yes just also very really
    quite any some all each every both either neither one ones something anything everything
    nothing thing things way ways lot lots bit kind sort get got gets getting go goes going
    went gone make makes made let lets like well okay ok right now today so-called think tell
    know see say said mean much many more most less least other else own same such too again
    still even ever never yet already able want need needs needed would've that's what's it'd
    you'd you're we're they're i'm i'd i'll you'll we'll they'll don't doesn't didn't can't
    won't isn't aren't wasn't weren't there's here's let's roughly typically usually actually
    honestly basically probably maybe perhaps currently side today's day"""
STOPWORDS = frozenset(_STOPWORDS.split())
_WH = ("what", "which", "how", "who", "whom", "when", "where", "why")
# Everyday words for the same thing, folded into one.
_SYNONYMS = {
    "cancelled": "cancel",
    "canceled": "cancel",
    "cancellation": "cancel",
    "falls": "cancel",
    "deal": "deal",
    "deals": "deal",
    "sign": "approve",
    "signs": "approve",
    "signed": "approve",
    "signing": "approve",
    "approval": "approve",
    "approves": "approve",
    "approving": "approve",
    "approved": "approve",
    "decide": "decision",
    "decides": "decision",
    "deciding": "decision",
    "decisions": "decision",
    "budgeted": "budget",
    "budgets": "budget",
    "tried": "try",
    "tries": "try",
    "trying": "try",
    "tools": "tool",
    "systems": "system",
    "languages": "language",
    "language-wise": "language",
    "costs": "cost",
    "costing": "cost",
    "expensive": "cost",
    "price": "cost",
    "pricing": "cost",
    "investment": "cost",
    "prices": "cost",
    "timing": "time",
    "timeline": "time",
    "long": "time",
    "takes": "take",
    "took": "take",
    "taking": "take",
    "competitors": "competitor",
    "vendors": "vendor",
    "suppliers": "vendor",
    "supplier": "vendor",
    "involved": "involve",
    "involve": "involve",
    "weigh": "involve",
    "customers": "customer",
    "clients": "customer",
    "client": "customer",
    "use": "use",
    "uses": "use",
    "using": "use",
    "used": "use",
    "handle": "handle",
    "handles": "handle",
    "handling": "handle",
    "change": "change",
    "changes": "change",
    "changed": "change",
    "happens": "happen",
    "happened": "happen",
    "happening": "happen",
}


def stem(word: str) -> str:
    """A rough stem: "deals", "dealing" and "dealt" apart, but "deal" and "deals" as one."""
    word = word.replace("’", "'")
    if word in _SYNONYMS:
        return _trim_e(_SYNONYMS[word])
    word = re.sub(r"'s$", "", word)
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif re.search(r"(?:[sxz]|ch|sh)es$", word) and len(word) > 4:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # scanning → scan
            break
    return _trim_e(_SYNONYMS.get(word, word))


def _trim_e(word: str) -> str:
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


# Words so common in questions that sharing one says little.
_LIGHT_WORDS = (
    "take need see happen use work help look change time cost come give put keep start stop "
    "find ask feel hear talk year month week first next last new good big small part"
)
_LIGHT = frozenset(stem(word) for word in _LIGHT_WORDS.split())


@lru_cache(maxsize=4096)
def content(text: str) -> frozenset[str]:
    """The stems of the words in `text` that carry its meaning."""
    words = _WORD.findall(text.casefold().replace("’", "'"))
    return frozenset(
        stem(w) for w in words if w not in STOPWORDS and not w.isdigit() and len(w) > 1
    )


def wh_word(text: str) -> str:
    """The question word a question turns on ("what", "who" ...; "which" counts as "what")."""
    for word in _WORD.findall(text.casefold()):
        if word in _WH:
            return "what" if word == "which" else "who" if word == "whom" else word
    return ""


def weight(word: str) -> float:
    return 0.5 if word in _LIGHT else 1.0


def overlap(wanted: frozenset[str], said: frozenset[str]) -> float:
    """How much of `wanted` `said` has (0 to 1), a common word counting half."""
    total = sum(weight(w) for w in wanted)
    return sum(weight(w) for w in wanted & said) / total if total else 0.0


def same_question(planned: str, asked: str, names: frozenset[str] = frozenset()) -> float:
    """How surely `asked` is `planned` in other words (0 to 1); `names` (stems of people's
    names) count for nothing: "Elena, ..." is said to someone, not about something."""
    wanted, said = content(planned) - names, content(asked) - names
    if not wanted or not said:
        return 0.0
    share = overlap(wanted, said)
    both = len(wanted & said)
    wh_planned, wh_asked = wh_word(planned), wh_word(asked)
    if wh_planned and wh_planned == wh_asked:
        share += 0.25
    elif wh_planned and wh_asked:
        share -= 0.1
    if both >= 3:
        share += 0.15
    return max(0.0, min(1.0, share))
