#!/usr/bin/python3
"""Writes shop-aligned.eml: shop.example's own newsletter, signed by dkimpy as d=shop.example with test-signing.key
(public half in tests/Fixtures/zones/messages/example.zone), sent from 192.0.2.20 with one-click unsubscribe, as
mx.example.net delivered it. Everything passes aligned. Run: /usr/bin/python3 tests/Fixtures/messages/sign-shop-fixture.py
"""
import os
import dkim

HERE = os.path.dirname(os.path.abspath(__file__))
sent = (
    "From: Shop <news@shop.example>\r\n"
    "To: someone@example.net\r\n"
    "Subject: This week's offers\r\n"
    "Date: Mon, 1 Jun 2026 09:14:07 +0000\r\n"
    "Message-ID: <newsletter-2026-06-01@shop.example>\r\n"
    "List-Unsubscribe: <https://shop.example/unsubscribe/Qx7a>, <mailto:unsub@shop.example>\r\n"
    "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n"
    "\r\n"
    "This week's offers.\r\n"
).encode("ascii")
with open(os.path.join(HERE, "test-signing.key"), "rb") as f:
    key = f.read()
signature = dkim.sign(sent, b"s1", b"shop.example", key,
                      include_headers=[b"From", b"To", b"Subject", b"Date", b"Message-ID", b"List-Unsubscribe",
                                       b"List-Unsubscribe-Post", b"MIME-Version", b"Content-Type"],
                      canonicalize=(b"relaxed", b"relaxed"))
received = (
    "Return-Path: <bounce@bounce.shop.example>\r\n"
    "Authentication-Results: mx.example.net; spf=fail smtp.mailfrom=bounce@bounce.shop.example;\r\n"
    " dkim=pass header.d=shop.example header.s=s1; dmarc=pass header.from=shop.example\r\n"
    "Received: from mta.esp.example (mta.esp.example [198.51.100.25]) by mx.example.net with ESMTPS id 9;\r\n"
    " Mon, 1 Jun 2026 09:14:08 +0000\r\n"
)
with open(os.path.join(HERE, "shop-aligned.eml"), "wb") as f:
    f.write(received.encode("ascii") + signature + sent)
