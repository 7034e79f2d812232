#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Benchmark, not a test: the bisection max-flow of fleetwright-cli (Boost.Graph push-relabel) against
networkx's maximum_flow (preflow-push) on the same fabric, read from the GraphML the CLI writes, in the
same run. Prints one row per size with both times and their ratio, and checks both flows agree.

    tests/bench/bisection_vs_networkx.py build/release/app/cli/fleetwright-cli [max_accelerators]

Needs Debian's python3-networkx (run with /usr/bin/python3)."""
import json
import subprocess
import sys
import tempfile
import time

import networkx as nx
from networkx.algorithms.flow import preflow_push

SIZES = [  # (nodes, rails, switch): accelerators = nodes × rails
    (128, 8, "QM9700"),
    (1024, 8, "SN5600"),
    (4096, 8, "SN5600"),
    (12500, 8, "SN5600"),
]


def networkx_bisection(graphml, nodes):
    g = nx.read_graphml(graphml)
    flow = nx.DiGraph()
    injection = {}
    for u, v, d in g.edges(data=True):
        c = float(d["capacity_gbps"])
        for a, b in ((u, v), (v, u)):
            if flow.has_edge(a, b):
                flow[a][b]["capacity"] += c
            else:
                flow.add_edge(a, b, capacity=c)
        for node, other in ((u, v), (v, u)):
            if g.nodes[node]["kind"] == "node" and g.nodes[other]["kind"] not in ("node", "scale_up"):
                injection[node] = injection.get(node, 0.0) + c
    ids = [f"n{i}" for i in range(nodes)]  # node vertices come first, in build order
    half = nodes // 2
    for i, n in enumerate(ids):
        if i < half:
            flow.add_edge("source", n, capacity=injection[n])
        else:
            flow.add_edge(n, "sink", capacity=injection[n])
    started = time.perf_counter()
    value = nx.maximum_flow_value(flow, "source", "sink", flow_func=preflow_push)
    return value, time.perf_counter() - started, g.number_of_nodes(), g.number_of_edges()


def main():
    cli = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    print(f"networkx {nx.__version__}")
    print("accelerators  vertices   edges  boost_s   networkx_s  ratio  flows_agree")
    for nodes, rails, switch in SIZES:
        if nodes * rails > limit:
            continue
        with tempfile.NamedTemporaryFile(suffix=".graphml") as graphml:
            out = subprocess.run([cli, "topology", "--nodes", str(nodes), "--rails", str(rails), "--switch", switch,
                                  "--graphml", graphml.name, "--json"], check=True, capture_output=True, text=True)
            ours = json.loads(out.stdout)
            value, seconds, vertices, edges = networkx_bisection(graphml.name, nodes)
        agree = abs(value - ours["bisection_gbps"]) <= 1e-6 * max(1.0, value)
        print(f"{nodes * rails:>12}  {vertices:>8}  {edges:>7}  {ours['bisection_s']:>7.3f}  {seconds:>11.3f}  "
              f"{seconds / ours['bisection_s']:>5.0f}x  {agree}")


if __name__ == "__main__":
    main()
