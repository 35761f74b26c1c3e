"""Names of the files inside a vault folder."""

SLOTS_FILE = "keyslots.json"
STORE_FILE = "store.db"
LOCK_FILE = "vault.lock"
BACKUPS_DIR = "backups"
CONTENT_DIR = "attachments"
