"""Summarises scripts/reproduce-flat-minima into results/flat-minima.json and results/flat-minima.md.

(a) toy runs: exact Tr H at the start and the end. (b) fine-tuning runs: Hutchinson Tr H with the same
probes in every run and at every measurement, so changes over time and differences between ε are
paired probe by probe (their se comes from the per-probe differences).
"""
import argparse, json, os, sys
sys.path.insert(0, os.path.dirname(__file__))
from curvature_runs import load_run, paired_difference, train_loss, dev_accuracy, figures


MATCH_TOLERANCE = 0.03  # train-loss difference up to which two measurements count as "at equal loss"


def toy_rows(dirs):
    rows = []
    for d in dirs:
        c, s = json.load(open(os.path.join(d, "config.json"))), json.load(open(os.path.join(d, "summary.json")))
        rows.append({"run": os.path.basename(d), "method": s["optimizer"], "lambda": c.get("eps"), "lr": c.get("lr"),
                     "steps": s["steps"], "status": s["status"], "initial_trace": s["initial_trace"],
                     "final_trace": s["final_trace"], "final_loss": s["final_loss"],
                     "final_residual": s["final_residual"], "seconds": s["seconds"]})
    return rows


def finetune_rows(dirs):
    runs = [load_run(d) for d in dirs]
    base = runs[0]
    rows = []
    for run in runs:
        c, curv = run["config"], run["curvature"]
        row = {"run": os.path.basename(run["path"]), "eps": c["eps"], "lr": c["lr"],
               "status": run["summary"]["status"] if run["summary"] else "unfinished",
               "steps_logged": len(run["steps"]),
               "train_loss_end": curv[-1]["center_loss"] if curv else train_loss(run),
               "dev_accuracy_start": dev_accuracy(run)[0], "dev_accuracy_end": dev_accuracy(run)[1],
               "test_accuracy": run["summary"]["test_accuracy"] if run["summary"] else None,
               "measurements": [{"step": r["step"], "trace": r["trace"], "se": r["trace_se"]} for r in curv]}
        if curv:
            first, last = curv[0], curv[-1]
            change, change_se = paired_difference(last, first)
            row.update({"first_step": first["step"], "trace_first": first["trace"], "trace_first_se": first["trace_se"],
                        "last_step": last["step"], "trace_last": last["trace"], "trace_last_se": last["trace_se"],
                        "change": change, "change_se": change_se})
            if run is not base and base["curvature"]:
                same = [r for r in base["curvature"] if r["step"] == last["step"]]
                if same:
                    d, dse = paired_difference(last, same[0])
                    row.update({"vs_smallest_eps": d, "vs_smallest_eps_se": dse})
                # at equal train loss: the smallest ε's measurement whose L(θ) is closest to this run's last
                near = min(base["curvature"], key=lambda r: abs(r["center_loss"] - last["center_loss"]))
                d, dse = paired_difference(last, near)
                if abs(near["center_loss"] - last["center_loss"]) <= MATCH_TOLERANCE:
                    row.update({"matched_step": near["step"], "matched_loss": near["center_loss"],
                                "vs_smallest_eps_at_equal_loss": d, "vs_smallest_eps_at_equal_loss_se": dse})
        rows.append(row)
    return rows


def sig(x, se):
    return "decreased" if x + 2 * se < 0 else "increased" if x - 2 * se > 0 else "no significant change"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--toy", required=True)
    p.add_argument("--finetune", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--task", required=True)
    a = p.parse_args()
    toy, ft = toy_rows(a.toy.split()), finetune_rows(a.finetune.split())
    with open(os.path.join(a.out, "flat-minima.json"), "w") as f:
        json.dump({"toy": toy, "finetune": ft}, f, indent=1)
    L = ["# Does ZO find flat minima?", "",
         "Produced by `scripts/reproduce-flat-minima` (raw: `results/flat-minima.json`).", "",
         "## (a) The toy function L(x, y) = ½(xᵀy − 1)², d = 100", "",
         "Same start x, y ~ N(0, I) (seed 42); exact Tr H = ‖x‖² + ‖y‖²; the flattest minimisers have Tr H = 2.", "",
         "| run | η | λ | steps | Tr H start | Tr H end | loss end | status |", "|---|---|---|---|---|---|---|---|"]
    for r in toy:
        lam = "—" if r["lambda"] is None else f"{r['lambda']:g}"
        L.append(f"| {r['method']} | {r['lr']:g} | {lam} | {r['steps']} | {r['initial_trace']:.1f} | {r['final_trace']:.2f} | "
                 f"{r['final_loss']:.2e} | {r['status']} |")
    L += [""] + [f"![toy: {f[:-4]}](flat-minima/toy/{f})" for f in figures(os.path.join(a.out, "flat-minima", "toy"))
                 if f in ("trace.png", "loss.png")]
    L += ["", f"## (b) ZO fine-tuning on {a.task} k=16 (default model) with growing ε", "",
          "Tr H of the train loss (Hutchinson, h = 1e-3, the same probes in every run and measurement: ± is one se; "
          "changes are paired probe by probe).", "",
          "| ε | η | Tr H first (step) | Tr H last (step) | change over the run | vs the smallest ε, same step | "
          "vs the smallest ε at equal L(θ) (its step, L) | train L(θ) end | dev acc start → end | test acc | status |",
          "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in ft:
        if "trace_first" not in r:
            L.append(f"| {r['eps']:g} | {r['lr']:g} | — | — | — | — | — | {r['train_loss_end']:.3f} | — | — | {r['status']} |")
            continue
        vs = (f"{r['vs_smallest_eps']:+.0f} ± {r['vs_smallest_eps_se']:.0f}" if "vs_smallest_eps" in r else "—")
        eq = (f"{r['vs_smallest_eps_at_equal_loss']:+.0f} ± {r['vs_smallest_eps_at_equal_loss_se']:.0f} "
              f"({r['matched_step']}, {r['matched_loss']:.3f})" if "matched_step" in r
              else f"— (none within {MATCH_TOLERANCE} of its L)" if "vs_smallest_eps" in r else "—")
        test = "—" if r["test_accuracy"] is None else f"{100 * r['test_accuracy']:.1f}"
        L.append(f"| {r['eps']:g} | {r['lr']:g} | {r['trace_first']:.0f} ± {r['trace_first_se']:.0f} ({r['first_step']}) | "
                 f"{r['trace_last']:.0f} ± {r['trace_last_se']:.0f} ({r['last_step']}) | {r['change']:+.0f} ± {r['change_se']:.0f} "
                 f"({sig(r['change'], r['change_se'])}) | {vs} | {eq} | {r['train_loss_end']:.3f} | "
                 f"{100 * r['dev_accuracy_start']:.1f} → {100 * r['dev_accuracy_end']:.1f} | {test} | {r['status']} |")
    seconds = sum(r["seconds"] for r in toy) + sum(load_run(d)["summary"]["seconds"] for d in a.finetune.split()
                                                   if os.path.exists(os.path.join(d, "summary.json")))
    L += ["", f"Wall time of all runs: {seconds / 60:.0f} min (one process per core, the other core busy).", ""]
    L += ["", "L(θ) is the full train loss at the measurement (the step lines' (L₊ + L₋)/2 is the ε-smoothed loss, "
          "which for large ε sits ½ε²·Tr H above it). The first measurement is after the first "
          "`CURVATURE_EVERY` steps; Tr H₀ at the pre-trained weights (other probes) is 485 ± 121."]
    L += [""] + [f"![{a.task}: {f[:-4]}](flat-minima/{a.task}/{f})"
                 for f in figures(os.path.join(a.out, "flat-minima", a.task)) if f in ("trace.png", "loss.png")]
    L.append("")
    with open(os.path.join(a.out, "flat-minima.md"), "w") as f:
        f.write("\n".join(L))
    print("\n".join(L))


if __name__ == "__main__":
    main()
