#!/usr/bin/env bash
# Plots dialog latency against N from a rasshost-bench CSV:
#   bench/plot.sh bench.csv bench/dialog-latency.png
# Needs gnuplot (Debian: apt-get install gnuplot-nox). Optional: only this
# plot needs it; building and testing rasshost do not.
set -euo pipefail
csv=${1:?usage: plot.sh BENCH.csv OUT.png}
out=${2:?usage: plot.sh BENCH.csv OUT.png}
command -v gnuplot > /dev/null || { echo "plot.sh: gnuplot not found (apt-get install gnuplot-nox)" >&2; exit 1; }
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
# One file per series: "N value_ms", from rows scale.<transport>.n<N>.<kind>.latency.<p>.
for transport in pty tcp; do
  for kind in probe burst; do
    for p in p50 p99; do
      grep -E "^scale\.$transport\.n[0-9]+\.$kind\.latency\.$p," "$csv" |
        sed -E "s/^scale\.$transport\.n([0-9]+)\.[^,]*,([^,]*),.*/\1 \2/" |
        awk '{ printf "%s %.6f\n", $1, $2 / 1000 }' | sort -n > "$data/$transport-$kind-$p.dat"
    done
  done
  grep -E "^scale\.$transport\.single\.latency\.p50," "$csv" | cut -d, -f2 | awk '{ print $1 / 1000 }' > "$data/$transport-single.dat" || true
done
gnuplot <<GNUPLOT
set terminal pngcairo size 1000,620 font ",11"
set output "$out"
set title "rasshost: dialog latency against concurrent dialogs N (answer -> verdict)"
set xlabel "concurrent dialogs N"
set ylabel "latency, ms"
set logscale xy
set grid
set key outside right
set xrange [5:20000]
plot "$data/pty-probe-p50.dat" with linespoints lw 2 pt 7 title "pty probe p50", \
     "$data/pty-probe-p99.dat" with linespoints lw 2 pt 5 title "pty probe p99", \
     "$data/tcp-probe-p50.dat" with linespoints lw 2 pt 7 title "tcp probe p50", \
     "$data/tcp-probe-p99.dat" with linespoints lw 2 pt 5 title "tcp probe p99", \
     "$data/pty-burst-p50.dat" with linespoints dt 2 pt 6 title "pty burst p50", \
     "$data/pty-burst-p99.dat" with linespoints dt 2 pt 4 title "pty burst p99", \
     "$data/tcp-burst-p50.dat" with linespoints dt 2 pt 6 title "tcp burst p50", \
     "$data/tcp-burst-p99.dat" with linespoints dt 2 pt 4 title "tcp burst p99"
GNUPLOT
echo "plot.sh: wrote $out"
