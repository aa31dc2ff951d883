"""claimcheck.distributed: the check as a function over Dask partitions on a local cluster."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimcheck.api import FileResult, Linter
from claimcheck.distributed import as_input, check_bag
from claimcheck.lexicon.model import RuleSet

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import posts  # noqa: E402

distributed = pytest.importorskip("distributed", reason="the Dask extra is not installed")
POSTS = 200
PARTITIONS = 4  # 50 posts each


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A local cluster of two worker processes (one thread each), not the default client."""
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)  # fmt: skip
    with cluster, distributed.Client(cluster, set_as_default=False) as made:
        yield made


@pytest.fixture(scope="module")
def inputs() -> list[Any]:
    return [as_input(*posts.post(i), "markdown") for i in range(POSTS)]


@pytest.fixture(scope="module")
def local(ruleset: RuleSet, inputs: list[Any]) -> list[FileResult]:
    """The same inputs checked in this process, as one run."""
    return list(Linter(ruleset).check_many(inputs))


def test_a_cluster_run_equals_a_local_run(
    client: Any, inputs: list[Any], local: list[FileResult]
) -> None:
    found = list(check_bag(inputs, npartitions=PARTITIONS, client=client, ahead=2))
    assert [r.origin for r in found] == [f"post-{i:05d}.md" for i in range(POSTS)]
    assert found == local
    assert all(r.error is None for r in found)


def test_templates_are_found_across_partitions(client: Any, inputs: list[Any]) -> None:
    found = list(check_bag(inputs, npartitions=PARTITIONS, client=client))
    size = POSTS // PARTITIONS
    across = []
    for number, result in enumerate(found):
        for finding in result.findings:
            if finding.rule == "CC430":
                others = [int(n) for n in re.findall(r"post-(\d{5})\.md", finding.message)]
                across += [(n, number) for n in others if n // size != number // size]
    assert across, "no CC430 finding names a post of another partition"
    template = posts.TEMPLATE_PARAGRAPHS[0][:40]
    carriers = [i for i in range(POSTS) if template in posts.post(i)[1]]
    assert len({i // size for i in carriers}) > 1  # the template spans partitions ...
    later = found[carriers[-1]]  # ... and the last copy names the earlier ones
    assert any(f.rule == "CC430" and template in f.text for f in later.findings)


def test_a_bag_built_on_the_workers(client: Any, local: list[FileResult]) -> None:
    import dask.bag as db

    bag = db.from_sequence([posts.post(i) for i in range(30)], npartitions=3)
    found = list(check_bag(bag.starmap(as_input, format="markdown"), client=client))
    assert found == list(local[:30])


def test_without_a_client_dask_s_own_scheduler_runs_it(
    ruleset: RuleSet, inputs: list[Any]
) -> None:
    import dask

    with dask.config.set(scheduler="synchronous"):
        found = list(check_bag(inputs[:12], npartitions=3))
    assert found == list(Linter(ruleset).check_many(inputs[:12]))


def test_stopping_early_cancels_the_rest(client: Any, inputs: list[Any]) -> None:
    results = check_bag(inputs, npartitions=PARTITIONS, client=client, ahead=2)
    assert next(results).origin == "post-00000.md"
    results.close()
    assert list(check_bag(inputs[:3], client=client)) == list(check_bag(inputs[:3], client=client))


def test_options_and_input_errors_reach_the_workers(client: Any, ruleset: RuleSet) -> None:
    from claimcheck.api import CheckOptions

    items = [as_input("a.html", "<html><script>x</script></html>", "html"),
             as_input("b.txt", "Cupping cures anxiety and removes toxins from the blood.")]
    opts = CheckOptions(select=("CC1",))
    found = list(check_bag(items, options=opts, client=client))
    assert found[0].error == "no text found after removing markup"
    assert found[1].findings and all(f.rule.startswith("CC1") for f in found[1].findings)
    assert found == list(Linter(ruleset, opts).check_many(items))


def test_without_dask_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    with pytest.raises(ImportError, match=r"pip install 'claimcheck\[dask\]'"):
        next(check_bag([as_input("a.txt", "text")]))
