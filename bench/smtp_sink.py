"""A local SMTP sink in its own process for the sweep benchmark: counts messages by their outbox
reference (X-Huis-Notification) and writes the counts as JSON to the file named on the command
line when it is stopped (SIGTERM)."""

import asyncio
import json
import signal
import sys
from collections import Counter

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self) -> None:
        self.references: Counter = Counter()

    async def handle_DATA(self, server, session, envelope):
        for line in envelope.content.decode("utf-8", "replace").splitlines():
            if line.startswith("X-Huis-Notification:"):
                self.references[line.split(":", 1)[1].strip()] += 1
                break
        return "250 OK"


def main() -> None:
    port, out = int(sys.argv[1]), sys.argv[2]
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.run_until_complete(stop.wait())
    controller.stop()
    with open(out, "w") as handle:
        json.dump(sink.references, handle)


if __name__ == "__main__":
    main()
