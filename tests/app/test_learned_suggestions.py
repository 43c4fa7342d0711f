"""The annotate screen with the corpus's learned suggester (#16): suggestions come from the
rules in the corpus's conventions and the model, the status line names a suggestion's
source, space can go to the sentence the model doubts most, and a broken model is one
notification, never a crash."""

from __future__ import annotations

import pytest

from bench.learn import _write, variant
from tests.app.conftest import annotate, settle
from tui.corpus import Corpus
from tui.suggest.learn import Suggester, retrain
from tui.store.seal import seal
from tui.suggest.model.modelfile import META, PURPOSE, model_dir


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    root = tmp_path_factory.mktemp("trained")
    _write(root, list(range(4)), variant(), 20)
    retrain(Corpus(root))
    return root


def _copy(root, tmp_path):
    import shutil

    shutil.copytree(root, tmp_path / "c")
    return tmp_path / "c"


async def _ghosts(app, pilot, screen):
    while screen.ctl.suggesting.suggestions is None:  # no deadline: a loaded machine is only slower
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)
    await settle(pilot)
    return screen.ctl.suggesting.suggestions


async def test_suggestions_come_from_the_corpus_suggester_and_name_their_source(trained, tmp_path):
    root = _copy(trained, tmp_path)
    doc = Corpus(root).doc_ids()[-1]
    async with annotate(root, "zoe", doc) as (app, pilot, screen):
        found = await _ghosts(app, pilot, screen)
        expected = Suggester.for_corpus(Corpus(root)).suggest(Corpus(root).document(doc).text)
        assert [(g.start, g.end, g.label) for g in found.spans] == [(g.start, g.end, g.label) for g in expected.spans]
        assert screen.work.suggester is not None and screen.work.suggester.model is not None
        g = screen.view.ghosts[0]
        screen.select(g.start, g.end)
        await settle(pilot)
        status = screen.query_one("StatusLine").text.plain
        source = screen.ctl.suggesting.source(g)
        assert source.split()[0] in ("rules", "model")
        assert source.split()[0] == found.sources.get(g.id, "rules")
        assert f"· {g.label}?" in status and f"({source})" in status


async def test_space_goes_to_the_least_sure_sentence_when_asked(trained, tmp_path):
    root = _copy(trained, tmp_path)
    (root / "margin.yaml").write_text((root / "margin.yaml").read_text() + "\nsuggest: {space: least-sure}\n")
    corpus = Corpus(root)
    doc = corpus.doc_ids()[-1]
    text = corpus.document(doc).text
    async with annotate(root, "zoe", doc) as (app, pilot, screen):
        await _ghosts(app, pilot, screen)
        assert screen.space_least_sure
        after = screen.sel[1]
        want = Suggester.for_corpus(corpus).least_sure_sentence(text, after_offset=after, annotated=[])
        await pilot.press("space")
        while want is not None and screen.sel[0] != want[0]:  # no deadline: the worker's end is awaited
            await app.workers.wait_for_complete()
            await pilot.pause(0.05)
        await settle(pilot)
        assert want is not None and screen.sel[0] == want[0]


@pytest.fixture
def notified(monkeypatch) -> list[str]:
    """Every notification's message as it is posted: a notification leaves the screen (and
    ``App._notifications``) after its timeout, which a loaded machine can outlast before
    the test looks."""
    from textual.app import App

    messages: list[str] = []
    notify = App.notify

    def record(self, message, *args, **kwargs):
        messages.append(str(message))
        return notify(self, message, *args, **kwargs)

    monkeypatch.setattr(App, "notify", record)
    return messages


async def test_a_corrupt_model_is_one_notification_and_the_rules_go_on(trained, tmp_path, notified):
    root = _copy(trained, tmp_path)
    (model_dir(root) / META).write_bytes(seal(PURPOSE, b'{"format": '))  # margin's own file, damaged
    doc = Corpus(root).doc_ids()[-1]
    async with annotate(root, "zoe", doc) as (app, pilot, screen):
        found = await _ghosts(app, pilot, screen)
        assert found.spans and screen.work.suggester.model is None
        notes = notified
        assert any("corrupt model" in n for n in notes) and all("\n" not in n for n in notes)


async def test_saving_retrains_the_model_in_a_worker(trained, tmp_path):
    root = _copy(trained, tmp_path)
    meta = model_dir(root) / META
    before = meta.read_bytes()
    doc = Corpus(root).doc_ids()[-1]
    async with annotate(root, "zoe", doc) as (app, pilot, screen):
        await _ghosts(app, pilot, screen)
        screen.work.retrain_after = 0.01
        await pilot.press("a")  # tag: the autosave follows, then the retrain
        while meta.read_bytes() == before:  # no deadline: the worker's end is awaited
            await pilot.pause(0.05)
            await app.workers.wait_for_complete()
        assert meta.read_bytes() != before  # trained again, now with zoe's file
        assert (root / "annotations" / doc / "zoe.yaml").is_file()


async def test_a_cloned_model_is_one_notification_never_read_and_retrained_here(trained, tmp_path, monkeypatch,
                                                                                notified):
    """A model.json a clone ships (valid, true sums, a truncated CRF): python-crfsuite never
    sees it; the annotator is told in one line; a model is trained on this machine."""
    import hashlib
    import json

    from tui.store.seal import unseal
    from tui.suggest.model.crf import Model

    root = _copy(trained, tmp_path)
    d = model_dir(root)
    doc_json = json.loads(unseal(PURPOSE, (d / META).read_bytes(), d / META))
    label = d / doc_json["labels"]["ACTOR"]["file"]
    planted = label.read_bytes()[:100]
    label.write_bytes(planted)
    doc_json["labels"]["ACTOR"]["sha256"] = hashlib.sha256(planted).hexdigest()
    (d / META).write_text(json.dumps(doc_json))
    handed: list[bytes] = []
    real = Model.from_bytes.__func__
    monkeypatch.setattr(Model, "from_bytes", classmethod(lambda cls, blobs, **kw: (handed.extend(blobs.values()),
                                                                                   real(cls, blobs, **kw))[1]))
    doc = Corpus(root).doc_ids()[-1]
    async with annotate(root, "zoe", doc) as (app, pilot, screen):
        found = await _ghosts(app, pilot, screen)
        assert found.spans  # the rules went on
        notes = notified
        assert sum("not sealed by margin on this machine" in n for n in notes) == 1
        assert all("\n" not in n for n in notes)
        while not (d / META).read_bytes().startswith(b"margin-sealed/1 "):  # retrained here
            await pilot.pause(0.05)
            await app.workers.wait_for_complete()
        assert screen.work.suggester.model is not None and not screen.work.suggester.refused
    assert planted not in handed  # python-crfsuite only ever saw the model trained here
    assert all(b in {p.read_bytes() for p in d.glob("*.crfsuite")} for b in handed)


async def test_a_planted_journal_is_named_on_screen_and_never_followed(corpus_dir, alice_file):
    """Opening a document in the app runs the staged writer's recovery: a journal a clone
    planted (true sha256 of alice's file, a forged temp beside it) is reported, not followed."""
    from tests.reliability.test_planted_state import _plant_journal

    before = alice_file.read_bytes()
    journal = _plant_journal(corpus_dir / "annotations", alice_file.parent.name, "alice", before + b"# forged\n")
    async with annotate(corpus_dir, "bob", alice_file.parent.name) as (app, pilot, screen):
        await settle(pilot)
        assert "not sealed by margin on this machine" in screen.ctl.message
    assert alice_file.read_bytes() == before and journal.exists()
    assert not (alice_file.parent / "gold.yaml").exists()
