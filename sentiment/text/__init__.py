"""Text → tokens: tokenizers, negation scope, function words."""
