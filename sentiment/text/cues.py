"""One pass over a text that finds the cues the lexical feature blocks count.

:func:`analyse` keeps what the n-gram tokenizer throws away (case, letter
repeats, emoticons such as ``:-)`` that it would split into ``:``, ``-``, ``)``)
and returns, for each word or emoticon, its VADER valence and Hu–Liu polarity
with the context that changes them:

* **negation**: inside the scope of a negation word (``not``, ``never``,
  ``don't`` …), up to the next punctuation mark or contrast word;
* **contrast**: in a sentence with ``but``/``however``/``although``/…, words in the
  clause that the marker concedes are ``weak`` and words in the clause that
  carries the verdict are ``strong`` ("it was bad, but great": *bad* weak,
  *great* strong; "although it was bad, it was great": the same);
* **intensity**: right after an intensifier (``very``, ``so``, ``really``) or a
  downtoner (``slightly``, ``somewhat``);
* **emphasis**: written in capitals in a text that is not mostly capitals, or
  elongated (``goooood``, looked up as ``good`` when the long form is not listed; Hu and Liu list ``goood``).

Examples
--------
>>> a = analyse("I don't love it, but the ending is sooo GOOOD :)")
>>> [(c.word, c.valence, c.negated, c.clause) for c in a.cues]
[('love', 3.2, True, 'weak'), ('goood', 1.9, False, 'strong'), (':)', 2.0, False, 'strong')]
>>> [(c.caps, c.elongated, c.boost) for c in a.cues][1:]
[(True, True, 1), (False, False, 0)]
>>> a.words, a.exclamations
(11, 0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sentiment.lexicons.valence import hu_liu_polarity, vader_valences
from sentiment.text.negation import NEGATION_WORDS

__all__ = ["Cue", "Analysis", "analyse", "EMOJI_VALENCE", "EMOTICON_VALENCE", "INTENSIFIERS", "DOWNTONERS", "CONTRAST_AFTER",
           "CONTRAST_BEFORE"]

# Emoticons: eyes, an optional nose, a mouth (or the mirror image), and hearts.
_EMOTICON = r"(?:[:;=8][\-o'^]?[()\[\]dDpP/\\|*3$@]+|[()\[\]D]+[\-o'^]?[:;=]|</?3+|\^_*\^|[xX][dD]\b)"
_WORD = r"[^\W_]+(?:['’\-][^\W_]+)*"
_TOKEN_RE = re.compile(rf"(?<![^\s(\"'])({_EMOTICON})(?=[\s.,!?\"')]|$)|({_WORD})|([.!?;:,]|[^\w\s])")
_SENTENCE_END = frozenset(".!?;")
_CLAUSE_END = frozenset(".!?;:,")
_REPEATS = re.compile(r"(\w)\1{2,}")

# A few common emoji, ours (VADER's word list holds no emoji): valence on VADER's −4 … +4 scale.
EMOJI_VALENCE = {
    **dict.fromkeys("😀😃😄😁😆😊🙂😍🥰😘😻👍👏🎉❤💕💖💗💯✨🤗😎🥳🙌", 2.0),
    **dict.fromkeys("😂🤣😅😉😜😋", 1.5),
    **dict.fromkeys("🙁☹😞😟😔😕😒", -1.5),
    **dict.fromkeys("😠😡🤬😢😭😩😫😣😖👎💔🤮🤢😤😰😱", -2.0),
}
# Emoticons VADER's list lacks (dismay, written mouth first), ours, on the same scale.
EMOTICON_VALENCE = {"D:": -2.0, "D=": -2.0, "D;": -2.0}
INTENSIFIERS = frozenset(
    "absolutely amazingly awfully completely deeply enormously entirely especially exceptionally extremely "
    "greatly highly hugely incredibly insanely intensely most particularly really remarkably so super "
    "thoroughly totally tremendously truly unbelievably utterly very".split())
DOWNTONERS = frozenset("slightly somewhat marginally fairly partly kinda sorta mildly moderately a_bit a_little".split())
# "X but Y": Y carries the verdict.  "although X, Y": X is conceded, Y carries it.
CONTRAST_AFTER = frozenset("but however nevertheless nonetheless yet".split())
CONTRAST_BEFORE = frozenset("although though whereas despite".split())
_NEGATES = re.compile(r"n['’]t$")


@dataclass
class Cue:
    """One word or emoticon with a prior valence, in its context."""

    word: str
    valence: float  # VADER mean valence (−4 … +4), 0 if not listed
    polarity: int  # Hu–Liu: +1, −1 or 0
    negated: bool = False
    clause: str | None = None  # "weak", "strong" or None (no contrast in the sentence)
    boost: int = 0  # +1 after an intensifier, −1 after a downtoner
    caps: bool = False
    elongated: bool = False
    emoticon: bool = False


@dataclass
class Analysis:
    cues: list
    words: int  # word and emoticon tokens, at least 1 (the per-word divisor)
    exclamations: int


def _lookup(low, valences, polarity):
    """``(form, valence, polarity, elongated)``: an elongated word is also looked up with its repeats cut to 2, then 1."""
    if not _REPEATS.search(low):
        return low, valences.get(low, 0.0), polarity.get(low, 0), False
    forms = [low, _REPEATS.sub(r"\1\1", low), _REPEATS.sub(r"\1", low)]  # "goooood" → "good", else "god"
    v = next((valences[f] for f in forms if f in valences), 0.0)
    pol = next((polarity[f] for f in forms if f in polarity), 0)
    form = next((f for f in forms if f in valences or f in polarity), forms[-1])
    return form, v, pol, True


_ASCII_UPPER, _ASCII_LETTER = re.compile(r"[A-Z]"), re.compile(r"[A-Za-z]")


def _shouting(text: str) -> bool:
    """Whether most letters are capitals (then no word stands out by its capitals)."""
    if text.isascii():  # counted by the regex engine, not letter by letter in Python
        letters = len(_ASCII_LETTER.findall(text))
        return letters > 0 and len(_ASCII_UPPER.findall(text)) > 0.5 * letters
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) > 0.5 * len(letters)


def analyse(text: str) -> Analysis:
    """The cues of ``text`` (see the module docstring)."""
    valences, polarity = vader_valences(), hu_liu_polarity()
    shouting = _shouting(text)
    cues, sentence = [], []  # cues of the current sentence; contrast roles are set when it ends
    marker = None  # (kind, index in sentence) of the sentence's last contrast marker
    words = exclamations = 0
    negated = False
    prev = prev2 = ""

    def close_sentence():
        nonlocal marker
        if marker is not None:
            kind, at, clause_end = marker
            if clause_end is None:  # "great, although pricey": the concession runs to the sentence's end
                clause_end = len(sentence)
            for i, cue in enumerate(sentence):
                if kind == "after":
                    cue.clause = "weak" if i < at else "strong"
                else:  # conceded clause: from the marker to its clause end
                    cue.clause = "weak" if at <= i < clause_end else "strong"
        cues.extend(sentence)
        sentence.clear()
        marker = None

    for m in _TOKEN_RE.finditer(text):
        emoticon, word, punct = m.groups()
        if punct:
            if punct == "!":
                exclamations += 1
            if punct in _CLAUSE_END:
                negated = False
                if marker is not None and marker[0] == "before" and marker[2] is None:
                    marker = (marker[0], marker[1], len(sentence))
            if punct in _SENTENCE_END:
                close_sentence()
            elif punct in EMOJI_VALENCE:
                words += 1
                sentence.append(Cue(punct, EMOJI_VALENCE[punct], 0, emoticon=True))
            prev2, prev = prev, punct
            continue
        words += 1
        if emoticon:
            v = valences.get(emoticon) or EMOTICON_VALENCE.get(emoticon) or valences.get(emoticon.lower(), 0.0)
            if v:
                sentence.append(Cue(emoticon, v, 0, emoticon=True))
            continue
        low = word.lower()
        if low in CONTRAST_AFTER and not (low == "yet" and prev in NEGATION_WORDS):
            marker, negated = ("after", len(sentence), None), False
        elif low in CONTRAST_BEFORE:
            marker, negated = ("before", len(sentence), None), False
        if low in NEGATION_WORDS or _NEGATES.search(low):
            negated = True
            prev2, prev = prev, low
            continue
        base, v, pol, elongated = _lookup(low, valences, polarity)
        if v or pol:
            boost = 1 if (prev in INTENSIFIERS or prev2 in INTENSIFIERS) else 0
            if prev in DOWNTONERS or f"{prev2}_{prev}" in DOWNTONERS:
                boost = -1
            caps = not shouting and len(word) > 1 and word.isupper()
            sentence.append(Cue(base, v, pol, negated, None, boost, caps, elongated))
        prev2, prev = prev, base
    close_sentence()
    return Analysis(cues, max(words, 1), exclamations)
