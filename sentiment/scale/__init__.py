"""Scale out: worker processes for batches, Dask scoring and training."""
