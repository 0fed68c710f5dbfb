"""Tests of the reports package; sample canonical certificate records shared by its test modules."""

from __future__ import annotations

import copy
import random

ISSUER = {
    "name": "Acme Circular IT Ltd.",
    "address": "12 Harbour Road, Dock 4, Shanghai 200120",
    "phone": "+86 21 5555 0100",
    "email": "certs@acme-itad.example",
    "registration_no": "91310000MA1FL0XX1Q",
    "website": "https://acme-itad.example",
}
ISSUER_ZH = {
    "name": "上海绿循环信息科技有限公司",
    "address": "上海市浦东新区港城路 12 号 4 号库",
    "phone": "021-5555 0100",
    "email": "certs@lvxunhuan.example",
    "registration_no": "91310000MA1FL0XX1Q",
    "website": None,
}


def medium(n: int = 1, **overrides) -> dict:
    m = {
        "make": "Samsung",
        "model": "860 EVO 500GB",
        "serial": f"S3Z2NB0K{n:06d}X",
        "property_number": f"P-{1000 + n}",
        "media_type": "SSD (SATA)",
        "source": "computer",
        "classification": "Confidential",
        "data_backed_up": "yes",
        "backup_location": "NAS-02 /backups/2026-11",
        "method_type": "Purge",
        "technique": "cryptographic erase",
        "method_used": "ATA Sanitize Crypto Scramble",
        "method_details": "hdparm --sanitize-crypto-scramble, then one pass of zeros",
        "standard": "NIST SP 800-88 Rev. 1",
        "tool": "nwipe",
        "tool_version": "0.36",
        "passes": 1,
        "verification": "full",
        "verification_result": "verified: all sectors read back as zero",
        "hidden_areas": "HPA and DCO reset before erasure",
        "result": "success",
        "started_at": "2026-11-20T09:12:00+08:00",
        "ended_at": "2026-11-20T10:41:00+08:00",
        "time_zone": "Asia/Shanghai",
        "post_classification": "Unclassified",
        "destination": "external reuse",
        "evidence_sha256": "9f2b5c0d6e1a4b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e",
        "notes": None,
    }
    m.update(overrides)
    return m


def sanitization_record(number: str = "DS-000042", *, language: str = "en", media: int = 2, **overrides) -> dict:
    zh = language == "zh_CN"
    rec = {
        "schema": "itam.certificate/1",
        "kind": "sanitization",
        "number": number,
        "issued_at": "2026-11-23T21:30:00Z",
        "language": language,
        "supersedes": None,
        "issuer": copy.deepcopy(ISSUER_ZH if zh else ISSUER),
        "attestation": (
            "兹证明上述介质已按所列方法清除，清除结果已经核验，任何用户数据均无法以实验室技术恢复。"
            if zh
            else "I attest that the media listed above were sanitized by the method stated, that the result "
            "was verified, and that the user data cannot be recovered by the means the method addresses."
        ),
        "signed_by": {"name": "王晓明" if zh else "Mary Major", "title": "ITAD 经理" if zh else "ITAD Manager"},
        "asset": {
            "tag": "IT-0004711",
            "serial": "PF3ABC12",
            "manufacturer": "Lenovo",
            "model": "ThinkPad T14 Gen 3",
            "category": "笔记本电脑" if zh else "laptop",
            "property_number": None,
        },
        "person": {
            "name": "张伟" if zh else "John Doe",
            "title": "数据清除技术员" if zh else "Sanitization technician",
            "organisation": ISSUER_ZH["name"] if zh else ISSUER["name"],
            "location": "上海 4 号库" if zh else "Shanghai, Dock 4",
            "phone": "+86 21 5555 0142",
        },
        "validator": {
            "name": "李娜" if zh else "Jane Roe",
            "title": "质量主管" if zh else "Quality lead",
            "organisation": ISSUER_ZH["name"] if zh else ISSUER["name"],
            "location": "上海" if zh else "Shanghai",
            "phone": "+86 21 5555 0143",
            "date": "2026-11-21",
        },
        "media": [medium(n) for n in range(1, media + 1)],
    }
    if media >= 2:
        rec["media"][1].update(
            make="Seagate", model="ST1000LM048", media_type="HDD", method_type="Clear", technique="overwrite",
            method_used="DoD 5220.22-M", passes=3, verification="sampling 10%", destination="other: 捐赠给希望小学",
        )
    rec.update(overrides)
    return rec


CATEGORIES = [("laptop", "Lenovo", "ThinkPad T14 Gen 3"), ("desktop", "Dell", "OptiPlex 7010"),
              ("phone", "Apple", "iPhone 13"), ("server", "Inspur", "NF5280M6"), ("monitor", "AOC", "24P2Q")]


def destruction_items(count: int, seed: int = 3, chinese_every: int = 0) -> list[dict]:
    rnd = random.Random(seed)
    items = []
    for n in range(1, count + 1):
        cat, make, model = CATEGORIES[rnd.randrange(len(CATEGORIES))]
        if chinese_every and n % chinese_every == 0:
            cat = "笔记本电脑"
        items.append(
            {
                "line": n,
                "serial": f"SN{rnd.getrandbits(40):010X}",
                "tag": f"IT-{n:07d}",
                "category": cat,
                "manufacturer": make,
                "model": model,
                "method": "shred" if n % 7 else "wipe: overwrite (Purge)",
                "result": "destroyed" if n % 7 else "wiped",
                "date": "2026-11-20",
            }
        )
    return items


def destruction_record(number: str = "CD-000007", *, language: str = "en", items: int = 25, **overrides) -> dict:
    zh = language == "zh_CN"
    rec = {
        "schema": "itam.certificate/1",
        "kind": "destruction",
        "number": number,
        "issued_at": "2026-11-23T21:30:00Z",
        "language": language,
        "supersedes": None,
        "issuer": copy.deepcopy(ISSUER_ZH if zh else ISSUER),
        "attestation": (
            "兹证明下列物品已于所列日期按所列方法处理，材料已交由具备资质的下游处理商回收。"
            if zh
            else "We certify that the items listed were processed on the dates and by the methods stated, and that "
            "the resulting materials were sent to the certified downstream vendors listed."
        ),
        "signed_by": {"name": "王晓明" if zh else "Mary Major", "title": "ITAD 经理" if zh else "ITAD Manager"},
        "client": {
            "name": "北京星辰科技有限公司" if zh else "Northwind Traders GmbH",
            "address": "北京市海淀区中关村大街 1 号" if zh else "Hafenstraße 7, 20457 Hamburg",
            "contact": "赵敏 zhao.min@xingchen.example" if zh else "Erika Mustermann",
        },
        "vendor": {
            "name": ISSUER_ZH["name"] if zh else ISSUER["name"],
            "address": ISSUER_ZH["address"] if zh else ISSUER["address"],
            "certifications": [
                {"scheme": "R2v3", "number": "R2-CN-104233", "valid_until": "2027-05-01"},
                {"scheme": "NAID AAA", "number": "NAID-88231", "valid_until": "2026-12-31"},
            ],
        },
        "job": {
            "number": "JOB-2026-0191",
            "batch": "B-77",
            "collected_at": "2026-11-18T08:30:00+08:00",
            "received_at": "2026-11-18T15:02:00+08:00",
            "processed_at": "2026-11-20T11:00:00+08:00",
            "closed_at": "2026-11-23T18:00:00+08:00",
            "seals": ["S-1001", "S-1002", "S-1003"],
            "expected_count": items,
            "received_count": items,
        },
        "items": destruction_items(items),
        "weights": [
            {"stream": "黑色金属" if zh else "ferrous metals", "kg": 120.5},
            {"stream": "circuit boards", "kg": 33.25},
            {"stream": "plastics", "kg": 48.0},
        ],
        "downstream": [
            {"vendor": "EcoMetals Recycling Co.", "stream": "ferrous metals", "kg": 120.5, "certification": "R2v3 R2-99812"},
            {"vendor": "Boardcycle GmbH", "stream": "circuit boards", "kg": 33.25, "certification": "e-Stewards ES-4410"},
        ],
        "discrepancies": [{"kind": "unexpected", "serial": "SNX-UNLISTED-1", "note": "found in box 3, added to the job"}],
        "operator": {"name": "刘洋" if zh else "Sam Smith", "title": "操作员" if zh else "Shredder operator"},
        "witness": {"name": "陈静" if zh else "Chris Client", "title": "客户代表" if zh else "Client representative"},
    }
    rec.update(overrides)
    return rec
