"""Run any Django management command (migrate, shell, check, ...) on this workspace."""

import argparse


def describe(name: str) -> str:
    return __doc__


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "arguments",
        nargs=argparse.REMAINDER,
        help="the management command and its arguments, e.g. `migrate`",
    )


def run(args) -> int:
    from .setup import start_django

    start_django(args.data_dir)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["coffeechat manage", *args.arguments])
    return 0
