"""Assess a built-in process, print the highest risks with their explanation, compare the redesign, and count an
observed disparity from a pandas DataFrame.

Run: PYTHONPATH=build/python python3 examples/python/assess_and_compare.py [output.png]
"""

import sys

import numpy as np

import artikel1


def main() -> None:
    before = artikel1.assess(artikel1.example("duo-uitwonendenbeurs"))
    print(f"{before.process_name}: highest risk {before.max_score:.1f} (method {before.method})")
    for score in before.scores(min_level="high")[:5]:
        top = score.top_contribution
        source = f"{top.source} via {top.attribute or top.detail}" if top else "-"
        print(f"  {score.step:<28} {score.ground:<18} {score.score:5.1f} {score.level:<10} {source}")
    for step, guarded in before.gatekeepers.items():
        print(f"  gatekeeper: {step} (every path to {', '.join(guarded)} passes it)")
    for r in before.recommendations[:3]:
        print(f"  recommendation: {r.measure} at {r.step} lowers {r.ground} from {r.score_before} to {r.score_after}")

    after = artikel1.example("duo-uitwonendenbeurs-herontwerp")
    comparison = artikel1.compare(before, artikel1.assess(after))
    print("redesign:", ", ".join(f"{k} {v}" for k, v in comparison.counts.items()))

    # Observed disparity: a synthetic log of one decision point where group "b" is selected twice as often.
    p = artikel1.Process("selection", "Selection for a home visit")
    p.add_step("select", "decision", automation="algorithmic")
    p.add_step("pass", "outcome")
    p.add_step("visit", "outcome", severity="moderate")
    p.add_flow("select", "pass", probability=0.85)
    p.add_flow("select", "visit", adverse=True, probability=0.15)
    rng = np.random.default_rng(1)
    group = rng.choice(["a", "b"], size=10000, p=[0.75, 0.25])
    visited = rng.random(10000) < np.where(group == "b", 0.2, 0.1)
    counter = artikel1.DisparityCounter(p, {"background": "race"})
    counter.add(steps=np.full(10000, "select"), next=np.where(visited, "visit", "pass"), groups={"background": group})
    for cell in counter.table().flagged:
        print(f"flagged: {cell.step} {cell.ground}={cell.group} rate {cell.rate:.3f} ratio {cell.ratio:.2f} "
              f"q {cell.q_value:.2g}")

    if len(sys.argv) > 1:
        import matplotlib

        matplotlib.use("Agg")
        before.plot().savefig(sys.argv[1], dpi=100)
        print("heatmap written to", sys.argv[1])


if __name__ == "__main__":
    main()
