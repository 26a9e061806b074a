"""Who cooperates with whom, under which agreements, through which visits."""

from .actors import Body, Country, Domain, Office, Person, check_office_holder
from .partnerships import Agreement, AgreementDomain, Partnership, Party, Signatory, TaggedPartnership
from .snapshots import StoredSnapshot
from .visits import Delegation, DelegationMember, Event, Meeting

__all__ = [
    "Agreement",
    "AgreementDomain",
    "Body",
    "Country",
    "Delegation",
    "DelegationMember",
    "Domain",
    "Event",
    "Meeting",
    "Office",
    "Partnership",
    "Party",
    "Person",
    "Signatory",
    "StoredSnapshot",
    "TaggedPartnership",
    "check_office_holder",
]
