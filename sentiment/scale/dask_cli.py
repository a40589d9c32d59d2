"""``classify --engine dask``: tables scored on a Dask cluster, with the local engine's promises.

The same ``--on-error`` rule as the local engine (a row with no text stops the
run naming its row, or is skipped or flagged), missing values written as empty
cells (never ``<NA>``), duplicate columns refused, and every Dask or scheduler
failure turned into one line naming the file or the scheduler.
"""

from __future__ import annotations

from pathlib import Path

from sentiment.errors import InputError

__all__ = ["classify_with_dask"]

_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".parquet")


def _plain(values):
    """Column values with pandas' missing markers (NA, NaN, NaT) as None."""
    import pandas as pd

    return [None if (v is None or (not isinstance(v, (list, dict, str)) and pd.isna(v))) else v for v in values]


def _one_line(exc) -> str:
    text = str(exc).strip()
    line = text.splitlines()[-1] if text else type(exc).__name__
    return line.removeprefix("Original Message: ")


def _connect(scheduler):
    from distributed import Client

    try:
        return Client(scheduler, timeout="10s")
    except Exception as exc:  # OSError, TimeoutError, ValueError for a bad address: say which scheduler
        raise InputError(f"--scheduler {scheduler}: cannot connect ({_one_line(exc)})") from None


def _read(dd, item, suffix, encoding):
    from sentiment.io.formats.base import find_format, input_formats

    reader = find_format(item) if Path(item).is_file() else None
    if reader is None or reader.to_dask is None:
        readable = ", ".join(f.name for f in input_formats() if f.to_dask is not None)
        raise InputError(f"{item}: --engine dask reads files in these formats: {readable}")
    if suffix in (".csv", ".tsv"):
        from sentiment.io.delimited import open_rows

        header, rows = open_rows(item, encoding)  # checks the header (duplicates) and the encoding
        rows.close()
    elif suffix == ".parquet":
        import pyarrow.parquet as pq

        from sentiment.io.delimited import check_unique_columns

        check_unique_columns(pq.ParquetFile(item).schema_arrow.names, item)
    return reader.to_dask(item, encoding=encoding)


def classify_with_dask(pipe, inputs, text_column, encoding, scheduler, fmt, output, on_error, report, neutral=True,
                       prefix=""):
    from sentiment.cli.options import _Output
    from sentiment.io.writers import ColumnWriter

    try:
        import dask.dataframe as dd
    except ImportError:
        raise InputError("--engine dask needs Dask: pip install 'sentiment[dask]'") from None
    from sentiment.outputs import ERROR, output_names, refuse_overwrite
    from sentiment.scale.distributed import iter_scored_partitions, score_dataframe

    outputs = output_names(pipe.classes_, neutral, prefix, error=on_error == "flag")

    client = _connect(scheduler) if scheduler else None
    writer = None
    try:
        with _Output(output) as out:
            for item in inputs:
                suffix = Path(item).suffix.lower()
                row = 0
                try:
                    ddf = _read(dd, item, suffix, encoding)
                    refuse_overwrite(ddf.columns, outputs, item, "--prefix", prefix)  # as the local engine
                    parts = iter_scored_partitions(score_dataframe(pipe, ddf, text_column, neutral, prefix), client)
                    for df in parts:
                        cols = {str(c): _plain(df[c].tolist()) for c in df.columns}
                        bad = [i for i, t in enumerate(cols[text_column]) if not (isinstance(t, str) and t.strip())]
                        if bad and on_error == "fail":
                            raise InputError(f"{item}: row {row + bad[0] + 1}: no text to classify; "
                                             "use --on-error skip or flag to go on")
                        row += len(cols[text_column])
                        if bad:
                            report[on_error] = report.get(on_error, 0) + len(bad)
                        if bad and on_error == "skip":
                            drop = set(bad)
                            cols = {k: [v for i, v in enumerate(vs) if i not in drop] for k, vs in cols.items()}
                        elif on_error == "flag":
                            drop = set(bad)
                            cols[prefix + ERROR] = ["no text" if i in drop else None for i in range(len(cols[text_column]))]
                        if writer is None:
                            writer, first = ColumnWriter(out, list(cols), fmt), (item, list(cols))
                        extra = [c for c in cols if c not in first[1]]
                        if extra:  # the header is written: as the local engine, refuse rather than drop them
                            raise InputError(f"{item}: column(s) {', '.join(extra)} not in the first input's columns "
                                             f"({first[0]}: {', '.join(c for c in first[1] if c not in outputs)}), "
                                             f"which the output has; classify "
                                             f"{item} on its own, or give it the same columns")
                        writer.write(cols)
                except (InputError, KeyboardInterrupt):
                    raise
                except Exception as exc:  # Dask's and pandas' errors name no file: name it, in one line
                    raise InputError(f"{item}: cannot read as {suffix.lstrip('.')} with Dask ({_one_line(exc)})") from None
            if writer is not None:
                writer.close()
    finally:
        if client is not None:
            client.close()
