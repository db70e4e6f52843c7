"""Where the real Chromium for browser tests lives on this machine."""

import os
import shutil
from pathlib import Path


def chromium_path() -> str | None:
    candidates = [os.environ.get("CHROMIUM_PATH"), shutil.which("chromium"), "/usr/bin/chromium"]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return candidate
    return None
