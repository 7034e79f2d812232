# SPDX-License-Identifier: Apache-2.0
"""What fleetwright-cli says about itself: its commands and their options, read from its own --help
(and each `COMMAND --help` where the program answers it), so that the manual page and the shell
completion are generated from the one source of truth and never drift from it.

The reading is deliberately loose about layout: a command is a lowercase word that starts a line
indented by one to four spaces; its options are every `--name` on its lines (the command's line and
the more deeply indented lines after it) and in its own --help; `--name a|b|c` gives the option's
values and `COMMAND a|b` or one line per `COMMAND word` the command's first words."""
import os
import re
import subprocess

OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*)")
CHOICES = re.compile(r"(--[a-z][a-z0-9-]*)[ =]\[?\(?([a-z0-9][a-z0-9-]*(?:\|[a-z0-9][a-z0-9-]*)+)")
COMMAND_LINE = re.compile(r"^ {1,4}([a-z][a-z0-9-]*)(?:\s+(.*))?$")


def run(program, *arguments):
    """(exit code, stdout) of the program, on Qt's offscreen platform and a fixed locale."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LC_ALL="C.UTF-8")
    result = subprocess.run([program, *arguments], capture_output=True, text=True, env=env, timeout=60)
    return result.returncode, result.stdout


class Command:
    def __init__(self, name):
        self.name = name
        self.options = []  # in the order the help gives them
        self.choices = {}  # option -> [values]
        self.words = []  # first words after the command (estimate training|inference …)
        self.help = ""  # the command's own --help, where it has one

    def add_text(self, text):
        for option in OPTION.findall(text):
            if option not in self.options:
                self.options.append(option)
        for option, values in CHOICES.findall(text):
            known = self.choices.setdefault(option, [])
            known.extend(v for v in values.split("|") if v not in known)


def top_level_help(program):
    code, text = run(program, "--help")
    if code != 0 or not text.strip():
        raise SystemExit(f"{program} --help gave exit code {code} and {len(text)} characters")
    return text


def commands(program):
    """The program's commands, in the order its --help lists them."""
    text = top_level_help(program)
    found = {}
    current = None
    for line in text.splitlines():
        match = COMMAND_LINE.match(line)
        if match:
            current = found.setdefault(match.group(1), Command(match.group(1)))
            rest = match.group(2) or ""
            first = rest.split(" ", 1)[0]
            if re.fullmatch(r"[a-z][a-z0-9-]*(\|[a-z][a-z0-9-]*)*", first):
                current.words.extend(w for w in first.split("|") if w not in current.words)
            current.add_text(rest)
        elif current is not None and line.startswith(" " * 5):
            current.add_text(line)
        else:
            current = None
    for command in found.values():
        code, own = run(program, command.name, "--help")
        if code == 0 and own.strip() and own != text:
            command.help = own
            command.add_text(own)
    return list(found.values())
