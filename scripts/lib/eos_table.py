"""Summarises scripts/reproduce-eos: Tr H against the stability threshold over each full-batch run.

Writes results/edge-of-stability.json and results/edge-of-stability.md. The ratio is Tr H / threshold
(threshold 2/η for ZO-GD, 2(1−β)/η for ZO-GDM, 2/η against Tr(P⁻¹H) for ZO-Adam), averaged over the
curvature measurements in the last third of the run; 1 means the run sits at the edge of stability.
"""
import argparse, json, os, sys
sys.path.insert(0, os.path.dirname(__file__))
from curvature_runs import load_run, pooled, last_fraction, train_loss, dev_accuracy, figures

LABEL = {"zo-sgd": "ZO-GD", "zo-sgd-mmt": "ZO-GDM", "zo-adam": "ZO-Adam"}


def verdict(ratio, se):
    lo, hi = ratio - 2 * se, ratio + 2 * se
    if lo <= 1 <= hi or 0.8 <= ratio <= 1.2:
        return "near the threshold"
    return "below the threshold" if hi < 1 else "above the threshold"


def summarise(run):
    c, curv = run["config"], run["curvature"]
    status = run["summary"]["status"] if run["summary"] else "unfinished"
    row = {"name": os.path.basename(run["path"]), "optimizer": c["optimizer"], "lr": c["lr"],
           "momentum": c["momentum"] if c["optimizer"] == "zo-sgd-mmt" else None, "status": status,
           "steps_logged": len(run["steps"]),
           "train_loss_end": curv[-1]["center_loss"] if curv else train_loss(run),
           "dev_accuracy_start": dev_accuracy(run)[0], "dev_accuracy_end": dev_accuracy(run)[1],
           "measurements": [{"step": r["step"], "trace": r["trace"], "se": r["trace_se"], "threshold": r["threshold"]}
                            for r in curv]}
    if curv:
        threshold = curv[-1]["threshold"]
        tail = last_fraction(curv, 1 / 3)
        m, se = pooled(tail)
        row.update({"threshold": threshold, "trace_first": curv[0]["trace"], "trace_first_se": curv[0]["trace_se"],
                    "trace_last_third": m, "trace_last_third_se": se, "last_third_steps": [r["step"] for r in tail],
                    "ratio": m / threshold, "ratio_se": se / threshold, "verdict": verdict(m / threshold, se / threshold)})
    return row


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--trace0-file", required=True)
    p.add_argument("--names", required=True)
    a = p.parse_args()
    t0 = json.load(open(a.trace0_file))
    rows = [summarise(load_run(os.path.join(a.runs, n))) for n in a.names.split()]
    result = {"task": t0["task"], "k": t0["k"], "seed": t0["kshot_seed"], "examples": t0["examples"],
              "trace0": t0["curvature"]["trace"], "trace0_se": t0["curvature"]["trace_se"],
              "trace0_probes": t0["curvature"]["probes"], "runs": rows}
    with open(os.path.join(a.out, "edge-of-stability.json"), "w") as f:
        json.dump(result, f, indent=1)
    L = ["# Edge of stability under full-batch ZO", "",
         f"Produced by `scripts/reproduce-eos` (raw: `results/edge-of-stability.json`). Task {t0['task']} k={t0['k']}, "
         f"seed {t0['kshot_seed']}: full-batch ZO on all {t0['examples']} training examples, default model. "
         f"Tr H₀ at the pre-trained weights = {t0['curvature']['trace']:.0f} ± {t0['curvature']['trace_se']:.0f} (se, "
         f"{t0['curvature']['probes']} probes), so 2/Tr H₀ = {2 / t0['curvature']['trace']:.2e}.", "",
         "Tr H is a Hutchinson estimate of the full train loss with the same probes at every measurement "
         "(common random numbers; ± is one se). Ratio = Tr H over the last third of the run / threshold "
         "(Tr H·η/2 for ZO-GD, Tr H·η/(2(1−β)) for ZO-GDM, Tr(P⁻¹H)·η/2 for ZO-Adam); the edge-of-stability "
         "claim is that it settles near 1.", "",
         "| run | η | threshold | Tr H first | Tr H last third | ratio | verdict | train L(θ) end | dev acc start → end | status |",
         "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        name = LABEL.get(r["optimizer"], r["optimizer"]) + (f" β={r['momentum']}" if r["momentum"] else "")
        if "ratio" not in r:
            L.append(f"| {name} | {r['lr']:.3g} | — | — | — | — | no measurement | {r['train_loss_end']:.3f} | — | {r['status']} |")
            continue
        L.append(f"| {name} | {r['lr']:.3g} | {r['threshold']:.3g} | {r['trace_first']:.0f} ± {r['trace_first_se']:.0f} | "
                 f"{r['trace_last_third']:.0f} ± {r['trace_last_third_se']:.0f} | {r['ratio']:.3g} ± {r['ratio_se']:.2g} | "
                 f"{r['verdict']} | {r['train_loss_end']:.3f} | {100 * r['dev_accuracy_start']:.1f} → "
                 f"{100 * r['dev_accuracy_end']:.1f} | {r['status']} |")
    seconds = t0["timing"]["seconds"] + sum(load_run(os.path.join(a.runs, n))["summary"]["seconds"]
                                            for n in a.names.split() if os.path.exists(os.path.join(a.runs, n, "summary.json")))
    L += ["", f"Wall time of the measurements and runs: {seconds / 60:.0f} min (one process per core; "
          "`ZO_JAVA_OPTS=-XX:ActiveProcessorCount=1`, the other core busy with another experiment).", ""]
    for sub, title in (("zo-gd", "ZO-GD at three step sizes"), ("zo-gdm", "ZO-GDM"), ("zo-adam", "ZO-Adam")):
        d = os.path.join(a.out, "edge-of-stability", sub)
        for fig in figures(d):
            if fig in ("stability-ratio.png", "loss.png"):
                L.append(f"![{title}: {fig[:-4]}](edge-of-stability/{sub}/{fig})")
    L.append("")
    with open(os.path.join(a.out, "edge-of-stability.md"), "w") as f:
        f.write("\n".join(L))
    print("\n".join(L))


if __name__ == "__main__":
    main()
