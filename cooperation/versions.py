"""What the admin keeps versions of (core/history.py), and which rows each version takes along.

A version of a partnership holds its parties, agreements (with their signatories and priority
domains) and tags: restoring it restores that whole graph, as its admin page shows it. Derived
columns (search texts, stored status) are left out; a restore rebuilds them.
"""

from core import history

from .models import (
    Agreement,
    AgreementDomain,
    Body,
    Country,
    Delegation,
    DelegationMember,
    Domain,
    Event,
    Meeting,
    Office,
    Partnership,
    Party,
    Person,
    Signatory,
    TaggedPartnership,
)

history.register(Country)
history.register(Domain)
# A body's offices belong to their holders: they are versioned with the person (her admin page).
history.register(Body)
history.register(Person, follow=["offices"])
history.register(Office)
history.register(Event)
history.register(
    Partnership,
    follow=["parties", "agreements", "taggedpartnership_set"],
    exclude=[
        *Partnership.SEARCH_WEIGHTS.values(),
        "search_vector",
        "search_phrases",
        "search_names",
        "current_status",
        "active_until",
    ],
)
history.register(Party)
history.register(TaggedPartnership)
history.register(Agreement, follow=["signatories", "domain_links"])
history.register(Signatory)
history.register(AgreementDomain)
history.register(Delegation, follow=["members", "meetings"])
history.register(DelegationMember)
history.register(Meeting)
