#!/bin/bash
# How long a newcomer waits: `make run` in a fresh clone until the seed article is on
# screen (in a tmux pane, so the app has a real terminal), then `make test`'s installs.
#   bench/fresh_clone.sh [REPO] [DIR]      (needs tmux and bc; removes DIR first)
set -eu
REPO=${1:-$(git rev-parse --show-toplevel)}
DIR=${2:-/tmp/margin-fresh}
rm -rf "$DIR"
git clone -q "$REPO" "$DIR"
cd "$DIR"
echo "commit $(git log --oneline -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
session=margin-fresh-$$
tmux new-session -d -s "$session" -x 120 -y 40 "env -u PYTHONPATH make run; sleep 30"
start=$(date +%s.%N)
until tmux capture-pane -p -t "$session" | grep -q "Thousands of people"; do
  sleep 0.2
  if (( $(echo "$(date +%s.%N) - $start > 600" | bc) )); then
    tmux capture-pane -p -t "$session"; tmux kill-session -t "$session"; echo "no article after 600 s"; exit 1
  fi
done
echo "make run: article on screen after $(echo "$(date +%s.%N) - $start" | bc | cut -c1-5) s; .venv $(du -sh .venv | cut -f1)"
tmux send-keys -t "$session" q
sleep 2
tmux kill-session -t "$session" 2>/dev/null || true
start=$(date +%s.%N)
env -u PYTHONPATH make .venv/.installed-test >"$DIR/install.log" 2>&1 || { cat "$DIR/install.log"; exit 1; }
echo "make test's installs: $(echo "$(date +%s.%N) - $start" | bc | cut -c1-5) s more; .venv $(du -sh .venv | cut -f1)"
