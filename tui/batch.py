"""One map over documents for every batch command: here, in local processes, or on Dask.

``margin suggest --write``, ``export``, ``agree``, ``learn`` (its features) and ``validate``
split their work by document into picklable tasks and a module-level function, and call
:func:`run_map`. It yields the results **in task order** whatever ran them, so the output
is the one-process output byte for byte (tests/test_batch.py checks each command); the
commands keep their all-or-nothing writes (they write after the map, in one transaction).

- ``Runner(jobs=1)``: a plain ``map`` in this process.
- ``Runner(jobs=N)``: ``N`` local processes (``concurrent.futures``).
- ``Runner(dask="tcp://host:8786")``: the tasks, in batches, on a Dask cluster
  (``pip install 'margin[dask]'``). Workers import ``tui`` and read the corpus at the same
  path: run them where the corpus is shared (docs/team.md). ``dask="local"`` starts a
  local cluster of ``jobs`` workers (2 by default) for this run.

Pure core: no Textual. Progress is a callback ``progress(done, total)``.
"""

from __future__ import annotations

import dataclasses
import importlib
import itertools
import os
import pickle
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tui.errors import DataError

Progress = Callable[[int, int], None]
BATCHES_PER_WORKER = 8  # enough to balance uneven documents, few enough to keep overhead low
MAX_BATCH = 64  # tasks a batch at most (bounds what a worker holds for the consumer)
DASK_MAX_BATCH = 256  # on Dask: a task costs ≈ 5–10 ms of CPU across worker, scheduler and client,
DASK_MIN_BATCH = 4  # so batches are bigger, and the tail is no single documents (≈ 3–9 ms each)
DASK_BATCHES_PER_WORKER = 4  # and fewer: 72 tasks for 10,000 documents on 2 workers, not 106
# The Dask settings docs/team.md gives for a batch cluster (its scheduler and workers), which
# ``--dask local`` and bench/batch use: fewer wake-ups of each worker's event loop, each of
# which takes the GIL from the thread that maps. No profiler (it samples that thread's stack
# every 10 ms), the loop's health check every second (not every 20 ms), memory checked every
# second (not every 100 ms), the system monitor every 2 s (not 500 ms).
BATCH_WORKERS = {"distributed.worker.profile.enabled": False,
                 "distributed.admin.tick.interval": "1s",
                 "distributed.worker.memory.monitor-interval": "1s",
                 "distributed.admin.system-monitor.interval": "2s"}
READ_AHEAD = 4  # batches a worker submitted ahead of the consumer


@dataclass(frozen=True)
class Runner:
    """Where a batch command's map runs (see the module doc)."""

    jobs: int = 1
    dask: str | None = None
    client: Any = field(default=None, compare=False, repr=False)  # connected already (``started``)

    @classmethod
    def from_args(cls, args, default_jobs: int = 1) -> Runner:
        jobs = getattr(args, "jobs", None)
        dask = getattr(args, "dask", None)
        if jobs is not None and jobs < 1:
            raise DataError(f"--jobs must be 1 or more, got {jobs}")
        return cls(jobs if jobs is not None else default_jobs, dask)

    @property
    def parallel(self) -> bool:
        return self.dask is not None or self.jobs > 1


def batch_time() -> str:
    """The one time a batch records in the files it writes (``updated:``): now, or
    ``$SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention), so two runs of
    the same batch write the same bytes."""
    from datetime import datetime, timezone

    from tui.model import now_utc

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return now_utc()


@contextmanager
def started(runner: Runner | None, *modules: str) -> Iterator[Runner | None]:
    """``runner`` with its Dask client connected now, for a command to enter before it lists
    the corpus: the workers import ``modules`` (what the map's function needs) while this
    process lists, rather than when their first batch arrives. Closed on exit. A local
    runner (or None) is given back as it is."""
    if runner is None or runner.dask is None or runner.client is not None:
        yield runner
        return
    client, close = connect(runner)
    try:
        if modules:
            client.run(_import, modules, wait=False)
        yield dataclasses.replace(runner, client=client)
    finally:
        close()


async def _import(modules: Sequence[str]) -> None:
    """What ``started`` has each worker run, before any task (a coroutine, so that the
    client need not wait for it): import the map's modules; one that cannot be imported is
    left for the map to report."""
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            pass


def runner_of(args) -> Runner | None:
    """The Runner that ``--jobs``/``--dask`` ask for, or None when neither was given (the
    command's automatic choice)."""
    if getattr(args, "jobs", None) is None and getattr(args, "dask", None) is None:
        return None
    return Runner.from_args(args)


def add_options(p, what: str = "documents") -> None:
    """``--jobs N`` and ``--dask ADDRESS``, the same for every batch command."""
    p.add_argument("--jobs", type=int, metavar="N",
                   help=f"work on {what} in N local processes (default: one, or automatic where said)")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="run the same work on a Dask cluster: its scheduler's address (tcp://host:8786), "
                        "or 'local' for a local cluster of --jobs workers (needs margin[dask])")


def run_map(fn: Callable[[Any], Any], tasks: Sequence, runner: Runner | None = None,
            progress: Progress | None = None) -> Iterator[Any]:
    """``fn(task)`` for every task, yielded in task order. ``fn`` must be a module-level
    function and tasks and results picklable when the runner is parallel."""
    runner = runner or Runner()
    if runner.dask is not None:
        yield from _dask_map(fn, tasks, runner, progress)
    elif runner.jobs > 1 and len(tasks) > 1:
        yield from _process_map(fn, tasks, runner.jobs, progress)
    else:
        yield from _counted(map(fn, tasks), len(tasks), progress)


def _counted(results, total: int, progress: Progress | None) -> Iterator[Any]:
    for i, r in enumerate(results, 1):
        if progress is not None:
            progress(i, total)
        yield r


def _batches(tasks: Sequence, workers: int, most: int = MAX_BATCH, least: int = 1,
             per_worker: int = BATCHES_PER_WORKER) -> Iterator[list]:
    """The tasks in order, cut into batches of a ``per_worker``-th of a worker's share of
    what is left, at most ``most`` (few results wait for the consumer) and at least
    ``least`` (what a task costs to send): big batches while there is much to do (little
    overhead a task), ever smaller ones at the end, so no worker finishes a big batch
    alone while the others wait."""
    start = 0
    while start < len(tasks):
        size = max(least, min(most, (len(tasks) - start) // (workers * per_worker)))
        yield list(tasks[start:start + size])
        start += size


def _in_order(submit: Callable[[list], Any], batches: Iterator[list], workers: int, total: int,
              progress: Progress | None) -> Iterator[Any]:
    """Each batch's results in task order, as soon as that batch is done, with at most
    ``READ_AHEAD`` batches a worker submitted and not yet consumed: the consumer (a writer,
    agreement, an export) works while the workers map, and memory holds a few results,
    never the corpus's. ``submit(batch)`` returns a future (``.result()`` raises the
    task's own exception)."""
    ahead = deque(submit(b) for b in itertools.islice(batches, workers * READ_AHEAD))
    done = 0
    while ahead:
        results = ahead.popleft().result()
        nxt = next(batches, None)
        if nxt is not None:
            ahead.append(submit(nxt))
        for r in results:
            done += 1
            if progress is not None:
                progress(done, total)
            yield r


def _process_map(fn, tasks: Sequence, jobs: int, progress: Progress | None) -> Iterator[Any]:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from _in_order(lambda b: pool.submit(run_batch, fn, b), _batches(tasks, jobs), jobs,
                             len(tasks), progress)


def run_batch(fn, tasks: list) -> list:
    """What a worker runs: ``fn`` over one batch of tasks."""
    return [fn(t) for t in tasks]


def run_pickled(fn, batch: bytes) -> list:
    """What a Dask worker runs: ``fn`` over one batch of tasks that came pickled (one
    ``bytes`` for Dask to carry, where a list of tuples is walked item by item by the
    client, and unpacked again by the scheduler: ≈ 20 objects a document)."""
    return run_batch(fn, pickle.loads(batch))


def _dask_map(fn, tasks: Sequence, runner: Runner, progress: Progress | None) -> Iterator[Any]:
    client, close = (runner.client, _nothing) if runner.client is not None else connect(runner)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        yield from _in_order(lambda b: client.submit(run_pickled, fn, pickle.dumps(b, pickle.HIGHEST_PROTOCOL),
                                                     pure=False),
                             _batches(tasks, workers, DASK_MAX_BATCH, DASK_MIN_BATCH, DASK_BATCHES_PER_WORKER), workers, len(tasks), progress)
    finally:
        close()


def _nothing() -> None:
    """Closing a client someone else opened (``started``): theirs to close."""


def connect(runner: Runner):
    """(a Dask client, a function that closes what was opened); DataError in one line.

    The client fetches results from the workers themselves (``direct_to_workers``), not
    through the scheduler, which would receive and resend every byte (and falls back to it
    for what it cannot fetch); ``distributed.client.direct-to-workers`` in Dask's
    configuration, when set, decides instead."""
    try:
        import dask.config
        from distributed import Client, LocalCluster
    except ImportError:
        raise DataError("--dask needs the optional package 'distributed': pip install 'margin[dask]'") from None
    direct = dask.config.get("distributed.client.direct-to-workers", None)
    direct = True if direct is None else direct
    address = runner.dask or ""
    if address == "local":
        with dask.config.set(BATCH_WORKERS):
            cluster = LocalCluster(n_workers=runner.jobs if runner.jobs > 1 else 2, threads_per_worker=1,
                                   processes=True, dashboard_address=None)
        client = Client(cluster, direct_to_workers=direct)

        def close() -> None:
            client.close()
            cluster.close()

        return client, close
    try:
        client = Client(address, timeout=float(os.environ.get("MARGIN_DASK_TIMEOUT", "10")), direct_to_workers=direct)
    except (OSError, TimeoutError, ValueError) as e:
        raise DataError(f"--dask {address}: cannot reach the Dask scheduler ({e.__class__.__name__}: "
                        f"{str(e).splitlines()[0] if str(e) else 'no answer'})") from None
    return client, client.close
