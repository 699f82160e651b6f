"""`yinling value_added`: the engine's own command line (see `yinling.stats.cli`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yinling.evaluation.value_added import command_line, command_line_help


class _PassThrough(CommandParser):
    """Hands every argument to the engine, which parses (and explains) its own options."""

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        return argparse.Namespace(
            engine_args=list(args or []),
            verbosity=1,
            settings=None,
            pythonpath=None,
            traceback=False,
            no_color=False,
            force_color=False,
            skip_checks=True,
        )


class Command(BaseCommand):
    help = "学校增值评估：从成绩文件计算各校增值（--input FILE --model ols|ri|cva -o OUT）"

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        return _PassThrough(prog=f"{prog_name} {subcommand}", description=self.help)

    def run_from_argv(self, argv: list[str]) -> None:
        code = command_line(argv[2:])
        if code:
            sys.exit(code)

    def print_help(self, prog_name: str, subcommand: str) -> None:
        self.stdout.write(command_line_help())

    def handle(self, *args: Any, **options: Any) -> None:
        code = command_line(list(options.get("engine_args") or args))
        if code:
            raise CommandError(f"value_added exited with {code}", returncode=code)
