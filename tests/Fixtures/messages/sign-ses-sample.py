#!/usr/bin/python3
"""Writes samples/ses-default-mail-from.eml: a message Amazon SES sent for an email-address identity (default
MAIL FROM under us-east-1.amazonses.com, DKIM d=amazonses.com) as Gmail delivered it. The DKIM signature is made
by Debian's python3-dkim (dkimpy) with ses-sample.key, whose public half is published in samples/amazonses.com.zone
at b7je6tlytyo3ojt5s4aqxtqssea3qjaj._domainkey.amazonses.com. Run from the repository root:
    /usr/bin/python3 tests/Fixtures/messages/sign-ses-sample.py
"""
import os
import dkim

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
SELECTOR = b"b7je6tlytyo3ojt5s4aqxtqssea3qjaj"
MAIL_FROM = "0100018fc3a1b2d4-7e5f9a0c-2b1d-4e3f-8a6b-5c4d3e2f1a0b-000000@us-east-1.amazonses.com"

sent = (
    "From: Example Retail <orders@retail.example.com>\r\n"
    "To: customer@example.net\r\n"
    "Subject: Your order has shipped\r\n"
    "Date: Mon, 1 Jun 2026 09:14:07 +0000\r\n"
    "Message-ID: <0100018fc3a1b2d4-7e5f9a0c-2b1d-4e3f-8a6b-5c4d3e2f1a0b-000000@email.amazonses.com>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n"
    "Content-Transfer-Encoding: 7bit\r\n"
    "Feedback-ID: 1.us-east-1.Vq8kZ5pNnMvQ1cTn0XyqvR2sX9gBqWm3e5o0hXk7P1A=:AmazonSES\r\n"
    "X-SES-Outgoing: 2026.06.01-192.0.2.170\r\n"
    "\r\n"
    "Hello,\r\n"
    "\r\n"
    "Your order 1234-5678 has shipped. It was sent with Amazon SES from an email-address\r\n"
    "identity, so SES used its default MAIL FROM and signed with d=amazonses.com.\r\n"
    "\r\n"
    "Example Retail\r\n"
).encode("ascii")

with open(os.path.join(HERE, "ses-sample.key"), "rb") as f:
    key = f.read()
# SES signs these fields (and more); t= as SES writes it, no x=.
signature = dkim.sign(sent, SELECTOR, b"amazonses.com", key,
                      include_headers=[b"Subject", b"From", b"To", b"Date", b"Message-ID", b"MIME-Version",
                                       b"Content-Type", b"Content-Transfer-Encoding", b"Feedback-ID"],
                      canonicalize=(b"relaxed", b"simple"))
assert dkim.verify(signature + sent, dnsfunc=lambda name, timeout=5: None) is False  # needs the key: checked by the tests

received = (
    "Return-Path: <%s>\r\n"
    "Delivered-To: customer@example.net\r\n"
    "Received: by 2002:a05:7300:5b8f:b0:1a2:3b4c:5d6e with SMTP id x15csp2214481dyb;\r\n"
    "        Mon, 1 Jun 2026 02:14:08 -0700 (PDT)\r\n"
    "Authentication-Results: mx.google.com;\r\n"
    "       dkim=pass header.i=@amazonses.com header.s=%s header.b=Qm3xZ7pA;\r\n"
    "       spf=pass (google.com: domain of %s designates 192.0.2.170 as permitted sender) smtp.mailfrom=%s;\r\n"
    "       dmarc=fail (p=QUARANTINE sp=QUARANTINE dis=QUARANTINE) header.from=retail.example.com\r\n"
    "Received-SPF: pass (google.com: domain of %s designates 192.0.2.170 as permitted sender) client-ip=192.0.2.170;\r\n"
    "Received: from a48-170.smtp-out.amazonses.com (a48-170.smtp-out.amazonses.com. [192.0.2.170])\r\n"
    "        by mx.google.com with ESMTPS id 6a1803df08f44-6f5c8e2a1b3si1234567d6.412.2026.06.01.02.14.07\r\n"
    "        for <customer@example.net>\r\n"
    "        (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128);\r\n"
    "        Mon, 01 Jun 2026 02:14:08 -0700 (PDT)\r\n"
) % (MAIL_FROM, SELECTOR.decode(), MAIL_FROM, MAIL_FROM, MAIL_FROM)

with open(os.path.join(ROOT, "samples", "ses-default-mail-from.eml"), "wb") as f:
    f.write(received.encode("ascii") + signature + sent)
