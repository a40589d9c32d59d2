"""Every ``>>>`` example in the README's "Python API" section runs, from the repository root."""

import doctest
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


def test_python_api_section_runs(monkeypatch):
    pytest.importorskip("sklearn")
    pytest.importorskip("nltk")
    monkeypatch.chdir(ROOT)  # corpora/demo.txt
    section = re.sub(r"^```.*$", "", _section("Python API"), flags=re.M)  # a fence ends an example's output
    test = doctest.DocTestParser().get_doctest(section, {}, "README.md: Python API", str(ROOT / "README.md"), 0)
    assert len(test.examples) >= 15  # the one-liners, the DataFrame, the grid search and the NLTK wrapper
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} README example(s) failed (see the output above)"
