import datetime

from django.core.mail.backends import locmem
from django.utils import timezone


class FlakyBackend(locmem.EmailBackend):
    """The locmem backend, failing on demand: failures[address] lists the exceptions to raise in turn.

    `on_send(message)`, when set, is called before each message is taken (e.g. to move a Clock: the
    server is slow).
    """

    failures = {}
    opened = 0
    on_send = None

    def open(self):
        FlakyBackend.opened += 1
        return True

    def send_messages(self, messages):
        for message in messages:
            if FlakyBackend.on_send:
                FlakyBackend.on_send(message)
            queue = self.failures.get(message.to[0])
            if queue:
                raise queue.pop(0)
        return super().send_messages(messages)


class Clock:
    """A clock for Worker(clock=…) that moves only when told to."""

    def __init__(self, start=None):
        self.now = start or timezone.now()

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += datetime.timedelta(seconds=seconds)
