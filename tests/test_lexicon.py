"""The judge's verb classes, and their word forms precomputed with a lemmatizer's tables.

callprep.coach.verb_forms holds every form of every verb of callprep.coach.lexicon, written out
from LemmInflect's tables (a test dependency only: the judge reads the written table, so no
command pays for loading the lemmatizer). After a change to the lexicon,
`pytest tests/test_lexicon.py --regen-references` writes the table again.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from callprep.coach import lexicon

FORMS_FILE = Path(lexicon.__file__).with_name("verb_forms.py")
# Only forms the judge can meet: its tokens are words, with ' / - inside ("o.k.'d" is not one).
WORD = re.compile(r"[a-z0-9]+(?:['/-][a-z0-9]+)*")
HEADER = '''"""Every form of the judge's verbs (callprep.coach.lexicon), from LemmInflect's tables.

Written by `pytest tests/test_lexicon.py --regen-references`; not edited by hand. Each verb:
(its other present forms, its -s form, its past forms and participles, its -ing form), with
alternatives separated by spaces ("pencilled penciled").
"""

FORMS: dict[str, tuple[str, str, str, str]] = {
'''
NEAR_HEADER = '''# English words one letter from a key verb form (the judge's typo tolerance never reads them
# as that verb: "leave" is not "lease").
_NEAR = """
'''


def _british(head: str, forms: list[str]) -> list[str]:
    """'trialled' beside 'trialed': British doubles a final l after one vowel."""
    digraph = head[-3:-1] in ("ai", "ea", "ee", "oo", "oi", "ou", "au", "ei")
    if len(head) > 3 and head.endswith("l") and head[-2] in "aeiou" and not digraph:
        doubled = [
            f.replace(head + "e", head + "le").replace(head + "i", head + "li") for f in forms
        ]
        return sorted({*forms, *doubled})
    return forms


def expected_table() -> dict[str, tuple[str, str, str, str]]:
    from lemminflect import getAllInflections, getAllInflectionsOOV

    heads = sorted({lemma.split()[0] for group in lexicon.verbs().values() for lemma in group})
    table: dict[str, tuple[str, str, str, str]] = {}
    for head in heads:
        found = getAllInflections(head, upos="VERB") or getAllInflectionsOOV(head, upos="VERB")
        present = sorted(set(found.get("VBP", ())) - {head})
        third = sorted(set(found.get("VBZ", ())))
        past = sorted(
            {*found.get("VBD", ()), *found.get("VBN", ()), *lexicon.EXTRA_FORMS.get(head, ())}
        )
        ing = sorted(set(found.get("VBG", ())))
        table[head] = (
            _joined(present),
            _joined(third),
            _joined(_british(head, past)),
            _joined(_british(head, ing)),
        )
    return table


LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _one_edit_away(word: str) -> set[str]:
    found = {word[:k] + c + word[k:] for k in range(len(word) + 1) for c in LETTERS}
    for k in range(len(word)):
        found.add(word[:k] + word[k + 1 :])
        found |= {word[:k] + c + word[k + 1 :] for c in LETTERS}
    found |= {word[:k] + word[k + 1] + word[k] + word[k + 2 :] for k in range(len(word) - 1)}
    return found - {word}


def near_words(table: dict[str, tuple[str, str, str, str]]) -> list[str]:
    """English words (the lemmatizer knows them) one letter from a key verb's form of five
    letters or more: the judge never takes one of them for a typo ("leave" is not "lease")."""
    from lemminflect import getAllLemmas

    heads = {
        lemma.split()[0]: group
        for group, lemmas in lexicon.verbs().items()
        for lemma in lemmas
        if " " not in lemma
    }
    keys = {
        w
        for head, group in heads.items()
        if group in lexicon.KEY_GROUPS
        for w in (head, *" ".join(table[head]).split())
        if lexicon.typo_candidate(w)
    }
    near = {n for w in keys for n in _one_edit_away(w) if n not in keys and getAllLemmas(n)}
    return sorted(near)


def _joined(forms: list[str]) -> str:
    return " ".join(form for form in forms if WORD.fullmatch(form))


def _written(table: dict[str, tuple[str, str, str, str]]) -> str:
    lines = [
        f"    {json.dumps(head)}: ({', '.join(json.dumps(f) for f in forms)}),"
        for head, forms in table.items()
    ]
    near = textwrap.fill(" ".join(near_words(table)), 96)
    return (
        HEADER
        + "\n".join(lines)
        + "\n}\n\n"
        + NEAR_HEADER
        + near
        + '\n"""\nNEAR_WORDS: frozenset[str] = frozenset(_NEAR.split())\n'
    )


@pytest.mark.slow  # reads the lemmatizer's whole table for the words near the key verbs
def test_the_written_forms_are_the_lemmatizers(request: pytest.FixtureRequest) -> None:
    expected = _written(expected_table())
    if request.config.getoption("--regen-references"):
        FORMS_FILE.write_text(expected, encoding="utf-8")
    assert FORMS_FILE.read_text(encoding="utf-8") == expected, (
        "callprep/coach/verb_forms.py is out of date: pytest tests/test_lexicon.py "
        "--regen-references"
    )


def test_every_verb_is_in_one_class_only() -> None:
    counted = Counter(lemma for c in lexicon.CLASSES for lemma in c.lemmas())
    assert [lemma for lemma, n in counted.items() if n > 1] == []


def test_every_class_names_its_source_and_a_known_group() -> None:
    for verb_class in lexicon.CLASSES:
        assert verb_class.source.startswith(("VerbNet ", "ours: "))
        assert verb_class.group in lexicon.GROUPS


def test_irregular_and_british_forms_are_there() -> None:
    from callprep.coach.verb_forms import FORMS as forms

    assert "chose" in forms["choose"][2] and "chosen" in forms["choose"][2]
    assert "trialled" in forms["trial"][2] and "trialing" in forms["trial"][3]
    assert "finalises" in forms["finalise"][1] and "finalized" in forms["finalize"][2]
    assert "greenlit" in forms["greenlight"][2]
    assert forms["commit"][2] == "committed"
