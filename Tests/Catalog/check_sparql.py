#!/usr/bin/env python3
"""Acceptance check for `smelt catalog export`: the documented SPARQL queries (docs/sparql/*.rq),
run by pyoxigraph on the exported Turtle, give the same answers as `smelt catalog match` for every
model and every device of a catalog; the Turtle also parses with rdflib, the JSON-LD export is the
same graph, and every description file in the catalog is valid JSON-LD.

Usage: check_sparql.py --smelt .build/debug/smelt [--catalog Examples/fleet]
Exit status 0 when everything agrees, 1 with one line per disagreement otherwise.
"""
import argparse
import json
import pathlib
import re
import subprocess
import sys

import pyoxigraph as ox
import rdflib
from rdflib.compare import isomorphic

ROOT = pathlib.Path(__file__).resolve().parents[2]
SPARQL = ROOT / "docs" / "sparql"


def smelt(exe, *args):
    r = subprocess.run([exe, "catalog", *args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"smelt catalog {' '.join(args)} failed ({r.returncode}): {r.stderr.strip()}")
    return r.stdout


def with_value(query, var, value):
    """The query with its `VALUES ?var { "..." }` line pointing at `value`."""
    pattern = re.compile(r'VALUES \?' + var + r' \{ "[^"]*" \}')
    assert len(pattern.findall(query)) == 1, f"no single VALUES ?{var} line"
    return pattern.sub(f'VALUES ?{var} {{ {json.dumps(value)} }}', query)


def plain(term):
    return term.value if term is not None else ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--smelt", required=True)
    ap.add_argument("--catalog", default=str(ROOT / "Examples" / "fleet"))
    a = ap.parse_args()
    cat = ["--catalog", a.catalog]
    problems = []

    turtle = smelt(a.smelt, "export", "--format", "turtle", *cat)
    jsonld = smelt(a.smelt, "export", "--format", "jsonld", *cat)
    store = ox.Store()
    store.load(turtle.encode(), format=ox.RdfFormat.TURTLE)
    listing = json.loads(smelt(a.smelt, "list", "--json", *cat))
    models = [m["name"] for m in listing["models"]]
    devices = [d["name"] for d in listing["devices"]]

    q_model = (SPARQL / "devices-for-model.rq").read_text()
    q_device = (SPARQL / "models-for-device.rq").read_text()
    q_reasons = (SPARQL / "rejections.rq").read_text()

    smelt_reasons = set()
    fit_pairs = 0
    for m in models:
        answer = json.loads(smelt(a.smelt, "match", "--model", m, "--json", *cat))
        want = sorted(x["device"] for x in answer["matches"] if x["fits"])
        got = sorted(plain(r["deviceName"]) for r in store.query(with_value(q_model, "modelName", m)))
        fit_pairs += len(want)
        if want != got:
            problems.append(f"model {m}: smelt says {want}, SPARQL says {got}")
        for x in answer["matches"]:
            for r in x["rejections"]:
                smelt_reasons.add((x["model"], x["device"], r["reason"], r["detail"]))
    for d in devices:
        answer = json.loads(smelt(a.smelt, "match", "--device", d, "--json", *cat))
        want = sorted(x["model"] for x in answer["matches"] if x["fits"])
        got = sorted(plain(r["modelName"]) for r in store.query(with_value(q_device, "deviceName", d)))
        if want != got:
            problems.append(f"device {d}: smelt says {want}, SPARQL says {got}")
    sparql_reasons = {tuple(plain(r[v]) for v in ("modelName", "deviceName", "reason", "detail"))
                      for r in store.query(q_reasons)}
    for extra in sorted(sparql_reasons - smelt_reasons):
        problems.append(f"rejection only in SPARQL: {extra}")
    for extra in sorted(smelt_reasons - sparql_reasons):
        problems.append(f"rejection only in smelt: {extra}")

    # A second, independent parser, and the JSON-LD export as the same graph.
    g_ttl = rdflib.Graph().parse(data=turtle, format="turtle")
    g_jsonld = rdflib.Graph().parse(data=jsonld, format="json-ld")
    if len(g_ttl) != len(store):
        problems.append(f"rdflib reads {len(g_ttl)} triples, pyoxigraph {len(store)}")
    if not isomorphic(g_ttl, g_jsonld):
        problems.append(f"JSON-LD export ({len(g_jsonld)} triples) differs from the Turtle ({len(g_ttl)})")
    files = sorted(pathlib.Path(a.catalog).glob("*/*.jsonld"))
    for f in files:
        n = len(rdflib.Graph().parse(f, format="json-ld"))
        if n < 5:
            problems.append(f"{f}: only {n} triples as JSON-LD")

    print(f"catalog {a.catalog}: {len(models)} models, {len(devices)} devices, {len(store)} triples")
    print(f"SPARQL vs smelt: {len(models)} model queries, {len(devices)} device queries, "
          f"{fit_pairs} fitting pairs, {len(smelt_reasons)} rejection reasons")
    print(f"rdflib: Turtle {len(g_ttl)} triples, JSON-LD export isomorphic: {isomorphic(g_ttl, g_jsonld)}, "
          f"{len(files)} description files parsed as JSON-LD")
    for p in problems:
        print("MISMATCH " + p)
    print("OK" if not problems else f"FAILED: {len(problems)} problems")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
