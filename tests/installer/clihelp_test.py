#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The manual page and completion generators read any reasonable help layout: today's one-screen
usage, and a layout with a `Commands:` list and a --help of each command (as the CLI's help is being
rewritten). Each case runs a stand-in program that prints that help."""
import gzip
import os
import stat
import subprocess
import sys
import tempfile
import unittest

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "installer", "tools")
sys.path.insert(0, TOOLS)
import clihelp  # noqa: E402

ONE_SCREEN = """usage: fleetwright-cli <command> [options]

commands:
  --version                              print the version
  new FILE [--sample]                    create a fleet database
  catalog [FILE] [--vendor V] [--kind accelerator|system|network] [--json]
                                         list the catalog
  estimate training --sku SKU --accelerators N [--json]
  estimate tco --system SYS [--years Y] [--json]
                                         capacity and cost models

exit codes: 0 success, 1 error in the input, 2 bad command line
"""

SECTIONS = """Usage: fleetwright-cli COMMAND [OPTIONS]

Commands:
    new        create a fleet database
    report     write the PDF report

Run 'fleetwright-cli COMMAND --help' for a command's options.
"""

COMMAND_HELP = {
    "new": "Usage: fleetwright-cli new FILE [--sample]\n\n  --sample   add the sample company and scenarios\n",
    "report": "Usage: fleetwright-cli report FILE --pdf OUT [--paper a4|letter]\n\n"
              "  --pdf OUT      the PDF to write\n  --paper SIZE   a4|letter (default a4)\n",
}


def stand_in(directory, top, per_command):
    """A program printing `top` for --help and per_command[c] for `c --help` (exit 2 otherwise)."""
    path = os.path.join(directory, "fleetwright-cli")
    lines = ["#!/usr/bin/env python3", "import sys", f"top = {top!r}", f"per = {per_command!r}",
             "a = sys.argv[1:]",
             "if a == ['--version']: print('fleetwright 9.8.7'); sys.exit(0)",
             "if a == ['--help']: print(top, end=''); sys.exit(0)",
             "if len(a) == 2 and a[1] == '--help' and a[0] in per: print(per[a[0]], end=''); sys.exit(0)",
             "print('usage error', file=sys.stderr); sys.exit(2)"]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.chmod(path, os.stat(path).st_mode | stat.S_IEXEC)
    return path


class CliHelpTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def test_one_screen_usage(self):
        commands = {c.name: c for c in clihelp.commands(stand_in(self.dir.name, ONE_SCREEN, {}))}
        self.assertEqual(list(commands), ["new", "catalog", "estimate"])
        self.assertEqual(commands["catalog"].options, ["--vendor", "--kind", "--json"])
        self.assertEqual(commands["catalog"].choices, {"--kind": ["accelerator", "system", "network"]})
        self.assertEqual(commands["estimate"].words, ["training", "tco"])
        self.assertIn("--years", commands["estimate"].options)

    def test_commands_section_and_help_per_command(self):
        program = stand_in(self.dir.name, SECTIONS, COMMAND_HELP)
        commands = {c.name: c for c in clihelp.commands(program)}
        self.assertEqual(list(commands), ["new", "report"])
        self.assertEqual(commands["new"].options, ["--sample"])
        self.assertEqual(commands["report"].options, ["--pdf", "--paper"])
        self.assertEqual(commands["report"].choices, {"--paper": ["a4", "letter"]})
        # The manual page gets a COMMANDS section with each command's own help.
        include = os.path.join(self.dir.name, "extra.h2m")
        with open(include, "w") as f:
            f.write("[SEE ALSO]\n.BR fleetwright (1)\n")
        page = os.path.join(self.dir.name, "page.1.gz")
        subprocess.run([sys.executable, os.path.join(TOOLS, "manpage.py"), "--help2man", "help2man", "--program",
                        program, "--name", "test page", "--commands", "--include", include, "--output", page],
                       check=True)
        text = gzip.open(page, "rt", encoding="utf-8").read()
        self.assertIn(".TH FLEETWRIGHT-CLI", text)
        self.assertIn('.SH COMMANDS', text)
        self.assertIn(".SS new", text)
        self.assertIn("the PDF to write", text)
        self.assertIn('"fleetwright-cli 9.8.7"', text)
        # And the completion offers each command's options.
        completion = os.path.join(self.dir.name, "completion.bash")
        subprocess.run([sys.executable, os.path.join(TOOLS, "completion.py"), program, completion], check=True)
        script = ('source "$1"; COMP_WORDS=(fleetwright-cli report x.fleet --pa); COMP_CWORD=3; _fleetwright_cli; '
                  'echo "${COMPREPLY[*]}"')
        result = subprocess.run(["bash", "-c", script, "_", completion], capture_output=True, text=True, check=True)
        self.assertEqual(result.stdout.strip(), "--paper")


if __name__ == "__main__":
    unittest.main(verbosity=2)
