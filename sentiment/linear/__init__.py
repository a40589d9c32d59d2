"""Features → probabilities: logistic regression, its loss and gradients, and the solvers."""
