"""Explanations → text: the worked-example table for any document and model."""

from __future__ import annotations

import re

__all__ = ["render_explanation"]

_BOLD_GREEN, _BOLD_RED, _RESET = "\x1b[1;32m", "\x1b[1;31m", "\x1b[0m"


def _highlight(text, positive, negative, color):
    """Mark lexicon words in ``text``: colours on a terminal, [+word]/[-word] otherwise."""
    pos, neg = {w.lower() for w in positive}, {w.lower() for w in negative}
    if not pos and not neg:
        return text

    def mark(m):
        w = m.group(0)
        if w.lower() in pos:
            return f"{_BOLD_GREEN}{w}{_RESET}" if color else f"[+{w}]"
        if w.lower() in neg:
            return f"{_BOLD_RED}{w}{_RESET}" if color else f"[-{w}]"
        return w

    return re.sub(r"[^\W_]+(?:['’\-][^\W_]+)*", mark, text)


def render_explanation(e: dict, color: bool = False) -> str:
    """Lay out :meth:`SentimentPipeline.explain`'s dict as a table.

    Examples
    --------
    >>> from sentiment.worked_example import REVIEW, textbook_pipeline
    >>> print(render_explanation(textbook_pipeline().explain("No, it is great!")))
    No, it is [+great]!
    feature           value   weight      w·x
    ---------------  ------  -------  -------
    positive_words   1.0000   2.5000   2.5000
    negative_words   0.0000  -5.0000   0.0000
    has_no           1.0000  -1.2000  -1.2000
    pronouns         0.0000   0.5000   0.0000
    has_exclamation  1.0000   2.0000   2.0000
    log_length       1.7918   0.7000   1.2542
    bias                               0.1000
    z = 4.6542   P(negative) = 0.0094   P(positive) = 0.9906   → positive
    lexicon words: positive_words: great
    """
    matches = e.get("matches", {})
    lines = [_highlight(e["text"], matches.get("positive_words", []), matches.get("negative_words", []), color)]
    if isinstance(e["z"], dict):
        labels = list(e["z"])
        head = ["feature", "value"] + [f"w·x {l}" for l in labels]
        rows = [[f["name"], f"{f['value']:.4f}"] + [f"{f['contribution'][l]:.4f}" for l in labels] for f in e["features"]]
        if isinstance(e.get("ngram_contribution"), dict):
            rows.append(["n-grams (sum)", ""] + [f"{e['ngram_contribution'][l]:.4f}" for l in labels])
        rows.append(["bias", ""] + [f"{e['bias'][l]:.4f}" for l in labels])
        z = "   ".join(f"z({l}) = {v:.4f}" for l, v in e["z"].items())
    else:
        head = ["feature", "value", "weight", "w·x"]
        rows = [[f["name"], f"{f['value']:.4f}", f"{f['weight']:.4f}", f"{f['contribution'] + 0.0:.4f}"]
                for f in e["features"]]
        rows.append(["bias", "", "", f"{e['bias']:.4f}"])
        z = f"z = {e['z']:.4f}"
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
    # Names left-aligned, numbers right-aligned so their decimal points line up.
    fmt = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip()
    lines += [fmt(head), fmt(["-" * w for w in widths])] + [fmt(r) for r in rows]
    if "ngram_contribution" in e and not isinstance(e["ngram_contribution"], dict):
        lines.append(f"{'n-grams (sum)':<{widths[0]}}  " + f"{e['ngram_contribution']:.4f}".rjust(sum(widths[1:]) + 4))
        if "ending_contribution" in e:
            lines.append(f"  of which the last {e['ending_fraction']:.0%} of the text, scored again: "
                         f"{e['ending_contribution']:+.4f}")
        for key, title in (("top_positive", "pushed towards"), ("top_negative", "pushed away from")):
            if e[key]:
                lines.append(f"n-grams that {title} {list(e['probabilities'])[-1]}: "
                             + ", ".join(f"{f['name'][6:]} ({f['contribution']:+.3f})" for f in e[key]))
    probs = "   ".join(f"P({l}) = {p:.4f}" for l, p in e["probabilities"].items())
    lines.append(f"{z}   {probs}   → {e['predicted']}")
    fired = {k: v for k, v in matches.items() if v}
    if fired and any(k in fired for k in ("positive_words", "negative_words")):
        lines.append("lexicon words: " + "; ".join(f"{k}: {', '.join(v)}" for k, v in fired.items()
                                                     if k in ("positive_words", "negative_words")))
    if e.get("sentences"):
        lines.append("sentence by sentence:")
        for s in e["sentences"]:
            score = f"  score {s['score']:+.3f}" if "score" in s else ""
            lines.append(f"  {s['sentence']:>2} [{s['start']}:{s['end']}] {s['label']:<7} P = {s['probability']:.3f}"
                         f"{score}  {s['text']}")
    return "\n".join(lines)
