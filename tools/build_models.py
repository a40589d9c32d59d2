"""Train the shipped ``general`` and ``six`` models on the domains of ../shared/data.

Usage: ``python tools/build_models.py [DATA_ROOT]`` (``make models`` runs it).  Each domain
gives at most ``DOMAIN_CAP`` documents (the same seeded subsets as ``benchmarks/domains.py``
uses).  ``general`` is three-way (negative / neutral / positive): the eight binary domains plus the
three-way training sets of ``benchmarks/_domains.load_three_way`` (SemEval tweets, financial news,
SST-5, SUBJ's objective sentences as neutral), each class weighted to the same total; ``six`` stays binary, on the eight binary domains.
The files are written to ``sentiment/models/general.zip`` (compact) and ``six.json`` with what they
saw in their ``training`` block.  Prints the time each model took.
"""

import os
import sys
import time
from pathlib import Path

# One BLAS thread, as the CLI runs: a multi-threaded reduction may sum in another order from run to run,
# and the same data must give the same weights.
for _threads in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_threads] = "1"

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from _domains import load_domains, load_three_way  # noqa: E402

from sentiment.training.general import DOMAIN_CAP, cap_domains, train_general  # noqa: E402

SIX_LEXICON = "hu-liu"  # chosen by leave-one-domain-out accuracy (sentiment/models/six.md)


def main(root: Path) -> None:
    from sentiment.features.six import SixFeatures
    from sentiment.linear.model import LogisticRegression
    from sentiment.pipeline import SentimentPipeline

    t0 = time.perf_counter()
    domains = load_domains(root)
    print(f"read {sum(len(t) for t, _ in domains.values())} documents in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    three_way, _ = load_three_way(root)
    general = train_general({**domains, **three_way}, balance_classes=True, neutral=None)
    general.save(ROOT / "sentiment" / "models" / "general.zip")  # compact (sentiment.io.compact)
    print(f"general: {general.metadata['documents']} documents, {len(general.feature_names)} features, "
          f"{time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    texts, labels, counts = cap_domains(domains, DOMAIN_CAP)
    six = SentimentPipeline(SixFeatures(lexicon=SIX_LEXICON), LogisticRegression(C=1.0)).fit(texts, labels)
    six.metadata = {"model": "six", "domains": counts, "documents": len(texts), "lexicon": SIX_LEXICON,
                    "classes": {c: labels.count(c) for c in sorted(set(labels))}, "C": 1.0,
                    "solver": six.model.solver_, "loss": float(six.model.loss_)}
    six.save(ROOT / "sentiment" / "models" / "six.json")
    print(f"six: {len(texts)} documents, {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
