#!/usr/bin/env bash
# `rebound review` at scale: 10,000 sessions, 1,000,000 events, read 64 files at a time.
# Prints the wall time and the peak resident memory (GNU time), beside one grep pass.
source "$(dirname "$0")/bench-setup.sh"
python3 scripts/make-transcripts.py "$work"
echo "transcripts: $(ls "$work" | wc -l) files, $(cat "$work"/*.jsonl | wc -l) lines"
# The reference: one grep pass over the same files, in the same run.
/usr/bin/time -o "$work.time" -f "%e" sh -c "LC_ALL=C grep -c '\"seq\"' '$work'/*.jsonl > /dev/null"
echo "grep -c over the same files: $(cat "$work.time") s wall"
/usr/bin/time -o "$work.time" -f "%e %M" "$bin" review "$work" > /dev/null
read -r seconds kilobytes < "$work.time"
rm -f "$work.time"
echo "rebound review: $seconds s wall, $kilobytes KB peak resident"
printf 'METRIC\treview 10,000 sessions, 1,000,000 events\t%s\ts\n' "$seconds"
printf 'METRIC\treview peak resident memory\t%s\tMB\n' "$((kilobytes / 1024))"
