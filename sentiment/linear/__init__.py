"""Features → probabilities: logistic regression, its loss and gradients, and the solvers."""

#: How a model handles its classes (``auto``: sigmoid for two, softmax for more). Here, not in
#: ``model``, so the command line can offer the choice without importing numpy.
MULTI_CLASS = ("auto", "binary", "multinomial", "ovr")
