#!/usr/bin/env python3
"""Lints a directory of certificates at scale with Dask and sceau.

    python lint_at_scale.py [--scheduler ADDRESS] [--workers N] [--profile auto] DIR|FILE...

Every file under each directory is read (recursively, sorted by name at each level, links to
directories not followed), every certificate of each file is checked (a file of several PEM
blocks gives ``path#1``, ``path#2``, …; a DER file is one certificate), and one JSON line per
certificate is written to standard output, in input order: exactly what

    sceau cert check --profile auto --format jsonl DIR|FILE...

writes, an unreadable input included (its line has ``error``). A summary goes to standard
error and the exit status is the command line's: 0 when every input is accepted, 1 when one is
rejected, 2 when one is unreadable.

The files are handed out in chunks, one Dask task per chunk; each task reads its files,
splits them with ``sceau.split_objects`` and checks the certificates with ``sceau.check_many``
(the Rust batch, interpreter released), and sends back the lines. Without ``--scheduler`` a
``LocalCluster`` of ``--workers`` processes is started on this machine; with it, the tasks go
to that cluster (whose workers need ``sceau`` installed and the files at the same paths).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import deque
from typing import Any, Deque, Dict, Iterator, List, Optional, Sequence, TextIO, Tuple

#: The largest file read, as the command line's default ``--max-input``.
MAX_INPUT = 256 << 20

#: One input of the walk: a path, and why it could not be listed (a directory), if it could not.
Entry = Tuple[str, Optional[str]]


def io_message(error: OSError) -> str:
    """An OS error as Rust's ``std::io::Error`` writes it (the command line's messages)."""
    if error.errno is not None and error.strerror:
        return f"{error.strerror} (os error {error.errno})"
    return str(error)


def walk(path: str) -> Iterator[Entry]:
    """The files of ``path``, as ``sceau cert check`` finds them: the file itself, or every
    regular file under a directory, sorted by name (bytes) at each level, links to directories
    not followed, links to files followed."""
    if not os.path.isdir(path):
        yield path, None
        return
    try:
        with os.scandir(path) as listing:
            entries = list(listing)
    except OSError as error:
        yield path, f"{path}: {io_message(error)}"
        return
    entries.sort(key=lambda entry: os.fsencode(entry.name))
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from walk(entry.path)
            elif entry.is_file(follow_symlinks=False) or (entry.is_symlink() and os.path.isfile(entry.path)):
                yield entry.path, None
        except OSError:
            continue


def read(path: str) -> Tuple[Optional[bytes], Optional[str]]:
    """The bytes of a file, or the command line's message for why they could not be read."""
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_INPUT + 1)
    except OSError as error:
        return None, f"{path}: {io_message(error)}"
    if len(data) > MAX_INPUT:
        return None, (
            f"{path}: more than {MAX_INPUT >> 20} MiB (the --max-input limit); give a larger "
            "--max-input if this input is meant"
        )
    return data, None


#: What a task sends back for one certificate: its line, its outcome (``accepted``,
#: ``rejected`` or ``unreadable``) and its findings' codes, once each.
Line = Tuple[str, str, List[str]]


def lint_chunk(entries: Sequence[Entry], profile: str, lang: str, jobs: Optional[int]) -> List[Line]:
    """One task: the line of every certificate of ``entries``, in order."""
    import sceau

    slots: List[Tuple[str, Optional[str]]] = []  # (input name, error) in output order
    pieces: List[bytes] = []
    for path, unlisted in entries:
        if unlisted is not None:
            slots.append((path, unlisted))
            continue
        data, error = read(path)
        if data is None:
            slots.append((path, error))
            continue
        blocks = sceau.split_objects(data, "certificate")
        for i, block in enumerate(blocks, 1):
            slots.append((f"{path}#{i}" if len(blocks) > 1 else path, None))
            pieces.append(block)
    results = iter(sceau.check_many(pieces, profile, jobs=jobs))
    lines: List[Line] = []
    for name, error in slots:
        if error is not None:
            lines.append((sceau.json_error_line(name, error), "unreadable", []))
            continue
        result = next(results)
        if isinstance(result, sceau.InputError):
            lines.append((result.to_json_line(name, lang), "unreadable", []))
        else:
            lines.append((result.to_json_line(name, lang), result.verdict, sorted(set(result.codes))))
    return lines


def chunks(entries: Iterator[Entry], size: int) -> Iterator[List[Entry]]:
    chunk: List[Entry] = []
    for entry in entries:
        chunk.append(entry)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run(
    client: Any, inputs: Sequence[str], profile: str, lang: str, files_per_task: int, jobs: Optional[int], out: TextIO
) -> Tuple[Dict[str, int], Dict[str, int]]:
    """Submits the chunks to ``client`` (a few per worker in flight) and writes the lines in
    input order as the tasks finish; the counts per outcome and per finding code."""
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    window = 4 * workers
    pending: Deque[Any] = deque()
    counts = {"accepted": 0, "rejected": 0, "unreadable": 0}
    codes: Dict[str, int] = {}

    def drain(one: bool) -> None:
        while pending and (not one or len(pending) >= window):
            for line, outcome, found in pending.popleft().result():
                counts[outcome] += 1
                for code in found:
                    codes[code] = codes.get(code, 0) + 1
                out.write(line + "\n")
            if one:
                return

    walked = (entry for path in inputs for entry in walk(path))
    for chunk in chunks(walked, files_per_task):
        pending.append(client.submit(lint_chunk, chunk, profile, lang, jobs, pure=False))
        drain(one=True)
    drain(one=False)
    out.flush()
    return counts, codes


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", help="directories (walked recursively) or files")
    parser.add_argument("--scheduler", help="address of a Dask scheduler (default: a LocalCluster)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="LocalCluster worker processes")
    parser.add_argument("--profile", default="auto", help="profile to check against (default auto)")
    parser.add_argument("--lang", default="en", choices=["en", "fr"])
    parser.add_argument("--files-per-task", type=int, default=64)
    parser.add_argument("--jobs", type=int, default=1, help="threads of each task's check_many")
    parser.add_argument("-o", "--output", help="write the lines here (default: standard output)")
    args = parser.parse_args(argv)

    import sceau
    from dask.distributed import Client, LocalCluster

    # Fail on a wrong profile here, not in every task.
    sceau.check_many([], args.profile)
    if __name__ != "__main__":
        # Imported (not run as a script): send this module's functions to the workers by value.
        import cloudpickle

        cloudpickle.register_pickle_by_value(sys.modules[__name__])

    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    cluster = None
    try:
        if args.scheduler:
            client = Client(args.scheduler)
        else:
            cluster = LocalCluster(
                n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = Client(cluster)
        with client:
            counts, codes = run(client, args.inputs, args.profile, args.lang, args.files_per_task, args.jobs, out)
    finally:
        if cluster is not None:
            cluster.close()
        if out is not sys.stdout:
            out.close()
    total = counts["accepted"] + counts["rejected"] + counts["unreadable"]
    summary = (
        f"{total} inputs: {counts['accepted']} accepted, {counts['rejected']} rejected, "
        f"{counts['unreadable']} unreadable\n"
    )
    frequent = sorted(codes.items(), key=lambda item: (-item[1], item[0]))[:10]
    if frequent:
        summary += "most frequent findings:\n" + "".join(f"  {n:>8}  {code}\n" for code, n in frequent)
    sys.stderr.write(summary)
    if counts["unreadable"]:
        return 2
    return 1 if counts["rejected"] else 0


if __name__ == "__main__":
    sys.exit(main())
