#!/usr/bin/python3
"""Differential peer: Debian's python3-dkim (dkimpy) judges DKIM key records.

Input: a JSON file with a list of {"id", "record"}. Output (stdout): a JSON list of
{"id", "ok", "keysize", "ktag", "error"} where ok means dkimpy's evaluate_pk() accepted the key
record (the step a verifier runs on the TXT record before checking a signature), keysize is its
key size in bits (RSA modulus; 256 for ed25519) and ktag the key type it settled on.
"""
import json
import sys

import dkim


def judge(record):
    try:
        pk, keysize, ktag, _ = dkim.evaluate_pk(b"test", record.encode("ascii"))
    except Exception as e:  # dkimpy raises KeyFormatError and others for unusable records
        return {"ok": False, "keysize": 0, "ktag": None, "error": "%s: %s" % (type(e).__name__, e)}
    if pk is None:
        return {"ok": False, "keysize": 0, "ktag": None, "error": "no key"}
    return {"ok": True, "keysize": keysize or 0, "ktag": ktag.decode() if ktag else None, "error": None}


def main():
    with open(sys.argv[1]) as f:
        queries = json.load(f)
    out = []
    for q in queries:
        r = judge(q["record"])
        r["id"] = q["id"]
        out.append(r)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
