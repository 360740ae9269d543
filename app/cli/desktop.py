"""hearth-cli install-desktop / uninstall-desktop: Hearth in the Linux applications menu."""

from __future__ import annotations

import argparse


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    install = commands.add_parser(
        "install-desktop",
        help="put Hearth in your applications menu (Linux)",
        description="Write a launcher and the icons under $XDG_DATA_HOME (default "
        "~/.local/share), so Hearth appears in the applications menu and can be "
        "double-clicked. The launcher starts the Hearth this command belongs to.",
    )
    install.set_defaults(handler=cmd_install_desktop)
    uninstall = commands.add_parser(
        "uninstall-desktop",
        help="remove Hearth's launcher and icons from your applications menu",
        description="Remove the launcher and icons that install-desktop wrote; your data "
        "is not touched.",
    )
    uninstall.set_defaults(handler=cmd_uninstall_desktop)


def cmd_install_desktop(_args: argparse.Namespace) -> int:
    from app import desktop_entry

    installed = desktop_entry.install()
    print(f"Installed the launcher {installed.launcher}")
    print(f"and {len(installed.icons)} icons under {installed.icons[0].parents[3]}.")
    print("Hearth is in your applications menu (log out and in if it does not show yet).")
    return 0


def cmd_uninstall_desktop(_args: argparse.Namespace) -> int:
    from app import desktop_entry

    removed = desktop_entry.uninstall()
    if not removed:
        print("Hearth's launcher was not installed; nothing to remove.")
        return 0
    print(f"Removed {len(removed)} files: the launcher and the icons. Your data is untouched.")
    return 0
