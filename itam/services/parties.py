"""Organisations: our own, clients, ITAD vendors, recyclers, carriers, buyers, with their certifications."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from itam.errors import DuplicateError, ValidationError
from itam.messages import tr
from itam.models import Party, PartyCertification
from itam import security
from itam.services.context import ServiceContext, requires

PARTY_KINDS = ("own_org", "client", "itad_vendor", "recycler", "buyer", "carrier")


@dataclass(frozen=True)
class PartyView:
    id: int
    name: str
    kind: str
    address: str | None
    contact_name: str | None
    contact_email: str | None
    contact_phone: str | None
    certifications: tuple[tuple[str, str], ...]


def _view(p: Party) -> PartyView:
    return PartyView(
        p.id, p.name, p.kind, p.address, p.contact_name, p.contact_email, p.contact_phone,
        tuple((c.scheme, c.number) for c in p.certifications),
    )


class PartyService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    @requires(security.PARTIES)
    def add(
        self,
        name: str,
        kind: str,
        *,
        certifications: Iterable[tuple[str, str]] = (),
        address: str | None = None,
        contact_name: str | None = None,
        contact_email: str | None = None,
        contact_phone: str | None = None,
    ) -> PartyView:
        name = (name or "").strip()
        if not name:
            raise ValidationError(tr("a party needs a name"))
        if kind not in PARTY_KINDS:
            raise ValidationError(tr("party kind must be one of {kinds}", kinds=", ".join(PARTY_KINDS)))
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            if s.scalar(select(Party.id).where(Party.name == name)) is not None:
                raise DuplicateError(tr("a party named '{name}' already exists", name=name))
            party = Party(
                name=name, kind=kind, address=address, contact_name=contact_name,
                contact_email=contact_email, contact_phone=contact_phone,
            )
            for scheme, number in certifications:
                if not scheme or not number:
                    raise ValidationError(tr("a certification needs a scheme and a number"))
                party.certifications.append(PartyCertification(scheme=scheme, number=number))
            s.add(party)
            s.flush()
            return _view(party)

    @requires(security.READ)
    def list(self, kind: str | None = None) -> list[PartyView]:
        with self.ctx.db.read() as s:
            stmt = select(Party).options(selectinload(Party.certifications)).order_by(Party.name)
            if kind:
                stmt = stmt.where(Party.kind == kind)
            return [_view(p) for p in s.scalars(stmt)]
