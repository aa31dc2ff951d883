"""Byte-identity check for optimisations: `claimcheck check --format json` before == after.

    python bench/golden.py save    [--pin-lexicons DIR]   # record outputs in bench/results/golden/
    python bench/golden.py compare [--pin-lexicons DIR] [-- extra claimcheck options]

Inputs: the project's text fixtures and examples, the HTML fixtures, the seed article, the
article bodies of the extraction benchmark and the causal-language sentences (one file each,
written to bench/results/golden/in).
`--pin-lexicons` checks against a frozen copy of lexicons/, so that lexicon edits made by
others while an optimisation is measured do not show up as differences.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS, ROOT, causal_sentences, project_texts, shared_texts

GOLDEN = Path(os.environ.get("CLAIMCHECK_GOLDEN_DIR", str(RESULTS / "golden")))


def inputs() -> list[Path]:
    """Write the corpus files (idempotent) and return them in a fixed order."""
    folder = GOLDEN / "in"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, html in enumerate(sorted(p for p in (ROOT / "tests").rglob("*.html") if p.is_file())):
        path = folder / f"{i:04d}.html"
        path.write_bytes(html.read_bytes())
        paths.append(path)
    for i, (_name, text) in enumerate(project_texts() + shared_texts()):
        path = folder / f"{i:04d}.txt"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    sentences = causal_sentences()
    if sentences:
        path = folder / "causal-language.txt"
        path.write_text("\n\n".join(s for s, _label in sentences) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def run_cli(paths: list[Path], pin: Path | None, extra: list[str]) -> str:
    """Run the CLI in-process and return its stdout."""
    import claimcheck.lexicon.loader as loader
    from claimcheck.cli import main

    if pin is not None:
        loader.default_lexicon_dir = lambda: pin  # type: ignore[assignment]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["check", *map(str, paths), "--format", "json", "--fail-on", "never", "--no-cache",
              *extra])
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Save or compare the golden output."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=["save", "compare"])
    ap.add_argument("--pin-lexicons", type=Path, default=None)
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    args = ap.parse_args(argv[: argv.index("--")] if "--" in argv else argv)
    paths = inputs()
    output = run_cli(paths, args.pin_lexicons, extra)
    target = GOLDEN / "output.json"
    digest = hashlib.sha256(output.encode()).hexdigest()[:16]
    if args.mode == "save":
        target.write_text(output, encoding="utf-8")
        print(f"saved {len(paths)} documents, {len(output)} bytes, sha256 {digest}")
        return 0
    expected = target.read_text(encoding="utf-8")
    if output == expected:
        print(f"identical: {len(paths)} documents, {len(output)} bytes, sha256 {digest}")
        return 0
    for i, (a, b) in enumerate(zip(expected.splitlines(), output.splitlines(), strict=False)):
        if a != b:
            print(f"first difference on line {i + 1}:\n- {a[:300]}\n+ {b[:300]}")
            break
    print(f"DIFFERENT: {len(expected)} bytes expected, {len(output)} produced")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
