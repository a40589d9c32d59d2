"""Shared fixtures: where the reference data lives, and how its absence is handled.

Tests that need ``../shared/data`` (or ``$SENTIMENT_DATA``) use the ``data``
fixture: they are skipped with the reason when it is missing, and fail
instead when ``SENTIMENT_REQUIRE_DATA=1`` (as CI sets).
"""

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

# Property tests are derandomized (the same examples on every run, on every machine) and keep no example
# database: a newcomer's first `make test` sees what CI sees, and a failure is reproduced by rerunning.
# HYPOTHESIS_PROFILE=explore searches afresh (random examples, still no database in the checkout).
settings.register_profile("repeatable", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("explore", derandomize=False, database=None, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))
# Hypothesis also caches constants it reads from the code; that cache lives outside the checkout too.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / f"sentiment-hypothesis-{os.getuid()}")

ROOT = Path(__file__).resolve().parent.parent


def _data_root():
    env = os.environ.get("SENTIMENT_DATA")
    candidates = [Path(env)] if env else []
    candidates.append(ROOT.parent / "shared" / "data")
    for c in candidates:
        if (c / "README.md").is_file() and (c / "corpora").is_dir():
            return c
    return None


@pytest.fixture(scope="session")
def data():
    root = _data_root()
    if root is None:
        msg = "reference data not found at ../shared/data or $SENTIMENT_DATA"
        if os.environ.get("SENTIMENT_REQUIRE_DATA") == "1":
            pytest.fail(msg + " (SENTIMENT_REQUIRE_DATA=1)")
        pytest.skip(msg)
    return root


@pytest.fixture(scope="session")
def hu_liu(data):
    return data / "lexicons" / "opinion-lexicon-english"


@pytest.fixture(scope="session")
def rt2k(data):
    return data / "corpora" / "polarity-v2.0" / "txt_sentoken"


@pytest.fixture()
def runner():
    from click.testing import CliRunner

    return CliRunner()


@pytest.fixture(scope="session")
def chromium():
    """Headless Chromium for the browser tests: skipped when absent, a failure under CI's variables."""
    from sentiment.reports.browser import find_chromium

    exe = find_chromium()
    if exe is None:
        msg = "chromium not installed (Debian: apt-get install chromium; .ci/run installs it)"
        if os.environ.get("SENTIMENT_REQUIRE_DATA") == "1" or os.environ.get("SENTIMENT_REQUIRE_BROWSER") == "1":
            pytest.fail(msg + " (SENTIMENT_REQUIRE_DATA=1 or SENTIMENT_REQUIRE_BROWSER=1)")
        pytest.skip(msg)
    return exe


@pytest.fixture(scope="session")
def client():
    """A Dask client on a real 2-worker LocalCluster (processes), shared by the Dask suites."""
    import warnings

    distributed = pytest.importorskip("distributed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()
