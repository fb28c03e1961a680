#!/usr/bin/env bash
# Regenerates docs/section6: the paper's Figure 4 (four bounds, log scale) for the trained network in
# test-data/section6, and each bound against t in the three regimes of Section 1 (B_U < 1, = 1, > 1,
# the other constants those of the trained network). Deterministic: no randomness is involved.
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/section6
mkdir -p "$out"
./boundcheck eval @test-data/section6/section6.args \
  --plot "$out/figure4.png" --plot "$out/figure4.svg" > "$out/section6.txt"
./boundcheck eval @test-data/section6/section6.args --format json > "$out/section6.json"
for regime in "lt1 0.9 <" "eq1 1 =" "gt1 1.1 >"; do
  set -- $regime
  ./boundcheck eval @test-data/section6/section6.args --set "B_U=$2" --sweep t=1..200 \
    --title "Bounds against t, B_U = $2 (beta $3 1)" \
    --plot "$out/bounds_vs_t_beta_$1.png" --plot "$out/bounds_vs_t_beta_$1.svg" > "$out/bounds_vs_t_beta_$1.txt"
done
