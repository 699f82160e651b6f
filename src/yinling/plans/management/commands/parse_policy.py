"""`yinling parse_policy FILE [--format json|xlsx|md] [-o OUT]`: the policytext engine's command."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yinling.plans.parsing import run_cli


class Command(BaseCommand):
    help = "解析政策文件，输出任务分解（JSON、XLSX 或 Markdown）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("args", nargs="*", help="FILE [--format json|xlsx|md] [-o OUT]")

    def run_from_argv(self, argv: list[str]) -> None:
        # Everything after the command name goes to the engine untouched (its own --help too).
        code = run_cli(argv[2:])
        if code:
            raise SystemExit(code)

    def handle(self, *args: Any, **options: Any) -> None:
        code = run_cli(list(args))
        if code:
            raise CommandError(f"parse_policy exited with status {code}")
