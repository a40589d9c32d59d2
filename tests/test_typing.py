"""A user's script type-checks against the package: the lazy names are typed, and mistakes are caught."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

GOOD = '''
import sentiment

result = sentiment.score("A gem.")
label: str = result["label"]
p: float = result["probability"]
frame = sentiment.classify(["A gem.", "A mess."], on_error="skip", by="sentence")
pipe = sentiment.load_model("default")
print(label, p, len(frame), pipe)
'''

BAD = '''
import sentiment

sentiment.score(123)
sentiment.classify(["a"], on_error="ignore")
x: int = sentiment.score("A gem.")["label"]
'''


def _mypy(tmp_path, source):
    pytest.importorskip("mypy")
    (tmp_path / "user.py").write_text(source)
    env = {**os.environ, "MYPYPATH": str(ROOT)}  # the editable install is an import hook mypy cannot follow
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-incremental",
                           "--cache-dir", os.devnull, "user.py"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=300)


def test_a_correct_user_script_passes_mypy_strict(tmp_path):
    done = _mypy(tmp_path, GOOD)
    assert done.returncode == 0, done.stdout


def test_mypy_strict_catches_a_wrong_argument_and_a_wrong_use_of_the_result(tmp_path):
    out = _mypy(tmp_path, BAD).stdout
    assert 'Argument 1 to "score" has incompatible type "int"; expected "str"' in out
    assert "Argument \"on_error\" to \"classify\" has incompatible type \"Literal['ignore']\"" in out
    assert 'Incompatible types in assignment (expression has type "str", variable has type "int")' in out
