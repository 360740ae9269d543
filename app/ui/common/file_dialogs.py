"""The window's file dialogs, which never open a file to pick its icon.

Hearth's database is open in this process while a dialog lists a folder — often the folder
the database is in. To draw each file's icon, Qt's dialog (and the GTK one a Linux desktop
gives as the "native" dialog, which runs in this process too) asks for the file's type by
reading its first bytes: it opens the database file and closes it. On Linux and macOS closing
any descriptor of a file drops every POSIX lock the process holds on that file — SQLite's
among them. A `hearth-cli` command finishing a moment later then takes itself for the
database's last user, folds the write-ahead log into the file and deletes it, while this
window goes on writing to the deleted log: what is saved after that is lost without a word
(found by saving a review PDF, then running `hearth-cli summary`, then setting a goal).

So every file dialog is Qt's own, with an icon provider that tells files from folders by
their names alone. On Windows locks belong to their handles, and the system's dialog is used.
Each function has the signature and result of the QFileDialog static function it replaces.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QFileInfo
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget

_SYSTEM_DIALOG = sys.platform == "win32"


class NameOnlyIcons(QFileIconProvider):
    """A folder's icon for folders, a file's for files: no file is opened to tell."""

    def icon(self, what: QFileInfo | QFileIconProvider.IconType) -> QIcon:
        if isinstance(what, QFileInfo):
            kind = (
                QFileIconProvider.IconType.Folder
                if what.isDir()
                else QFileIconProvider.IconType.File
            )
            return super().icon(kind)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return "Folder"
        suffix = info.suffix()
        return f"{suffix.upper()} file" if suffix else "File"


_icons: NameOnlyIcons | None = None


def _dialog(
    parent: QWidget | None,
    caption: str,
    directory: str,
    name_filter: str,
    mode: QFileDialog.FileMode,
    accept: QFileDialog.AcceptMode,
) -> QFileDialog:
    global _icons
    if _icons is None:
        _icons = NameOnlyIcons()  # kept: the dialog does not own its provider
    dialog = QFileDialog(parent, caption, directory, name_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setIconProvider(_icons)
    dialog.setFileMode(mode)
    dialog.setAcceptMode(accept)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return dialog


def _chosen(dialog: QFileDialog) -> tuple[str, str]:
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return "", ""
        return dialog.selectedFiles()[0], dialog.selectedNameFilter()
    finally:
        dialog.deleteLater()


def save_file_name(
    parent: QWidget | None, caption: str, directory: str, name_filter: str
) -> tuple[str, str]:
    """Where to save (a full path in `directory` proposes that name); ("", "") if cancelled."""
    if _SYSTEM_DIALOG:
        return QFileDialog.getSaveFileName(parent, caption, directory, name_filter)
    return _file_name(parent, caption, directory, name_filter, save=True)


def open_file_name(
    parent: QWidget | None, caption: str, directory: str, name_filter: str
) -> tuple[str, str]:
    """An existing file to open; ("", "") if cancelled."""
    if _SYSTEM_DIALOG:
        return QFileDialog.getOpenFileName(parent, caption, directory, name_filter)
    return _file_name(parent, caption, directory, name_filter, save=False)


def _file_name(
    parent: QWidget | None, caption: str, directory: str, name_filter: str, *, save: bool
) -> tuple[str, str]:
    modes = QFileDialog.FileMode
    accept = QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen
    mode = modes.AnyFile if save else modes.ExistingFile
    return _chosen(_dialog(parent, caption, directory, name_filter, mode, accept))


def existing_directory(parent: QWidget | None, caption: str, directory: str) -> str:
    """An existing folder; "" if cancelled."""
    if _SYSTEM_DIALOG:
        return QFileDialog.getExistingDirectory(parent, caption, directory)
    chosen, _filter = _chosen(
        _dialog(
            parent,
            caption,
            directory,
            "",
            QFileDialog.FileMode.Directory,
            QFileDialog.AcceptMode.AcceptOpen,
        )
    )
    return chosen
