"""The signed value in a confirmation link: who, for which sign-up, and when (checked with max_age)."""

from django.core import signing

from .conf import CONFIRMATION_MAX_AGE
from .models import Subscriber

SALT = "newsletter.confirm"
EXPIRED = "expired"
INVALID = "invalid"


def make_value(subscriber):
    return signing.dumps({"id": subscriber.pk, "k": subscriber.confirmation_key}, salt=SALT)


def read_value(value):
    """Return (subscriber, None), or (None, EXPIRED | INVALID)."""
    try:
        data = signing.loads(value, salt=SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.SignatureExpired:
        return None, EXPIRED
    except signing.BadSignature:
        return None, INVALID
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        return None, INVALID
    subscriber = (
        Subscriber.objects.exclude(status=Subscriber.Status.UNSUBSCRIBED)
        .filter(pk=data["id"], confirmation_key=str(data.get("k")))
        .first()
    )
    return (subscriber, None) if subscriber else (None, INVALID)
