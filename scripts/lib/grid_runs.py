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


def probe_loss(step):
    """A step line's training loss: the mean of its two probes' losses, (L₊ + L₋)/2 (it includes the smoothing term
    (ε²/2)·zᵀHz)."""
    return (step["loss_plus"] + step["loss_minus"]) / 2


def evals_of(rows, split):
    return [r for r in rows if r["type"] == "eval" and r["split"] == split]


def grid_runs(runs, task, name):
    """The finished grid runs RUNS/grid/TASK/NAME-η of one name, by η: (η as written, final dev loss, final dev
    accuracy, steps, seconds per step)."""
    grid = os.path.join(runs, "grid", task)
    found = []
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
        found.append((lr, dev[-1]["loss"], dev[-1]["accuracy"], len(st), st[-1]["train_seconds"] / len(st)))
    return sorted(found, key=lambda r: float(r[0]))


def best_of(found):
    """The grid run the choice keeps: the lowest final dev loss, the smaller η on a tie."""
    return min(found, key=lambda r: (r[1], float(r[0])))


def choose(runs, tasks, names, budget, evals, who):
    """Per task and name (method or configuration), the grid η of RUNS/grid/TASK/NAME-η with the lowest final dev
    loss (dev only), and an eval period in steps giving about EVALS evaluations in BUDGET seconds at that run's speed.
    TSV lines on stdout; WHO names the caller in the error when a grid has no finished run."""
    for task in tasks:
        for name in names:
            found = grid_runs(runs, task, name)
            if not found:
                sys.exit(f"{who}: no finished grid run for {task} {name} under {os.path.join(runs, 'grid', task)}")
            best = best_of(found)
            every = max(1, round(budget / evals / best[4]))
            print(f"{task}\t{name}\t{best[0]}\t{every}")


def grid_table(runs, tasks, names):
    """Every finished grid run of the names as a markdown table, the one each name's choice keeps in bold."""
    out = ["| task | configuration | η | steps | dev loss | dev accuracy % |", "|---|---|---|---|---|---|"]
    for task in tasks:
        for name in names:
            found = grid_runs(runs, task, name)
            best = best_of(found)[0] if found else None
            for lr, loss, acc, steps, _ in found:
                mark = "**" if lr == best else ""
                out.append(f"| {task} | {name} | {mark}{lr}{mark} | {steps} | {mark}{loss:.4f}{mark} | {100 * acc:.1f} |")
    return "\n".join(out)


def mean_std(xs, digits=1):
    xs = [x for x in xs if x is not None]
    if not xs:
        return "—"
    if len(xs) == 1:
        return f"{xs[0]:.{digits}f}"
    return f"{statistics.mean(xs):.{digits}f} ({statistics.stdev(xs):.{digits}f})"
