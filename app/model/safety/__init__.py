"""Never losing a thing: backups and their rotation, restore, the check, storage
failures in words, files written whole and private, moving to a server, the offline copy."""
