"""A long answer that is still making progress tells gunicorn its worker is alive.

gunicorn's sync worker proves it is alive by touching a file between requests; the arbiter kills
one that has not for `timeout` seconds (30). That is right for a request stuck in a loop, and wrong
for a streamed export of 100,000 rows that writes out a chunk every second or so. The gunicorn
configuration (deploy/gunicorn.conf.py) hands each request's worker `notify` here; a streaming
view calls `beat()` after each chunk it sends. Outside gunicorn, `beat()` does nothing.
"""

import threading

_current = threading.local()


def set_notify(notify):
    _current.notify = notify


def beat():
    notify = getattr(_current, "notify", None)
    if notify is not None:
        notify()
