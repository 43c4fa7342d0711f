"""Batch commands as maps over documents: one process, --jobs 2 and --dask give the same
output, byte for byte (stdout and every file written); writes stay all-or-nothing."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench import gen
from tests.helpers import HANG_GUARD
from tui.batch import (BATCH_WORKERS, BATCHES_PER_WORKER, DASK_BATCHES_PER_WORKER, DASK_MAX_BATCH, DASK_MIN_BATCH,
                       MAX_BATCH, Runner, _batches, run_map, started)
from tui.cli import main

HAS_DASK = importlib.util.find_spec("distributed") is not None


@pytest.fixture(scope="module")
def team_root(tmp_path_factory):
    return gen.team(tmp_path_factory.mktemp("batch") / "corpus", docs=12)


@pytest.fixture(scope="module")
def dask_address():
    """One local Dask cluster of 2 workers for the module (its address, as a user gives it)."""
    if not HAS_DASK:
        pytest.skip("distributed is not installed (pip install 'margin[dask]')")
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    yield cluster.scheduler_address
    cluster.close()


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file() and ".margin" not in p.parts and p.name != ".margin-export"}  # a random marker id


def _run(capsys, root: Path, *argv: str) -> tuple[int, str, dict[str, str]]:
    code = main([argv[0], "--corpus", str(root), *argv[1:]])
    out = capsys.readouterr().out
    return code, out.replace(str(root), "ROOT"), _tree(root)


WAYS = [(), ("--jobs", "2"), ("--dask", "DASK")]
COMMANDS = [
    ("suggest", "--write"),
    ("export", "--format", "jsonl", "--annotator", "all", "--out", "OUT"),
    ("agree", "--json"),
    ("validate", "--json"),
    ("learn",),
]


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_same_output_whatever_runs_it(command, team_root, tmp_path, capsys, request, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")  # one time for every run's files
    results = []
    for way in WAYS:
        if "DASK" in way:
            way = ("--dask", request.getfixturevalue("dask_address"))
        root = shutil.copytree(team_root, tmp_path / f"c{len(results)}")
        argv = [a.replace("OUT", str(root / "exports" / "out")) for a in command]
        code, out, files = _run(capsys, root, *argv, *way)
        assert code == 0, out
        if command[0] == "learn":  # the model's time and seconds differ; its taggers must not
            files = {k: v for k, v in files.items() if not k.endswith("model.json")}
            out = "\n".join(ln for ln in out.splitlines() if not ln.startswith(("learned in", "model: trained")))
        results.append((out, files))
    assert results[1] == results[0] and results[2] == results[0]
    if command[0] == "suggest":
        assert any(k.endswith("/suggest.yaml") for k in results[0][1])


def test_a_dask_export_leaves_each_document_folder_to_the_workers(team_root, tmp_path, capsys, dask_address,
                                                                  monkeypatch):
    """The process that plans an export lists annotations/ only; each worker lists the
    folders of its own documents (the serial start before the map is shorter). The
    documents with files none of the chosen annotators wrote are still named as left out."""
    import tui.corpus

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    alone = shutil.copytree(team_root, tmp_path / "alone")
    code, out, files = _run(capsys, alone, "export", "--format", "jsonl", "--annotator", "alice", "--out",
                            str(alone / "exports" / "out"))
    scanned: list[Path] = []

    class _Os:  # tui.corpus's os, noting every folder it lists
        def __getattr__(self, name):
            return getattr(os, name)

        @staticmethod
        def scandir(path):
            scanned.append(Path(path))
            return os.scandir(path)

    root = shutil.copytree(team_root, tmp_path / "dask")
    monkeypatch.setattr(tui.corpus, "os", _Os())
    assert _run(capsys, root, "export", "--format", "jsonl", "--annotator", "alice", "--out",
                str(root / "exports" / "out"), "--dask", dask_address) == (code, out, files)
    listed = root / "annotations"
    assert listed in scanned and not [p for p in scanned if p.parent == listed]
    card = (alone / "exports" / "out" / "dataset_card.md").read_text(encoding="utf-8")  # the same in both
    without = _without(team_root, "alice")
    assert code == 0 and without and all(f"- {d}" in card for d in without)


def _without(root: Path, annotator: str) -> list[str]:
    """The documents with annotation files, none of them ``annotator``'s."""
    return [d.name for d in sorted((root / "annotations").iterdir())
            if d.is_dir() and list(d.glob("*.yaml")) and not (d / f"{annotator}.yaml").exists()]


def test_the_rules_run_over_the_annotated_documents_in_the_workers(team_root, tmp_path, capsys, monkeypatch):
    """Inferring the conventions runs the rules over every annotated document, the costly
    part of learning (a corpus of 10,000 annotated documents: minutes). With --jobs 2 that
    runs in the worker processes, once: for `margin learn` (it ran here, one document after
    another, and twice) and for the conventions `margin suggest` infers without a model."""
    import tui.suggest.model.crf as crf
    from tui.corpus import Corpus
    from tui.suggest.learn import guidelines

    here, calls, real = os.getpid(), [], crf._found

    def found(text, extra=None):
        if os.getpid() == here:
            calls.append(text[:20])
        return real(text, extra)

    monkeypatch.setattr(crf, "_found", found)  # the workers (forked) inherit it, and count nothing here
    root = shutil.copytree(team_root, tmp_path / "learn")
    assert main(["learn", "--corpus", str(root), "--jobs", "2"]) == 0
    assert (root / ".margin" / "model").is_dir() and calls == []
    g = guidelines(Corpus(team_root), runner=Runner(jobs=2))
    assert g.documents > 0 and calls == []
    capsys.readouterr()


def test_learn_model_identical(team_root, tmp_path, capsys):
    models = []
    for way in ((), ("--jobs", "2")):
        root = shutil.copytree(team_root, tmp_path / f"m{len(models)}")
        assert main(["learn", "--corpus", str(root), *way]) == 0
        models.append({p.name: p.read_bytes() for p in sorted((root / ".margin" / "model").glob("*.crfsuite"))})
    capsys.readouterr()
    assert models[0] and models[0] == models[1]


@pytest.mark.parametrize("way", [("--jobs", "2"), ("--dask", "DASK")], ids=["jobs", "dask"])
def test_suggest_write_is_all_or_nothing_in_parallel(way, team_root, tmp_path, capsys, request):
    """Files are staged as documents come out of the map: a bad file after the first
    documents removes what was staged and replaces nothing."""
    if "DASK" in way:
        way = ("--dask", request.getfixturevalue("dask_address"))
    root = shutil.copytree(team_root, tmp_path / "c")
    doc = sorted((root / "seeds").iterdir())[5].stem
    bad = root / "annotations" / doc / "suggest.yaml"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text("format: margin/1\nspans: [oops\n")
    before = _tree(root)
    assert main(["suggest", "--write", "--corpus", str(root), *way]) == 1
    assert _tree(root) == before  # one bad file: nothing written anywhere
    assert "suggest.yaml" in capsys.readouterr().err


def _square(x: int) -> int:
    if x == -13:
        raise ValueError("thirteen")
    return x * x


def test_run_map_keeps_order_and_reports_progress():
    seen = []
    assert list(run_map(_square, list(range(12)), Runner(jobs=2), lambda d, n: seen.append((d, n)))) == \
        [x * x for x in range(12)]
    assert seen[-1] == (12, 12) and len(seen) == 12


def test_run_map_on_dask_keeps_order_and_raises_the_task_error(dask_address):
    assert list(run_map(_square, list(range(40)), Runner(dask=dask_address))) == [x * x for x in range(40)]
    with pytest.raises(ValueError, match="thirteen"):
        list(run_map(_square, [*range(20), -13], Runner(dask=dask_address)))


def _imported(name: str) -> bool:
    import sys

    return name in sys.modules


def test_a_started_runner_connects_once_and_its_workers_import_the_map_modules(dask_address, monkeypatch):
    """A command enters ``started`` before it lists the corpus: one connection for the
    whole command, and every worker imports the map's modules before the first batch."""
    import tui.batch

    connects = []
    real = tui.batch.connect
    monkeypatch.setattr(tui.batch, "connect", lambda r: connects.append(r) or real(r))
    with started(Runner(dask=dask_address), "tests.batch_warm_probe") as runner:
        assert runner is not None and runner.client is not None
        assert list(run_map(_square, list(range(30)), runner)) == [x * x for x in range(30)]
        assert list(run_map(_square, list(range(5)), runner)) == [x * x for x in range(5)]
        for _ in range(int(HANG_GUARD * 10)):  # the import is not waited for: it runs before the first task
            seen = runner.client.run(_imported, "tests.batch_warm_probe")
            if all(seen.values()):
                break
            time.sleep(0.1)
        assert len(seen) == 2 and all(seen.values())
    assert len(connects) == 1


def test_a_local_runner_is_started_as_it_is():
    local = Runner(jobs=2)
    with started(local, "tui.export.records") as runner:
        assert runner is local
    with started(None) as runner:
        assert runner is None


def _wait_for_marker(task: tuple[str, int, int]) -> str:
    """The last task waits (up to HANG_GUARD) for the consumer to have seen the first result."""
    marker, i, last = task
    if i == last:
        for _ in range(int(HANG_GUARD * 10)):
            if os.path.exists(marker):
                return "after the first result"
            time.sleep(0.1)
        return "before the first result"
    return str(i)


@pytest.mark.parametrize("way", ["jobs", "dask"])
def test_run_map_yields_while_the_workers_map(way, tmp_path, request):
    """The consumer gets the first results while later tasks still run (it writes while
    the workers suggest): the last task only ends once the consumer has seen the first."""
    runner = Runner(jobs=2) if way == "jobs" else Runner(dask=request.getfixturevalue("dask_address"))
    marker = str(tmp_path / "first-result-seen")
    out = []
    for r in run_map(_wait_for_marker, [(marker, i, 39) for i in range(40)], runner):
        out.append(r)
        Path(marker).touch()
    assert out == [str(i) for i in range(39)] + ["after the first result"]


@given(st.integers(0, 3000), st.integers(1, 9),
       st.sampled_from([(MAX_BATCH, 1, BATCHES_PER_WORKER), (DASK_MAX_BATCH, DASK_MIN_BATCH, DASK_BATCHES_PER_WORKER)]))
def test_batches_cover_the_tasks_in_order_and_shrink_to_the_end(n, workers, bounds):
    most, least, per_worker = bounds
    batches = list(_batches(list(range(n)), workers, most, least, per_worker))
    assert [t for b in batches for t in b] == list(range(n))
    sizes = [len(b) for b in batches]
    assert all(0 < s <= most for s in sizes) and sizes == sorted(sizes, reverse=True)
    assert not sizes or sizes[-1] <= least  # the tail is the smallest batches: no worker waits for a big one
    assert all(s >= least for s in sizes[:-1])  # and none smaller than what a task costs to send


def test_unreachable_scheduler_is_one_line(team_root, capsys, monkeypatch):
    if not HAS_DASK:
        pytest.skip("distributed is not installed")
    monkeypatch.setenv("MARGIN_DASK_TIMEOUT", "1")
    assert main(["agree", "--corpus", str(team_root), "--dask", "tcp://127.0.0.1:9"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot reach the Dask scheduler" in err[0]


def test_bad_jobs_is_refused(team_root, capsys):
    assert main(["validate", "--corpus", str(team_root), "--jobs", "0"]) == 1
    assert "--jobs must be 1 or more" in capsys.readouterr().err


def test_the_batch_cluster_settings_in_the_docs_are_the_ones_margin_and_the_bench_use():
    """docs/team.md's shell block sets a batch cluster's Dask settings as environment
    variables; Dask reads them as exactly ``tui.batch.BATCH_WORKERS`` (what ``--dask local``
    and bench/batch start their clusters with)."""
    if not HAS_DASK:
        pytest.skip("distributed is not installed")
    import dask.config

    text = (Path(__file__).parents[1] / "docs" / "team.md").read_text(encoding="utf-8")
    section = text[text.index("## Batch work"):]
    block = section[section.index("```sh"):section.index("```", section.index("```sh") + 5)]
    env = dict(re.findall(r"\b(DASK_[A-Z_]+)=(\S+)", block))
    assert env, "no Dask setting in docs/team.md's batch block"

    def flat(d: dict, prefix: str = "") -> dict:
        out = {}
        for k, v in d.items():
            key = prefix + k.replace("_", "-")
            out.update(flat(v, key + ".") if isinstance(v, dict) else {key: v})
        return out

    assert flat(dask.config.collect_env(env)) == BATCH_WORKERS
