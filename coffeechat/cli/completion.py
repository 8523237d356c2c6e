"""Print the shell completion script for bash, zsh or fish (made by argcomplete).

Install it once, e.g. for bash:  coffeechat completion bash >> ~/.bashrc
zsh:  coffeechat completion zsh >> ~/.zshrc
fish: coffeechat completion fish > ~/.config/fish/completions/coffeechat.fish
The script asks `coffeechat` itself for the choices, so they follow the commands.
"""

import argparse


def describe(name: str) -> str:
    return __doc__


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("shell", choices=["bash", "zsh", "fish"], help="your shell")


def run(args) -> int:
    import argcomplete

    print(argcomplete.shellcode(["coffeechat"], shell=args.shell))
    return 0


def complete_if_asked() -> None:
    """When the shell asks for completions (argcomplete sets _ARGCOMPLETE), answer from
    the whole command line and exit; otherwise return at once."""
    import os

    if "_ARGCOMPLETE" not in os.environ:
        return
    import argcomplete

    from .main import build_parser

    argcomplete.autocomplete(build_parser())
