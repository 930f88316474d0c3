"""Run the app once in each freshly started worker, before the first visitor: `python -m app_support.prime PORT...`.

`iapt serve` runs this once its workers answer their health checks. A worker's first rerun imports the
pages' libraries (a second or more) and starts the background warm-up of every page's first screen
(app_support/warmup.py), which is otherwise set off by the first visitor. Each worker is asked on its own
loopback port, as a browser tab asks: a websocket to `/_stcore/stream`, a BackMsg `rerun_script`, then
ForwardMsgs up to `script_finished`. It lives here, not in analytics/, because it speaks Streamlit's protocol.
"""

from __future__ import annotations

import sys
import threading

TIMEOUT = 60  # seconds for a first rerun on a busy machine (iapt serve waits 90 s in all)


def prime(port: int) -> str | None:
    """Run the default page once on the worker at `port`; None when it finished, else what went wrong."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    request = BackMsg()
    request.rerun_script.query_string = ""
    request.rerun_script.page_name = ""
    try:
        with connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], open_timeout=TIMEOUT,
                     max_size=None) as socket:
            socket.send(request.SerializeToString())
            while True:
                message = ForwardMsg()
                message.ParseFromString(socket.recv(timeout=TIMEOUT))
                if message.WhichOneof("type") == "script_finished":
                    return None
    except Exception as error:  # noqa: BLE001 - priming only saves the first visitors time; report and go on
        return f"{type(error).__name__}: {error}"


def main(ports: list[int]) -> int:
    failures: dict[int, str | None] = {}
    workers = [threading.Thread(target=lambda port=port: failures.__setitem__(port, prime(port))) for port in ports]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    for port, failure in failures.items():
        if failure:
            print(f"The worker on port {port} was not primed ({failure}); its first visitor will start it.", file=sys.stderr)
    return 0 if not any(failures.values()) else 1


if __name__ == "__main__":
    sys.exit(main([int(port) for port in sys.argv[1:]]))
