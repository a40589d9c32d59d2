"""``train --engine dask``: the extended or general model trained on tables read by a Dask cluster.

The tables (CSV, TSV, JSONL, Parquet: the formats with a ``to_dask`` reader) are read by the
workers, one partition per block, concatenated in the order given; the client merges the
featurizer's statistics and runs the L-BFGS (:mod:`sentiment.scale.dask_training`).  For
``--features general`` the settings the command line leaves at their defaults are the general
model's (:mod:`sentiment.training.general`: ``C`` 0.3, n-grams in ≥ 3 documents, at most 60 000
of them, the lexicon prior, length-balanced weights, the rule weight and the neutral rule), so
``sentiment train data.csv --engine dask --features general`` trains the default model's recipe.
"""

from __future__ import annotations

from sentiment.errors import InputError

__all__ = ["train_with_dask", "DASK_FEATURES"]

#: The featurizers ``train --engine dask`` trains.
DASK_FEATURES = ("extended", "general")


def _table(item, encoding):
    from pathlib import Path

    from sentiment.scale.dask_cli import _read

    return _read(None, item, Path(item).suffix.lower(), encoding)


def train_with_dask(corpora, *, features, text_column, label_column, encoding, label_map, scheduler, C, tol,
                    max_iter, featurizer_params):
    """A fitted pipeline: ``corpora`` read as Dask tables, trained with the ``features`` recipe.

    ``C``, ``tol``, ``max_iter`` and ``featurizer_params`` hold only what the command line set
    (None or absent: the recipe's).
    """
    try:
        import dask.dataframe as dd
    except ImportError:
        raise InputError("--engine dask needs Dask: pip install 'sentiment[dask]'") from None
    from sentiment.scale.dask_cli import _connect, _one_line
    from sentiment.scale.dask_training import fit_extended, fit_general

    if features not in DASK_FEATURES:
        raise InputError(f"--engine dask trains --features {' or '.join(DASK_FEATURES)}; got {features}")
    client = _connect(scheduler) if scheduler else None
    try:
        frames = []
        for item in corpora:
            ddf = _table(item, encoding)
            for col in (text_column, label_column):
                if col not in ddf.columns:
                    raise InputError(f"{item}: no column {col!r} (columns: {', '.join(map(str, ddf.columns))})")
            frames.append(ddf[[text_column, label_column]])
        ddf = frames[0] if len(frames) == 1 else dd.concat(frames)
        if label_map:
            ddf[label_column] = ddf[label_column].map(lambda v: label_map.get(str(v), v), meta=(label_column, "object"))
        solver = {k: v for k, v in (("tol", tol), ("max_iter", max_iter)) if v is not None}
        try:
            if features == "general":
                pipe = fit_general(ddf, text_column, label_column, C=C, client=client, **solver, **featurizer_params)
            else:
                pipe = fit_extended(ddf, text_column, label_column, C=1.0 if C is None else C, client=client,
                                    **solver, **featurizer_params)
        except KeyboardInterrupt:
            raise
        except InputError as exc:  # a worker's message names no file: name the tables
            raise InputError(f"{', '.join(map(str, corpora))}: {exc}") from None
        except Exception as exc:  # Dask's and pandas' errors name no file: name the tables, in one line
            raise InputError(f"{', '.join(map(str, corpora))}: cannot train with Dask ({_one_line(exc)})") from None
        pipe.metadata["corpora"] = ", ".join(map(str, corpora))
        if scheduler:
            pipe.metadata["scheduler"] = scheduler
        return pipe
    finally:
        if client is not None:
            client.close()
