"""Function words: English closed-class words left out of induced lexicons.

In film reviews *a*, *and* and *of* lean positive and *too* and *just* negative,
so weighted log-odds lists them as polarity words; as lexicon words they count
in every document, and `explain` then shows "a" as evidence of praise.  Left
out (``sentiment lexicon induce`` does unless told ``--keep-function-words``),
the six features score better with the induced default lexicon on every
benchmark corpus (figures: sentiment/shipped_lexicons/README.md).  Negation words (*not*, *no*, *never*) are
not on the list: they carry polarity of their own.

Examples
--------
>>> "the" in FUNCTION_WORDS, "not" in FUNCTION_WORDS, len(FUNCTION_WORDS)
(True, False, 140)
"""

__all__ = ["FUNCTION_WORDS"]

FUNCTION_WORDS = frozenset("""
a an the this that these those some any each every all both either neither
i me my mine myself we us our ours ourselves you your yours yourself yourselves
he him his himself she her hers herself it its itself they them their theirs themselves one ones
of in on at by for with about against between into through during before after above below
to from up down out off over under again further then once here there when where why how
and but or nor so yet if because as until while than
is am are was were be been being have has had having do does did doing
will would shall should can could may might must
what which who whom whose
too very just only own same such more most other now also even still really
""".split())
