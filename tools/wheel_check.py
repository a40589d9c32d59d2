"""Build the wheel, install it as a user would, and use it from an empty folder.

Usage: ``python tools/wheel_check.py`` (``make wheel-check``; ``make test`` and ``.ci/run`` run it).

The editable install behind ``make test`` reads the source tree, so it cannot see a module or data
file that the wheel leaves out. This script checks the product itself:

1. ``pip wheel`` builds the wheel in a temporary folder; it must be at most ``MAX_WHEEL_BYTES`` and
   hold every file git tracks under ``sentiment/`` (code, models, cards, lexicons), and the
   ``LICENSE`` and ``NOTICE`` files;
2. the wheel is installed with its declared dependencies (and nothing else) into a fresh virtual
   environment outside the checkout;
3. from an empty folder, the installed ``sentiment`` command and ``python -m sentiment`` classify
   texts, a CSV file and standard input, write an explanation page, list the models, ask for the
   ``[serve]`` extra in one line for ``sentiment serve``, and the Python API classifies two texts. Each
   output is checked, not only the exit status.

Any failure prints one line naming the step and exits 1.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_WHEEL_BYTES = 3_000_000


class CheckFailed(Exception):
    """A step of the check did not give what a user needs."""


def run(cmd: list[str], *, cwd: Path, stdin: str | None = None, env: dict | None = None) -> str:
    """Run ``cmd``; its stdout, or CheckFailed naming the command and the end of its stderr."""
    done = subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True, text=True, env=env, timeout=600)
    if done.returncode != 0:
        tail = " | ".join((done.stderr or done.stdout).strip().splitlines()[-3:])
        raise CheckFailed(f"{' '.join(map(str, cmd))}: exit {done.returncode}: {tail}")
    return done.stdout


def tracked_package_files() -> set[str]:
    """Files git tracks under ``sentiment/``, as wheel member names."""
    out = run(["git", "ls-files", "sentiment"], cwd=ROOT)
    return {line for line in out.splitlines() if line and "__pycache__" not in line}


def build_wheel(into: Path) -> Path:
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(into), str(ROOT)], cwd=into)
    wheels = sorted(into.glob("sentiment-*.whl"))
    if len(wheels) != 1:
        raise CheckFailed(f"pip wheel: expected one sentiment wheel in {into}, found {len(wheels)}")
    return wheels[0]


def check_contents(wheel: Path) -> None:
    size = wheel.stat().st_size
    if size > MAX_WHEEL_BYTES:
        raise CheckFailed(f"{wheel.name}: {size:,} bytes, over the limit of {MAX_WHEEL_BYTES:,}")
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = sorted(tracked_package_files() - names)
    if missing:
        raise CheckFailed(f"{wheel.name}: {len(missing)} tracked file(s) not in the wheel: {', '.join(missing[:8])}")
    for legal in ("LICENSE", "NOTICE"):
        if not any(n.endswith(f".dist-info/licenses/{legal}") for n in names):
            raise CheckFailed(f"{wheel.name}: no {legal} in the wheel's .dist-info/licenses/")
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    if readme.splitlines()[0] not in zipfile.ZipFile(wheel).read(metadata).decode("utf-8"):
        raise CheckFailed(f"{wheel.name}: the long description is not the README")
    print(f"wheel: {wheel.name}, {size:,} bytes, {len(names)} files, every tracked file under sentiment/ in it")


def install(wheel: Path, env_dir: Path) -> Path:
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    python = env_dir / "bin" / "python"
    run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)], cwd=env_dir)
    return env_dir / "bin"


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise CheckFailed(what)


def use(bin_dir: Path, empty: Path) -> None:
    """Every everyday entry point of the installed package, from an empty folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SENTIMENT_DATA")}
    cli = [str(bin_dir / "sentiment")]
    python = str(bin_dir / "python")

    version = run(cli + ["--version"], cwd=empty, env=env)
    expect("sentiment" in version and any(c.isdigit() for c in version), f"sentiment --version printed {version!r}")

    rows = [json.loads(line) for line in run(cli + ["classify", "--jsonl", "A gem.", "A mess."], cwd=empty, env=env).splitlines()]
    expect([r["text"] for r in rows] == ["A gem.", "A mess."], f"classify on texts: rows {rows}")
    expect(rows[0]["p_pos"] > 0.5 > rows[1]["p_pos"], f"classify on texts: 'A gem.' not above 'A mess.': {rows}")

    (empty / "in.csv").write_text("id,text\n7,A stirring and funny film.\n8,Dull and far too long.\n", encoding="utf-8")
    run(cli + ["classify", "in.csv", "-o", "out.csv"], cwd=empty, env=env)
    table = list(csv.DictReader(io.StringIO((empty / "out.csv").read_text(encoding="utf-8"))))
    expect([r["id"] for r in table] == ["7", "8"] and {"label", "p_pos"} <= set(table[0]),
           f"classify on a CSV file: {table}")

    lines = run(cli + ["classify", "-", "--csv"], cwd=empty, env=env, stdin="Wonderful.\nAwful.\n")
    piped = list(csv.DictReader(io.StringIO(lines)))
    expect([r["text"] for r in piped] == ["Wonderful.", "Awful."], f"classify on standard input: {piped}")

    run(cli + ["explain", "It's hokey, but I was overcome with the urge to start dancing!", "--html", "why.html"], cwd=empty, env=env)
    page = (empty / "why.html").read_text(encoding="utf-8")
    expect(page.lstrip().lower().startswith("<!doctype html") and "hokey" in page, "explain --html: no page with the text")

    models = run(cli + ["models"], cwd=empty, env=env)
    expect(all(name in models for name in ("general", "six", "extended")), f"models: {models!r}")

    # Without the [serve] extra (installed with the declared dependencies only): one line saying what to install.
    serve = subprocess.run(cli + ["serve", "--check"], cwd=empty, env=env, capture_output=True, text=True, timeout=600)
    expect(serve.returncode == 1 and serve.stderr.startswith("error:") and "pip install 'sentiment[serve]'" in serve.stderr
           and "Traceback" not in serve.stderr, f"serve without its extra: exit {serve.returncode}, {serve.stderr!r}")

    module = run([python, "-m", "sentiment", "classify", "--jsonl", "A gem."], cwd=empty, env=env)
    expect(json.loads(module.splitlines()[0])["text"] == "A gem.", f"python -m sentiment classify: {module!r}")

    api = run([python, "-c", "import sentiment; print(sentiment.classify(['A gem.', 'A mess.']))"], cwd=empty, env=env)
    expect("A gem." in api and "A mess." in api, f"sentiment.classify from Python: {api!r}")
    where = run([python, "-c", "import sentiment; print(sentiment.__file__)"], cwd=empty, env=env).strip()
    expect(str(ROOT) not in where, f"the installed package was imported from the checkout: {where}")
    print("installed: --version, classify (texts, CSV, stdin), explain --html, models, serve (no extra), python -m, "
          "Python API: all ok")


def main() -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sentiment-wheel-check-") as tmp:
        tmp = Path(tmp)
        for sub in ("dist", "empty"):
            (tmp / sub).mkdir()
        try:
            wheel = build_wheel(tmp / "dist")
            check_contents(wheel)
            use(install(wheel, tmp / "venv"), tmp / "empty")
        except (CheckFailed, subprocess.TimeoutExpired, FileNotFoundError) as e:
            print(f"wheel check failed: {e}", file=sys.stderr)
            return 1
    print(f"wheel check passed in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
