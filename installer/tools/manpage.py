#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes a gzipped manual page with help2man from a program's own --help and --version; with
--commands, adds a COMMANDS section holding each `PROGRAM COMMAND --help` the program answers.

usage: manpage.py --help2man HELP2MAN --program PROGRAM --name SUMMARY --include FILE --output OUT.1.gz
                  [--commands]"""
import argparse
import gzip
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clihelp  # noqa: E402


def roff_block(text):
    """Text as it stands, safe in roff: backslashes escaped, no line taken for a request."""
    lines = []
    for line in text.rstrip("\n").splitlines():
        line = line.replace("\\", "\\e")
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def commands_section(program):
    blocks = [f".SS {c.name}\n.nf\n{roff_block(c.help)}\n.fi" for c in clihelp.commands(program) if c.help]
    return "[COMMANDS]\n" + "\n".join(blocks) + "\n" if blocks else ""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--help2man", required=True)
    parser.add_argument("--program", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--include", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--commands", action="store_true")
    options = parser.parse_args()
    with open(options.include, encoding="utf-8") as f:
        include = f.read()
    if options.commands:
        include = commands_section(options.program) + include
    # The version alone: help2man then names the page after the program's file (fleetwright-cli),
    # not after the first word of its --version line ("fleetwright 0.1.0").
    code, version = clihelp.run(options.program, "--version")
    if code != 0 or not version.split():
        raise SystemExit(f"{options.program} --version gave exit code {code}")
    with tempfile.TemporaryDirectory() as work:
        include_file = os.path.join(work, "include.h2m")
        page = os.path.join(work, "page.1")
        with open(include_file, "w", encoding="utf-8") as f:
            f.write(include)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LC_ALL="C.UTF-8")
        subprocess.run([options.help2man, "--no-info", "--section=1", "--locale=C.UTF-8",
                        "--version-string=" + version.split()[-1], "--name=" + options.name,
                        "--include=" + include_file, "--output=" + page, options.program], check=True, env=env)
        with open(page, "rb") as f:
            content = f.read()
    # gzip -9n: no name or time stamp inside, so the same page gives the same bytes.
    with open(options.output, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as out:
            out.write(content)


if __name__ == "__main__":
    main()
