"""The organisation's profile and logo, kept in the database so every workstation issues the same certificates."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass

from itam.errors import ValidationError
from itam.messages import tr
from itam.models import Setting
from itam import security
from itam.services.context import ServiceContext, requires

_KEY = "organisation"
_FIELDS = ("name", "address", "phone", "email", "registration_no", "website", "country", "currency")
MAX_LOGO_BYTES = 2_000_000


@dataclass(frozen=True)
class OrganisationProfile:
    name: str = ""
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    registration_no: str | None = None
    website: str | None = None
    # ISO 3166 alpha-2 (the grid for sites without a country) and ISO 4217 (the reporting currency).
    country: str | None = None
    currency: str | None = None
    logo: bytes | None = None

    @property
    def complete(self) -> bool:
        return bool(self.name.strip())


class OrganisationService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    @requires(security.READ)
    def get(self) -> OrganisationProfile:
        with self.ctx.db.read() as s:
            row = s.get(Setting, _KEY)
            if row is None:
                return OrganisationProfile()
            data = json.loads(row.value or "{}")
            return OrganisationProfile(**{k: data.get(k) for k in _FIELDS if data.get(k) is not None}, logo=row.blob)

    @requires(security.SETTINGS)
    def update(self, *, logo: bytes | None = None, remove_logo: bool = False, **values: str | None) -> OrganisationProfile:
        unknown = set(values) - set(_FIELDS)
        if unknown:
            raise ValidationError(tr("unknown organisation fields: {fields}", fields=", ".join(sorted(unknown))))
        if logo is not None:
            if len(logo) > MAX_LOGO_BYTES:
                raise ValidationError(tr("the logo is larger than 2 MB; use a smaller PNG or JPEG"))
            if not (logo.startswith(b"\x89PNG\r\n\x1a\n") or logo.startswith(b"\xff\xd8\xff")):
                raise ValidationError(tr("the logo must be a PNG or JPEG image"))
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            row = s.get(Setting, _KEY)
            if row is None:
                row = Setting(key=_KEY, value="{}")
                s.add(row)
            data = json.loads(row.value or "{}")
            for k, v in values.items():
                v = (v or "").strip() or None
                if v is not None and k in ("country", "currency"):
                    v = v.upper()
                    if not re.fullmatch(r"[A-Z]{2}" if k == "country" else r"[A-Z]{3}", v):
                        raise ValidationError(
                            tr(
                                "the organisation's country is an ISO 3166 code of two letters such as CN or GB, "
                                "not {value}",
                                value=repr(v),
                            )
                            if k == "country"
                            else tr(
                                "the organisation's currency is an ISO 4217 code of three letters such as CNY or EUR, "
                                "not {value}",
                                value=repr(v),
                            )
                        )
                if v is None:
                    data.pop(k, None)
                else:
                    data[k] = v[:500]
            if not (data.get("name") or "").strip():
                raise ValidationError(tr("the organisation needs a name (it is printed on every certificate)"))
            row.value = json.dumps(data, ensure_ascii=False, sort_keys=True)
            if logo is not None:
                row.blob = logo
            elif remove_logo:
                row.blob = None
            row.updated_by = uow.actor.name
            s.flush()
            return OrganisationProfile(**{k: data.get(k) for k in _FIELDS if data.get(k) is not None}, logo=row.blob)


def profile_dict(p: OrganisationProfile) -> dict[str, str | None]:
    d = asdict(p)
    d.pop("logo")
    return d


def set_location_country(ctx: ServiceContext, name: str, country: str | None) -> None:
    """Say which country's grid a site draws its electricity from (ISO 3166 alpha-2; None clears it)."""
    from sqlalchemy import select

    from itam.errors import NotFoundError
    from itam.models import Location

    ctx.require(security.SETTINGS)
    code = (country or "").strip().upper() or None
    if code is not None and not re.fullmatch(r"[A-Z]{2}", code):
        raise ValidationError(
            tr("a country is an ISO 3166 code of two letters such as CN or GB, not {value}", value=repr(country))
        )
    with ctx.unit_of_work() as uow:
        loc = uow.session.scalar(select(Location).where(Location.name == name))
        if loc is None:
            raise NotFoundError(tr("no location named {name}", name=repr(name)))
        loc.country = code


def list_locations(ctx: ServiceContext) -> list[tuple[str, str | None]]:
    from sqlalchemy import select

    from itam.models import Location

    ctx.require(security.READ)
    with ctx.db.read() as s:
        return [(n, c) for n, c in s.execute(select(Location.name, Location.country).order_by(Location.name))]
