"""What a model is worth: metrics, evaluation on a corpus, the paired bootstrap."""
