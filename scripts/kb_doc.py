#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""Writes docs/knowledge-base.md from data/knowledge_base.json: every ground, proxy strength, visibility and measure
with its rationale, so that each number of the method can be looked up and defended.

    scripts/kb_doc.py                 # rewrite docs/knowledge-base.md
    scripts/kb_doc.py --check         # exit 1 when docs/knowledge-base.md is out of date (used by the tests)
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def weight(w):
    return (w["value"], w.get("rationale", "")) if isinstance(w, dict) else (w, "")


def cell(text):
    return str(text).replace("|", "\\|")


def render(kb):
    grounds = {g["id"]: g for g in kb["grounds"]}
    out = [
        "# The default knowledge base (kennisbank)",
        "",
        f"Knowledge base `{kb['id']}` version `{kb['version']}`, method `{kb['method']['id']}`. Generated from",
        "`data/knowledge_base.json` by `scripts/kb_doc.py`; edit the JSON, not this page (a test checks that the two agree).",
        "The method that uses these numbers is described in [method.md](method.md); how to replace or extend them in",
        "[formats.md](formats.md).",
        "",
        "## Grounds (discriminatiegronden)",
        "",
        "| id | Dutch | English | legal source |",
        "|---|---|---|---|",
    ]
    for g in kb["grounds"]:
        out.append(f"| `{g['id']}` | {cell(g['label']['nl'])} | {cell(g['label']['en'])} | {cell(g['legal_source'])} |")
    out += ["", "## Attribute kinds and their proxy strength per ground", "",
            "1.0 means the attribute *is* the ground (a direct distinction); grounds not listed have strength 0.", "",
            "| attribute kind | Dutch | ground | strength | rationale |", "|---|---|---|---:|---|"]
    for k in kb["attribute_kinds"]:
        proxy = k.get("proxy", {})
        if not proxy:
            out.append(f"| `{k['id']}` | {cell(k['label']['nl'])} | (none) | 0 | neutral attribute |")
        for i, (ground, w) in enumerate(proxy.items()):
            value, rationale = weight(w)
            first = f"`{k['id']}` | {cell(k['label']['nl'])}" if i == 0 else " | "
            out.append(f"| {first} | {grounds[ground]['label']['en']} | {value:g} | {cell(rationale)} |")
    out += ["", "## Channels: what an official perceives, per ground", "",
            "| channel | Dutch | ground | visibility | rationale |", "|---|---|---|---:|---|"]
    for c in kb["channels"]:
        vis = c.get("visibility", {})
        if not vis:
            out.append(f"| `{c['id']}` | {cell(c['label']['nl'])} | (none) | 0 | no contact |")
        for i, (ground, w) in enumerate(vis.items()):
            value, rationale = weight(w)
            first = f"`{c['id']}` | {cell(c['label']['nl'])}" if i == 0 else " | "
            out.append(f"| {first} | {grounds[ground]['label']['en']} | {value:g} | {cell(rationale)} |")
    out += ["", "## Measures (maatregelen)", "",
            "Each measure multiplies the risk sources it addresses by its factor, optionally only at steps of some",
            "automation or for some grounds.", "",
            "| measure | Dutch | what it is | source x factor | rationale |", "|---|---|---|---|---|"]
    for m in kb["measures"]:
        for i, d in enumerate(m["dampens"]):
            where = []
            if d.get("automation"):
                where.append("at " + "/".join(d["automation"]) + " steps")
            if d.get("grounds"):
                where.append("for " + ", ".join(grounds[g]["label"]["en"] for g in d["grounds"]))
            effect = f"{d['source']} x {d['factor']:g}" + (" (" + "; ".join(where) + ")" if where else "")
            first = (f"`{m['id']}` | {cell(m['label']['nl'])} | {cell(m['description']['en'])}" if i == 0 else " | | ")
            out.append(f"| {first} | {effect} | {cell(d.get('rationale', ''))} |")
    out += ["", "## Where each measure applies", "",
            "The action plan proposes a measure only at a step that fits every list given here, and only where one of",
            "the sources it addresses is present (by default the sources it dampens).", "",
            "| measure | step kinds | automation | channels | attribute roles | impact severity | sources | why |",
            "|---|---|---|---|---|---|---|---|"]
    for m in kb["measures"]:
        a = m.get("applies", {})
        sources = a.get("sources") or sorted({d["source"] for d in m["dampens"]}, key=[d["source"] for d in m["dampens"]].index)
        cols = [", ".join(a.get(k, [])) or "any" for k in ("step_kinds", "automation", "channels", "roles", "severity")]
        out.append(f"| `{m['id']}` | " + " | ".join(cols) + f" | {', '.join(sources)} | {cell(a.get('rationale', ''))} |")
    out += ["", "## Severity levels, with examples", "",
            "| severity | value | rationale | examples (Dutch / English) |", "|---|---:|---|---|"]
    for key, w in kb["method"]["severity"].items():
        value, rationale = weight(w)
        examples = "; ".join(f"{cell(e['nl'])} / {cell(e['en'])}" for e in (w.get("examples", []) if isinstance(w, dict) else []))
        out.append(f"| `{key}` | {value:g} | {cell(rationale)} | {examples} |")
    out += ["", "## Method weights", "", "| weight | value | rationale |", "|---|---:|---|"]
    for name, member in kb["method"].items():
        if name in ("id", "description", "levels", "recommendations", "severity"):
            continue
        if isinstance(member, dict) and not isinstance(member.get("value"), (int, float)):
            for key, w in member.items():
                value, rationale = weight(w)
                out.append(f"| `{name}.{key}` | {value:g} | {cell(rationale)} |")
        else:
            value, rationale = weight(member)
            out.append(f"| `{name}` | {value:g} | {cell(rationale)} |")
    rec = kb["method"]["recommendations"]
    levels = ", ".join(f"{l['id']} from {l['min']:g}" for l in kb["method"]["levels"])
    per_step = rec.get("max_per_step") or rec["max_per_risk"]
    out += ["", f"Levels: {levels}. Recommendations for the risks at level `{rec['min_level']}` and above, at most "
            f"{per_step} measures per step.", ""]
    return "\n".join(out)


def main():
    kb = json.loads((ROOT / "data" / "knowledge_base.json").read_text(encoding="utf-8"))
    text = render(kb)
    target = ROOT / "docs" / "knowledge-base.md"
    if "--check" in sys.argv[1:]:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print("docs/knowledge-base.md is out of date: run scripts/kb_doc.py", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
