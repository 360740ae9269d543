"""Is the database on a network share or in a synced folder? SQLite can corrupt there.

SQLite's locking relies on the local file system; network file systems (NFS, SMB/CIFS, sshfs…)
and folders that a sync program copies behind its back (Dropbox, OneDrive, iCloud Drive, Google
Drive…) can lose writes or damage the file when two computers or the sync program touch it at
once. Hearth warns and points to a shared database server instead; it does not refuse.
"""

from __future__ import annotations

import os
from pathlib import Path

NETWORK_FILE_SYSTEMS = {
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p", "afs", "davfs",
    "fuse.davfs2", "fuse.rclone", "ceph", "glusterfs", "fuse.glusterfs", "lustre", "gpfs",
    "fuse.s3fs", "afpfs", "webdav", "fuse.gvfsd-fuse",
}  # fmt: skip
# Folder names the sync programs create (compared without case).
SYNCED_FOLDERS = {
    "dropbox": "Dropbox",
    "onedrive": "OneDrive",
    "icloud drive": "iCloud Drive",
    "mobile documents": "iCloud Drive",
    "icloud~com~apple~clouddocs": "iCloud Drive",
    "cloudstorage": "a cloud storage folder",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "pcloud drive": "pCloud",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "seafile": "Seafile",
    "box sync": "Box",
    "sync.com": "Sync.com",
}


def warning_for(path: Path, mounts: str | None = None) -> str | None:
    """A sentence if `path` is somewhere SQLite is not safe; None if it is on a local disk.
    `mounts` is the text of /proc/self/mounts (read from the system when not given)."""
    place = _network_place(path, mounts) or _synced_folder(path)
    if place is None:
        return None
    return (
        f"{path} is in {place}. A SQLite database there can be damaged or lose changes when "
        "two computers or the sync program touch it at once. Keep Hearth's file on this "
        "computer's own disk, and to work from two computers use a shared database server "
        "(see 'Sharing Hearth between two computers' in the README)."
    )


def _synced_folder(path: Path) -> str | None:
    for part in path.parts:
        name = part.lower()
        for folder, label in SYNCED_FOLDERS.items():
            if name == folder or name.startswith(f"{folder} ") or name.startswith(f"{folder}-"):
                return f"{label} (a synced folder)"
    return None


def _network_place(path: Path, mounts: str | None) -> str | None:
    text = str(path)
    if text.startswith("\\\\") or text.startswith("//"):
        return "a network share"
    if mounts is None:
        try:
            with open("/proc/self/mounts", encoding="utf-8") as file:
                mounts = file.read()
        except OSError:  # not Linux: the folder names are all we can go by
            return None
    target = os.path.realpath(path)
    best, kind = "", ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    if kind in NETWORK_FILE_SYSTEMS:
        return f"a network share ({kind} at {best})"
    return None
