"""Human names of the sanitization vocabulary, in English and Simplified Chinese, for certificates.

The database keeps keys (``nvme_sanitize``); a certificate is read by people, so its record carries the
names in the certificate's language.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "overwrite": "Overwrite", "block_erase": "Block erase", "crypto_erase": "Cryptographic erase",
        "ata_secure_erase": "ATA Secure Erase", "ata_enhanced_secure_erase": "ATA Enhanced Secure Erase",
        "nvme_format": "NVMe Format (user data erase)", "nvme_sanitize": "NVMe Sanitize", "scsi_sanitize": "SCSI/ATA Sanitize",
        "degauss": "Degauss", "shred": "Shred", "disintegrate": "Disintegrate", "pulverize": "Pulverize",
        "incinerate": "Incinerate", "melt": "Melt", "factory_reset": "Factory reset",
        "factory_reset_crypto_erase": "Factory reset with crypto erase", "other": "Other",
        "pass": "Pass", "pass_with_warnings": "Pass with warnings", "fail": "Fail", "aborted": "Aborted",
        "none": "None", "sampling": "Sampling", "full": "Full",
        "removed": "Reset before sanitizing", "none_found": "None found", "present": "Present, not reset",
        "not_checked": "Not checked", "not_applicable": "Not applicable",
        "public": "Public", "internal": "Internal", "confidential": "Confidential", "secret": "Secret",
        "internal_reuse": "Internal reuse", "external_reuse": "External reuse", "recycling": "Recycling facility",
        "manufacturer": "Manufacturer", "destroyed": "Destroyed", "unclassified": "Unclassified",
        "hdd": "Hard disk", "ssd": "SSD", "nvme": "NVMe SSD", "usb_flash": "USB flash drive", "memory_card": "Memory card",
        "mobile": "Mobile device storage", "tape": "Tape", "n/a (destroyed)": "n/a (destroyed)",
        "not_received": "not received", "no_data_media": "no data-bearing media", "n/a": "n/a", "pending": "pending",
    },
    "zh_CN": {
        "overwrite": "覆写", "block_erase": "块擦除", "crypto_erase": "密码擦除", "ata_secure_erase": "ATA 安全擦除",
        "ata_enhanced_secure_erase": "ATA 增强安全擦除", "nvme_format": "NVMe 格式化（擦除用户数据）",
        "nvme_sanitize": "NVMe 清除命令", "scsi_sanitize": "SCSI/ATA 清除命令", "degauss": "消磁", "shred": "粉碎",
        "disintegrate": "碎解", "pulverize": "研磨", "incinerate": "焚烧", "melt": "熔化", "factory_reset": "恢复出厂设置",
        "factory_reset_crypto_erase": "恢复出厂设置并密码擦除", "other": "其他",
        "pass": "通过", "pass_with_warnings": "通过（有警告）", "fail": "失败", "aborted": "中止",
        "none": "无", "sampling": "抽样", "full": "全盘",
        "removed": "清除前已重置", "none_found": "未发现", "present": "存在且未重置", "not_checked": "未检查",
        "not_applicable": "不适用",
        "public": "公开", "internal": "内部", "confidential": "机密", "secret": "绝密",
        "internal_reuse": "内部再利用", "external_reuse": "外部再利用", "recycling": "回收处理厂", "manufacturer": "制造商",
        "destroyed": "已销毁", "unclassified": "非密",
        "hdd": "机械硬盘", "ssd": "固态硬盘", "nvme": "NVMe 固态硬盘", "usb_flash": "U 盘", "memory_card": "存储卡",
        "mobile": "移动设备存储", "tape": "磁带", "n/a (destroyed)": "不适用（已销毁）",
        "not_received": "未收到", "no_data_media": "无数据存储介质", "n/a": "不适用", "pending": "待处理",
    },
}
CATEGORY_NAMES = {
    "en": {"clear": "Clear", "purge": "Purge", "destroy": "Destroy"},
    "zh_CN": {"clear": "清除 (Clear)", "purge": "净化 (Purge)", "destroy": "销毁 (Destroy)"},
}


def label(language: str, key: str | None) -> str | None:
    """The name of ``key`` in ``language``; unknown keys come back as they are."""
    if key is None:
        return None
    return LABELS.get(language, LABELS["en"]).get(key, key)
