"""Reading the run directories of the time-budgeted studies (reproduce-structured, reproduce-time-to-accuracy):
metrics.jsonl lines, the learning-rate grid choice on dev loss, and mean (std) cells."""
import json
import os
import statistics
import sys


def lines(run_dir):
    with open(os.path.join(run_dir, "metrics.jsonl")) as f:
        return [json.loads(l) for l in f if l.strip().endswith("}")]


def steps_of(rows):
    return [r for r in rows if r["type"] == "step"]


def evals_of(rows, split):
    return [r for r in rows if r["type"] == "eval" and r["split"] == split]


def choose(runs, tasks, names, budget, evals, who):
    """Per task and name (method or configuration), the grid η of RUNS/grid/TASK/NAME-η with the lowest final dev
    loss (dev only), and an eval period in steps giving about EVALS evaluations in BUDGET seconds at that run's speed.
    TSV lines on stdout; WHO names the caller in the error when a grid has no finished run."""
    for task in tasks:
        for name in names:
            grid = os.path.join(runs, "grid", task)
            best = None
            for run in sorted(os.listdir(grid)) if os.path.isdir(grid) else []:
                if not run.startswith(name + "-") or not os.path.isdir(os.path.join(grid, run)):
                    continue
                lr = run[len(name) + 1:]
                if not lr[0].isdigit():
                    continue                    # mezo-bcd-... is not mezo-..., top2-head-... not top2-...
                rows = lines(os.path.join(grid, run))
                dev = evals_of(rows, "dev")
                st = steps_of(rows)
                if not dev or not st or dev[-1]["loss"] is None:
                    continue
                per_step = st[-1]["train_seconds"] / len(st)
                key = (dev[-1]["loss"], float(lr))
                if best is None or key < best[0]:
                    best = (key, lr, per_step)
            if best is None:
                sys.exit(f"{who}: no finished grid run for {task} {name} under {grid}")
            every = max(1, round(budget / evals / best[2]))
            print(f"{task}\t{name}\t{best[1]}\t{every}")


def mean_std(xs, digits=1):
    xs = [x for x in xs if x is not None]
    if not xs:
        return "—"
    if len(xs) == 1:
        return f"{xs[0]:.{digits}f}"
    return f"{statistics.mean(xs):.{digits}f} ({statistics.stdev(xs):.{digits}f})"
