"""Reads zo run directories (config.json, summary.json, metrics.jsonl) for the reproduce-* scripts.

Curvature lines of one run share their probe seeds (common random numbers) and so do runs with the
same seed, so two Hutchinson estimates are compared probe by probe: the standard error of a
difference comes from the per-probe differences, not from the two marginal standard errors.
"""
import json, math, os


def load_run(path):
    run = {"path": path, "steps": [], "evals": [], "curvature": []}
    with open(os.path.join(path, "config.json")) as f:
        run["config"] = json.load(f)
    summary = os.path.join(path, "summary.json")
    run["summary"] = json.load(open(summary)) if os.path.exists(summary) else None
    with open(os.path.join(path, "metrics.jsonl")) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            d = json.loads(line)
            key = {"step": "steps", "eval": "evals", "curvature": "curvature"}.get(d.get("type"))
            if key:
                run[key].append(d)
    return run


def mean_se(values):
    n = len(values)
    m = sum(values) / n
    if n < 2:
        return m, float("nan")
    return m, math.sqrt(sum((v - m) ** 2 for v in values) / (n - 1) / n)


def pooled(records):
    """Tr H averaged over several measurements that share probes: mean and se of the per-probe means."""
    per_probe = [sum(vs) / len(vs) for vs in zip(*[r["probe_values"] for r in records])]
    return mean_se(per_probe)


def paired_difference(a, b):
    """(a − b) of two estimates with the same probe seeds: mean and se of the per-probe differences."""
    return mean_se([x - y for x, y in zip(a["probe_values"], b["probe_values"])])


def last_fraction(records, fraction):
    """The records in the last `fraction` of the run (by step), at least one."""
    if not records:
        return []
    last = records[-1]["step"]
    cut = last * (1 - fraction)
    picked = [r for r in records if r["step"] > cut]
    return picked or records[-1:]


def train_loss(run, window=20):
    """Mean of (L+ + L−)/2 over the last `window` steps."""
    tail = run["steps"][-window:]
    return sum((s["loss_plus"] + s["loss_minus"]) / 2 for s in tail) / len(tail) if tail else float("nan")


def dev_accuracy(run):
    devs = [e for e in run["evals"] if e["split"] == "dev"]
    return (devs[0]["accuracy"], devs[-1]["accuracy"]) if devs else (float("nan"), float("nan"))


def figures(directory):
    return sorted(f for f in os.listdir(directory) if f.endswith(".png")) if os.path.isdir(directory) else []
