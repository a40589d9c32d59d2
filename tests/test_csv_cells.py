"""CSV cells of a column with no float pass through as they are; a one-shot iterator column keeps its rows."""

import io

import pytest

from sentiment.io.writers import ColumnWriter


@pytest.mark.parametrize("fmt, sep", [("csv", ","), ("tsv", "\t")])
def test_an_iterator_column_keeps_every_row(fmt, sep):
    buf = io.StringIO()
    w = ColumnWriter(buf, ["a", "b", "c"], fmt)
    w.write({"a": ["x", "y"], "b": iter(["1", None]), "c": (v for v in [1.5, None])})
    w.close()
    assert buf.getvalue() == f"a{sep}b{sep}c\nx{sep}1{sep}1.500000\ny{sep}{sep}\n"
