"""`iapt serve` refuses clearly, in one line, what it cannot do (the running cluster is tested in tests/serve/)."""

from __future__ import annotations

import socket

import pytest

from analytics import serve


def test_missing_haproxy_says_how_to_install_it(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(serve, "HAPROXY_CANDIDATES", (str(tmp_path / "no-haproxy"),))
    assert serve.serve(serve.free_port(), 2, tmp_path / "iapt.duckdb") == 1
    assert capsys.readouterr().err.splitlines() == ["HAProxy is not installed: apt-get install -y haproxy"]


def test_a_port_in_use_is_refused_before_anything_starts(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(serve, "find_haproxy", lambda: "/usr/sbin/haproxy")
    monkeypatch.setattr(serve.tempfile, "mkdtemp", lambda **_: pytest.fail("a run folder was made"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert serve.serve(port, 2, tmp_path / "iapt.duckdb", address="127.0.0.1") == 1
    message = capsys.readouterr().err.splitlines()
    assert len(message) == 1 and f"Port {port} is already in use" in message[0]


def test_priming_a_worker_that_does_not_answer_says_so_and_fails(capsys):
    from app_support import prime

    port = serve.free_port()  # nothing listens there
    assert prime.main([port]) == 1
    message = capsys.readouterr().err.splitlines()
    assert len(message) == 1 and message[0].startswith(f"The worker on port {port} was not primed (")


def test_every_worker_start_primes_it(tmp_path):
    """supervisord runs the worker command on every start, a restart included: the command is app_support/worker.py,
    which primes the worker it starts once it answers."""
    from app_support import worker

    plan = serve.Plan("127.0.0.1", 8500, (8501,), tmp_path, tmp_path / "iapt.duckdb", "/usr/sbin/haproxy")
    command = plan.worker_command(8501)
    assert command[1:5] == ["-m", "app_support.worker", "run", "app.py"]
    assert f"command={' '.join(command)}" in serve.supervisord_config(plan)
    assert worker.port_of(command[3:]) == 8501
    assert worker.port_of(["run", "app.py", "--server.port=8502"]) == 8502
    assert worker.port_of(["run", "app.py"]) is None


def test_a_worker_that_never_answers_is_reported_not_primed():
    from app_support import worker

    port = serve.free_port()  # nothing listens there
    assert worker.prime_when_healthy(port, timeout=0.5).startswith(f"no answer on port {port}")
