"""One worker of `iapt serve`: `streamlit run app.py` that primes itself whenever it starts.

`python -m app_support.worker run app.py --server.port PORT ...` takes the arguments of `streamlit run`.
Once the server answers its health check, a thread asks it for the default page once, as a browser tab
does (app_support/prime.py): the pages' libraries are imported and the warm-up of every page's first
screen starts (app_support/warmup.py) before a visitor arrives. Being part of the worker's own command,
this happens on every start, including when supervisord restarts a worker that died, whose visitors
HAProxy sends to it as soon as it answers.
"""

from __future__ import annotations

import sys
import threading
import time

from analytics import serve
from app_support import prime

HEALTH_TIMEOUT = 90  # seconds for a worker to answer its health check on a busy machine
THREAD_NAME = "iapt-self-prime"


def port_of(arguments: list[str]) -> int | None:
    """The `--server.port` of `streamlit run`'s arguments (as `--server.port N` or `--server.port=N`)."""
    for index, argument in enumerate(arguments):
        if argument == "--server.port" and index + 1 < len(arguments):
            return int(arguments[index + 1])
        if argument.startswith("--server.port="):
            return int(argument.partition("=")[2])
    return None


def prime_when_healthy(port: int, timeout: float = HEALTH_TIMEOUT) -> str | None:
    """Wait for the server on `port` to answer, then run the app once; None when primed, else what went wrong."""
    deadline = time.monotonic() + timeout
    while not serve.healthy(f"http://127.0.0.1:{port}{serve.HEALTH_PATH}"):
        if time.monotonic() > deadline:
            return f"no answer on port {port} after {timeout:.0f} s"
        time.sleep(0.2)
    started = time.monotonic()
    failure = prime.prime(port)
    if failure is None:
        print(f"Primed in {time.monotonic() - started:.1f} s.", file=sys.stderr, flush=True)
    return failure


def _prime_in_background(port: int) -> None:
    failure = prime_when_healthy(port)
    if failure:
        print(f"Not primed ({failure}); the first visitor will start the warm-up.", file=sys.stderr, flush=True)


def main(arguments: list[str]) -> None:
    port = port_of(arguments)
    if port is not None:
        threading.Thread(target=_prime_in_background, args=(port,), name=THREAD_NAME, daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", *arguments]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
