#!/usr/bin/env python3
"""A mail sink for the browser flows: plain SMTP on 127.0.0.1:PORT (python3-aiosmtpd), each
message written to FOLDER as <n>.eml with its envelope recipients on the first line.
Prints "ready" once it listens; stops on SIGTERM or when stdin closes."""
import signal
import sys
import threading
from pathlib import Path

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            name = self.folder / f"{self.count:04d}.eml"
        body = envelope.content if isinstance(envelope.content, bytes) else envelope.content.encode()
        tmp = name.with_suffix(".tmp")
        tmp.write_bytes(("X-Envelope-To: " + ", ".join(envelope.rcpt_tos) + "\r\n").encode() + body)
        tmp.rename(name)
        return "250 OK"


def main() -> None:
    port, folder = int(sys.argv[1]), Path(sys.argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    done.wait()
    controller.stop()


if __name__ == "__main__":
    main()
