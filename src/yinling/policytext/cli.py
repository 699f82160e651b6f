"""parse_policy FILE [--format json|xlsx|md] [-o OUT]: a policy document to a task breakdown.

The Django management command wraps ``main``; it can also run as
``python -m yinling.policytext.cli``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from yinling.policytext.errors import PolicyParseError
from yinling.policytext.export import to_json, to_markdown
from yinling.policytext.parser import parse_document
from yinling.policytext.xlsx_export import write_xlsx

EXIT_OK = 0
EXIT_PARSE_ERROR = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parse_policy",
        description="把政策文件解析为任务分解 / parse a policy document into a task breakdown",
    )
    parser.add_argument(
        "file", type=Path, help="policy document: .txt (UTF-8/GB18030), .docx or .pdf"
    )
    parser.add_argument(
        "--format",
        choices=("json", "xlsx", "md"),
        default="json",
        help="output format (default json)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, help="output file (required for xlsx; default stdout)"
    )
    return parser


def _write_text(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")
    else:
        output.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status instead of exiting."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.format == "xlsx" and args.output is None:
        parser.print_usage(sys.stderr)
        sys.stderr.write("parse_policy: xlsx 输出需要 -o / xlsx output requires -o OUT\n")
        return EXIT_USAGE
    if not args.file.is_file():
        sys.stderr.write(f"parse_policy: 找不到文件 / no such file: {args.file}\n")
        return EXIT_PARSE_ERROR
    try:
        document = parse_document(args.file)
        if args.format == "xlsx":
            write_xlsx(document, args.output)
        else:
            text = to_json(document) if args.format == "json" else to_markdown(document)
            _write_text(text, args.output)
    except PolicyParseError as error:
        sys.stderr.write(f"parse_policy: {error}\n")
        return EXIT_PARSE_ERROR
    except OSError as error:
        sys.stderr.write(f"parse_policy: {error}\n")
        return EXIT_PARSE_ERROR
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
