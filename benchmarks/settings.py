"""The app's own settings, plus the framework-ceiling view (benchmarks only)."""

import os

from coffeechat.settings import *  # noqa: F403
from coffeechat.settings import DATABASES

ROOT_URLCONF = "benchmarks.urls"

# What-if runs that leave the app's code alone (see docs/PERFORMANCE.md), e.g.
#   BENCH_TRANSACTION_MODE=DEFERRED  reads do not take SQLite's write lock at BEGIN
#   BENCH_CONN_MAX_AGE=none          each server thread keeps its connection (and cache)
if os.environ.get("BENCH_TRANSACTION_MODE"):
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = os.environ["BENCH_TRANSACTION_MODE"]
if os.environ.get("BENCH_CONN_MAX_AGE"):
    age = os.environ["BENCH_CONN_MAX_AGE"]
    DATABASES["default"]["CONN_MAX_AGE"] = None if age.lower() == "none" else int(age)

# benchmarks/mixed.py counts kept pages from a response header only this adds.
if os.environ.get("BENCH_PAGE_CACHE_HEADER"):
    MIDDLEWARE = ["benchmarks.middleware.KeptPageHeader", *MIDDLEWARE]  # noqa: F405
