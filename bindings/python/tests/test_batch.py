"""sceau.check_many and sceau.iter_check_many (tests/batch.rs): the same results as one at a
time, in order, whatever the jobs; an unreadable input is its InputError; the lines are the
command line's; the interpreter is released while the Rust batch runs."""

from __future__ import annotations

import itertools
import subprocess
import threading
import time

import pytest

import sceau
from conftest import CSR, TODAY, tls_files

BROKEN = b"-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n"


def inputs(count: int = 200):
    """The TLS fixtures cycled, with an unreadable block and a CSR among them."""
    files = [p.read_bytes() for p in tls_files()]
    items = list(itertools.islice(itertools.cycle(files), count))
    items[7] = BROKEN
    items[20] = (CSR / "rsa2048-san.csr").read_bytes()
    return items


def alone(data: bytes, profile: str):
    try:
        return sceau.check_cert(data, profile)
    except sceau.InputError as error:
        return error


def same(a, b) -> bool:
    if isinstance(a, sceau.Report) and isinstance(b, sceau.Report):
        return a.to_json() == b.to_json()
    if isinstance(a, sceau.InputError) and isinstance(b, sceau.InputError):
        return (str(a), a.kind, a.expected, a.found) == (str(b), b.kind, b.expected, b.found)
    return False


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("profile", ["standard", "auto"])
def test_check_many_on_a_list_gives_what_one_at_a_time_gives(jobs, profile):
    items = inputs()
    many = sceau.check_many(items, profile, jobs=jobs)
    assert isinstance(many, list) and len(many) == len(items)
    for item, result in zip(items, many):
        assert same(result, alone(item, profile))
    assert isinstance(many[7], sceau.InputError) and many[7].kind == "bad_der"
    assert isinstance(many[20], sceau.InputError) and many[20].kind == "wrong_kind"
    assert any(r.verdict == "accepted" for r in many if isinstance(r, sceau.Report))
    assert many[7].verdict is None and many[0].error is None


@pytest.mark.parametrize("jobs", [1, 2])
def test_check_many_on_a_generator_gives_the_same_as_on_a_list(jobs):
    items = inputs()
    from_list = sceau.check_many(items, "standard", jobs=jobs)
    from_generator = sceau.check_many((item for item in items), "standard", jobs=jobs, chunk_size=64)
    assert len(from_generator) == len(items)
    assert all(same(a, b) for a, b in zip(from_list, from_generator))
    streamed = list(sceau.iter_check_many(iter(items), "standard", jobs=jobs, chunk_size=33))
    assert all(same(a, b) for a, b in zip(from_list, streamed))
    assert [same(a, b) for a, b in zip(sceau.check_many(items, "standard", jobs=1), sceau.check_many(items, "standard", jobs=2))] == [True] * len(items)


def test_an_endless_stream_is_consumed_a_chunk_at_a_time():
    good = (tls_files()[1]).read_bytes()
    taken = 0

    def endless():
        nonlocal taken
        while True:
            taken += 1
            yield good

    results = sceau.iter_check_many(endless(), "standard", jobs=2, chunk_size=100)
    assert taken == 0, "nothing is read before the first result is asked for"
    first = list(itertools.islice(results, 150))
    assert len(first) == 150
    assert all(r.verdict == "accepted" for r in first)
    # Two chunks read for 150 results: memory holds a chunk, not the stream.
    assert taken == 200


def test_paths_bytes_and_bytearrays_in_a_batch():
    path = tls_files()[1]
    results = sceau.check_many([path, str(path), path.read_bytes(), bytearray(path.read_bytes())], "standard")
    assert len({r.to_json() for r in results}) == 1
    with pytest.raises(sceau.UsageError):
        sceau.check_many(["/nonexistent/x.pem"], "standard")
    with pytest.raises(TypeError):
        sceau.check_many([42], "standard")


def test_csrs_in_a_batch():
    results = sceau.check_many([CSR / "p256.csr", CSR / "sha1.csr", CSR / "certificate.pem"], "baseline", kind="csr", time=TODAY)
    assert [getattr(r, "verdict", None) for r in results] == ["accepted", "rejected", None]
    assert results[0].to_json() == sceau.check_csr(CSR / "p256.csr", time=TODAY).to_json()
    assert isinstance(results[2], sceau.InputError) and results[2].expected == "csr"


def test_arguments_are_checked_when_called():
    with pytest.raises(sceau.UsageError) as caught:
        sceau.iter_check_many(iter([]), "nope")
    assert caught.value.kind == "unknown_profile"
    with pytest.raises(sceau.UsageError) as caught:
        sceau.check_many([], "standard", jobs=0)
    assert "0 threads" in str(caught.value)
    # A negative count is no usize: refused before the library is called.
    with pytest.raises(sceau.UsageError) as caught:
        sceau.check_many([], "standard", jobs=-1)
    assert caught.value.argument == "jobs"
    with pytest.raises(sceau.UsageError):
        sceau.check_many([], "standard", kind="crl")
    with pytest.raises(sceau.UsageError):
        sceau.check_many([], "standard", chunk_size=0)
    assert sceau.check_many([], "standard") == []
    assert list(sceau.iter_check_many([], "standard")) == []


def test_the_lines_are_the_command_lines(sceau_cli, tmp_path):
    """`sceau cert check --format jsonl FILES` and to_json_line over the same inputs."""
    files = tls_files()
    broken = tmp_path / "broken.pem"
    broken.write_bytes(BROKEN)
    paths = [str(p) for p in files] + [str(broken)]
    out = subprocess.run(
        [sceau_cli, "cert", "check", "--profile", "standard", "--format", "jsonl", *paths],
        capture_output=True,
        check=False,
    )
    assert out.returncode == 2  # one input is unreadable
    expected = out.stdout.decode().splitlines()
    results = sceau.check_many(paths, "standard")
    assert [r.to_json_line(p) for r, p in zip(results, paths)] == expected
    french = subprocess.run(
        [sceau_cli, "cert", "check", "--profile", "standard", "--format", "jsonl", "--lang", "fr", *paths],
        capture_output=True,
        check=False,
    )
    assert [r.to_json_line(p, "fr") for r, p in zip(results, paths)] == french.stdout.decode().splitlines()


def test_a_stream_split_like_the_command_lines_standard_input(sceau_cli):
    good = tls_files()[1].read_bytes()
    stream = good + BROKEN + good
    out = subprocess.run(
        [sceau_cli, "cert", "check", "--profile", "standard", "--format", "jsonl", "-"],
        input=stream,
        capture_output=True,
        check=False,
    )
    pieces = sceau.split_objects(stream)
    assert len(pieces) == 3
    lines = [r.to_json_line(f"-#{i}") for i, r in enumerate(sceau.check_many(pieces, "standard"), 1)]
    assert lines == out.stdout.decode().splitlines()
    assert '"error"' in lines[1]


def test_split_objects():
    good = tls_files()[1].read_bytes()
    key = b"-----BEGIN PRIVATE KEY-----\nS0VZ\n-----END PRIVATE KEY-----\n"
    assert sceau.split_objects(good + key + good) == [good, good]
    assert sceau.split_objects(good) == [good]
    der = (CSR / "certificate.der").read_bytes()
    assert sceau.split_objects(der) == [der]
    assert sceau.split_objects(CSR / "two-csrs.pem", "csr") == sceau.split_objects((CSR / "two-csrs.pem").read_bytes(), kind="csr")
    assert len(sceau.split_objects(CSR / "two-csrs.pem", "csr")) == 2
    with pytest.raises(sceau.UsageError):
        sceau.split_objects(good, "nope")


def test_the_interpreter_runs_other_threads_while_the_batch_checks():
    good = tls_files()[1].read_bytes()
    batch = sceau._sceau._Batch("certificate", "standard", None, [], None, None, 2)
    items = [good] * 4000
    ticks = []
    stop = threading.Event()

    def count():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.0005)

    thread = threading.Thread(target=count)
    thread.start()
    try:
        # Long enough to tell, however fast the machine.
        while True:
            time.sleep(0.02)
            start = time.perf_counter()
            batch.run(items)
            end = time.perf_counter()
            if end - start > 0.15 or len(items) > 500_000:
                break
            items = items * 2
    finally:
        stop.set()
        thread.join()
    inside = [t for t in ticks if start + 0.01 < t < end - 0.01]
    # Holding the interpreter for the whole call would leave no tick inside it.
    assert len(inside) >= 10, (len(inside), end - start)


def test_results_pickle_as_errors_do():
    import pickle

    error = sceau.check_many([BROKEN], "standard")[0]
    again = pickle.loads(pickle.dumps(error))
    assert isinstance(again, sceau.InputError)
    assert (str(again), again.kind, again.expected) == (str(error), error.kind, error.expected)
    assert again.to_json_line("x") == error.to_json_line("x")


def test_a_forked_child_makes_its_own_threads():
    """The pools of earlier batches are kept for reuse, but not across a fork: the child has
    none of its parent's threads."""
    import os

    good = tls_files()[1].read_bytes()
    assert sceau.check_many([good], "standard", jobs=2)[0].verdict == "accepted"
    pid = os.fork()
    if pid == 0:  # the child: must not wait for the parent's threads
        try:
            results = sceau.check_many([good] * 10, "standard", jobs=2)
            os._exit(0 if all(r.verdict == "accepted" for r in results) else 1)
        except BaseException:
            os._exit(2)
    deadline = time.monotonic() + 60
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            raise AssertionError("the child's batch never finished")
        time.sleep(0.02)
    assert os.waitstatus_to_exitcode(status) == 0
