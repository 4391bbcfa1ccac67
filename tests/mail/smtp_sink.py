#!/usr/bin/env python3
"""A real SMTP server for Rondo's mail tests and bench (aiosmtpd), on a free loopback port.

Usage: smtp_sink.py FOLDER [--user USER --password PASSWORD]

Every message received is saved in FOLDER as NNNNNN.eml (the bytes as received) with
NNNNNN.json beside it ({"mail_from": ..., "rcpt_tos": [...]}), both written under a
temporary name and renamed, the .json last: once it exists the message is whole. The
reply to DATA (250) is sent only after both are saved, so a client that got its 250 can
read the files at once.

With --user/--password, AUTH PLAIN and LOGIN are offered without TLS (a loopback test
server) and a wrong login gets 535; clients that do not log in may still send.

Prints "READY <port>" on stdout once listening; exits when its standard input closes,
so it never outlives the test process that started it (even after a SIGKILL).
"""

import argparse
import asyncio
import json
import os
import socket
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

# aiosmtpd 1.4 warns about its own use of a deprecated field on every login.
warnings.filterwarnings("ignore", message="Session.login_data")


class Saver:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = "%06d" % self.count
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        self._write(name + ".eml", data)
        meta = {"mail_from": envelope.mail_from, "rcpt_tos": list(envelope.rcpt_tos)}
        self._write(name + ".json", json.dumps(meta).encode())
        return "250 OK saved as " + name

    def _write(self, name, data):
        tmp = os.path.join(self.folder, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, os.path.join(self.folder, name))


class Login:
    def __init__(self, user, password):
        self.user = user.encode()
        self.password = password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == self.user
            and auth_data.password == self.password
        )
        return AuthResult(success=ok, handled=False)


async def serve(args):
    os.makedirs(args.folder, exist_ok=True)
    handler = Saver(args.folder)
    login = Login(args.user, args.password) if args.user else None

    def factory():
        return SMTP(
            handler,
            decode_data=False,
            authenticator=login,
            auth_required=False,
            auth_require_tls=False,
            hostname="rondo-test-smtp",
            ident="Rondo test SMTP (aiosmtpd)",
        )

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, sock=sock)
    print("READY %d" % sock.getsockname()[1], flush=True)
    # Standard input closes when the test process ends, however it ends.
    await loop.run_in_executor(None, sys.stdin.buffer.read)
    server.close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("folder")
    p.add_argument("--user")
    p.add_argument("--password")
    asyncio.run(serve(p.parse_args()))


if __name__ == "__main__":
    main()
