#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Benchmark, not a test: the bisection max-flow of fleetwright-cli (Boost.Graph push-relabel on a
compressed-sparse-row flow network) against networkx's maximum_flow (preflow-push), on the same
graph and the same cut, in the same run.

fleetwright-cli writes the fabric as GraphML with the halves of its minimum cut (bisection_side on
every node); networkx reads that file, builds the same flow network (an arc each way per edge, a
source arc into every first-half node and a sink arc out of every second-half node, each at the
node's injection bandwidth) and computes the maximum flow. Prints one row per size: both times for
that one cut and their ratio; the CLI's time for all its candidate cuts with building the flow
network (bisection_s) and networkx's one cut against it (ratio_all); the CLI's time for the fabric,
its BOM and all metrics (total_s); and whether the flows agree.

    tests/bench/bisection_vs_networkx.py build/release/app/cli/fleetwright-cli [max_accelerators]

Needs Debian's python3-networkx (run with /usr/bin/python3). Build the CLI with the release preset."""
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
    (4096, 8, "SN5600"),   # 32,768 accelerators, 3 tiers
    (12500, 8, "SN5600"),  # 100,000 accelerators, 3 tiers
]


def networkx_flow(graphml):
    """The maximum flow across the cut the GraphML marks, and networkx's time for it alone."""
    g = nx.read_graphml(graphml)
    flow = nx.DiGraph()
    injection = {}
    for u, v, d in g.edges(data=True):
        c = float(d["capacity_gbps"])
        if "management" in (g.nodes[u]["kind"], g.nodes[v]["kind"]):
            continue  # fabric managers do not forward (as in the CLI)
        for a, b in ((u, v), (v, u)):
            if flow.has_edge(a, b):
                flow[a][b]["capacity"] += c
            else:
                flow.add_edge(a, b, capacity=c)
        for node, other in ((u, v), (v, u)):
            if g.nodes[node]["kind"] == "node" and g.nodes[other]["kind"] not in ("node", "scale_up"):
                injection[node] = injection.get(node, 0.0) + c
    for node, data in g.nodes(data=True):
        side = data.get("bisection_side", "")
        if side == "first":
            flow.add_edge("source", node, capacity=injection[node])
        elif side == "second":
            flow.add_edge(node, "sink", capacity=injection[node])
    started = time.perf_counter()
    value = nx.maximum_flow_value(flow, "source", "sink", flow_func=preflow_push)
    return value, time.perf_counter() - started, g.number_of_nodes(), g.number_of_edges()


def main():
    cli = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    print(f"networkx {nx.__version__}")
    print("accelerators  vertices    edges  boost_cut_s  networkx_s   ratio  all_cuts_s  cuts  ratio_all  total_s"
          "  flows_agree")
    for nodes, rails, switch in SIZES:
        if nodes * rails > limit:
            continue
        with tempfile.NamedTemporaryFile(suffix=".graphml") as graphml:
            out = subprocess.run([cli, "topology", "--nodes", str(nodes), "--rails", str(rails), "--switch", switch,
                                  "--graphml", graphml.name, "--json"], check=True, capture_output=True, text=True)
            ours = json.loads(out.stdout)
            value, seconds, vertices, edges = networkx_flow(graphml.name)
        minimum = next(c for c in ours["bisection_cuts"] if c["name"] == ours["bisection_cut"])
        agree = abs(value - ours["bisection_gbps"]) <= 1e-6 * max(1.0, value)
        print(f"{nodes * rails:>12}  {vertices:>8}  {edges:>7}  {minimum['seconds']:>11.4f}  {seconds:>10.3f}  "
              f"{seconds / minimum['seconds']:>5.0f}x  {ours['bisection_s']:>10.4f}  {len(ours['bisection_cuts']):>4}  "
              f"{seconds / ours['bisection_s']:>8.0f}x  {ours['total_s']:>7.3f}  {agree}")


if __name__ == "__main__":
    main()
