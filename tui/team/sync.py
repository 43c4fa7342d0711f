"""``margin sync``: share one annotator's files with the team through git.

Pure core (no Textual). One annotation file per document per annotator means two people
never edit the same file, so a sync is: commit this annotator's own changed files with a
message that says what they are, rebase on the team's branch (never a merge commit), push.
It refuses to touch anyone else's file: it commits none, and pushes no commit that changes
one. Every git failure (not a repository, no remote, authentication, diverged history, a
file another person changed) is a :class:`~tui.team.git.SyncError` with one line. What
arrived is remembered outside the corpus (:mod:`tui.team.sync_state`) for the document
picker and the dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from tui.corpus import GOLD, NAME_RE
from tui.display import one_line
from tui.team.git import Git, SyncError, changed_between, explain_remote, last_line, status_paths
from tui.team.sync_state import Arrival, SyncState, save_state

PUSH_TRIES = 3  # the branch moved between our fetch and our push: fetch, rebase, push again


@dataclass
class Repo:
    """Where the corpus sits in its git repository, and whose files are ours."""

    git: Git
    prefix: PurePosixPath  # the corpus folder, relative to the repository's top
    annotator: str
    gold: bool = False  # a reviewer's sync also carries gold.yaml files

    def owner(self, path: str) -> tuple[str, str] | None:
        """(document, annotator) of an annotation file path (from the top), else None."""
        p = PurePosixPath(path)
        try:
            rel = p.relative_to(self.prefix)
        except ValueError:
            return None
        parts = rel.parts
        if len(parts) != 3 or parts[0] != "annotations" or not parts[2].endswith(".yaml"):
            return None
        doc, name = parts[1], parts[2][: -len(".yaml")]
        return (doc, name) if NAME_RE.fullmatch(doc) and NAME_RE.fullmatch(name) else None

    def mine(self, path: str) -> bool:
        who = self.owner(path)
        return who is not None and (who[1] == self.annotator or (self.gold and who[1] == GOLD))

    def corpus_path(self, path: str) -> str:
        """``path`` relative to the corpus, for messages."""
        try:
            return str(PurePosixPath(path).relative_to(self.prefix))
        except ValueError:
            return path


@dataclass
class SyncResult:
    committed: list[str] = field(default_factory=list)  # corpus-relative paths
    arrived: list[Arrival] = field(default_factory=list)
    pushed: int = 0  # commits pushed
    remote: str = ""

    def lines(self) -> list[str]:
        """The report, one line each (callers pass them through ``say``)."""
        out = []
        if self.committed:
            out.append(f"committed {_count(len(self.committed), 'file')} of yours")
        else:
            out.append("nothing of yours to commit")
        if self.arrived:
            who = sorted({a.annotator for a in self.arrived if a.annotator})
            docs = sorted({a.doc for a in self.arrived})
            out.append(f"arrived: {_count(len(docs), 'document')}" + (f" from {', '.join(who)}" if who else ""))
        else:
            out.append("nothing new from the team")
        out.append(f"pushed {_count(self.pushed, 'commit')} to {self.remote}" if self.pushed else "nothing to push")
        return out


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def open_repo(root: Path, annotator: str, gold: bool = False) -> Repo:
    """The repository holding the corpus ``root``; SyncError when there is none."""
    git = Git(Path(root))
    top = git.value("rev-parse", "--show-toplevel")
    if top is None:
        raise SyncError(f"{root}: not a git repository; clone the team's repository "
                        "(git clone URL) or make one (git init)")
    prefix = PurePosixPath(Path(root).resolve().relative_to(Path(top).resolve()).as_posix())
    return Repo(Git(Path(top)), prefix, annotator, gold)


def upstream(repo: Repo) -> tuple[str, str, bool]:
    """(remote, branch, configured?) to sync with; SyncError when there is no remote."""
    git = repo.git
    branch = git.value("symbolic-ref", "--short", "-q", "HEAD")
    if branch is None:
        raise SyncError("not on a branch (detached HEAD); check out the team's branch first (git switch main)")
    for state in ("rebase-merge", "rebase-apply", "MERGE_HEAD"):
        marker = git.value("rev-parse", "--git-path", state)
        if marker and (git.cwd / marker).exists():
            raise SyncError("a git rebase or merge is under way here; finish it (git status) before syncing")
    remote = git.value("config", f"branch.{branch}.remote")
    merge = git.value("config", f"branch.{branch}.merge")
    if remote and merge and remote != ".":
        return remote, merge.removeprefix("refs/heads/"), True
    remotes = git.run("remote").split()
    if not remotes:
        raise SyncError("no remote: this repository has nowhere to sync with; add the team's "
                        "(git remote add origin URL)")
    return ("origin" if "origin" in remotes else remotes[0]), branch, False


def check_others(repo: Repo) -> None:
    """Refuse when another person's annotation file is changed here (it is theirs to change)."""
    for xy, path in status_paths(repo.git):
        who = repo.owner(path)
        if who is not None and not repo.mine(path) and xy != "??":
            raise SyncError(f"{one_line(repo.corpus_path(path))}: changed on this machine, but it is "
                            f"{one_line(who[1])}'s file; margin sync commits only {repo.annotator}'s: "
                            "undo it (git restore --staged --worktree PATH) or commit it yourself")


def commit_mine(repo: Repo) -> list[str]:
    """Commit the annotator's changed files (only them, whatever else is staged); their paths."""
    from tui.corpus import Corpus
    from tui.team.status import file_status

    corpus = Corpus(repo.git.cwd / repo.prefix)
    paths = sorted({p for _, p in status_paths(repo.git) if repo.mine(p)})
    if not paths:
        return []
    git = repo.git
    git.run("add", "-A", "--", *paths)
    docs = []
    for p in paths:
        doc, who = repo.owner(p)  # type: ignore[misc]
        st = file_status(corpus, doc, who).status if (git.cwd / p).exists() else "deleted"
        docs.append(f"{doc} ({st.replace('_', ' ')})")
    names = sorted({repo.owner(p)[0] for p in paths})  # type: ignore[index]
    shown = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
    subject = f"margin sync: {repo.annotator}'s annotations of {shown}"
    body = "\n".join(docs)
    res = git.call("commit", "-q", "--no-verify", "-m", subject, "-m", body, "--", *paths)
    if res.returncode != 0:
        err = (res.stderr or res.stdout).lower()
        if "tell me who you are" in err or "auto-detect email" in err or "empty ident" in err:
            raise SyncError("git does not know who you are: run git config --global user.name 'Your Name' "
                            "and git config --global user.email you@example.org, then sync again")
        raise SyncError(f"git commit failed: {last_line(res.stderr or res.stdout)}")
    return [repo.corpus_path(p) for p in paths]


def fetch(repo: Repo, remote: str, branch: str) -> str | None:
    """Fetch ``remote``; the commit of its ``branch`` (None when the branch is not there yet)."""
    res = repo.git.call("fetch", "--quiet", "--no-tags", remote)
    if res.returncode != 0:
        raise SyncError(explain_remote(remote, res.stderr))
    return repo.git.value("rev-parse", "--verify", "-q", f"refs/remotes/{remote}/{branch}^{{commit}}")


def rebase(repo: Repo, remote: str, branch: str, theirs: str) -> None:
    """Put our commits on top of ``theirs``; on a conflict, abort (nothing changed) and say why."""
    git = repo.git
    if git.value("merge-base", "HEAD", theirs) is None:
        raise SyncError(f"diverged history: this clone and {remote}/{branch} share no commit (another "
                        "repository?); clone the team's repository again and copy your files over")
    res = git.call("rebase", "--autostash", "--no-fork-point", theirs)
    if res.returncode == 0:
        if "autostash resulted in conflicts" in res.stderr.lower():
            raise SyncError("your uncommitted changes outside your annotations clash with what arrived; "
                            "they are safe in 'git stash list'")
        return
    conflicted = git.run("diff", "--name-only", "--diff-filter=U").split()
    untracked = "untracked working tree files would be overwritten" in res.stderr.lower()
    git.call("rebase", "--abort")
    raise SyncError(_conflict_line(repo, remote, branch, conflicted, untracked, res.stderr))


def _conflict_line(repo: Repo, remote: str, branch: str, conflicted: list[str], untracked: bool, err: str) -> str:
    if untracked:
        return (f"a file that arrived from {remote}/{branch} is here already, untracked "
                f"({last_line(err)}); move it away and sync again")
    if not conflicted:
        return f"diverged history: git could not rebase on {remote}/{branch} ({last_line(err)}); nothing pushed"
    path = conflicted[0]
    shown = one_line(repo.corpus_path(path))
    who = one_line(repo.git.value("log", "-1", "--format=%an (%h)", f"{remote}/{branch}", "--", path) or "someone")
    if repo.mine(path):
        return (f"{shown}: another person changed your file ({who}); your version is committed "
                f"here, not pushed: compare with git log -p {remote}/{branch} -- {shown}")
    return (f"diverged history: your commits and {remote}/{branch} both change {shown} (last by {who}); "
            "nothing pushed: settle it with git pull --rebase")


def check_outgoing(repo: Repo, remote: str, branch: str, theirs: str | None) -> int:
    """The number of commits to push; SyncError if one changes another person's file."""
    git = repo.git
    span = f"{theirs}..HEAD" if theirs else "HEAD"
    if theirs is None:
        return int(git.run("rev-list", "--count", "HEAD").strip() or 0)
    for commit in git.run("rev-list", span).split():
        files = git.run("diff-tree", "--no-commit-id", "--name-only", "-r", "-z", "--root", commit).split("\0")
        for path in filter(None, files):
            who = repo.owner(path)
            if who is not None and not repo.mine(path):
                raise SyncError(f"commit {commit[:7]} changes {one_line(repo.corpus_path(path))}, "
                                f"{one_line(who[1])}'s file; margin sync pushes only your own files: "
                                "nothing pushed (push it yourself if you mean to)")
    return int(git.run("rev-list", "--count", span).strip() or 0)


def arrivals(repo: Repo, old: str, new: str) -> list[Arrival]:
    """What the team's commits brought between ``old`` and ``new``: annotation files and articles."""
    out = []
    for status, path in changed_between(repo.git, old, new):
        who = repo.owner(path)
        if who is not None:
            out.append(Arrival(who[0], who[1], status))
            continue
        rel = PurePosixPath(repo.corpus_path(path))
        if len(rel.parts) == 2 and rel.parts[0] == "seeds" and rel.suffix == ".txt" and NAME_RE.fullmatch(rel.stem):
            out.append(Arrival(rel.stem, "", status))
    return out


def sync(root: Path, annotator: str, *, gold: bool = False) -> SyncResult:
    """Commit ``annotator``'s files in the corpus ``root``, rebase on the team's branch, push."""
    repo = open_repo(root, annotator, gold)
    remote, branch, tracked = upstream(repo)
    check_others(repo)
    result = SyncResult(committed=commit_mine(repo), remote=f"{remote}/{branch}")
    for _ in range(PUSH_TRIES):
        theirs = fetch(repo, remote, branch)
        before = repo.git.run("rev-parse", "HEAD").strip()
        if theirs is not None:
            rebase(repo, remote, branch, theirs)
            result.arrived += arrivals(repo, before, "HEAD")
        n = check_outgoing(repo, remote, branch, theirs)
        if n == 0:
            break
        args = ["push", "--quiet", *([] if tracked else ["-u"]), remote, f"HEAD:refs/heads/{branch}"]
        res = repo.git.call(*args)
        if res.returncode == 0:
            result.pushed = n
            break
        if "fetch first" not in res.stderr and "non-fast-forward" not in res.stderr:
            raise SyncError(explain_remote(remote, res.stderr))
    else:
        raise SyncError(f"{remote}/{branch} kept moving while syncing; your work is committed here: "
                        "run margin sync again")
    save_state(root, SyncState.now(result.arrived, result.committed))
    return result


def on_quit(root: Path) -> bool:
    """Whether margin.yaml asks for a sync when the annotator quits (``sync: {on: quit}``).

    YAML 1.1 reads an unquoted ``on`` key as the boolean true; both spellings are accepted."""
    from tui.corpus import load_settings
    from tui.errors import DataError

    section = load_settings(root).get("sync")
    if section is None:
        return False
    where = f"{Path(root) / 'margin.yaml'}: sync"
    if not isinstance(section, dict) or not set(section) <= {"on", True}:
        raise DataError(f"{where}: expected a mapping like {{on: quit}}")
    when = section.get("on", section.get(True, "never"))
    if when not in ("quit", "never"):
        raise DataError(f"{where}.on: expected quit or never, got {one_line(repr(when), 40)}")
    return when == "quit"
