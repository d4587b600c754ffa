#!/usr/bin/env bash
# How far the serving model's prefill is from published llama.cpp prompt-processing rates, on the
# machines whose compute figure is an estimate (Apple's GPUs, RDNA3) and on two NVIDIA cards as a
# control (docs/methodology.md §11.5, "Prefill on Apple and Radeon").
#
# bench/prefill-pp512.csv: 28 published rates (llama-bench pp512, or pp2048 where the row says), one
# GPU or SoC, model fully offloaded; each row's source and date. Rows of llama.cpp's discussions
# #4167 (Apple Silicon), #10879 (Vulkan), #15021 (ROCm) and #15013 (CUDA) were read from public
# repository notes that transcribe those tables (the discussions are not in the search corpora
# this project reads), so they are a sanity check, not a fit: nothing in aichoose is fitted on them.
# Per row: estimate = prompt tokens ÷ the model's prefill of one prompt on its own
# (`aichoose estimate --engine llama.cpp --input-tokens N --output-tokens 1 -f json`,
# step.prefill_alone_ms); ratio = estimate ÷ measured.
# Usage: bench/prefill-check.sh        (needs python3; builds the jar on first use)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v python3 >/dev/null || { echo "prefill-check: python3 is needed" >&2; exit 1; }
python3 - <<'PY'
import csv, json, statistics, subprocess
rows = [r for r in csv.DictReader(open("bench/prefill-pp512.csv")) if r["quantization"] != "q3_k_s"]
by = {}
print(f"{'hardware':32} {'variant':24} {'model':22} {'quant':6} {'backend':7} {'measured':>9} {'estimate':>9} {'ratio':>6}")
for r in rows:
    cmd = ["./aichoose", "estimate", "--hardware", r["hardware_id"], "--model", r["model_id"],
           "--quantization", r["quantization"], "--engine", "llama.cpp",
           "--input-tokens", r["pp_tokens"], "--output-tokens", "1", "-f", "json"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    prefill_ms = json.loads(out)["step"]["prefill_alone_ms"]
    estimate = float(r["pp_tokens"]) / (prefill_ms / 1000)
    measured = float(r["pp_tokens_per_second"])
    ratio = estimate / measured
    family = "apple" if r["hardware_id"].startswith("apple/") else r["hardware_id"].split("/")[0]
    by.setdefault(family, []).append(ratio)
    print(f"{r['hardware_id']:32} {r['gpu_cores_or_variant'][:24]:24} {r['model_id'].split('/')[1][:22]:22} "
          f"{r['quantization']:6} {r['backend']:7} {measured:9,.0f} {estimate:9,.0f} {ratio:6.2f}")
print()
for family, ratios in by.items():
    within = sum(abs(x - 1) <= 0.3 for x in ratios)
    print(f"{family:8} {len(ratios):2} rows  median estimate ÷ measured {statistics.median(ratios):.2f}  "
          f"range {min(ratios):.2f}-{max(ratios):.2f}  within ±30 % {within} of {len(ratios)}")
PY
