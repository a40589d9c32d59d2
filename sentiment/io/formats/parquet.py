"""Parquet, read in record batches with pyarrow (``pip install 'sentiment[parquet]'``)."""

from __future__ import annotations

from sentiment.errors import InputError
from sentiment.io.formats.base import CHUNK_ROWS, Chunk, InputFormat, missing_column, register_format, text_or_none

__all__ = ["read_parquet"]


def read_parquet(path, *, text_column="text", label_column=None, encoding="utf-8", chunk_rows=CHUNK_ROWS):
    """Yield chunks of ``chunk_rows`` rows as Python values."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(f"{path}: reading Parquet needs pyarrow: pip install 'sentiment[parquet]'") from None
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow's errors name no file
        raise InputError(f"{path}: not a Parquet file ({exc})") from None
    names = pf.schema_arrow.names
    from sentiment.io.delimited import check_unique_columns

    check_unique_columns(names, path)  # to_pydict would keep only one of them
    for name in [text_column] + ([label_column] if label_column is not None else []):
        if name not in names:
            raise missing_column(path, "column", name, names, label_column)
    row = 1
    for batch in pf.iter_batches(batch_size=chunk_rows):
        columns = batch.to_pydict()
        labels = columns[label_column] if label_column is not None else None
        yield Chunk(columns, [text_or_none(v) for v in columns[text_column]], row, str(path), labels)
        row += batch.num_rows


def _dask_parquet(path, *, encoding="utf-8"):
    import dask.dataframe as dd

    return dd.read_parquet(path)


register_format(InputFormat("parquet", (".parquet",), read=read_parquet, to_dask=_dask_parquet))
