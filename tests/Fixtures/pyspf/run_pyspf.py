#!/usr/bin/python3
"""Evaluate SPF queries with pyspf (the RFC 7208 reference implementation) against one DNS server.

Usage: /usr/bin/python3 run_pyspf.py --port PORT [--server 127.0.0.1] [--cache] [--repeat N] QUERIES.json
QUERIES.json: [{"id": "s0001", "ip": "10.0.0.1", "sender": "a@b.test", "helo": "h.test"}, ...]
Prints a JSON list [{"id", "result", "explanation"}] in the same order (or, with --repeat,
a JSON object with the timing of N passes over the list: the benchmark mode).

"explanation" is the exp= text (RFC 7208 section 6.2) on fail, and null when pyspf fell back to
its built-in default text (no exp=, or exp= unusable), which is what our engine reports as null.
"""
import argparse
import json
import sys
import time
import warnings

import dns.name
import dns.resolver

import spf  # Debian's python3-spf: /usr/lib/python3/dist-packages/spf.py

if spf.DNSLookup is not spf.DNSLookup_dnspython:
    sys.exit("pyspf is not using dnspython (apt-get install python3-dnspython)")


def use_server(server, port, cache):
    """Send every pyspf query to our knot instance only: no resolv.conf, no search list."""
    r = dns.resolver.Resolver(configure=False)
    r.nameservers = [server]
    r.port = port
    # Generous: knot on loopback answers, but a busy machine may hold a reply for seconds.
    r.timeout = 10.0
    r.lifetime = 20.0
    r.domain = dns.name.root
    r.search = []
    if cache:
        r.cache = dns.resolver.LRUCache(100000)
    dns.resolver.default_resolver = r

    # spf.py calls the deprecated dns.resolver.query(name, qtype, lifetime=...), which searches;
    # resolve() with search=False asks exactly the absolute name, as our resolver does.
    def query(qname, rdtype, lifetime=None, **_):
        return r.resolve(qname, rdtype, lifetime=lifetime, search=False)
    dns.resolver.query = query


def evaluate(q):
    try:
        # pyspf defaults: strict=True (RFC 7208 processing, no lax extensions), receiver 'unknown'.
        res, _code, exp = spf.query(i=q["ip"], s=q["sender"], h=q["helo"], timeout=120).check()
    except Exception as x:  # pyspf bugs surface as a distinct result, never as a crash of the run
        return {"id": q["id"], "result": "exception", "explanation": "%s: %s" % (type(x).__name__, x)}
    if res != "fail" or exp == spf.EXPLANATIONS["fail"]:
        exp = None
    return {"id": q["id"], "result": res, "explanation": exp}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--cache", action="store_true", help="dnspython LRU cache (warm benchmark)")
    ap.add_argument("--repeat", type=int, default=0, help="benchmark: timed passes after one warm-up")
    ap.add_argument("queries")
    a = ap.parse_args()
    warnings.simplefilter("ignore", DeprecationWarning)
    use_server(a.server, a.port, a.cache or a.repeat > 0)
    with open(a.queries) as f:
        queries = json.load(f)
    if a.repeat <= 0:
        json.dump([evaluate(q) for q in queries], sys.stdout)
        return
    for q in queries:  # warm-up: fills the dnspython cache
        evaluate(q)
    start = time.perf_counter()
    for _ in range(a.repeat):
        for q in queries:
            evaluate(q)
    elapsed = time.perf_counter() - start
    n = a.repeat * len(queries)
    json.dump({"evaluations": n, "seconds": elapsed, "perSecond": n / elapsed}, sys.stdout)


if __name__ == "__main__":
    main()
