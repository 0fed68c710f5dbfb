"""Names of the metrics vocabulary in English and Simplified Chinese, shared by the reports and the GUI.

Keys are what :mod:`itam.metrics.results` carries (pathways, recovery classes, KPI names, findings, bounds);
status, stage and category names come from resources/lifecycle.toml and resources/categories.toml.
"""

from __future__ import annotations

from itam.fields import categories
from itam.lifecycle import default_lifecycle

LANGUAGES = ("en", "zh_CN")

LABELS: dict[str, dict[str, str]] = {
    "en": {
        # pathways
        "retire": "Retired", "lost": "Lost or stolen", "missing": "Missing", "life_extension": "Life extension",
        "redeploy": "Redeployed", "remarket": "Remarketed (sold)", "donate": "Donated",
        "refurbish": "Refurbished", "harvest": "Parts harvested", "recycle": "Recycled", "destroy": "Destroyed",
        # recovery classes (GB/T 43145-2023 Annex A)
        "u": "Reused as is (m_u)", "m": "Refurbished, remanufactured, harvested (m_m)",
        "r": "Recycled (m_r)", "rov": "Energy recovery (m_rov)", "none": "Not recovered",
        # bounds
        "low": "Low", "default": "Default", "high": "High",
        # KPIs
        "collection_rate_mass": "Collection rate R_col (mass)", "collection_rate_count": "Collection rate R_col (count)",
        "recovery_rate": "Recovery rate R_rov", "reuse_share": "Reuse share of retired mass",
        "ewaste_diverted_kg": "E-waste diverted", "ewaste_diverted_share": "E-waste diverted (share)",
        "co2e_avoided": "CO2e avoided (reported apart from the inventory)",
        "use_phase_kgco2e": "Use-phase emissions of the active fleet", "use_phase_kwh": "Use-phase electricity",
        "life_achieved": "Service life achieved vs target", "materials_saved_kg": "Materials saved",
        "recycled_content": "Recycled content of purchases R_mrec", "recoverability": "Design recoverability R_cov",
        "sanitization_compliance": "Sanitization compliance", "discovery_coverage": "Discovery coverage",
        "arising_count": "Assets retired (arising)", "collected_count": "Assets collected",
        "processed_count": "Assets processed", "total_assets": "Assets in the register",
        "value_recovered": "Value recovered", "resale": "Resale", "parts": "Parts",
        "avoided_purchases": "Avoided purchases", "costs": "Costs", "net": "Net",
        # findings
        "past_refresh_in_use": "Assets past their refresh date still in use",
        "unsanitized_data_bearing": "Retired data-bearing assets without a verified sanitization",
        "found_after_loss": "Assets found again after a loss (flagged for review)",
        "missing_finding": "Missing, lost or stolen assets",
        "unknown": "Unknown",
    },
    "zh_CN": {
        "retire": "退役", "lost": "丢失或被盗", "missing": "未发现", "life_extension": "寿命延长",
        "redeploy": "再部署", "remarket": "二次营销（出售）", "donate": "捐赠", "refurbish": "翻新",
        "harvest": "拆解回收部件", "recycle": "回收利用", "destroy": "销毁",
        "u": "直接再使用 (m_u)", "m": "翻新、再制造、部件回收 (m_m)", "r": "再生利用 (m_r)",
        "rov": "能量回收 (m_rov)", "none": "未回收",
        "low": "低", "default": "默认", "high": "高",
        "collection_rate_mass": "回收率 R_col（质量）", "collection_rate_count": "回收率 R_col（数量）",
        "recovery_rate": "回收利用率 R_rov", "reuse_share": "退役设备质量中的再使用比例",
        "ewaste_diverted_kg": "避免填埋的电子废物", "ewaste_diverted_share": "避免填埋的电子废物（比例）",
        "co2e_avoided": "避免的 CO2e 排放（与排放清单分开报告）",
        "use_phase_kgco2e": "在用设备使用阶段排放", "use_phase_kwh": "使用阶段耗电量",
        "life_achieved": "实际使用寿命与目标寿命之比", "materials_saved_kg": "节约的材料",
        "recycled_content": "采购产品的再生材料含量 R_mrec", "recoverability": "产品可回收利用率 R_cov",
        "sanitization_compliance": "数据清除合规率", "discovery_coverage": "发现扫描覆盖率",
        "arising_count": "退役资产（产生量）", "collected_count": "已回收资产", "processed_count": "已处理资产",
        "total_assets": "登记资产总数",
        "value_recovered": "回收价值", "resale": "转售", "parts": "部件", "avoided_purchases": "避免的采购",
        "costs": "成本", "net": "净值",
        "past_refresh_in_use": "超过更新周期仍在使用的资产",
        "unsanitized_data_bearing": "未经验证数据清除的已退役含数据资产",
        "found_after_loss": "丢失后重新找到的资产（已标记待审查）",
        "missing_finding": "未发现、丢失或被盗的资产",
        "unknown": "未知",
    },
}


def label(key: str, language: str = "en") -> str:
    """The name of a metrics key; the key itself when there is none."""
    lang = "zh_CN" if (language or "").lower().replace("-", "_").startswith("zh") else "en"
    return LABELS[lang].get(key) or LABELS["en"].get(key) or key


def status_name(key: str, language: str = "en") -> str:
    st = default_lifecycle().statuses.get(key)
    if st is None:
        return key
    return st.name_zh if language.startswith("zh") else st.name


def stage_name(number: int, language: str = "en") -> str:
    try:
        st = default_lifecycle().stage(number)
    except KeyError:
        return str(number)
    return f"{number} " + (st.name_zh if language.startswith("zh") else st.name)


def category_name(key: str, language: str = "en") -> str:
    cat = categories().get(key)
    if cat is None:
        return key
    return cat.name_zh if language.startswith("zh") else cat.name
