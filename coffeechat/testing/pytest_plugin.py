"""Loaded with `-p` before Django's settings are imported (see pyproject's addopts).

Points the workspace at a throw-away folder so that running the tests never
creates files in the user's real data directory.
"""

import os
import tempfile

os.environ.setdefault("COFFEECHAT_DATA_DIR", tempfile.mkdtemp(prefix="coffeechat-test-"))
