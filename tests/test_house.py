"""The house rules (issue 17): no import cycles, no development paths, registries that extend in one step."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sentiment"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module → the sentiment modules it imports anywhere (top level or inside functions)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            for t in targets:
                # "from a.b import c" depends on a.b, or on the module a.b.c
                while t and t not in modules:
                    t = t.rpartition(".")[0]
                if t and t != name:
                    edges.add(t)
        graph[name] = edges
    return graph


def find_cycle(graph):
    state, stack = {}, []

    def visit(n):
        state[n] = 1
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


def test_import_graph_has_no_cycle():
    graph = import_graph()
    assert "sentiment.pipeline" in graph and "sentiment.io.modelfile" in graph["sentiment.pipeline"]
    assert find_cycle(graph) is None, " → ".join(find_cycle(graph))


def test_the_cycle_finder_finds_cycles():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_package_reads_no_development_path():
    hits = [f"{p.relative_to(PACKAGE.parent)}:{i}" for p in PACKAGE.rglob("*") if p.suffix in (".py", ".md")
            for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if "shared/data" in line]
    assert hits == []


def test_python_dash_m_sentiment_runs():
    res = subprocess.run([sys.executable, "-m", "sentiment", "--help"], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0 and "classify" in res.stdout


def test_py_typed_ships():
    assert (PACKAGE / "py.typed").is_file()


@pytest.mark.parametrize("path", ["batch", "quick"])
def test_only_input_errors_become_one_line(runner, monkeypatch, path):
    """A bug (here a ValueError from library code) keeps its traceback; bad input is one line."""
    from sentiment.cli.main import cli
    import sentiment.pipeline as pipeline
    import sentiment.quick.model as quick

    def broken(*a, **k):
        raise ValueError("cannot reshape array of size 7 into shape (6,)")

    if path == "batch":
        monkeypatch.setattr(quick, "MAX_TEXTS", 0)  # a one-text classify takes the quick path otherwise
        monkeypatch.setattr(pipeline.SentimentPipeline, "predict_proba", broken)
    else:
        monkeypatch.setattr(quick.QuickModel, "probabilities", broken)
    res = runner.invoke(cli, ["classify", "a fine film"])
    assert isinstance(res.exception, ValueError)  # not turned into "error: ..." and exit 1
    assert "error: cannot reshape" not in res.stderr


def test_fixed_length_corpus_standardises_length_as_constant():
    """Every document 5 tokens long: ln(5) has a computed sd of ~1e-15, not 0, which must not be blown up."""
    from sentiment.features.six import SixFeatures
    from sentiment.linear.model import LogisticRegression

    texts = ["a great fun film indeed", "a dull awful mess indeed", "nice and great fun indeed",
             "hokey and dull mess indeed"] * 25
    labels = ["pos", "neg", "pos", "neg"] * 25
    X = SixFeatures(lexicon="textbook").transform(texts)
    assert np.ptp(X[:, 5]) == 0.0 and X[:, 5].std() > 0  # constant, yet its computed sd is not 0
    model = LogisticRegression().fit(X, labels)
    assert model.scale_[5] == 1.0
    assert abs(model.coef_[0, 5]) < 1e-6  # no weight on rounding noise
    assert model.predict(X).tolist() == labels
