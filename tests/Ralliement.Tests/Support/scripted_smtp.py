"""An aiosmtpd handler that misbehaves on purpose, as real mail servers do under load.

Started by ScriptedSmtpServer.cs as
    python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c scripted_smtp.ScriptedMailbox MAILDIR LOG SCRIPT
SCRIPT is a comma-separated list of behaviours (empty for none):
    latency=0.1        seconds to wait before answering EHLO, MAIL, RCPT and the end of DATA
    drop_once=3        abort the connection, once, after receiving the 3rd message's data
    close_after=5      answer 421 to the 6th MAIL of a connection, then close it
    throttle=4         answer 451 to the first 4 MAIL commands
    refuse=word        answer 550 to any recipient containing word
    refuse_from=word   answer 550 to any sender containing word
LOG gets one line per event, read by the tests: EHLO, MAIL, 451, 421, RCPT <address>,
DROP, DATA <Message-Id>, QUIT.
"""

import asyncio
import email
from aiosmtpd.handlers import Mailbox


class ScriptedMailbox(Mailbox):
    def __init__(self, maildir, log, script):
        super().__init__(maildir)
        self.log_path = log
        self.script = dict(
            item.split("=", 1) for item in script.split(",") if "=" in item
        )
        self.latency = float(self.script.get("latency", "0"))
        self.drop_at = int(self.script.get("drop_once", "0"))
        self.close_after = int(self.script.get("close_after", "0"))
        self.throttle = int(self.script.get("throttle", "0"))
        self.refuse = self.script.get("refuse", "")
        self.refuse_from = self.script.get("refuse_from", "")
        self.mails = 0
        self.messages = 0

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 3:
            parser.error("ScriptedMailbox takes MAILDIR LOG SCRIPT")
        return cls(*args)

    def log(self, line):
        with open(self.log_path, "a", encoding="utf-8") as log:
            log.write(line + "\n")

    async def wait(self):
        if self.latency:
            await asyncio.sleep(self.latency)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        await self.wait()
        session.host_name = hostname
        session.sent_here = 0
        self.log("EHLO")
        return responses

    async def handle_MAIL(self, server, session, envelope, address, options):
        await self.wait()
        self.mails += 1
        self.log("MAIL")
        if self.mails <= self.throttle:
            self.log("451")
            return "451 4.7.1 Too many messages, slow down"
        if self.refuse_from and self.refuse_from in address:
            return "550 5.7.1 Sender refused"
        if self.close_after and getattr(session, "sent_here", 0) >= self.close_after:
            self.log("421")
            asyncio.get_running_loop().call_soon(server.transport.close)
            return "421 4.7.0 Too many messages on this connection"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        await self.wait()
        self.log("RCPT " + address)
        if self.refuse and self.refuse in address:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_QUIT(self, server, session, envelope):
        self.log("QUIT")
        return "221 Bye"

    async def handle_DATA(self, server, session, envelope):
        await self.wait()
        self.messages += 1
        if self.messages == self.drop_at:
            self.log("DROP")
            server.transport.abort()
            return "250 OK"
        message = email.message_from_bytes(envelope.content)
        self.log("DATA " + str(message["Message-Id"]))
        session.sent_here = getattr(session, "sent_here", 0) + 1
        return await super().handle_DATA(server, session, envelope)
