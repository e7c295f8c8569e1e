"""Curvature against the ZO stability threshold along run directories trained with --curvature-every: per measurement,
the mean training loss over the window of steps before it, the Hutchinson Tr H of the iterate with its confidence
interval, the threshold 2/η, S = (η/2)(Tr H + η tr H²) (S ≥ 1: unstable in mean square), and the dev and test accuracy
of the checkpoint evaluated at that step. Used by scripts/reproduce-trec-instability.

Usage: python3 scripts/lib/instability.py RUN_DIR... [--every 200]"""
import argparse
import os

from grid_runs import evals_of, lines, probe_loss, steps_of


def rows_of(run_dir, every):
    rows = lines(run_dir)
    loss = {r["step"]: probe_loss(r) for r in steps_of(rows)}
    dev = {e["step"]: e["accuracy"] for e in evals_of(rows, "dev")}
    test = {e["step"]: e["accuracy"] for e in evals_of(rows, "test-curve")}
    out = []
    for c in (r for r in rows if r.get("type") == "curvature"):
        t = c["step"]
        window = [loss[s] for s in range(t - every + 1, t + 1) if s in loss]
        out.append({"step": t, "train_loss": sum(window) / len(window) if window else None,
                    "trace": c.get("trace"), "ci": (c.get("trace_ci_low"), c.get("trace_ci_high")),
                    "threshold": c.get("threshold"), "s": c.get("stability_s"),
                    "dev": dev.get(t), "test": test.get(t)})
    return out


def fmt(x, spec):
    return "—" if x is None else format(x, spec)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("runs", nargs="+")
    p.add_argument("--every", type=int, default=200)
    args = p.parse_args()
    for d in args.runs:
        print(f"## {os.path.basename(os.path.normpath(d))}", "",
              f"| step | training loss, last {args.every} steps | Tr H (95 % CI) | threshold 2/η | S | dev % | test % |",
              "|---|---|---|---|---|---|---|", sep="\n")
        for r in rows_of(d, args.every):
            lo, hi = r["ci"]
            print(f"| {r['step']} | {fmt(r['train_loss'], '.3f')} | {fmt(r['trace'], '.0f')} ({fmt(lo, '.0f')}, "
                  f"{fmt(hi, '.0f')}) | {fmt(r['threshold'], '.0f')} | {fmt(r['s'], '.2f')} | "
                  f"{fmt(r['dev'] and 100 * r['dev'], '.1f')} | {fmt(r['test'] and 100 * r['test'], '.1f')} |")
        print()


if __name__ == "__main__":
    main()
