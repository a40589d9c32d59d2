"""Reading and writing: input formats, corpora, batches, model files, output writers, atomic writes."""
