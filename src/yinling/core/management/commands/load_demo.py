"""`yinling load_demo`: load (or complete) the demo district; safe to run again."""

from __future__ import annotations

import importlib
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from yinling.core.demo import load_core

APP_DEMOS = ("yinling.plans.demo", "yinling.programmes.demo", "yinling.evaluation.demo")


class Command(BaseCommand):
    help = "加载演示区（上海市宝山区、闵行区）的学校、部门、账号及各模块演示数据；可重复运行。"

    def handle(self, *args: Any, **options: Any) -> None:
        say = self.stdout.write
        with transaction.atomic():
            report = load_core(say)
        for module_name in APP_DEMOS:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            with transaction.atomic():
                module.load(say)
        self._print_accounts(report)

    def _print_accounts(self, report: Any) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"演示账号（密码均为 {report.password}）："))
        for account in report.accounts:
            self.stdout.write(
                f"  {account.username:<14} {account.full_name:<6} {account.role} · {account.organisation}"
            )
