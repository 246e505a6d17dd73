#!/usr/bin/python3
"""Test peer: Debian's dkimpy (python3-dkim) signs and verifies messages for the DKIM/ARC differential tests.

Reads one JSON request on stdin, writes one JSON answer on stdout. Keys are looked up by DNS on the test's
knotd (127.0.0.1:<port>) through dnspython, the same server the C# verifier asks. ARC signing needs python3-authres.

  {"op": "keys", "ed25519": 1}
  {"op": "sign", "jobs": [{"id", "message", "sigs": [{"d","s","key","a","c","l","t","x","h","i"}], "after": {...}}]}
      l: true (the body's length), N (sign the first N octets), "raw" or "+N" (an l= larger than the body signed)
  {"op": "arc", "jobs": [{"id", "message", "hops": [{"d","s","key","srv","ar"}], "after": {...}}]}
  {"op": "verify", "port": N, "messages": {"id": "..."}, "repeat": 1}
"""
import base64, json, sys, time

import dkim
import dns.resolver

def b(s):
    return s.encode("utf-8") if isinstance(s, str) else s

def keys(req):
    """Ed25519 key pairs (PyNaCl, a dependency of python3-dkim); RSA keys come from the C# side."""
    import nacl.signing
    out = {"ed25519": []}
    for _ in range(req.get("ed25519", 0)):
        sk = nacl.signing.SigningKey.generate()
        out["ed25519"].append({"private": base64.b64encode(bytes(sk)).decode(),
                               "public": base64.b64encode(bytes(sk.verify_key)).decode()})
    return out

def sign_one(message, sig):
    """dkimpy's DKIM.sign, with t= and x= settable (its sign() always uses now and has no x=)."""
    d = dkim.DKIM(message, signature_algorithm=b(sig.get("a", "rsa-sha256")))
    alg = d.signature_algorithm
    if alg == b"ed25519-sha256":
        import nacl.signing, nacl.encoding
        pk = nacl.signing.SigningKey(b(sig["key"]), encoder=nacl.encoding.Base64Encoder)
    else:
        pk = dkim.crypto.parse_pem_private_key(b(sig["key"]))
    canon = b(sig.get("c", "relaxed/simple"))
    policy = dkim.CanonicalizationPolicy.from_c_value(canon)
    include = tuple(b(h).lower() for h in (sig.get("h") or [x.decode() for x in d.default_sign_headers()]))
    body = policy.canonicalize_body(d.body)
    lspec = sig.get("l")
    if isinstance(lspec, str):
        # l= larger than the body it signs (RFC 6376 §3.5: it MUST NOT be): "raw" counts the body before
        # canonicalization, as a careless signer would; "+N" adds N octets. The whole canonical body is hashed.
        lval = len(d.body) if lspec == "raw" else len(body) + int(lspec)
    elif lspec and lspec is not True:
        body = body[:int(lspec)]  # l=N signs the first N octets of the canonical body (RFC 6376 §3.4.5)
        lval = int(lspec)
    else:
        lval = len(body)
    hasher = dkim.HASH_ALGORITHMS[alg]
    h = hasher(); h.update(body)
    fields = [x for x in [
        (b"v", b"1"), (b"a", alg), (b"c", policy.to_c_value()), (b"d", b(sig["d"])),
        sig.get("i") and (b"i", b(sig["i"])),
        lspec and (b"l", str(lval).encode()),
        (b"q", b"dns/txt"), (b"s", b(sig["s"])),
        (b"t", str(sig.get("t") or int(time.time())).encode()),
        sig.get("x") and (b"x", str(sig["x"]).encode()),
        (b"h", b" : ".join(include)), (b"bh", base64.b64encode(h.digest())), (b"b", b"0" * 60),
    ] if x]
    d.hasher = hasher
    return b"DKIM-Signature: " + d.gen_header(fields, include, policy, b"DKIM-Signature", pk)

def after(message, a):
    """Changes made in transit, after signing."""
    if not a:
        return message
    head, _, body = message.partition(b"\r\n\r\n")
    if "append_body" in a:
        body += b(a["append_body"])
    if "replace_body" in a:
        body = b(a["replace_body"])
    if "replace_header" in a:
        name, value = a["replace_header"]
        lines = head.split(b"\r\n")
        lines = [(b(name) + b": " + b(value)) if l.lower().startswith(b(name).lower() + b":") else l for l in lines]
        head = b"\r\n".join(lines)
    if "prepend_header" in a:
        head = b(a["prepend_header"]) + b"\r\n" + head
    return head + b"\r\n\r\n" + body

def sign(req):
    out = {}
    for job in req["jobs"]:
        m = b(job["message"])
        for sig in job["sigs"]:
            m = sign_one(m, sig) + m
        out[job["id"]] = after(m, job.get("after")).decode("utf-8")
    return out

def arc(req):
    out = {}
    for job in req["jobs"]:
        m = b(job["message"])
        for hop in job["hops"]:
            m = b("Authentication-Results: " + hop["srv"] + "; " + hop["ar"] + "\r\n") + m
            lines = dkim.arc_sign(m, b(hop["s"]), b(hop["d"]), b(hop["key"]), b(hop["srv"]),
                                  include_headers=[b"from", b"to", b"subject", b"date", b"message-id"])
            m = b"".join(lines) + m
            m = after(m, hop.get("after"))
        out[job["id"]] = after(m, job.get("after")).decode("utf-8")
    return out

def verify(req):
    res = dns.resolver.Resolver(configure=False)
    res.nameservers = ["127.0.0.1"]
    res.port = req["port"]
    cache = {}
    def dnsfunc(name, timeout=5):
        if req.get("cache") and name in cache:
            return cache[name]
        try:
            a = res.resolve(name.decode().rstrip("."), "TXT", lifetime=10)
            v = b"".join(a[0].strings)
        except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
            v = None
        cache[name] = v
        return v
    out = {}
    repeat = req.get("repeat", 1)
    start = time.perf_counter()
    count = 0
    for _ in range(repeat):
        for mid, text in req["messages"].items():
            m = b(text)
            d = dkim.DKIM(m, minkey=1024)
            n = len([1 for x, y in d.headers if x.lower() == b"dkim-signature"])
            verdicts = []
            for i in range(n):
                try:
                    verdicts.append(bool(d.verify(idx=i, dnsfunc=dnsfunc)))
                except Exception as e:
                    verdicts.append(False)
                count += 1
            r = {"dkim": verdicts}
            if req.get("arc"):
                try:
                    cv, _, reason = dkim.ARC(m, minkey=1024).verify(dnsfunc=dnsfunc)
                    r["arc"] = (cv or b"none").decode() if isinstance(cv, bytes) else (cv or "none")
                    r["arc_reason"] = reason
                except Exception as e:
                    r["arc"] = "fail"; r["arc_reason"] = str(e)
            out[mid] = r
    elapsed = time.perf_counter() - start
    return {"results": out, "verifications": count, "seconds": elapsed}

if __name__ == "__main__":
    req = json.load(sys.stdin)
    op = {"keys": keys, "sign": sign, "arc": arc, "verify": verify}[req["op"]]
    json.dump(op(req), sys.stdout)
