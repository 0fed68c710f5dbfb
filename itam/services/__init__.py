"""Services: the one way front ends (CLI, GUI) read and change data. Plain values in, plain data out."""

from __future__ import annotations

from itam.db.engine import Database
from itam.services.assets import AssetQuery, AssetService
from itam.services.audit import AuditService
from itam.services.certificates import CertificateService
from itam.services.context import Actor, ServiceContext
from itam.services.custody import CustodyService
from itam.services.discovery import DiscoveryService
from itam.services.lifecycle import LifecycleService
from itam.services.metrics import MetricsService
from itam.services.organisation import OrganisationService
from itam.services.parties import PartyService
from itam.services.policy import PolicyService
from itam.services.retirement import RetirementService
from itam.services.sanitization import SanitizationService
from itam.services.transfer import TransferService
from itam.services.users import UserService


class Services:
    """Every service over one database, acting as one actor."""

    def __init__(self, db: Database, actor: Actor | None = None):
        self.ctx = ServiceContext(db, actor)
        self.assets = AssetService(self.ctx)
        self.lifecycle = LifecycleService(self.ctx, self.assets)
        self.audit = AuditService(self.ctx)
        self.parties = PartyService(self.ctx)
        self.sanitization = SanitizationService(self.ctx, self.assets)
        self.transfer = TransferService(self.ctx, self.assets)
        self.discovery = DiscoveryService(self.ctx, self.assets, self.lifecycle)
        self.custody = CustodyService(self.ctx, self.assets)
        self.organisation = OrganisationService(self.ctx)
        self.certificates = CertificateService(self.ctx, self.assets, self.organisation)
        self.metrics = MetricsService(self.ctx, self.organisation)
        self.retirement = RetirementService(self.ctx)
        self.users = UserService(self.ctx)
        self.policy = PolicyService(self.ctx)
        from itam.services.credentials import CredentialService  # the audit package loads its libraries lazily

        self.credentials = CredentialService(self.ctx)
        from itam.services.host_audit import HostAuditService

        self.host_audit = HostAuditService(self.ctx, self.credentials)

    @property
    def db(self) -> Database:
        return self.ctx.db


__all__ = ["Actor", "AssetQuery", "Services"]
