"""The layer contract: lower floors never import higher ones, and no module imports itself back.

Every ``import`` of a ``claimcheck`` module is read from the source (``ast``), including the
ones inside functions and ``if TYPE_CHECKING:`` blocks: a lazy import still ties the layers.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import claimcheck
from claimcheck.lexicon.kinds import KIND_SPECS
from claimcheck.rules import KINDS

SRC = Path(claimcheck.__file__).parent

# Floors from the ground up. A layer may import its own modules and any layer on a lower
# floor; layers that share a floor are independent and may not import each other.
FLOORS: list[tuple[str, ...]] = [
    ("records",),  # plain records and helpers: no spaCy, no I/O
    ("extract", "lexicon"),  # text -> Document; YAML pack -> RuleSet (and its patterns)
    ("inputs", "nlp", "reporters"),  # inputs read; the spaCy pipeline; output formats
    ("rules",),  # rule kinds over the pipeline's Doc
    ("checking",),  # what the Linter does with findings: filter, suppress, score
    ("api",),  # the Linter
    ("parallel", "distributed"),  # supervised local workers; a Dask cluster
    ("cli",),
    ("facade",),  # the package root: re-exports the public API (lazily), imported by no module
]
# Top-level modules; a sub-package is the layer of its own name.
MODULE_LAYERS = {
    "claimcheck": "facade", "version": "records", "claims": "records", "document": "records",
    "errors": "records", "escape": "records", "findings": "records", "paths": "records",
    "outcome": "records", "positions": "records", "results": "records",
    "filters": "checking", "scoring": "checking", "suppress": "checking",
    "resultcache": "checking",
    "api": "api", "runlevel": "api", "rules_doc": "reporters", "distributed": "distributed",
    "cli": "cli", "__main__": "cli", "config": "cli", "config_keys": "cli", "parallel": "parallel",
    "logsetup": "cli", "output": "cli",  # the CLI's log handler; its report file and colour
    "progress": "cli", "batch": "cli",  # the progress display; the reporting loop
    "checkrun": "cli",  # what check runs once its options are read
}  # fmt: skip
FLOOR = {layer: n for n, floor in enumerate(FLOORS) for layer in floor}


def module_name(path: Path) -> str:
    """The dotted module name of a source file (a package is its ``__init__``)."""
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def layer(module: str) -> str:
    """The layer a module belongs to."""
    parts = module.split(".")
    name = parts[1] if len(parts) > 1 else "claimcheck"
    if (SRC / name).is_dir():
        return name
    return MODULE_LAYERS[name]


def imported(node: ast.AST) -> Iterator[str]:
    """The claimcheck modules one import statement names (a module, not a name in it)."""
    if isinstance(node, ast.Import):
        yield from (a.name for a in node.names if a.name.split(".")[0] == "claimcheck")
    elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "claimcheck":
        for alias in node.names:
            full = f"{node.module}.{alias.name}"
            yield full if full in MODULES else str(node.module)


def imports(module: str, *, lazy: bool) -> set[str]:
    """The modules ``module`` imports; with ``lazy``, also those imported inside functions."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    nodes: list[ast.AST] = []
    if lazy:
        nodes = list(ast.walk(tree))
    else:  # run at import time: the module body and its if-blocks (TYPE_CHECKING included)
        for node in tree.body:
            nodes += [node, *(node.body if isinstance(node, ast.If) else ())]
    return {m for node in nodes for m in imported(node)}


def test_imports_are_absolute() -> None:
    """Relative imports would slip past this contract; the project writes none."""
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        relative = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level]
        assert not relative, f"{module}: relative import on line {relative[0]}"


def test_every_module_has_a_layer() -> None:
    """A new top-level module must be placed on a floor here."""
    for module in MODULES:
        assert layer(module) in FLOOR, module


def test_no_layer_imports_a_higher_or_sibling_layer() -> None:
    """Arrows point down: a floor imports only itself and the floors below."""
    wrong = []
    for module in MODULES:
        own = layer(module)
        for target in imports(module, lazy=True):
            other = layer(target)
            if other != own and FLOOR[other] >= FLOOR[own]:
                wrong.append(f"{module} ({own}) imports {target} ({other})")
    assert not wrong, "\n".join(wrong)


def test_lexicon_needs_neither_rules_nor_nlp() -> None:
    """The pack loads and validates without the engine (STYLE.md review item 15)."""
    assert FLOOR["lexicon"] < FLOOR["nlp"] < FLOOR["rules"]


def test_light_layers_load_without_spacy() -> None:
    """Loading a pack, reporting and deciding the exit code never import spaCy or the engine."""
    light = ["claimcheck.lexicon.loader", "claimcheck.lexicon.schema", "claimcheck.reporters",
             "claimcheck.outcome", "claimcheck.results"]  # fmt: skip
    code = (f"import sys\nfor m in {light!r}: __import__(m)\n"
            "print(sorted(m for m in ('spacy', 'claimcheck.api', 'claimcheck.nlp',"
            " 'claimcheck.rules') if m in sys.modules))")
    env = {**os.environ, "PYTHONPATH": str(SRC.parent)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=True)  # fmt: skip
    assert done.stdout.strip() == "[]"


def test_no_import_cycles_at_import_time() -> None:
    """No module reaches itself through the imports its body runs (TYPE_CHECKING included)."""
    graph = {m: imports(m, lazy=False) & MODULES.keys() for m in MODULES}
    cycles = []
    for start in graph:
        seen: set[str] = set()
        stack = [(start, (start,))]
        while stack:
            node, path = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    cycles.append(" -> ".join((*path, start)))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, (*path, nxt)))
    assert not cycles, "\n".join(sorted(cycles))


def test_every_kind_has_its_spec() -> None:
    """The kinds' code and the lexicon's table of kind specs name the same kinds."""
    assert set(KINDS) == set(KIND_SPECS)
    for name, kind in KINDS.items():
        assert kind.spec is KIND_SPECS[name], name
