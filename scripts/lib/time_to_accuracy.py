#!/usr/bin/env python3
"""scripts/reproduce-time-to-accuracy's summariser.

choose: per task and configuration, the grid learning rate with the lowest final dev loss (dev only), and an eval
        period (steps) that gives about EVALS evaluations within the main budget at the grid run's speed. TSV on stdout.
grid:   every finished grid run of the configurations (η, steps, final dev loss and accuracy), the chosen η in bold.
table:  the main runs as OUT/time-to-accuracy.md (mean (std) over seeds, each configuration's share of backprop's gain
        over zero-shot from ceilings.json) and OUT/time-to-accuracy.json (every run). Besides the run's own checkpoint
        (its --select rule), the table scores the other dev-only selection rules on the same runs: the test-curve point
        at the checkpoint each rule would have picked (the runs score the full test set at every dev evaluation).
"""
import argparse
import json
import os
import statistics

import grid_runs
from grid_runs import evals_of, lines, mean_std, steps_of


def choose(args):
    grid_runs.choose(args.runs, args.tasks.split(), args.configs.split(), args.budget, args.evals, "time_to_accuracy")


def grid(args):
    print(grid_runs.grid_table(args.runs, args.tasks.split(), args.configs.split()))


def wall_seconds(run_dir):
    """The process's wall clock (all sessions), from the run's .wall file; None when not recorded."""
    path = run_dir + ".wall"
    if not os.path.isfile(path):
        return None
    total = 0.0
    with open(path) as f:
        for line in f:
            a, b = line.split()
            total += float(b) - float(a)
    return total


def user_seconds(process, st):
    """At most what the process takes without --test-curve: its wall clock minus the loop's seconds outside the budget
    up to the last step line (the test-curve scoring, and milliseconds of bookkeeping, which the last evaluation's own
    test-curve point more than covers); None when the wall clock was not recorded."""
    if process is None or not st:
        return process
    return process - (st[-1]["seconds"] - st[-1]["train_seconds"])


RULES = [   # (name, statistic, first candidate step): the dev-only checkpoint rules the table compares
    ("dev accuracy, step 0 a candidate", "accuracy", 0),
    ("dev loss, step 0 a candidate", "loss", 0),
    ("dev loss, from step 100 (LM-BFF)", "loss", 100),
    ("last checkpoint (no dev)", "last", 0),
]


def selected(dev, statistic, first):
    """The step a rule picks from dev points (step, accuracy, loss): the first best among steps >= first, else 0."""
    best = None
    for step, acc, loss in dev:
        if step < first:
            continue
        key = acc if statistic == "accuracy" else -loss if statistic == "loss" else step
        if best is None or key > best[0]:
            best = (key, step)
    return best[1] if best else 0


def rule_tests(dev, curve, zero_shot):
    """Test accuracy of the checkpoint each rule picks (None when its step has no test point)."""
    at = {step: acc for _, step, acc in curve}
    at[0] = zero_shot
    return [at.get(selected(dev, statistic, first)) for _, statistic, first in RULES]


def summarise(run_dir, config):
    rows = lines(run_dir)
    st = steps_of(rows)
    tests = evals_of(rows, "test")
    test0 = [r for r in tests[:1] if r["step"] == 0]
    final = tests[1:]   # the last test line scores the best-on-dev checkpoint; its step is that checkpoint's (may be 0)
    seconds_at = {s["step"]: s["train_seconds"] for s in st}
    curve = [(seconds_at.get(e["step"]), e["step"], e["accuracy"]) for e in evals_of(rows, "test-curve")]
    dev = [(e["step"], e["accuracy"], e["loss"]) for e in evals_of(rows, "dev")]
    seconds = st[-1]["train_seconds"] if st else 0.0
    summary = json.load(open(os.path.join(run_dir, "summary.json")))
    zero_shot = test0[0]["accuracy"] if test0 else None
    process = wall_seconds(run_dir)
    own = config.get("selection", {"statistic": "accuracy", "from": 0})
    own_step = selected(dev, own["statistic"], own["from"])
    if final and own_step != summary["best_step"]:
        raise SystemExit(f"time_to_accuracy: {run_dir}: the run selected step {summary['best_step']}, its rule "
                         f"{own} gives {own_step} from the dev points")
    return {
        "lr": config["lr"], "steps": len(st), "budget_seconds": seconds,
        "seconds_per_step": seconds / len(st) if st else None,
        "forward_passes": 2 * len(st),
        "loop_seconds": summary.get("seconds"), "process_seconds": process,
        "user_seconds": user_seconds(process, st),
        "zero_shot_test": zero_shot,
        "test": final[-1]["accuracy"] if final else None,
        "best_step": summary["best_step"],
        "test_curve": curve, "dev_curve": dev, "selection": own,
        "rule_tests": rule_tests(dev, curve, zero_shot),
    }


def own_rule(raw):
    """The runs' own selection rule(s), as the table's text names them."""
    names = sorted({f"dev {r['selection']['statistic']}, " + ("step 0 a candidate" if r['selection']['from'] == 0
                    else f"from step {r['selection']['from']}") for r in raw.values()})
    return "; ".join(names) if names else "none"


def table(args):
    tasks, seeds, configs = args.tasks.split(), args.seeds.split(), args.configs.split()
    ceilings = json.load(open(args.ceilings))
    raw = {}
    for task in tasks:
        for config in configs:
            for seed in seeds:
                d = os.path.join(args.runs, "main", task, f"s{seed}", config)
                if os.path.isfile(os.path.join(d, "summary.json")):
                    raw[f"{task}/s{seed}/{config}"] = summarise(d, json.load(open(os.path.join(d, "config.json"))))
    with open(os.path.join(args.out, "time-to-accuracy.json"), "w") as f:
        json.dump(raw, f, indent=1, sort_keys=True)
    cap = "full test sets" if args.test_cap == 0 else f"at most {args.test_cap} test examples"
    out = ["# Time to accuracy: how much of backprop's few-shot gain forward-only fine-tuning recovers in minutes",
           "",
           f"Generated by `scripts/reproduce-time-to-accuracy` (summariser `scripts/lib/time_to_accuracy.py`). Every run "
           f"had {args.loop_budget:g} s of steps and dev evaluations on one core (`--time-budget {args.loop_budget:g} "
           f"--budget-evaluations`; ORT and the perturbation pool one thread each, {args.jobs} run(s) at a time on the "
           f"2-core machine), the rest of a {args.budget:g} s wall-clock budget being left for the model load and the "
           f"final test of the best-on-dev checkpoint (*process s*: the whole `zo finetune` process, which also includes "
           f"the test-curve scoring that is measurement only; *without test curve* subtracts that scoring: at most what a "
           f"user waits, who does not pass --test-curve). Seeds {', '.join(seeds)}; ZO η per configuration and task "
           f"chosen on dev loss by a three-value grid at seed 42 (`chosen.tsv`); prototype head settings `{args.head}`. "
           f"Test: {cap}, of the checkpoint selected on dev by the run's own rule ({own_rule(raw)}); the columns after it "
           f"score the other dev-only rules on the same runs (the test-curve point at the checkpoint each would pick). "
           f"*Share of FT gain*: (test − zero-shot) / "
           f"(backprop FT seed mean − zero-shot), the ceilings being issue 24's given facts measured by an independent "
           f"PyTorch implementation (`ceilings.json`). "
           + (f"Whole study: {args.elapsed / 3600:.1f} h elapsed. " if args.elapsed > 0 else
              "Summarised from run directories (SUMMARISE_ONLY): elapsed time not recorded. ") + "Raw numbers: "
           f"`time-to-accuracy.json`.",
           ""]
    for task in tasks:
        c = ceilings["tasks"].get(task)
        if c:
            out += [f"## {task}: zero-shot {c['zero_shot']}, backprop FT {c['ft_mean']} ({c['ft_sd']}) over "
                    f"{c['ft_seeds']} seeds; 60 % of the gain = {c['zero_shot'] + 0.6 * (c['ft_mean'] - c['zero_shot']):.1f}", ""]
        else:
            out += [f"## {task}", ""]
        out += ["| configuration | η | steps | s/step | process s | without test curve s | zero-shot % | test %, run's rule | "
                "share of FT gain | "
                + " | ".join(f"test %, {name} | share" for name, _, _ in RULES) + " |",
                "|---|---|---|---|---|---|---|---|---|" + "---|---|" * len(RULES)]
        for config in configs:
            rs = [r for r in (raw.get(f"{task}/s{s}/{config}") for s in seeds) if r]
            if not rs:
                continue
            def cells(tests):
                tests = [t for t in tests if t is not None]
                share = "—"
                if c and tests:
                    share = f"{100 * share_of(tests, c):.0f} %"
                return f"{mean_std([100 * t for t in tests])} | {share}"
            out.append(f"| {config} | {rs[0]['lr']:g} | {mean_std([r['steps'] for r in rs], 0)} | "
                       f"{statistics.mean(r['seconds_per_step'] for r in rs):.3f} | "
                       f"{mean_std([r['process_seconds'] for r in rs], 0)} | "
                       f"{mean_std([r.get('user_seconds') for r in rs], 0)} | "
                       f"{mean_std([100 * r['zero_shot_test'] for r in rs if r['zero_shot_test'] is not None])} | "
                       f"{cells([r['test'] for r in rs])} | "
                       + " | ".join(cells([r['rule_tests'][i] for r in rs]) for i in range(len(RULES))) + " |")
        out.append("")
    out += rules_compared(raw, tasks, seeds, configs, ceilings)
    with open(os.path.join(args.out, "time-to-accuracy.md"), "w") as f:
        f.write("\n".join(out) + "\n")


def share_of(tests, ceiling):
    """(mean test % − zero-shot) / (backprop FT seed mean − zero-shot) for test accuracies in [0, 1]."""
    return (100 * statistics.mean(tests) - ceiling["zero_shot"]) / (ceiling["ft_mean"] - ceiling["zero_shot"])


def rules_compared(raw, tasks, seeds, configs, ceilings):
    """Per configuration and rule, the mean over the tasks of the rule's share of FT gain (its per-task shares in
    brackets): one number to choose a rule by. Only configurations with runs and ceilings on every task; nothing for a
    single task, whose table already gives these shares."""
    if len(tasks) < 2 or not all(t in ceilings["tasks"] for t in tasks):
        return []
    out = ["## Selection rules compared: share of FT gain, mean over " + ", ".join(tasks), "",
           "| configuration | " + " | ".join(name for name, _, _ in RULES) + " |", "|---|" + "---|" * len(RULES)]
    header = len(out)
    for config in configs:
        cells = []
        for i in range(len(RULES)):
            shares = []
            for task in tasks:
                tests = [r["rule_tests"][i] for r in (raw.get(f"{task}/s{s}/{config}") for s in seeds)
                         if r and r["rule_tests"][i] is not None]
                if tests:
                    shares.append(share_of(tests, ceilings["tasks"][task]))
            cells.append(f"{100 * statistics.mean(shares):.0f} % ({', '.join(f'{100 * x:.0f}' for x in shares)})"
                         if len(shares) == len(tasks) else "—")
        if any(c != "—" for c in cells):
            out.append(f"| {config} | " + " | ".join(cells) + " |")
    return out + [""] if len(out) > header else []


def main():
    p = argparse.ArgumentParser()
    p.add_argument("what", choices=["choose", "grid", "table"])
    p.add_argument("--runs", required=True)
    p.add_argument("--out")
    p.add_argument("--tasks", required=True)
    p.add_argument("--seeds", default="42")
    p.add_argument("--configs", required=True)
    p.add_argument("--budget", type=float, default=0)
    p.add_argument("--loop-budget", type=float, default=0)
    p.add_argument("--evals", type=int, default=6)
    p.add_argument("--elapsed", type=float, default=0)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--test-cap", type=int, default=0)
    p.add_argument("--ceilings")
    p.add_argument("--head", default="")
    args = p.parse_args()
    {"choose": choose, "grid": grid, "table": table}[args.what](args)


if __name__ == "__main__":
    main()
