"""The training loss of run directories over time: the mean of (loss_plus + loss_minus)/2 over each window of steps
(the probes' losses, so it includes the smoothing term (ε²/2)·zᵀHz). Used by results/time-to-accuracy/levers/.

Usage: python3 scripts/lib/train_loss.py RUN_DIR... [--window 1000]"""
import argparse
import statistics

from grid_runs import lines, probe_loss, steps_of


def windows(run_dir, window):
    steps = [probe_loss(r) for r in steps_of(lines(run_dir))]
    return [statistics.mean(steps[i:i + window]) for i in range(0, len(steps), window)]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("runs", nargs="+")
    p.add_argument("--window", type=int, default=1000)
    args = p.parse_args()
    print(f"| run | mean training loss per {args.window} steps |")
    print("|---|---|")
    for d in args.runs:
        print(f"| {d} | " + " ".join(f"{v:.3f}" for v in windows(d, args.window)) + " |")


if __name__ == "__main__":
    main()
