"""Development settings with the newsletter knobs the benchmark varies (read from the environment)."""

import os

from config.settings.dev import *  # noqa: F403

DEBUG = False
NEWSLETTER_BATCH_SIZE = int(os.environ.get("NEWSLETTER_BENCH_BATCH_SIZE", "100"))
NEWSLETTER_PARALLEL_TASKS = int(os.environ.get("NEWSLETTER_BENCH_WORKERS", "2"))
