from django.core.mail.backends import locmem


class FlakyBackend(locmem.EmailBackend):
    """The locmem backend, failing on demand: failures[address] lists the exceptions to raise in turn."""

    failures = {}
    opened = 0

    def open(self):
        FlakyBackend.opened += 1
        return True

    def send_messages(self, messages):
        for message in messages:
            queue = self.failures.get(message.to[0])
            if queue:
                raise queue.pop(0)
        return super().send_messages(messages)
