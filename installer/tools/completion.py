#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the bash completion of fleetwright-cli from its own --help (clihelp.py): the commands, each
command's options, the values an option lists (`--kind accelerator|system|network`) and a command's
first words (`estimate training`); files everywhere else.

usage: completion.py PROGRAM OUTPUT"""
import os
import shlex
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clihelp  # noqa: E402


def main():
    program, output = sys.argv[1], sys.argv[2]
    commands = clihelp.commands(program)
    top = " ".join([c.name for c in commands] + ["--help", "--version"])
    options_case = []
    values_case = []
    words_case = []
    for c in commands:
        options_case.append(f"        {c.name}) options={shlex.quote(' '.join(c.options + ['--help']))} ;;")
        for option, values in c.choices.items():
            values_case.append(f"        {shlex.quote(c.name + ' ' + option)}) values={shlex.quote(' '.join(values))} ;;")
        if c.words:
            words_case.append(f"        {c.name}) words={shlex.quote(' '.join(c.words))} ;;")
    script = f"""# bash completion for fleetwright-cli -*- shell-script -*-
# Generated at build time from `fleetwright-cli --help` and each command's --help; do not edit.

_fleetwright_cli()
{{
    local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD - 1]}}
    if ((COMP_CWORD == 1)); then
        COMPREPLY=($(compgen -W {shlex.quote(top)} -- "$cur"))
        return
    fi
    local command=${{COMP_WORDS[1]}} options= values= words=
    case "$command $prev" in
{chr(10).join(values_case)}
    esac
    if [[ -n $values ]]; then
        COMPREPLY=($(compgen -W "$values" -- "$cur"))
        return
    fi
    case $command in
{chr(10).join(options_case)}
    esac
    case $command in
{chr(10).join(words_case)}
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
    elif ((COMP_CWORD == 2)) && [[ -n $words ]]; then
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}}
complete -o filenames -F _fleetwright_cli fleetwright-cli
"""
    with open(output, "w", encoding="utf-8") as f:
        f.write(script)


if __name__ == "__main__":
    main()
