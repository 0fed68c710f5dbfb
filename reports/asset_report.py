"""The per-asset lifecycle PDF: one asset's whole record on A4 (issue 5 item 4).

``render_asset_report(services, ref, path, language=)`` prints, for the asset named by ``ref`` (tag, serial,
``#id`` or id, as :meth:`itam.services.assets.AssetService.resolve` takes them):

  * its identity: tag, serial, category, make and model, purchase date and cost, department, location,
    assignee and holder, status, stage, lever, condition, weight, flag, addresses;
  * its storage media and whether each has a verified sanitization or destruction record;
  * its lifecycle events (pathway, when it happened, party, mass, money, parts);
  * its sanitization and destruction records;
  * the ITAD batches that held it, with their custody events;
  * the certificates issued for it or for its batches;
  * its full history: every entry's time, actor, action or transition, reason and changes.

An unknown asset raises ``itam.errors.NotFoundError`` before anything is written. The file is written
atomically (:func:`reports.files.write_atomic`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from itam.fields import ASSET_FIELDS
from itam.lifecycle import default_lifecycle
from itam.messages import localize
from itam.metrics.labels import category_name, stage_name, status_name
from itam.metrics.labels import label as metric_label
from itam.models import BatchItem, Certificate, LifecycleEvent, Party
from itam.sanitization.labels import CATEGORY_NAMES
from itam.sanitization.labels import label as san_label
from reports.certificates import ACCENT, DASH, Organisation, _Rule
from reports.lifecycle_report import (
    CONTENT_WIDTH,
    ReportContext,
    build_pdf,
    fmt_datetime,
    fmt_decimal,
    fmt_money,
)

if TYPE_CHECKING:
    from itam.services import Services
    from itam.services.certificates import CertificateView
    from itam.services.custody import BatchView, EventView, ItemView
    from itam.services.sanitization import SanitizationView
    from itam.services.views import AssetDetail

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Asset lifecycle record",
        "subtitle": "Identity, media, lifecycle events, sanitization, custody, certificates and full history",
        "generated": "Generated",
        "section.identity": "1. Identity",
        "section.media": "2. Storage media",
        "section.events": "3. Lifecycle events",
        "section.sanitization": "4. Sanitization and destruction records",
        "section.custody": "5. Chain of custody",
        "section.certificates": "6. Certificates",
        "section.history": "7. History ({n} entries)",
        "status": "Status",
        "stage": "Stage",
        "lever": "Circular lever",
        "holder": "Held by",
        "flag": "Flag",
        "macs": "MAC addresses",
        "ips": "IP addresses",
        "id": "Record id",
        "yes": "yes",
        "no": "no",
        "none": "None recorded.",
        "col.no": "#",
        "col.type": "Type",
        "col.interface": "Interface",
        "col.make_model": "Make / model",
        "col.serial": "Serial number",
        "col.capacity": "Capacity (GB)",
        "col.removed": "Removed",
        "col.sanitized": "Sanitized (verified)",
        "col.occurred": "Occurred",
        "col.pathway": "Pathway / transition",
        "col.move": "From → to",
        "col.party": "Party",
        "col.weight": "Weight (kg)",
        "col.money": "Value / cost",
        "col.parts": "Parts",
        "col.recorded": "Recorded by",
        "col.note": "Note",
        "certified": "certified",
        "fitted": "fitted",
        "recovered": "recovered",
        "col.performed": "Performed",
        "col.medium": "Medium",
        "col.method": "Method",
        "col.verification": "Verification",
        "col.result": "Result",
        "col.people": "Operator / verifier",
        "col.destination": "Destination",
        "verified": "verified",
        "verification.none": "no verification step",
        "not_verified": "not verified",
        "meets_policy": "meets policy",
        "below_policy": "below policy",
        "evidence": "evidence SHA-256 {sha}",
        "masked": "serials masked",
        "batch": "Batch {number}",
        "batch.status": "Status",
        "batch.client": "Client",
        "batch.vendor": "Vendor",
        "batch.manifest": "Manifest SHA-256",
        "batch.frozen": "Manifest frozen",
        "batch.counts": "Expected / received",
        "batch.item": "This asset on the batch",
        "batch.item_value": "serial {serial}; {manifest}; received {received}; checked out {out}",
        "batch.in_manifest": "on the manifest",
        "batch.extra": "not on the manifest (extra)",
        "batch.closed": "Closed",
        "col.seq": "Seq.",
        "col.time": "Time",
        "col.kind": "Event",
        "col.actor": "Actor",
        "col.details": "Details",
        "col.number": "Number",
        "col.issued": "Issued",
        "col.issued_by": "Issued by",
        "col.subject": "Subject",
        "col.record": "Record SHA-256",
        "col.supersedes": "Supersedes / superseded by",
        "col.language": "Language",
        "kind.sanitization": "Data sanitization",
        "kind.destruction": "Destruction and recycling",
        "col.action": "Action",
        "col.reason": "Reason",
        "col.changes": "Changes",
        "action.create": "created",
        "action.update": "edited",
        "action.transition": "moved",
        "action.media_added": "medium added",
        "action.media_changed": "medium changed",
        "action.media_deleted": "medium removed",
        "action.address_added": "address added",
        "action.address_removed": "address removed",
        "action.sanitization": "sanitization recorded",
        "action.destruction": "destruction recorded",
        "action.discovery": "seen by discovery",
        "action.flag_cleared": "flag cleared",
        "action.import": "imported",
        "removed_value": "(removed)",
        "manifest_serials": "{n} serials",
        "col.cert_kind": "Kind",
        "event.manifest": "manifest frozen", "event.collected": "collected", "event.sealed": "sealed",
        "event.in_transit": "in transit", "event.received": "received", "event.processed": "processed",
        "event.destroyed": "destroyed", "event.shipped": "shipped downstream", "event.discrepancy": "discrepancy",
        "event.resolved": "resolved", "event.closed": "closed", "event.note": "note", "event.checked_out": "checked out",
        "bstatus.open": "open", "bstatus.manifested": "manifest frozen", "bstatus.collected": "collected",
        "bstatus.in_transit": "in transit", "bstatus.received": "received", "bstatus.processed": "processed",
        "bstatus.closed": "closed",
    },
    "zh_CN": {
        "title": "资产生命周期档案",
        "subtitle": "身份信息、存储介质、生命周期事件、数据清除、监管链、证书与完整历史",
        "generated": "生成时间",
        "section.identity": "一、资产信息",
        "section.media": "二、存储介质",
        "section.events": "三、生命周期事件",
        "section.sanitization": "四、数据清除与销毁记录",
        "section.custody": "五、监管链",
        "section.certificates": "六、证书",
        "section.history": "七、历史记录（{n} 条）",
        "status": "状态",
        "stage": "阶段",
        "lever": "循环杠杆",
        "holder": "持有方",
        "flag": "标记",
        "macs": "MAC 地址",
        "ips": "IP 地址",
        "id": "记录编号",
        "yes": "是",
        "no": "否",
        "none": "无记录。",
        "col.no": "序号",
        "col.type": "类型",
        "col.interface": "接口",
        "col.make_model": "品牌 / 型号",
        "col.serial": "序列号",
        "col.capacity": "容量（GB）",
        "col.removed": "已拆除",
        "col.sanitized": "已清除（已验证）",
        "col.occurred": "发生时间",
        "col.pathway": "途径 / 操作",
        "col.move": "状态变化",
        "col.party": "相关方",
        "col.weight": "重量（千克）",
        "col.money": "收入 / 成本",
        "col.parts": "部件",
        "col.recorded": "记录人",
        "col.note": "备注",
        "certified": "持证",
        "fitted": "装入",
        "recovered": "回收",
        "col.performed": "执行时间",
        "col.medium": "介质",
        "col.method": "方法",
        "col.verification": "验证",
        "col.result": "结果",
        "col.people": "执行人 / 核验人",
        "col.destination": "去向",
        "verified": "已验证",
        "verification.none": "无验证步骤",
        "not_verified": "未验证",
        "meets_policy": "符合策略",
        "below_policy": "未达策略要求",
        "evidence": "证据 SHA-256 {sha}",
        "masked": "序列号已遮蔽",
        "batch": "批次 {number}",
        "batch.status": "状态",
        "batch.client": "委托方",
        "batch.vendor": "处理方",
        "batch.manifest": "清单 SHA-256",
        "batch.frozen": "清单冻结时间",
        "batch.counts": "应收 / 实收",
        "batch.item": "本资产在批次中",
        "batch.item_value": "序列号 {serial}；{manifest}；接收 {received}；出库 {out}",
        "batch.in_manifest": "在清单中",
        "batch.extra": "不在清单中（多出）",
        "batch.closed": "结案时间",
        "col.seq": "序号",
        "col.time": "时间",
        "col.kind": "事件",
        "col.actor": "操作人",
        "col.details": "详情",
        "col.number": "编号",
        "col.issued": "签发时间",
        "col.issued_by": "签发人",
        "col.subject": "对象",
        "col.record": "记录 SHA-256",
        "col.supersedes": "取代 / 被取代",
        "col.language": "语言",
        "kind.sanitization": "数据清除证明",
        "kind.destruction": "销毁与回收证明",
        "col.action": "操作",
        "col.reason": "原因",
        "col.changes": "变更",
        "action.create": "创建",
        "action.update": "编辑",
        "action.transition": "状态变更",
        "action.media_added": "添加介质",
        "action.media_changed": "修改介质",
        "action.media_deleted": "删除介质",
        "action.address_added": "添加地址",
        "action.address_removed": "删除地址",
        "action.sanitization": "记录数据清除",
        "action.destruction": "记录销毁",
        "action.discovery": "扫描发现",
        "action.flag_cleared": "清除标记",
        "action.import": "导入",
        "removed_value": "（已删除）",
        "manifest_serials": "{n} 个序列号",
        "col.cert_kind": "类型",
        "event.manifest": "清单冻结", "event.collected": "已收取", "event.sealed": "已封签", "event.in_transit": "运输中",
        "event.received": "已接收", "event.processed": "已处理", "event.destroyed": "已销毁", "event.shipped": "发往下游",
        "event.discrepancy": "差异", "event.resolved": "已解决", "event.closed": "结案", "event.note": "备注",
        "event.checked_out": "已出库",
        "bstatus.open": "未冻结", "bstatus.manifested": "清单已冻结", "bstatus.collected": "已收取",
        "bstatus.in_transit": "运输中", "bstatus.received": "已接收", "bstatus.processed": "已处理", "bstatus.closed": "已结案",
    },
}


@dataclass(frozen=True)
class EventRow:
    """One lifecycle event of the asset, as plain data."""

    occurred_at: datetime
    recorded_at: datetime | None
    actor: str
    transition: str
    pathway: str
    from_status: str
    to_status: str
    party: str | None
    certified: bool
    weight_kg: float | None
    value: Decimal | None
    cost: Decimal | None
    currency: str | None
    note: str | None
    parts: tuple[tuple[str, str, float | None, int], ...] = ()


@dataclass(frozen=True)
class BatchRecord:
    batch: BatchView
    item: ItemView | None
    events: tuple[EventView, ...]


@dataclass
class AssetRecord:
    """Everything the report prints about one asset, read before the PDF is laid out."""

    detail: AssetDetail
    events: list[EventRow] = field(default_factory=list)
    sanitization: list[SanitizationView] = field(default_factory=list)
    batches: list[BatchRecord] = field(default_factory=list)
    certificates: list[CertificateView] = field(default_factory=list)


def gather(services: Services, ref: str | int) -> AssetRecord:
    """Read the asset and its records through the services (``NotFoundError`` for an unknown asset)."""
    detail = services.assets.get(ref, with_history=True)
    record = AssetRecord(detail)
    with services.db.read() as s:
        rows = s.execute(
            select(LifecycleEvent, Party.name).outerjoin(Party, Party.id == LifecycleEvent.party_id)
            .where(LifecycleEvent.asset_id == detail.id).options(selectinload(LifecycleEvent.parts))
            .order_by(LifecycleEvent.occurred_at, LifecycleEvent.id)
        ).all()
        for e, party in rows:
            record.events.append(EventRow(
                e.occurred_at, e.recorded_at, e.actor, e.transition, e.pathway, e.from_status, e.to_status, party,
                bool(e.certified), e.weight_kg, e.value, e.cost, e.currency, e.note,
                tuple((p.direction, p.kind, p.size_gb, p.quantity) for p in e.parts),
            ))
        batch_ids = list(s.scalars(select(BatchItem.batch_id).where(BatchItem.asset_id == detail.id).distinct()))
        cond = [Certificate.asset_id == detail.id]
        if batch_ids:
            cond.append(Certificate.batch_id.in_(batch_ids))
        numbers = list(s.scalars(select(Certificate.number).where(or_(*cond)).order_by(Certificate.seq)))
    record.sanitization = list(reversed(services.sanitization.list(detail.id, limit=100_000)))
    for bid in sorted(batch_ids):
        view = services.custody.get(bid)
        item = next((i for i in services.custody.items(bid) if i.asset_id == detail.id), None)
        record.batches.append(BatchRecord(view, item, tuple(services.custody.events(bid))))
    record.certificates = [services.certificates.get(n) for n in numbers]
    return record


# ------------------------------------------------------------------------------------------------ formatting


def _short(value: Any, limit: int = 600) -> str:
    if value is None or value == "":
        return DASH
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return fmt_decimal(value)
    if isinstance(value, dict):
        text = ", ".join(f"{k}={_short(v, 60)}" for k, v in value.items() if v not in (None, ""))
    elif isinstance(value, (list, tuple)):
        text = ", ".join(_short(v, 60) for v in value)
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _AssetReport:
    def __init__(self, record: AssetRecord, ctx: ReportContext, org: Organisation | None):
        self.r = record
        self.ctx = ctx
        self.org = org
        self.lifecycle = default_lifecycle()

    # names ------------------------------------------------------------------------------------------------
    def field_label(self, name: str) -> str:
        spec = ASSET_FIELDS.get(name)
        if spec is None:
            return name
        return spec.label_zh if self.ctx.zh else spec.label

    def transition_name(self, key: str | None) -> str:
        if not key:
            return ""
        t = self.lifecycle.transitions.get(key)
        if t is None:
            return key
        return t.name_zh if self.ctx.zh else t.name

    def lever_name(self, key: str | None) -> str:
        if not key:
            return DASH
        try:
            stage = self.lifecycle.stage_of_lever(key)
        except (KeyError, ValueError, StopIteration):
            return key
        return stage.lever_name_zh if self.ctx.zh else stage.lever_name

    def status(self, key: str | None) -> str:
        return status_name(key, self.ctx.lang) if key else DASH

    def yes_no(self, value: bool) -> str:
        return self.ctx.T("yes") if value else self.ctx.T("no")

    def known(self, group: str, key: str | None) -> str:
        """``key`` translated through the ``group.key`` texts, else as it is."""
        if not key:
            return DASH
        return self.ctx.T(f"{group}.{key}") if f"{group}.{key}" in TEXTS["en"] else key

    def san(self, key: str | None) -> str:
        return san_label(self.ctx.lang, key) or DASH

    # sections ---------------------------------------------------------------------------------------------
    def cover(self) -> list[Flowable]:
        ctx, d = self.ctx, self.r.detail
        out = ctx.org_header(self.org)
        f = d.fields
        make = " ".join(x for x in (f.get("manufacturer"), f.get("model")) if x)
        out += [_Rule(CONTENT_WIDTH, 1.2, ACCENT, 0), ctx.p(ctx.T("title"), "title"),
                ctx.p(" · ".join(x for x in (d.label, category_name(f.get("category") or "", ctx.lang), make,
                                              self.status(d.status)) if x), "h1"),
                ctx.p(f"{ctx.T('subtitle')} — {ctx.T('generated')} {fmt_datetime(datetime.now(UTC).replace(tzinfo=None))}", "subtitle")]
        return out

    def identity(self) -> list[Flowable]:
        ctx, d = self.ctx, self.r.detail
        f = d.fields
        T = ctx.T
        cost = fmt_money(f.get("purchase_cost"), f.get("currency")) if f.get("purchase_cost") is not None else DASH
        pairs: list[tuple[str, Any]] = [
            (self.field_label("asset_tag"), f.get("asset_tag")),
            (self.field_label("serial"), f.get("serial")),
            (self.field_label("category"), category_name(f.get("category") or "", ctx.lang) or DASH),
            (self.field_label("manufacturer"), f.get("manufacturer")),
            (self.field_label("model"), f.get("model")),
            (self.field_label("hostname"), f.get("hostname")),
            (self.field_label("purchase_date"), f.get("purchase_date")),
            (self.field_label("purchase_cost"), cost),
            (self.field_label("warranty_end"), f.get("warranty_end")),
            (self.field_label("department"), f.get("department")),
            (self.field_label("location"), f.get("location")),
            (self.field_label("assignee"), f.get("assignee")),
            (T("holder"), d.holder),
            (T("status"), self.status(d.status)),
            (T("stage"), stage_name(d.stage, ctx.lang) if d.stage is not None else DASH),
            (T("lever"), self.lever_name(d.lever)),
            (self.field_label("condition_grade"), f.get("condition_grade")),
            (self.field_label("weight_kg"), f"{fmt_decimal(f['weight_kg'])} kg" if f.get("weight_kg") is not None else DASH),
            (self.field_label("data_bearing"), self.yes_no(bool(f.get("data_bearing")))),
            (T("flag"), ": ".join(x for x in (d.flag, d.flag_reason) if x) or DASH),
            (self.field_label("os_name"), " ".join(x for x in (f.get("os_name"), f.get("os_version")) if x) or DASH),
            (self.field_label("cpu"), " · ".join(x for x in (
                f.get("cpu"), f"{fmt_decimal(f['ram_gb'])} GB RAM" if f.get("ram_gb") else None,
                f"{fmt_decimal(f['storage_gb'])} GB" if f.get("storage_gb") else None) if x) or DASH),
            (T("macs"), ", ".join(d.macs) or DASH),
            (T("ips"), ", ".join(d.ips) or DASH),
            (self.field_label("first_seen"), f.get("first_seen")),
            (self.field_label("last_seen"), f.get("last_seen")),
            (T("id"), f"#{d.id} (v{d.version})"),
            (self.field_label("notes"), f.get("notes")),
        ]
        return ctx.heading(T("section.identity")) + [ctx.kv(pairs, columns=2, label_mm=27)]

    def media(self) -> list[Flowable]:
        ctx, T = self.ctx, self.ctx.T
        out = ctx.heading(T("section.media"))
        media = self.r.detail.media
        if not media:
            return out + [ctx.p(T("none"), "small")]
        rows = [[str(i), self.san(m.media_type), m.interface or DASH,
                 " ".join(x for x in (m.manufacturer, m.model) if x) or DASH, m.serial or DASH,
                 fmt_decimal(m.capacity_gb), self.yes_no(m.removed), self.yes_no(m.sanitized)]
                for i, m in enumerate(media, 1)]
        out.append(ctx.table([T("col.no"), T("col.type"), T("col.interface"), T("col.make_model"), T("col.serial"),
                              T("col.capacity"), T("col.removed"), T("col.sanitized")], rows,
                             [8, 22, 18, 36, 34, 18, 16, 24], right_align=(5,)))
        return out

    def events(self) -> list[Flowable]:
        ctx, T = self.ctx, self.ctx.T
        out = ctx.heading(T("section.events"))
        if not self.r.events:
            return out + [ctx.p(T("none"), "small")]
        rows = []
        for e in self.r.events:
            party = e.party or DASH
            if e.party and e.certified:
                party += f" ({T('certified')})"
            money = []
            if e.value is not None:
                money.append(f"+ {fmt_money(e.value, e.currency)}")
            if e.cost is not None:
                money.append(f"− {fmt_money(e.cost, e.currency)}")
            parts = "\n".join(f"{T(direction) if direction in ('fitted', 'recovered') else direction}: {qty} × {kind}"
                              + (f" {fmt_decimal(size)} GB" if size else "")
                              for direction, kind, size, qty in e.parts) or DASH
            rows.append([fmt_datetime(e.occurred_at), f"{metric_label(e.pathway, ctx.lang)}\n{self.transition_name(e.transition)}",
                         f"{self.status(e.from_status)} → {self.status(e.to_status)}", party,
                         fmt_decimal(e.weight_kg), "\n".join(money) or DASH, parts,
                         e.actor + (f"\n{fmt_datetime(e.recorded_at)}" if e.recorded_at else ""), e.note or ""])
        out.append(ctx.table([T("col.occurred"), T("col.pathway"), T("col.move"), T("col.party"), T("col.weight"),
                              T("col.money"), T("col.parts"), T("col.recorded"), T("col.note")], rows,
                             [20, 24, 26, 26, 14, 22, 18, 20, 16], size=6.8, right_align=(4,)))
        return out

    def sanitization(self) -> list[Flowable]:
        ctx, T = self.ctx, self.ctx.T
        out = ctx.heading(T("section.sanitization"))
        if not self.r.sanitization:
            return out + [ctx.p(T("none"), "small")]
        rows = []
        for v in self.r.sanitization:
            medium = f"{self.san(v.media_type)}\n{v.medium_serial or DASH}"
            category = CATEGORY_NAMES.get(ctx.lang, CATEGORY_NAMES["en"]).get(v.category, v.category)
            method = [category, self.san(v.technique)]
            if v.tool_label:
                method.append(f"“{v.tool_label}”")
            tool = " ".join(x for x in (v.tool, v.tool_version) if x)
            if tool:
                method.append(tool)
            if v.standard:
                method.append(v.standard)
            if v.passes:
                method.append(f"{v.passes} ×")
            verification = T("verification.none") if v.verification == "none" else self.san(v.verification)
            if v.verification_pct:
                verification += f" {fmt_decimal(v.verification_pct)}%"
            if v.verification_result:
                verification += f": {self.san(v.verification_result)}"
            if v.hidden_areas:
                verification += f"\nHPA/DCO: {self.san(v.hidden_areas)}"
            result = [self.san(v.result), T("verified") if v.verified else T("not_verified"),
                      T("meets_policy") if v.meets_policy else T("below_policy")]
            notes = [x for x in (v.notes, v.errors, *(localize(w, ctx.lang) for w in v.warnings)) if x]
            if v.evidence_sha256:
                notes.append(T("evidence", sha=v.evidence_sha256[:16] + "…"))
            if v.evidence_masked:
                notes.append(T("masked"))
            performed = fmt_datetime(v.performed_at) + (f"\n{v.time_zone}" if v.time_zone else "")
            rows.append([performed, medium, "\n".join(method), verification, "\n".join(result),
                         " / ".join(x for x in (v.operator, v.verifier) if x) or DASH,
                         self.san(v.destination), "\n".join(notes)])
        out.append(ctx.table([T("col.performed"), T("col.medium"), T("col.method"), T("col.verification"),
                              T("col.result"), T("col.people"), T("col.destination"), T("col.note")], rows,
                             [20, 22, 34, 24, 19, 22, 18, 27], size=6.8))
        return out

    def custody(self) -> list[Flowable]:
        ctx, T = self.ctx, self.ctx.T
        out = ctx.heading(T("section.custody"))
        if not self.r.batches:
            return out + [ctx.p(T("none"), "small")]
        for b in self.r.batches:
            v, item = b.batch, b.item
            item_text = DASH
            if item is not None:
                item_text = T("batch.item_value", serial=item.serial,
                              manifest=T("batch.in_manifest") if item.in_manifest else T("batch.extra"),
                              received=fmt_datetime(item.received_at), out=fmt_datetime(item.checked_out_at))
            expected = v.expected_count if v.expected_count is not None else DASH
            received = v.received_count if v.received_count is not None else DASH
            block: list[Flowable] = [ctx.p(T("batch", number=v.number), "h3"), ctx.kv([
                (T("batch.status"), self.known("bstatus", v.status)), (T("batch.client"), v.client),
                (T("batch.vendor"), v.vendor), (T("batch.frozen"), v.manifest_frozen_at),
                (T("batch.counts"), f"{expected} / {received}"), (T("batch.closed"), v.closed_at),
                (T("batch.manifest"), v.manifest_sha256), (T("batch.item"), item_text),
            ], columns=2, label_mm=27)]
            out.append(KeepTogether(block))
            out.append(Spacer(1, 1.5 * mm))
            if b.events:
                rows = [[str(e.seq), fmt_datetime(e.at), self.known("event", e.kind), e.actor, self.details(e.kind, e.details)] for e in b.events]
                out.append(ctx.table([T("col.seq"), T("col.time"), T("col.kind"), T("col.actor"), T("col.details")], rows,
                                     [10, 24, 18, 20, 110], size=6.8, right_align=(0,)))
            out.append(Spacer(1, 2 * mm))
        return out

    def details(self, kind: str, details: dict[str, Any]) -> str:
        parts = []
        for k, value in details.items():
            if k == "serials" and isinstance(value, list):
                parts.append(self.ctx.T("manifest_serials", n=len(value)))
                continue
            parts.append(f"{k}: {_short(value, 200)}")
        return "; ".join(parts) or DASH

    def certificates(self) -> list[Flowable]:
        ctx, T = self.ctx, self.ctx.T
        out = ctx.heading(T("section.certificates"))
        if not self.r.certificates:
            return out + [ctx.p(T("none"), "small")]
        rows = []
        for c in self.r.certificates:
            kind = T(f"kind.{c.kind}") if f"kind.{c.kind}" in TEXTS["en"] else c.kind
            chain = " / ".join(x for x in (c.supersedes, c.superseded_by) if x) or DASH
            rows.append([c.number, kind, c.subject, fmt_datetime(c.issued_at), c.issued_by, c.record_sha256, chain,
                         c.language])
        out.append(ctx.table([T("col.number"), T("col.cert_kind"), T("col.subject"), T("col.issued"), T("col.issued_by"),
                              T("col.record"), T("col.supersedes"), T("col.language")], rows,
                             [19, 22, 17, 21, 18, 50, 17, 15], size=6.8))
        return out

    def history(self) -> list[Flowable]:
        ctx, T = self.ctx, self.ctx.T
        entries = self.r.detail.history
        out = ctx.heading(T("section.history", n=len(entries)))
        if not entries:
            return out + [ctx.p(T("none"), "small")]
        rows = []
        for h in entries:
            key = f"action.{h.action}"
            action = T(key) if key in TEXTS["en"] else h.action
            if h.transition:
                action += f"\n{self.transition_name(h.transition)} ({h.transition})"
            rows.append([str(h.seq), fmt_datetime(h.at), f"{h.actor}\n({h.source})" if h.source else h.actor, action,
                         localize(h.reason, ctx.lang) if h.reason else "", self.changes(h.changes)])
        out.append(ctx.table([T("col.seq"), T("col.time"), T("col.actor"), T("col.action"), T("col.reason"),
                              T("col.changes")], rows, [9, 20, 16, 26, 30, 81], size=6.8, right_align=(0,)))
        return out

    def changes(self, changes: dict[str, Any]) -> str:
        lines = []
        for name, value in (changes or {}).items():
            label = self.field_label(name)
            if isinstance(value, list) and len(value) == 2:
                before, after = value
                if before is None:
                    lines.append(f"{label}: {_short(after)}")
                elif after is None:
                    lines.append(f"{label}: {_short(before)} {self.ctx.T('removed_value')}")
                else:
                    lines.append(f"{label}: {_short(before)} → {_short(after)}")
            else:
                lines.append(f"{label}: {_short(value)}")
        return "\n".join(lines) or DASH

    def story(self) -> list[Flowable]:
        return (self.cover() + self.identity() + self.media() + self.events() + self.sanitization() + self.custody()
                + self.certificates() + self.history())


def _organisation(services: Services) -> Organisation | None:
    profile = services.organisation.get()
    if not profile.complete:
        return None
    return Organisation(profile.name, address=profile.address, phone=profile.phone, email=profile.email,
                        registration_no=profile.registration_no, website=profile.website, logo=profile.logo)


def render_asset_report(services: Services, ref: str | int, path: str | os.PathLike, *, language: str = "en") -> Path:
    """Write the lifecycle record of the asset ``ref`` as a PDF at ``path`` (atomically) and return the path.

    Raises ``itam.errors.NotFoundError`` for an unknown asset (nothing is written) and ``ValidationError`` for
    an unknown language or a missing folder.
    """
    ctx = ReportContext(language, TEXTS)
    record = gather(services, ref)
    org = _organisation(services)
    report = _AssetReport(record, ctx, org)
    story = report.story()
    title = ctx.T("title")
    label = record.detail.label
    serial = record.detail.fields.get("serial")
    return build_pdf(
        story, path, ctx,
        title=f"{title} {label}",
        author=org.name if org else "itam",
        subject=f"{label}" + (f" (S/N {serial})" if serial and serial != label else ""),
        keywords="itam, asset, lifecycle, history",
        running_left=f"{org.name} · {title}" if org else title,
        running_right=label,
        footer_left=f"{title} · {label}" + (f" · S/N {serial}" if serial and serial != label else ""),
    )


__all__ = ["AssetRecord", "gather", "render_asset_report"]
