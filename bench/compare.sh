#!/usr/bin/env bash
# Times `backprop bench` and the peer programs of ../shared/bench alternately, on the same
# Fashion-MNIST files and machine, and prints the medians and the ratios backprop / peer.
#
#   bench/compare.sh [ROUNDS]          (default 3 rounds; each round runs every program once)
#
# Environment: PEERS (folder of numpy_mlp.py etc., default ../shared/bench beside the repo),
# THREADS (default 2), BATCH (default 64), PYTHON (default /usr/bin/python3), CNN (yes: also
# time LeNet-5 against PyTorch's LeNet-5-like CNN; no: skip it).
# OpenBLAS for the peers (and for BACKPROP_GEMM=openblas) comes from PEERS/openblas-env.sh
# when get_openblas.sh has been run; without it the peers run on whatever BLAS numpy has.
set -euo pipefail
rounds="${1:-3}"
root="$(cd "$(dirname "$0")/.." && pwd)"
peers="${PEERS:-$root/../shared/bench}"
threads="${THREADS:-2}"
batch="${BATCH:-64}"
python="${PYTHON:-/usr/bin/python3}"
cnn="${CNN:-yes}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

dotnet build "$root/src/Backprop.Cli" -c Release -v quiet -nologo >&2
bp="$root/src/Backprop.Cli/bin/Release/net10.0/Backprop.Cli"
# shellcheck disable=SC1091
[ -f "$peers/openblas-env.sh" ] && source "$peers/openblas-env.sh" >&2
# OpenBLAS falls back to its generic Prescott (SSE3) kernels on a processor it cannot name
# (0.3.21 on a 2024 Xeon), at a fraction of its speed. The peers then get the AVX-512 or AVX2
# kernels the processor runs, unless OPENBLAS_CORETYPE is already set.
core="$(OPENBLAS_VERBOSE=2 "$python" -c 'import numpy' 2>&1 | sed -n 's/^Core: //p' | head -1)"
if [ -z "${OPENBLAS_CORETYPE:-}" ] && [ "$core" = Prescott ]; then
    if grep -qw avx512f /proc/cpuinfo; then
        export OPENBLAS_CORETYPE=SkylakeX
    elif grep -qw avx2 /proc/cpuinfo; then
        export OPENBLAS_CORETYPE=Haswell
    fi
fi
core="$(OPENBLAS_VERBOSE=2 "$python" -c 'import numpy' 2>&1 | sed -n 's/^Core: //p' | head -1)"
openblas=no
if BACKPROP_GEMM=openblas "$bp" bench --single-sample --json 2>/dev/null \
    | grep -q '"gemm":"openblas"'; then openblas=yes; fi
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores;" \
     "OpenBLAS for backprop: $openblas; OpenBLAS kernels: ${core:-none};" \
     "rounds $rounds, threads $threads, batch $batch" >&2

run() { # name, command...: appends the JSON line the command prints to $out/name.jsonl
    local name="$1"; shift
    echo "== $name: $*" >&2
    if ! "$@" 2>>"$out/log.txt" | grep '^{' | tail -1 >>"$out/$name.jsonl"; then
        echo "   $name failed; its last lines:" >&2
        tail -3 "$out/log.txt" >&2
    fi
}

for round in $(seq "$rounds"); do
    echo "-- round $round" >&2
    run backprop env BACKPROP_GEMM=managed "$bp" bench --epochs 2 --threads "$threads" \
        --batch-size "$batch" --json
    if [ "$openblas" = yes ]; then
        run backprop_openblas env BACKPROP_GEMM=openblas "$bp" bench --epochs 2 \
            --threads "$threads" --batch-size "$batch" --json
    fi
    run numpy "$python" "$peers/numpy_mlp.py" --threads "$threads" --batch "$batch" \
        --epochs 1 --runs 1
    run torch_1thread "$python" "$peers/torch_bench.py" --workload mlp --threads 1 \
        --batch "$batch" --epochs 1 --runs 1
    run torch "$python" "$peers/torch_bench.py" --workload mlp --threads "$threads" \
        --batch "$batch" --epochs 1 --runs 1
    if [ "$cnn" = yes ]; then
        run backprop_cnn env BACKPROP_GEMM=managed "$bp" bench --model lenet-5 --epochs 2 \
            --threads "$threads" --batch-size "$batch" --json
        run torch_cnn_1thread "$python" "$peers/torch_bench.py" --workload cnn --threads 1 \
            --batch "$batch" --epochs 1 --runs 1
        run torch_cnn "$python" "$peers/torch_bench.py" --workload cnn --threads "$threads" \
            --batch "$batch" --epochs 1 --runs 1
    fi
    run backprop_single env BACKPROP_GEMM=managed "$bp" bench --single-sample --json
    run torch_single "$python" "$peers/torch_bench.py" --workload single --threads 1 --runs 1
    run numpy_single "$python" "$peers/numpy_mlp.py" --workload single --threads 1 --runs 1
done

"$python" - "$out" <<'PY'
import json, os, statistics, sys
out = sys.argv[1]
def rows(name):
    path = os.path.join(out, name + ".jsonl")
    if not os.path.exists(path):
        return []
    return [json.loads(l) for l in open(path) if l.strip()]
def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None
epoch, acc, us = {}, {}, {}
for name in ("backprop", "backprop_openblas", "backprop_cnn"):
    r = rows(name)
    if r:
        epoch[name] = med([x["seconds_per_epoch"] for x in r])
        acc[name] = med([x["epoch_test_accuracy"][0] for x in r])
        print(f"{name}: s/epoch {[x['seconds_per_epoch'] for x in r]}, GFLOP/s "
              f"{med([x['gflops'] for x in r])}, peak {med([x['peak_gflops'] for x in r])}")
for name in ("numpy", "torch_1thread", "torch", "torch_cnn_1thread", "torch_cnn"):
    r = rows(name)
    if r:
        epoch[name] = med([x["epoch1_s_median"] for x in r])
        acc[name] = med([x["acc_final"][0] for x in r])
        print(f"{name}: s/epoch {[x['epoch1_s_median'] for x in r]}, libs {r[0].get('libs')}")
r = rows("backprop_single")
if r:
    for engine in r[0]["microseconds_per_gradient"]:
        us["backprop_" + engine] = med([x["microseconds_per_gradient"][engine] for x in r])
for name in ("torch_single", "numpy_single"):
    r = rows(name)
    if r:
        us[name] = med([x["us_median"] for x in r])
print("\nmedian seconds per epoch (Fashion-MNIST) and accuracy after 1 epoch:")
for name, s in epoch.items():
    print(f"  {name:18} {s:8.3f} s   acc {acc[name]:.4f}")
for ours in ("backprop", "backprop_openblas"):
    for peer in ("numpy", "torch_1thread", "torch"):
        if ours in epoch and peer in epoch:
            print(f"  ratio {ours} / {peer}: {epoch[ours] / epoch[peer]:.2f}")
for peer in ("torch_cnn_1thread", "torch_cnn"):
    if "backprop_cnn" in epoch and peer in epoch:
        print(f"  ratio backprop_cnn / {peer}: {epoch['backprop_cnn'] / epoch[peer]:.2f}")
print("\nmedian microseconds per single-sample gradient:")
for name, v in us.items():
    print(f"  {name:22} {v:10.2f}")
for ours in ("backprop_fast_double", "backprop_fast_float"):
    for peer in ("torch_single", "numpy_single"):
        if ours in us and peer in us:
            print(f"  ratio {ours} / {peer}: {us[ours] / us[peer]:.3f}")
PY
