"""margin sync: two clones and a bare remote in a temp folder; each git failure in one line."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED
from tui.cli import main
from tui.corpus import Corpus
from tui.model import make_span
from tui.store import load_or_new, save
from tui.team.git import SyncError
from tui.team.progress import team
from tui.team.sync import on_quit, sync
from tui.team.sync_state import load_state, news_line

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

SECOND = "001_second"


@pytest.fixture(autouse=True)
def git_env(tmp_path, monkeypatch):
    monkeypatch.setenv("MARGIN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    (tmp_path / "gitconfig").write_text("[user]\n\tname = Test\n\temail = t@example.org\n"
                                        "[init]\n\tdefaultBranch = main\n")


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def remote(tmp_path) -> Path:
    """A bare remote holding a corpus of two articles, as a team lead would push it."""
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    lead = tmp_path / "lead"
    git(tmp_path, "clone", "-q", str(bare), str(lead))
    (lead / "seeds").mkdir()
    shutil.copy(ROOT / "seeds" / f"{SEED}.txt", lead / "seeds")
    (lead / "seeds" / f"{SECOND}.txt").write_text("The minister said 40 people came to the meeting.\n")
    (lead / "annotations").mkdir()
    (lead / "annotations" / ".keep").write_text("")
    git(lead, "add", "-A")
    git(lead, "commit", "-q", "-m", "corpus")
    git(lead, "push", "-q", "origin", "HEAD:main")
    return bare


def clone(remote: Path, name: str) -> Path:
    dest = remote.parent / name
    git(remote.parent, "clone", "-q", str(remote), str(dest))
    return dest


def annotate(root: Path, doc_id: str, who: str, start: int = 0, end: int = 3, done: bool = True) -> None:
    corpus = Corpus(root)
    doc = corpus.document(doc_id)
    path = corpus.annotation_path(doc_id, who)
    path.parent.mkdir(parents=True, exist_ok=True)
    loaded = load_or_new(path, corpus.schema, doc, who)
    ann = loaded.annotation
    ann.spans.append(make_span(doc.text, f"s{len(ann.spans) + 1}", "ACTOR", start, end))
    ann.status = "done" if done else "in_progress"
    save(path, ann, loaded.fingerprint)


@pytest.mark.parametrize("order", [("alice", "bob"), ("bob", "alice")])
def test_two_annotators_sync_in_any_order(remote, order):
    roots = {name: clone(remote, name) for name in ("alice", "bob")}
    for name, root in roots.items():
        annotate(root, SEED, name)
        annotate(root, SECOND, name, 4, 12, done=False)
    first, second = order
    sync(roots[first], first)
    result = sync(roots[second], second)
    assert {(a.doc, a.annotator) for a in result.arrived} == {(SEED, first), (SECOND, first)}
    sync(roots[first], first)  # the first one receives the second's work
    for root in roots.values():
        assert git(root, "status", "--porcelain") == ""
        parents = git(root, "log", "--format=%P").splitlines()
        assert all(len(p.split()) <= 1 for p in parents)  # never a merge commit
        dash = team(Corpus(root), cache=False).to_json()
        assert set(dash["agreement"]["annotators"]) == {"alice", "bob"}
        assert {r["annotator"] for r in dash["progress"]} >= {"alice", "bob"}
        for name in roots:
            assert (root / "annotations" / SEED / f"{name}.yaml").read_text() == \
                (roots[name] / "annotations" / SEED / f"{name}.yaml").read_text()
    log = git(roots[first], "log", "--format=%s")
    assert f"margin sync: {first}'s annotations of {SEED}, {SECOND}" in log


def test_commits_only_own_files_whatever_is_staged(remote):
    alice = clone(remote, "alice")
    annotate(alice, SEED, "alice")
    (alice / "notes.txt").write_text("mine, not margin's\n")
    git(alice, "add", "notes.txt")
    sync(alice, "alice")
    shown = git(alice, "show", "--name-only", "--format=", "HEAD").split()
    assert shown == [f"annotations/{SEED}/alice.yaml"]
    assert git(alice, "diff", "--cached", "--name-only").split() == ["notes.txt"]  # still staged


def test_news_reaches_the_state_outside_the_corpus(remote, tmp_path):
    alice, bob = clone(remote, "alice"), clone(remote, "bob")
    annotate(alice, SEED, "alice")
    sync(alice, "alice")
    sync(bob, "bob")
    state = load_state(bob)
    assert state is not None and state.by_doc() == {SEED: ["alice"]}
    assert "1 document arrived from alice" in news_line(state)
    assert not any(p.name.startswith("sync-") for p in bob.rglob("*"))
    assert any((tmp_path / "cache").glob("sync-*.json"))


def _fails(root: Path, who: str = "alice") -> str:
    with pytest.raises(SyncError) as e:
        sync(root, who)
    line = str(e.value)
    assert "\n" not in line and line.isprintable()
    return line


def test_not_a_repository(tmp_path):
    plain = tmp_path / "plain"
    (plain / "seeds").mkdir(parents=True)
    assert "not a git repository" in _fails(plain)


def test_no_remote(tmp_path):
    solo = tmp_path / "solo"
    git(tmp_path, "init", "-q", str(solo))
    assert _fails(solo).startswith("no remote")


def test_unreachable_remote(remote):
    alice = clone(remote, "alice")
    git(alice, "remote", "set-url", "origin", str(remote.parent / "gone.git"))
    assert "cannot reach the team's repository" in _fails(alice)


def test_authentication(remote, monkeypatch):
    alice = clone(remote, "alice")
    fake = remote.parent / "bin"
    fake.mkdir()
    # a git that fails to log in, as git does behind a closed https remote
    real = shutil.which("git")
    (fake / "git").write_text(f"#!/bin/sh\nfor a; do [ \"$a\" = fetch ] && {{ echo \"fatal: Authentication "
                              f"failed for 'https://example.org/team.git/'\" >&2; exit 128; }}; done\n"
                              f"exec {real} \"$@\"\n")
    (fake / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    assert "could not log in" in _fails(alice)


def test_someone_else_changed_my_file(remote):
    alice, other = clone(remote, "alice"), clone(remote, "other")
    annotate(alice, SEED, "alice")
    sync(alice, "alice")
    git(other, "pull", "-q")
    annotate(other, SEED, "alice", 4, 9)  # on another machine, alice's file is changed too
    git(other, "commit", "-qam", "edit alice's file")
    git(other, "push", "-q")
    annotate(alice, SEED, "alice", 10, 14)
    line = _fails(alice)
    assert "another person changed your file" in line and f"annotations/{SEED}/alice.yaml" in line
    assert git(alice, "status", "--porcelain") == ""  # the rebase was undone, the work committed
    assert not (alice / ".git" / "rebase-merge").exists()


def test_refuses_anyone_elses_file(remote):
    alice, bob = clone(remote, "alice"), clone(remote, "bob")
    annotate(bob, SEED, "bob")
    sync(bob, "bob")
    sync(alice, "alice")
    annotate(alice, SEED, "bob", 4, 9)  # alice's machine changes bob's file
    assert "it is bob's file" in _fails(alice)
    git(alice, "commit", "-qam", "by hand")  # committed by hand: still not pushed
    assert "bob's file" in _fails(alice) and "nothing pushed" in _fails(alice)


def test_diverged_history(remote, tmp_path):
    alice = clone(remote, "alice")
    stranger = tmp_path / "stranger.git"
    git(tmp_path, "init", "-q", "--bare", str(stranger))
    elsewhere = clone(stranger, "elsewhere")
    (elsewhere / "x.txt").write_text("x\n")
    git(elsewhere, "add", "x.txt")
    git(elsewhere, "commit", "-qm", "x")
    git(elsewhere, "push", "-q", "origin", "HEAD:main")
    git(alice, "remote", "set-url", "origin", str(stranger))
    assert _fails(alice).startswith("diverged history")


def test_cli_reports_in_lines(remote, capsys):
    alice = clone(remote, "alice")
    annotate(alice, SEED, "alice")
    assert main(["sync", "--corpus", str(alice), "--annotator", "alice"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["committed 1 file of yours", "nothing new from the team", "pushed 1 commit to origin/main"]
    assert main(["sync", "--corpus", str(alice), "--annotator", "alice", "--last"]) == 0
    assert capsys.readouterr().out.startswith("last sync just now: nothing new")
    git(alice, "remote", "remove", "origin")
    assert main(["sync", "--corpus", str(alice), "--annotator", "alice"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("margin: no remote")


@pytest.mark.parametrize("text, expected", [
    ("", False), ("sync: {on: quit}\n", True), ("sync:\n  'on': quit\n", True),
    ("sync: {on: never}\n", False)])
def test_sync_on_quit_setting(tmp_path, text, expected):
    (tmp_path / "margin.yaml").write_text(text)
    assert on_quit(tmp_path) is expected


def test_sync_on_quit_bad_value(tmp_path):
    from tui.errors import DataError

    (tmp_path / "margin.yaml").write_text("sync: {on: exit}\n")
    with pytest.raises(DataError, match=r"sync\.on: expected quit or never"):
        on_quit(tmp_path)


def test_quitting_the_annotator_syncs_when_margin_yaml_asks(remote, monkeypatch, capsys):
    import tui.app.app

    alice = clone(remote, "alice")
    (alice / "margin.yaml").write_text("sync: {on: quit}\n")
    git(alice, "add", "margin.yaml")
    git(alice, "commit", "-qm", "settings")
    git(alice, "push", "-q")

    def annotate_and_quit(corpus, who, doc):
        annotate(corpus.root, SEED, who)
        return 0

    monkeypatch.setattr(tui.app.app, "run_app", annotate_and_quit)
    assert main(["annotate", "--corpus", str(alice), "--annotator", "alice", SEED]) == 0
    assert "margin sync: pushed 1 commit to origin/main" in capsys.readouterr().out
    assert f"annotations/{SEED}/alice.yaml" in git(remote, "show", "--name-only", "main")


def test_picker_news_names_what_arrived(remote):
    from tui.team.sync_state import picker_news

    alice, bob = clone(remote, "alice"), clone(remote, "bob")
    assert picker_news(bob) == ("", {})  # never synced: nothing to say
    annotate(alice, SEED, "alice")
    sync(alice, "alice")
    sync(bob, "bob")
    title, marks = picker_news(bob)
    assert marks == {SEED: "↓ from alice"} and "1 document arrived from alice" in title


def test_a_corpus_in_a_folder_of_the_repository(tmp_path):
    """The corpus need not be the repository's top: paths are read relative to it."""
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    lead = tmp_path / "lead"
    git(tmp_path, "clone", "-q", str(bare), str(lead))
    corpus = lead / "data" / "news"
    (corpus / "seeds").mkdir(parents=True)
    shutil.copy(ROOT / "seeds" / f"{SEED}.txt", corpus / "seeds")
    (lead / "README").write_text("code and data\n")
    git(lead, "add", "-A")
    git(lead, "commit", "-qm", "repo")
    git(lead, "push", "-q", "origin", "HEAD:main")
    alice, bob = clone(bare, "alice"), clone(bare, "bob")
    annotate(alice / "data" / "news", SEED, "alice")
    annotate(bob / "data" / "news", SEED, "bob")
    sync(alice / "data" / "news", "alice")
    result = sync(bob / "data" / "news", "bob")
    assert [(a.doc, a.annotator) for a in result.arrived] == [(SEED, "alice")]
    assert result.committed == [f"annotations/{SEED}/bob.yaml"]
    assert (bob / "data" / "news" / "annotations" / SEED / "alice.yaml").is_file()


def test_an_untracked_copy_of_a_file_that_arrives(remote):
    alice, bob = clone(remote, "alice"), clone(remote, "bob")
    annotate(alice, SEED, "alice")
    sync(alice, "alice")
    copy = bob / "annotations" / SEED / "alice.yaml"  # alice's file, copied over by hand
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text((alice / "annotations" / SEED / "alice.yaml").read_text() + "# mine\n")
    line = _fails(bob, "bob")
    assert "is here already, untracked" in line and "move it away" in line
    assert copy.read_text().endswith("# mine\n")  # nothing of it was touched
