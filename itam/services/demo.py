"""A realistic demo fleet: a few hundred assets with media, addresses, people and lived-in histories.

Everything goes through the services a person would use (asset creation, lifecycle moves, sanitization
records), so the data obeys the same guards and the history chain verifies afterwards. The fleet is
planned in memory first from one seeded random generator, then written; the same seed and ``today`` give
the same fleet. History timestamps are the moment the demo runs (the history records when an entry was
written); dates that belong to the assets themselves (purchase, warranty, last seen, sanitization
performed) are spread over the past eight years.

Sources of the figures: default weights per category are DOMAIN.md §6 (ADEME / NegaOctet via Boavizta);
printers, switches, routers, firewalls and VoIP phones have no vetted open value and are left empty for a
person to estimate. MAC prefixes are real IEEE OUIs of each manufacturer (checked against the IEEE
registry), never locally administered ones.
"""

from __future__ import annotations

import random
import string
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from itam import security
from itam.errors import ValidationError
from itam.lifecycle.engine import Part
from itam.messages import tr
from itam.models import (
    Asset,
    HistoryEntry,
    Location,
    Party,
    Person,
    SanitizationRecord,
    StorageMedium,
    utcnow,
)
from itam.services.parties import PartyService
from itam.services.sanitization import WipeEntry, record_sanitization

if TYPE_CHECKING:
    from itam.services import Services

# --- reference data ---------------------------------------------------------------------------------

#: DOMAIN.md §6 default weight (kg) per category; access points use the Wi-Fi AP figure.
DEFAULT_WEIGHT_KG = {
    "laptop": 1.65,
    "desktop": 5.3,
    "monitor": 5.7,
    "server": 22.0,
    "phone": 0.17,
    "tablet": 0.73,
    "thin_client": 0.93,
}
WIFI_AP_WEIGHT_KG = 0.38

#: Real IEEE OUIs (MA-L) per manufacturer family.
OUIS = {
    "dell": ("F8:BC:12", "B8:CA:3A", "D4:BE:D9", "18:DB:F2", "F4:8E:38", "A4:BB:6D", "54:BF:64", "8C:04:BA", "E4:B9:7A", "50:9A:4C"),
    "lenovo": ("10:C5:95", "80:96:21", "A4:11:94", "A4:8C:DB", "8C:16:45", "E8:6A:64", "50:7B:9D", "54:05:DB", "38:F3:AB"),
    "hp_inc": ("30:24:A9", "48:9E:BD", "50:81:40", "5C:60:BA", "6C:02:E0", "04:0E:3C"),
    "hp_printer": ("9C:7B:EF", "A0:D3:C1", "F0:92:1C"),
    "hpe": ("00:14:38", "1C:98:EC", "20:67:7C"),
    "apple": ("8C:85:90", "A4:B1:97", "F0:18:98", "DC:2B:2A", "3C:22:FB", "14:C2:13", "70:F0:87", "C4:2A:D0", "88:B2:91", "60:8B:0E"),
    "samsung": ("D0:D0:03", "8C:79:F5", "7C:89:56", "88:29:9C"),
    "microsoft": ("70:BC:10", "0C:E7:25"),
    "intel": ("AC:ED:5C", "34:F6:4B", "90:61:AE", "00:E1:8C", "F0:D5:BF"),
    "cisco": ("F4:BD:9E", "08:4F:A9", "30:8B:B2", "2C:3F:38", "A0:B4:39", "D0:C7:89", "F8:A5:C5", "0C:D0:F8"),
    "meraki": ("0C:7B:C8", "88:15:44", "A8:46:9D"),
    "aruba": ("00:0B:86", "D8:C7:C8", "70:3A:0E"),
    "ubiquiti": ("74:83:C2", "E0:63:DA", "80:2A:A8", "F0:9F:C2"),
    "fortinet": ("AC:71:2E", "08:5B:0E", "D4:76:A0", "94:FF:3C", "70:4C:A5"),
    "brother": ("3C:2A:F4", "00:80:77", "00:1B:A9", "30:05:5C"),
}

USD_RATE = {"CNY": 7.1, "GBP": 0.79, "USD": 1.0}


@dataclass(frozen=True)
class Site:
    code: str
    location: str
    address: str
    currency: str
    subnet: str  # first two octets of the site's private range


SITES = (
    Site("sh", "Shanghai HQ", "Pudong New Area, Shanghai, China", "CNY", "10.20"),
    Site("bj", "Beijing Office", "Chaoyang District, Beijing, China", "CNY", "10.30"),
    Site("sz", "Shenzhen R&D Lab", "Nanshan District, Shenzhen, China", "CNY", "10.40"),
    Site("lon", "London Office", "Shoreditch, London, United Kingdom", "GBP", "10.60"),
)
DATA_CENTRE = Site("dc1", "SH-DC1 Data Centre", "Waigaoqiao, Shanghai, China (colocation)", "CNY", "10.21")
STORE_ROOM = Site("sh", "IT Store Room (Shanghai HQ)", "Pudong New Area, Shanghai, China, B1", "CNY", "10.20")

IT_DEPARTMENT = "IT Operations"

# (display name, e-mail local part, department, site code). Some Chinese colleagues are recorded in
# characters, as the HR system holds them; the e-mail stays in pinyin.
PEOPLE = (
    ("张伟", "wei.zhang", "Finance", "sh"),
    ("王芳", "fang.wang", "Sales", "sh"),
    ("李娜", "na.li", "Marketing", "sh"),
    ("刘洋", "yang.liu", "Engineering", "sz"),
    ("陈静", "jing.chen", "Human Resources", "sh"),
    ("杨帆", "fan.yang", "Engineering", "sz"),
    ("赵磊", "lei.zhao", "Sales", "bj"),
    ("黄敏", "min.huang", "Customer Support", "sh"),
    ("周杰", "jie.zhou", "Engineering", "sz"),
    ("吴婷", "ting.wu", "Legal", "sh"),
    ("徐明", "ming.xu", "Operations", "bj"),
    ("孙丽", "li.sun", "Finance", "bj"),
    ("Ma Chao", "chao.ma", "Engineering", "sz"),
    ("Zhu Lin", "lin.zhu", "Marketing", "sh"),
    ("Hu Bin", "bin.hu", "Sales", "bj"),
    ("Guo Qiang", "qiang.guo", "Operations", "sh"),
    ("He Xue", "xue.he", "Customer Support", "sh"),
    ("Lin Xiao", "xiao.lin", "Engineering", "sz"),
    ("Gao Feng", "feng.gao", "Engineering", "sz"),
    ("Luo Dan", "dan.luo", "Finance", "sh"),
    ("Zheng Hao", "hao.zheng", "Sales", "sh"),
    ("Liang Yu", "yu.liang", "Engineering", "sz"),
    ("Song Jia", "jia.song", "Human Resources", "bj"),
    ("Tang Yi", "yi.tang", "Customer Support", "bj"),
    ("Han Mei", "mei.han", "Marketing", "sh"),
    ("Feng Rui", "rui.feng", "Operations", "sh"),
    ("Deng Kai", "kai.deng", "Engineering", "sz"),
    ("Cao Ying", "ying.cao", "Legal", "bj"),
    ("Oliver Smith", "oliver.smith", "Sales", "lon"),
    ("Amelia Jones", "amelia.jones", "Marketing", "lon"),
    ("Harry Taylor", "harry.taylor", "Finance", "lon"),
    ("Priya Patel", "priya.patel", "Engineering", "lon"),
    ("James Wilson", "james.wilson", "Sales", "lon"),
    ("Sophie Brown", "sophie.brown", "Customer Support", "lon"),
    ("Mohammed Khan", "mohammed.khan", "Operations", "lon"),
    ("Emily Davies", "emily.davies", "Legal", "lon"),
    ("Thomas Evans", "thomas.evans", "Engineering", "lon"),
    ("Grace Thompson", "grace.thompson", "Human Resources", "lon"),
    # IT staff: operators of wipes, owners of infrastructure.
    ("周敏", "min.zhou", IT_DEPARTMENT, "sh"),
    ("Wang Lei", "lei.wang", IT_DEPARTMENT, "sh"),
    ("Daniel Hughes", "daniel.hughes", IT_DEPARTMENT, "lon"),
)
IT_OPERATORS = ("周敏", "Wang Lei", "Daniel Hughes")
EMAIL_DOMAIN = "northwind.example"

OWN_ORG = "Northwind Trading Co., Ltd."
ITAD_VENDOR = "Circulara ITAD Services Ltd."
RECYCLER = "Huadong Green E-Waste Recycling Co."
BUYER = "ReNew Devices Ltd."
CHARITY = "Bright Futures Schools Trust"
PARTIES = (
    (OWN_ORG, "own_org", ()),
    (ITAD_VENDOR, "itad_vendor", (("R2v3", "R2-DEMO-0412"), ("NAID AAA", "NAID-DEMO-7781"))),
    (RECYCLER, "recycler", (("e-Stewards", "ES-DEMO-2093"), ("ISO 14001", "CN-DEMO-14001-558"))),
    (BUYER, "buyer", ()),
    # No party kind for a donation recipient exists yet: it receives the assets as a buyer would.
    (CHARITY, "buyer", ()),
)
ITAD_OPERATOR = "Circulara ITAD – L. Huang"


# --- the model catalogue ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Medium:
    media_type: str
    interface: str
    capacity_gb: float
    count: int = 1
    embedded: bool = False  # soldered flash: no serial a person can read


@dataclass(frozen=True)
class Model:
    category: str
    manufacturer: str
    model: str
    years: tuple[int, int]  # years it was bought (relative to the demo's newest year)
    usd: int
    serial: str  # serial-number scheme, see _serial
    oui: str  # key of OUIS for the main NIC; "" for none
    host: str  # hostname scheme, see _hostname
    warranty: int
    cpu: str | None = None
    ram: float | None = None
    media: tuple[Medium, ...] = ()
    os: tuple[str, str] | None = None
    wifi_oui: str = ""
    kind: str = ""  # ap | switch | router | firewall for network gear
    share: float = 1.0  # relative popularity inside its category


W = ("Windows", "")  # version filled in by purchase year
NVME512 = (Medium("nvme", "PCIe NVMe", 512),)
NVME256 = (Medium("nvme", "PCIe NVMe", 256),)
SSD256 = (Medium("ssd", "SATA", 256),)

CATALOGUE: tuple[Model, ...] = (
    # laptops
    Model("laptop", "Dell", "Latitude 7490", (7, 5), 1400, "dell", "dell", "laptop", 3, "Intel Core i7-8650U", 16, SSD256, W, "intel"),
    Model("laptop", "Dell", "Latitude 5420", (4, 2), 1150, "dell", "dell", "laptop", 3, "Intel Core i5-1145G7", 16, NVME512, W, "intel", share=1.6),
    Model("laptop", "Dell", "Latitude 5440", (2, 0), 1200, "dell", "dell", "laptop", 3, "Intel Core i5-1345U", 16, NVME512, W, "intel", share=1.4),
    Model("laptop", "Lenovo", "ThinkPad T480", (7, 6), 1100, "lenovo_pf", "lenovo", "laptop", 3, "Intel Core i5-8350U", 8, NVME256, W, "intel"),
    Model("laptop", "Lenovo", "ThinkPad T14 Gen 2", (4, 2), 1250, "lenovo_pf", "lenovo", "laptop", 3, "Intel Core i5-1135G7", 16, NVME512, W, "intel", share=1.6),
    Model("laptop", "Lenovo", "ThinkPad X1 Carbon Gen 9", (4, 3), 1900, "lenovo_pf", "lenovo", "laptop", 3, "Intel Core i7-1165G7", 16, (Medium("nvme", "PCIe NVMe", 1024),), W, "intel", share=0.6),
    Model("laptop", "HP", "EliteBook 840 G5", (7, 6), 1150, "hp_laptop", "hp_inc", "laptop", 3, "Intel Core i5-8350U", 8, SSD256, W, "intel"),
    Model("laptop", "HP", "EliteBook 840 G8", (4, 2), 1300, "hp_laptop", "hp_inc", "laptop", 3, "Intel Core i5-1135G7", 16, NVME512, W, "intel"),
    Model("laptop", "Apple", "MacBook Pro 13 (2019)", (6, 5), 1499, "apple_old", "apple", "mac", 1, "Intel Core i5-8257U", 8, (Medium("ssd", "Apple fabric", 256),), ("macOS", "13 Ventura"), share=0.5),
    Model("laptop", "Apple", "MacBook Air 13 (M1)", (5, 3), 999, "apple", "apple", "mac", 1, "Apple M1", 8, (Medium("ssd", "Apple fabric", 256),), ("macOS", "14 Sonoma"), share=0.6),
    Model("laptop", "Apple", "MacBook Pro 14", (4, 0), 1999, "apple", "apple", "mac", 1, "Apple M1 Pro", 16, (Medium("ssd", "Apple fabric", 512),), ("macOS", "14 Sonoma"), share=0.8),
    # desktops
    Model("desktop", "Dell", "OptiPlex 7050", (8, 7), 800, "dell", "dell", "desktop", 3, "Intel Core i5-7500", 8, (Medium("hdd", "SATA", 500),), W),
    Model("desktop", "Dell", "OptiPlex 7090", (4, 3), 1050, "dell", "dell", "desktop", 3, "Intel Core i7-10700", 16, NVME512, W, share=1.3),
    Model("desktop", "Dell", "OptiPlex 7010", (2, 0), 900, "dell", "dell", "desktop", 3, "Intel Core i5-13500", 16, NVME512, W, share=1.2),
    Model("desktop", "HP", "EliteDesk 800 G4 SFF", (7, 6), 850, "hp_desktop", "hp_inc", "desktop", 3, "Intel Core i5-8500", 8, (Medium("ssd", "SATA", 256), Medium("hdd", "SATA", 1000)), W),
    Model("desktop", "HP", "EliteDesk 800 G6 SFF", (5, 3), 950, "hp_desktop", "hp_inc", "desktop", 3, "Intel Core i5-10500", 16, NVME512, W, share=1.4),
    Model("desktop", "Lenovo", "ThinkCentre M720q Tiny", (7, 5), 700, "lenovo_mj", "lenovo", "desktop", 3, "Intel Core i5-8500T", 8, NVME256, W),
    Model("desktop", "Lenovo", "ThinkCentre M70q Gen 3", (3, 1), 800, "lenovo_mj", "lenovo", "desktop", 3, "Intel Core i5-12400T", 16, NVME512, W),
    Model("desktop", "Apple", "iMac 24 (M1)", (4, 2), 1299, "apple", "apple", "imac", 1, "Apple M1", 8, (Medium("ssd", "Apple fabric", 256),), ("macOS", "14 Sonoma"), share=0.4),
    # monitors (no data)
    Model("monitor", "Dell", "P2419H", (7, 4), 200, "dell_monitor", "", "", 3, share=1.5),
    Model("monitor", "Dell", "P2422H", (3, 0), 230, "dell_monitor", "", "", 3, share=1.5),
    Model("monitor", "Dell", "U2720Q", (5, 2), 540, "dell_monitor", "", "", 3, share=0.6),
    Model("monitor", "HP", "E24 G4", (3, 0), 210, "hp_monitor", "", "", 3),
    Model("monitor", "Lenovo", "ThinkVision T24i-20", (4, 1), 190, "lenovo_monitor", "", "", 3),
    # servers
    Model("server", "Dell", "PowerEdge R630", (8, 7), 9000, "dell", "dell", "server", 5, "2x Intel Xeon E5-2640 v4", 128,
          (Medium("hdd", "SAS", 1200, count=4),), ("VMware ESXi", "6.7")),
    Model("server", "Dell", "PowerEdge R740", (6, 4), 12000, "dell", "dell", "server", 5, "2x Intel Xeon Gold 6230", 256,
          (Medium("ssd", "SATA", 480, count=2), Medium("ssd", "SATA", 1920, count=4)), ("VMware ESXi", "7.0 U3")),
    Model("server", "Dell", "PowerEdge R650", (3, 1), 14000, "dell", "dell", "server", 5, "2x Intel Xeon Gold 6338", 512,
          (Medium("nvme", "U.2 NVMe", 1920, count=4),), ("VMware ESXi", "8.0 U2")),
    Model("server", "HPE", "ProLiant DL380 Gen10", (6, 3), 11000, "hpe_server", "hpe", "server", 3, "2x Intel Xeon Silver 4214", 192,
          (Medium("ssd", "SATA", 240, count=2), Medium("hdd", "SAS", 2400, count=4)), ("Ubuntu Server", "22.04 LTS")),
    Model("server", "Lenovo", "ThinkSystem SR650", (5, 3), 10000, "lenovo_server", "lenovo", "server", 3, "2x Intel Xeon Silver 4210R", 128,
          (Medium("ssd", "SATA", 480, count=2), Medium("hdd", "SAS", 1200, count=2)), ("Windows Server", "2019 Standard")),
    # printers (no vetted weight)
    Model("printer", "HP", "LaserJet Pro M404dn", (5, 1), 350, "hp_printer", "hp_printer", "npi", 1,
          media=(Medium("other", "embedded flash", 0.25, embedded=True),), share=1.5),
    Model("printer", "HP", "Color LaserJet Pro MFP M479fdw", (5, 2), 600, "hp_printer", "hp_printer", "npi", 1,
          media=(Medium("other", "embedded flash", 0.5, embedded=True),)),
    Model("printer", "HP", "LaserJet Enterprise MFP M528dn", (4, 1), 1500, "hp_printer", "hp_printer", "npi", 1,
          media=(Medium("hdd", "SATA", 500),), share=0.7),
    Model("printer", "Brother", "HL-L5100DN", (8, 5), 250, "brother", "brother", "brn", 1,
          media=(Medium("other", "embedded flash", 0.128, embedded=True),)),
    # network gear (switches, routers and firewalls have no vetted weight; access points do)
    Model("network", "Cisco", "Catalyst 2960X-48FPD-L", (8, 6), 4000, "cisco", "cisco", "switch", 5,
          media=(Medium("other", "embedded flash", 0.128, embedded=True),), os=("Cisco IOS", "15.2(7)E"), kind="switch"),
    Model("network", "Cisco", "Catalyst 9200-24P", (5, 0), 3500, "cisco", "cisco", "switch", 5,
          media=(Medium("other", "embedded flash", 4, embedded=True),), os=("Cisco IOS XE", "17.9.4"), kind="switch", share=1.3),
    Model("network", "Cisco", "ISR 4331", (7, 4), 2500, "cisco", "cisco", "router", 5,
          media=(Medium("other", "embedded flash", 4, embedded=True),), os=("Cisco IOS XE", "17.6.5"), kind="router", share=0.4),
    Model("network", "Fortinet", "FortiGate 60F", (4, 0), 700, "fortigate", "fortinet", "firewall", 3,
          media=(Medium("other", "embedded flash", 16, embedded=True),), os=("FortiOS", "7.2.8"), kind="firewall", share=0.4),
    Model("network", "Cisco Meraki", "MR46", (4, 0), 900, "meraki", "meraki", "ap", 5,
          media=(Medium("other", "embedded flash", 0.5, embedded=True),), kind="ap", share=1.2),
    Model("network", "Aruba", "AP-515", (5, 2), 800, "aruba", "aruba", "ap", 5,
          media=(Medium("other", "embedded flash", 0.5, embedded=True),), kind="ap"),
    Model("network", "Ubiquiti", "UniFi U6-Pro", (3, 0), 150, "ubiquiti", "ubiquiti", "ap", 1,
          media=(Medium("other", "embedded flash", 0.128, embedded=True),), kind="ap", share=0.8),
    # phones
    Model("phone", "Apple", "iPhone 11", (6, 5), 699, "apple_old", "apple", "iphone", 1, ram=4, media=(Medium("mobile", "internal flash", 64),), os=("iOS", "17.6")),
    Model("phone", "Apple", "iPhone SE (2nd generation)", (5, 4), 399, "apple_old", "apple", "iphone", 1, ram=3, media=(Medium("mobile", "internal flash", 64),), os=("iOS", "17.6")),
    Model("phone", "Apple", "iPhone 13", (3, 1), 799, "apple", "apple", "iphone", 1, ram=4, media=(Medium("mobile", "internal flash", 128),), os=("iOS", "17.6"), share=1.8),
    Model("phone", "Samsung", "Galaxy S21", (4, 2), 799, "samsung_phone", "samsung", "android", 1, ram=8, media=(Medium("mobile", "internal flash", 128),), os=("Android", "14")),
    Model("phone", "Samsung", "Galaxy A52", (4, 3), 449, "samsung_phone", "samsung", "android", 1, ram=6, media=(Medium("mobile", "internal flash", 128),), os=("Android", "14")),
    # tablets
    Model("tablet", "Apple", "iPad (9th generation)", (3, 1), 329, "apple", "apple", "ipad", 1, ram=3, media=(Medium("mobile", "internal flash", 64),), os=("iPadOS", "17.6"), share=1.5),
    Model("tablet", "Apple", "iPad Air (4th generation)", (5, 4), 599, "apple", "apple", "ipad", 1, ram=4, media=(Medium("mobile", "internal flash", 64),), os=("iPadOS", "17.6")),
    Model("tablet", "Samsung", "Galaxy Tab S7", (5, 3), 649, "samsung_tab", "samsung", "android", 1, ram=6, media=(Medium("mobile", "internal flash", 128),), os=("Android", "13")),
    Model("tablet", "Microsoft", "Surface Pro 7", (6, 4), 899, "surface", "microsoft", "desktop", 1, "Intel Core i5-1035G4", 8, (Medium("ssd", "PCIe NVMe", 256),), W),
    # thin clients
    Model("thin_client", "Dell", "Wyse 5070", (7, 3), 450, "dell", "dell", "thin", 3, "Intel Celeron J4105", 4,
          (Medium("other", "eMMC", 16, embedded=True),), ("Dell ThinOS", "9.1")),
    Model("thin_client", "HP", "t640 Thin Client", (4, 1), 500, "hp_desktop", "hp_inc", "thin", 3, "AMD Ryzen R1505G", 8,
          (Medium("ssd", "M.2 SATA", 32),), ("HP ThinPro", "8.0")),
    # VoIP phones (no vetted weight)
    Model("voip", "Cisco", "IP Phone 8845", (7, 2), 600, "cisco_phone", "cisco", "sep", 1,
          media=(Medium("other", "embedded flash", 0.5, embedded=True),), os=("Cisco SIP firmware", "14.2(1)")),
)

#: Share of the fleet per category.
CATEGORY_MIX = {
    "laptop": 30, "desktop": 14, "monitor": 20, "phone": 10, "tablet": 4, "thin_client": 4,
    "server": 4, "network": 7, "printer": 4, "voip": 3,
}
REFRESH_YEARS = {
    "laptop": 4, "desktop": 5, "server": 5, "monitor": 6, "printer": 6, "network": 7,
    "phone": 3, "tablet": 3, "thin_client": 5, "voip": 7,
}

#: Drives fitted, by media type and class of machine: (manufacturer, model family, serial scheme).
DRIVES = {
    ("nvme", "client"): (("Samsung", "PM9A1", "samsung"), ("SK hynix", "PC711", "skhynix"), ("Kioxia", "BG4", "kioxia"),
                         ("Micron", "2300", "micron")),
    ("nvme", "server"): (("Samsung", "PM9A3", "samsung"), ("Micron", "7300 PRO", "micron")),
    ("ssd", "client"): (("Samsung", "PM871b", "samsung"), ("Micron", "1300", "micron"), ("Intel", "SSD 545s", "intel")),
    ("ssd", "server"): (("Samsung", "PM883", "samsung"), ("Micron", "5300 PRO", "micron"), ("Intel", "D3-S4510", "intel")),
    ("hdd", "client"): (("Western Digital", "WD Blue", "wd"), ("Seagate", "BarraCuda", "seagate")),
    ("hdd", "server"): (("Seagate", "Exos 10E2400", "seagate"),),
}

RETIRE_REASONS = ("End of refresh cycle", "Replaced by a newer model", "Beyond economic repair", "Leaver: returned, not reissued")
REPAIR_REASONS = {
    "laptop": ("Battery swelling", "Cracked screen", "Keyboard fault", "Fan noise and overheating"),
    "desktop": ("Will not power on", "PSU failure", "Drive SMART errors"),
    "server": ("PSU failure", "Failed drive in RAID set", "Memory errors (ECC)"),
    "monitor": ("Backlight failing", "Dead pixels"),
    "phone": ("Cracked screen", "Battery health below 80%"),
    "tablet": ("Cracked screen", "Charging port fault"),
    "printer": ("Fuser fault", "Paper feed jams"),
    "network": ("PoE ports failing", "Fan failure"),
    "thin_client": ("Will not boot", "Network port fault"),
    "voip": ("Handset cable fault", "Display fault"),
}
FIX_REASONS = ("Battery replaced", "Screen replaced", "Part replaced under warranty", "RAM upgraded to 16 GB", "Cleaned, thermal paste renewed")
LOST_REASONS = ("Stolen from a car (police report filed)", "Left on a train", "Not returned by a leaver", "Lost during the office move")
FOUND_REASONS = ("Found in a drawer during the stock take", "Returned by the employee", "Seen on the network again")
DESTROY_REASONS = ("Sanitization failed: media physically destroyed", "Policy: drives from Finance are destroyed, not wiped")


# --- the plan -----------------------------------------------------------------------------------------

@dataclass
class Step:
    kind: str  # move | sanitize | update
    target: str | None = None
    reason: str | None = None
    party: str | None = None
    assignee: str | None = None
    values: dict[str, Any] | None = None
    records: list[dict[str, Any]] = field(default_factory=list)  # sanitize: one per record, "medium" = index
    on: date | None = None  # move: when it happened
    outcome: dict[str, Any] | None = None  # move: value, cost, currency, weight_kg, parts


@dataclass
class AssetPlan:
    values: dict[str, Any]
    macs: list[str]
    ips: list[str]
    media: list[dict[str, Any]]
    steps: list[Step]
    model: Model
    fate: str


@dataclass(frozen=True)
class DemoSummary:
    seed: int
    today: date
    assets: int
    by_category: dict[str, int]
    by_status: dict[str, int]
    media: int
    sanitization_records: int
    history_entries: int
    flagged: int
    people: int
    locations: int
    parties: int
    cancelled: bool = False


_ALNUM = string.ascii_uppercase + string.digits
_CONSONANT_DIGITS = "0123456789BCDFGHJKLMNPQRSTVWXYZ"


class _Gen:
    """Identifiers in each manufacturer's format, unique across the fleet."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def _pick(self, alphabet: str, n: int) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(n))

    def unique(self, make: Callable[[], str]) -> str:
        while True:
            value = make()
            if value not in self.used:
                self.used.add(value)
                return value

    def serial(self, scheme: str, bought: date, mac: str | None) -> str:
        r, p = self.rng, self._pick
        week = f"{bought.isocalendar().week:02d}"
        year1 = str(bought.year % 10)

        def make() -> str:
            match scheme:
                case "dell":  # service tag
                    return p(_CONSONANT_DIGITS, 7)
                case "lenovo_pf":
                    return "PF" + p(_ALNUM, 6)
                case "lenovo_mj":
                    return "MJ0" + p(_ALNUM, 5)
                case "lenovo_server":
                    return "J30" + p(_ALNUM, 5)
                case "lenovo_monitor":
                    return "V5" + p(_ALNUM, 6)
                case "hp_laptop":
                    return r.choice(("5CG", "5CD")) + year1 + week + p(_ALNUM, 3)
                case "hp_desktop":
                    return r.choice(("MXL", "CZC")) + year1 + week + p(_ALNUM, 3)
                case "hp_monitor":
                    return "CNK" + year1 + week + p(_ALNUM, 3)
                case "hp_printer":
                    return r.choice(("VNB", "PHB", "CNB")) + p(_ALNUM, 2) + p(string.digits, 5)
                case "hpe_server":
                    return "CZJ" + year1 + week + p(_ALNUM, 3)
                case "dell_monitor":
                    return f"CN-0{p(_ALNUM, 5)}-{r.choice(('74261', '72872', 'QDC00'))}-{year1}{p(_ALNUM, 2)}-{p(_ALNUM, 4)}"
                case "apple":  # randomised 10-character serials (2021 on)
                    return p("0123456789CDFGHJKLMNPQRTVWXY", 10)
                case "apple_old":
                    return r.choice(("C02", "F2L", "DNP", "C39")) + p(_ALNUM, 9)
                case "cisco" | "cisco_phone":
                    site = r.choice(("FOC", "FCW", "JAE")) if scheme == "cisco" else "FCH"
                    return f"{site}{bought.year - 1996:02d}{week}{p(_ALNUM, 4)}"
                case "meraki":
                    return f"Q2{p(string.ascii_uppercase, 2)}-{p(_ALNUM, 4)}-{p(_ALNUM, 4)}"
                case "aruba":
                    return "CN" + p(_ALNUM, 8)
                case "ubiquiti":  # UniFi devices carry their MAC as serial
                    return (mac or "").replace(":", "").upper()
                case "fortigate":
                    return "FGT60FTK" + year1 + p(string.digits, 7)
                case "samsung_phone":
                    return "R58" + p(_ALNUM, 8)
                case "samsung_tab":
                    return "R52" + p(_ALNUM, 8)
                case "surface":
                    return p(string.digits, 12)
                case "brother":
                    return p(string.ascii_uppercase, 1) + p(string.digits, 5) + p(string.ascii_uppercase, 1) + "1N" + p(string.digits, 6)
            raise AssertionError(scheme)

        return self.unique(make)

    def drive_serial(self, scheme: str, capacity: float) -> str:
        p = self._pick

        def make() -> str:
            match scheme:
                case "samsung":
                    return "S" + p(_ALNUM, 3) + "NX0" + p(string.ascii_uppercase, 1) + p(string.digits, 6)
                case "skhynix":
                    return "CY0" + p(string.ascii_uppercase, 2) + p(string.digits, 9) + p(_ALNUM, 2)
                case "kioxia":
                    return "X0" + p(_ALNUM, 10)
                case "micron":
                    return f"{self.rng.randint(18, 24)}{self.rng.randint(1, 52):02d}" + p("0123456789ABCDEF", 8)
                case "intel":
                    return "PH" + p(string.ascii_uppercase, 2) + p(string.digits, 6) + p(string.ascii_uppercase, 2) + f"{int(capacity) % 1000:03d}" + p(string.ascii_uppercase, 3)
                case "seagate":
                    return self.rng.choice(("ZA", "WB", "W4")) + p(_ALNUM, 6)
                case "wd":
                    return "WD-WCC" + p(string.digits, 1) + p(string.ascii_uppercase, 1) + p(string.digits, 7)
                case "apple":
                    return "0ba0" + p("0123456789abcdef", 12)
            raise AssertionError(scheme)

        return self.unique(make)

    def mac(self, family: str) -> str:
        return self.unique(lambda: self.rng.choice(OUIS[family]) + ":" + ":".join(f"{self.rng.randrange(256):02X}" for _ in range(3)))


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _at(d: date, rng: random.Random) -> datetime:
    return datetime.combine(d, time(rng.randint(8, 18), rng.randint(0, 59), rng.randint(0, 59)))


class _Planner:
    def __init__(self, count: int, seed: int, today: date):
        self.rng = random.Random(seed)
        self.gen = _Gen(self.rng)
        self.count = count
        self.today = today
        self.people = [p for p in PEOPLE if p[2] != IT_DEPARTMENT]
        self.sites = {s.code: s for s in SITES}
        self.host_counter: Counter[str] = Counter()

    # -- one asset ---------------------------------------------------------------------------------
    def plan(self) -> list[AssetPlan]:
        rng = self.rng
        cats = list(CATEGORY_MIX)
        weights = [CATEGORY_MIX[c] for c in cats]
        plans = []
        for _ in range(self.count):
            category = rng.choices(cats, weights)[0]
            models = [m for m in CATALOGUE if m.category == category]
            model = rng.choices(models, [m.share for m in models])[0]
            plans.append(self._asset(model))
        # Tags are handed out at goods-in, so they follow the purchase date.
        plans.sort(key=lambda p: (p.values["purchase_date"], p.values["serial"]))
        for i, p in enumerate(plans, start=1):
            p.values["asset_tag"] = f"IT-{i:06d}"
        return plans

    def _purchase_date(self, model: Model) -> date:
        newest, oldest = model.years[1], model.years[0]
        # years[] count back from today: (7, 5) means bought between 7 and 5 years ago.
        start = self.today - timedelta(days=int(365.25 * oldest) + 364)
        end = self.today - timedelta(days=int(365.25 * newest) + (0 if newest else 7))
        start = max(start, self.today - timedelta(days=int(365.25 * 8)))
        span = max((end - start).days, 1)
        return start + timedelta(days=self.rng.randrange(span))

    def _asset(self, model: Model) -> AssetPlan:
        rng, gen = self.rng, self.gen
        bought = self._purchase_date(model)
        age = (self.today - bought).days / 365.25
        infra = model.category in ("server", "network", "printer")
        person = None if infra else rng.choice(self.people)
        site = DATA_CENTRE if model.category == "server" or model.kind in ("router", "firewall") else (
            self.sites[person[3]] if person else rng.choice(SITES)
        )
        fate = self._fate(model, age)
        if fate == "stock":
            person = None
        macs = []
        if model.oui:
            macs.append(gen.mac(model.oui))
        if model.wifi_oui:
            macs.append(gen.mac(model.wifi_oui))
        serial = gen.serial(model.serial, bought, macs[0] if macs else None)
        currency = site.currency
        cost = Decimal(str(round(model.usd * USD_RATE[currency] * rng.uniform(0.9, 1.04), 2))).quantize(Decimal("0.01"))
        values: dict[str, Any] = {
            "category": model.category,
            "manufacturer": model.manufacturer,
            "model": model.model,
            "serial": serial,
            "hostname": self._hostname(model, site, person, macs),
            "purchase_date": bought,
            "purchase_cost": cost,
            "currency": currency,
            "warranty_end": _add_years(bought, model.warranty),
            "department": person[2] if person else IT_DEPARTMENT,
            "location": STORE_ROOM.location if fate == "stock" else site.location,
            "assignee": f"{person[1]}@{EMAIL_DOMAIN}" if person else None,
            "condition_grade": self._grade_in_use(age),
        }
        if model.cpu:
            values["cpu"] = model.cpu
        if model.ram:
            values["ram_gb"] = float(model.ram)
        if model.media and model.category not in ("printer", "network", "voip"):
            values["storage_gb"] = float(sum(m.capacity_gb * m.count for m in model.media))
        if model.os:
            name, version = model.os
            if name == "Windows":
                name, version = ("Windows 11 Enterprise", "23H2") if bought.year >= self.today.year - 2 else ("Windows 10 Enterprise", "22H2")
            values["os_name"], values["os_version"] = name, version
        weight = WIFI_AP_WEIGHT_KG if model.kind == "ap" else DEFAULT_WEIGHT_KG.get(model.category)
        if weight is not None:
            values["weight_kg"] = weight
        if model.category != "monitor":
            values["first_seen"] = _at(bought + timedelta(days=rng.randint(3, 20)), rng)
        if rng.random() < 0.06:
            values["notes"] = rng.choice((
                "Docking station issued with it", "Keyboard replaced under warranty", "Asset label re-printed",
                "Bought through the framework agreement", "Spare power supply in the store room",
            ))
        media = []
        for spec in model.media:
            for _ in range(spec.count):
                media.append(self._medium(model, spec))
        ips = []
        if infra or model.category == "voip":
            self.host_counter[f"ip:{site.subnet}"] += 1
            n = self.host_counter[f"ip:{site.subnet}"]
            ips.append(f"{site.subnet}.{1 + n // 200}.{10 + n % 200}")
        plan = AssetPlan(values, macs, ips, media, [], model, fate)
        plan.steps = self._steps(plan, bought, age, person)
        return plan

    def _medium(self, model: Model, spec: Medium) -> dict[str, Any]:
        rng, gen = self.rng, self.gen
        m: dict[str, Any] = {"media_type": spec.media_type, "interface": spec.interface, "capacity_gb": spec.capacity_gb}
        if spec.embedded:
            m["manufacturer"] = model.manufacturer
            m["model"] = f"{model.model} {spec.interface}"
            return m
        if spec.media_type == "mobile":
            m["manufacturer"] = model.manufacturer
            m["model"] = f"{model.model} internal storage"
            return m
        if spec.interface == "Apple fabric":
            m.update(manufacturer="Apple", model=f"APPLE SSD AP{int(spec.capacity_gb):04d}Q", serial=gen.drive_serial("apple", spec.capacity_gb))
            return m
        kind = "server" if model.category == "server" else "client"
        maker, drive_model, scheme = rng.choice(DRIVES[(spec.media_type, kind)])
        m.update(manufacturer=maker, model=drive_model, serial=gen.drive_serial(scheme, spec.capacity_gb))
        return m

    def _hostname(self, model: Model, site: Site, person: tuple | None, macs: list[str]) -> str | None:
        rng, p = self.rng, self.gen._pick
        first = (person[1].split(".")[0].capitalize() if person else "IT")
        mac_hex = macs[0].replace(":", "").upper() if macs else ""
        match model.host:
            case "laptop":
                return self.gen.unique(lambda: "LAPTOP-" + p(_ALNUM, 8))
            case "desktop":
                return self.gen.unique(lambda: "DESKTOP-" + p(_ALNUM, 7))
            case "mac":
                return self.gen.unique(lambda: f"{first}s-MacBook-{'Pro' if 'Pro' in model.model else 'Air'}" + (f"-{rng.randint(2, 9)}" if rng.random() < 0.3 else ""))
            case "imac":
                return self.gen.unique(lambda: f"{first}s-iMac" + (f"-{rng.randint(2, 9)}" if rng.random() < 0.3 else ""))
            case "iphone":
                return self.gen.unique(lambda: f"{first}s-iPhone" + (f"-{rng.randint(2, 9)}" if rng.random() < 0.4 else ""))
            case "ipad":
                return self.gen.unique(lambda: f"{first}s-iPad" + (f"-{rng.randint(2, 9)}" if rng.random() < 0.4 else ""))
            case "android":
                return self.gen.unique(lambda: "android-" + self.gen._pick("0123456789abcdef", 16))
            case "server":
                role = rng.choice(("db", "app", "file", "vm", "backup", "web"))
                self.host_counter[f"srv-{role}"] += 1
                return f"srv-{site.code}-{role}{self.host_counter[f'srv-{role}']:02d}"
            case "switch" | "router" | "firewall" | "ap":
                prefix = {"switch": "sw", "router": "rtr", "firewall": "fw", "ap": "ap"}[model.host]
                key = f"{prefix}-{site.code}"
                self.host_counter[key] += 1
                floor = "" if prefix in ("rtr", "fw") else f"{rng.randint(1, 6)}f-"
                return f"{prefix}-{site.code}-{floor}{self.host_counter[key]:02d}"
            case "npi":  # HP's default: NPI + the last six hex digits of the MAC
                return "NPI" + mac_hex[-6:]
            case "brn":  # Brother's default: BRN + the whole MAC
                return "BRN" + mac_hex
            case "sep":  # Cisco IP phones: SEP + the whole MAC
                return "SEP" + mac_hex
            case "thin":
                self.host_counter[f"tc-{site.code}"] += 1
                return f"TC-{site.code.upper()}-{self.host_counter[f'tc-{site.code}']:03d}"
        return None

    def _grade_in_use(self, age: float) -> str:
        r = self.rng.random()
        if age < 1:
            return "A"
        if age < 3:
            return "A" if r < 0.3 else "B"
        return "B" if r < 0.55 else "C"

    # -- what happens to it ------------------------------------------------------------------------
    def _fate(self, model: Model, age: float) -> str:
        rng = self.rng
        ratio = age / REFRESH_YEARS[model.category]
        if age < 0.3:
            table = {"stock": 45, "deployed": 55}
        elif ratio < 0.75:
            table = {"deployed": 72, "repaired": 7, "in_repair": 4, "stock": 3, "lost": 3, "found_lost": 3,
                     "missing": 4, "found_missing": 3, "missing_lost": 1}
        elif ratio < 1.25:
            table = {"deployed": 48, "repaired": 7, "in_repair": 3, "retired": 5, "awaiting": 4, "sanitized": 3,
                     "redeployed": 6, "restocked": 3, "refurbishing": 2, "in_transit": 2, "sold": 4, "donated": 2,
                     "missing": 3, "lost": 2, "found_lost": 2, "found_missing": 2, "destroyed": 2}
        else:
            table = {"deployed": 16, "repaired": 4, "retired": 6, "awaiting": 5, "sanitized": 4, "in_transit": 5,
                     "sold": 12, "donated": 6, "harvested": 6, "harvested_recycled": 5, "recycled": 14,
                     "destroyed": 6, "lost": 2, "found_lost": 1, "missing": 2, "redeployed": 2}
        if model.category not in ("laptop", "desktop", "server", "network"):
            # Harvest only where the policy sees parts worth recovering.
            table.pop("harvested", None)
            recycled = table.pop("harvested_recycled", 0)
            if recycled:
                table["recycled"] = table.get("recycled", 0) + recycled
        if age > 8:
            table.pop("sold", None)
            table.pop("donated", None)
        keys = list(table)
        return rng.choices(keys, [table[k] for k in keys])[0]

    def _steps(self, plan: AssetPlan, bought: date, age: float, person: tuple | None) -> list[Step]:
        rng, model, fate = self.rng, plan.model, plan.fate
        category = model.category
        data = bool(plan.media)
        steps: list[Step] = []
        values = plan.values
        # When it was taken out of use: around the end of its planned life, never in the future.
        planned = REFRESH_YEARS[category] * rng.uniform(0.8, 1.3)
        retire_on = min(bought + timedelta(days=int(planned * 365.25)), self.today - timedelta(days=rng.randint(12, 200)))
        retire_on = max(retire_on, bought + timedelta(days=60))
        last_seen_in_use = _at(self.today - timedelta(days=rng.randint(0, 6)), rng)

        clock = [bought + timedelta(days=rng.randint(2, 14))]

        def move(target: str, reason: str | None = None, party: str | None = None, assignee: str | None = None,
                 *, on: date | None = None, after: tuple[int, int] = (1, 20), **outcome: Any) -> None:
            # Moves happen in order, days or weeks apart, never after today.
            when = on or clock[0] + timedelta(days=rng.randint(*after))
            when = min(max(when, clock[0]), self.today)
            clock[0] = when
            steps.append(Step("move", target=target, reason=reason, party=party, assignee=assignee, on=when,
                              outcome=outcome or None))

        def update(reason: str, **changes: Any) -> None:
            steps.append(Step("update", values=changes, reason=reason))

        def sanitize(how: str) -> None:
            if not data:
                return
            records = []
            when = retire_on + timedelta(days=rng.randint(3, 30))
            for i, m in enumerate(plan.media):
                records.extend(self._records(i, m, how, when, category))
            steps.append(Step("sanitize", records=records))

        if fate == "stock":
            values["condition_grade"] = "A"
            values.pop("first_seen", None)
            return steps
        move("deployed", on=clock[0])
        if category != "monitor" and fate in ("deployed", "repaired", "in_repair", "redeployed"):
            values["last_seen"] = last_seen_in_use
        if fate == "deployed":
            return steps
        if fate in ("repaired", "in_repair"):
            move("in_repair", rng.choice(REPAIR_REASONS[category]),
                 on=bought + timedelta(days=int((self.today - bought).days * rng.uniform(0.5, 0.95))))
            update("Graded on arrival at the repair bench", condition_grade="D")
            if fate == "repaired":
                fix = rng.choice(FIX_REASONS if category == "laptop" else FIX_REASONS[2:] if category in ("desktop", "server") else FIX_REASONS[:3])
                if fix.startswith("RAM") and (values.get("ram_gb") or 16) < 16:
                    update(fix, ram_gb=16.0)
                update("Regraded after repair", condition_grade="B")
                parts = ("ram:16",) if fix.startswith("RAM") else ("ssd:512",) if "SSD" in fix else ()
                move("deployed", fix, after=(5, 30), parts=parts, cost=self._money(plan, 0.04, 0.12))
            return steps
        if fate in ("lost", "found_lost", "missing", "found_missing", "missing_lost"):
            gone = self.today - timedelta(days=rng.randint(35, 400))
            if category != "monitor":
                values["last_seen"] = _at(gone, rng)
            if fate.startswith("missing") or fate == "found_missing":
                move("missing", on=gone + timedelta(days=14))
            if fate in ("lost", "found_lost", "missing_lost"):
                move("lost_stolen", rng.choice(LOST_REASONS), on=gone + timedelta(days=rng.randint(1, 30)))
            if fate.startswith("found"):
                move("in_stock", rng.choice(FOUND_REASONS), after=(10, 120))
                if category != "monitor":
                    values["last_seen"] = last_seen_in_use
            return steps

        # Everything below was taken out of use.
        if category != "monitor":
            values["last_seen"] = _at(retire_on, rng)
        reason = "Beyond economic repair" if fate in ("destroyed", "harvested", "harvested_recycled") else rng.choice(RETIRE_REASONS[:2] + RETIRE_REASONS[3:])
        move("retired", reason, on=retire_on)
        grade = {"sold": "BC", "donated": "BC", "redeployed": "AB", "restocked": "CD", "refurbishing": "CD",
                 "harvested": "DF", "harvested_recycled": "DF", "recycled": "CDF", "destroyed": "DF"}.get(fate, "BCD")
        update("Graded at retirement", condition_grade=rng.choice(grade))
        if fate == "retired":
            return steps
        if fate == "refurbishing":
            move("refurbishing")
            return steps
        if fate == "restocked":
            move("refurbishing")
            move("awaiting_sanitization")
            sanitize("wipe")
            update("Regraded after refurbishment", condition_grade="B")
            move("in_stock", "Refurbished: new battery, reimaged", after=(10, 40), cost=self._money(plan, 0.05, 0.1))
            return steps
        if fate in ("harvested", "harvested_recycled"):
            ram = int(values.get("ram_gb") or 0)
            move("harvested", "RAM and PSU recovered for spares", after=(5, 60),
                 parts=(f"ram:{ram}",) if ram else ())
            if fate == "harvested_recycled":
                sanitize("destroy")
                move("recycled", party=RECYCLER, after=(20, 120), **self._recycling(plan))
            return steps
        if fate == "destroyed":
            move("awaiting_sanitization")
            sanitize("fail_then_destroy")
            move("destroyed", rng.choice(DESTROY_REASONS), party=ITAD_VENDOR, after=(20, 60),
                 cost=self._money(plan, 0.01, 0.02))
            return steps
        move("awaiting_sanitization")
        if fate == "awaiting":
            # Some have a first attempt on record that does not count yet.
            if data and rng.random() < 0.5:
                sanitize("unverified")
            return steps
        sanitize("wipe" if fate != "recycled" or rng.random() < 0.6 else "destroy")
        move("sanitized")
        if fate == "sanitized":
            return steps
        if fate == "redeployed":
            other = rng.choice(self.people)
            values["last_seen"] = last_seen_in_use
            move("deployed", assignee=f"{other[1]}@{EMAIL_DOMAIN}", after=(5, 40))
            return steps
        if fate in ("in_transit", "recycled") or (fate == "sold" and rng.random() < 0.3):
            move("in_transit", party=ITAD_VENDOR)
        if fate == "in_transit":
            return steps
        if fate == "sold":
            move("sold", party=BUYER, after=(10, 90), value=self._money(plan, 0.08, 0.25),
                 cost=self._money(plan, 0.01, 0.02))
        elif fate == "donated":
            move("donated", party=CHARITY, after=(10, 90))
        elif fate == "recycled":
            move("recycled", party=RECYCLER, after=(10, 90), **self._recycling(plan))
        return steps

    def _money(self, plan: AssetPlan, low: float, high: float) -> dict[str, Any] | Decimal:
        """A share of the purchase cost, in the asset's currency (the move gets its currency from the plan)."""
        cost = plan.values["purchase_cost"]
        return (cost * Decimal(str(round(self.rng.uniform(low, high), 3)))).quantize(Decimal("0.01"))

    def _recycling(self, plan: AssetPlan) -> dict[str, Any]:
        """The recycler weighs what it takes and charges for it."""
        out: dict[str, Any] = {"cost": self._money(plan, 0.005, 0.01)}
        if plan.values.get("weight_kg"):
            out["weight_kg"] = round(plan.values["weight_kg"] * self.rng.uniform(0.97, 1.03), 2)
        return out

    def _records(self, index: int, m: dict[str, Any], how: str, when: date, category: str) -> list[dict[str, Any]]:
        rng = self.rng
        media_type = m["media_type"]
        operator = rng.choice(IT_OPERATORS)
        performed = _at(when, rng)
        # (category, technique key, the tool's own label, tool, verification)
        wipe = {
            "hdd": ("clear", "overwrite", "PRNG Stream", "nwipe 0.36", "full"),
            "ssd": ("purge", "block_erase", "ATA Sanitize, block erase", "hdparm 9.65", "sampling"),
            "nvme": ("purge", "nvme_sanitize", "NVMe Sanitize, crypto erase", "nvme-cli 2.8", "sampling"),
            "mobile": ("purge", "factory_reset_crypto_erase", "Factory reset with crypto erase", "MDM wipe", "full"),
            "other": ("clear", "overwrite", "Factory reset, configuration and logs erased", "vendor CLI", "full"),
        }[media_type]
        if m.get("interface") == "Apple fabric":
            wipe = ("purge", "crypto_erase", "Erase All Content and Settings", "Apple Configurator", "full")
        crush = "disintegrate" if media_type in ("ssd", "nvme", "mobile", "other") else "shred"
        crush_label = "Disintegrate (2 mm particles)" if crush == "disintegrate" else "Shred (20 mm)"
        base = {"medium": index, "operator": operator, "ended_at": performed}

        def wiped(result: str, verified: bool, notes: str) -> dict[str, Any]:
            verification = wipe[4] if verified else "none"
            return {
                **base, "category": wipe[0], "technique": wipe[1], "tool_label": wipe[2], "tool": wipe[3],
                "result": result, "verification": verification,
                "verification_pct": 10.0 if verification == "sampling" else None,
                "verification_result": "pass" if verified else None,
                "hidden_areas": "none_found" if media_type in ("hdd", "ssd") else "not_applicable",
                "verifier": rng.choice(IT_OPERATORS) if verified else None,
                "destination": "external_reuse" if verified else None, "notes": notes,
            }

        def destroyed(extra: dict[str, Any], notes: str) -> dict[str, Any]:
            return {**base, **extra, "operator": ITAD_OPERATOR, "category": "destroy", "technique": crush,
                    "tool_label": crush_label, "result": "pass", "destination": "destroyed", "notes": notes}

        if how == "wipe":
            records = []
            if rng.random() < 0.08:
                # A first pass that stopped; the second one passed.
                records.append(wiped(rng.choice(("fail", "aborted")), False, "Stopped with write errors; run again"))
                base = {**base, "ended_at": performed + timedelta(hours=rng.randint(1, 20))}
            records.append(wiped("pass", True, "Full verification" if wipe[4] == "full" else "Verified by sampling (10%)"))
            return records
        if how == "unverified":
            return [wiped("pass", False, "Awaiting verification")]
        if how == "fail_then_destroy":
            return [
                wiped("fail", False, "Reallocated sectors: the overwrite could not reach every block"),
                destroyed({"ended_at": performed + timedelta(days=rng.randint(2, 10))}, "Destroyed on site, witnessed"),
            ]
        assert how == "destroy"
        return [destroyed({}, "Destroyed at the ITAD facility")]


def plan_demo(*, count: int = 300, seed: int = 7, today: date | None = None) -> list[AssetPlan]:
    """The fleet the demo would write, planned in memory (deterministic for ``count``, ``seed``, ``today``)."""
    if count < 1:
        raise ValidationError(tr("the demo needs at least one asset"))
    return _Planner(count, seed, today or date.today()).plan()


# --- writing it -------------------------------------------------------------------------------------

def _ensure_reference_data(services: Services) -> None:
    ctx = services.ctx
    parties = PartyService(ctx)
    with ctx.db.read() as s:
        known_parties = set(s.scalars(select(Party.name)))
    for name, kind, certs in PARTIES:
        if name not in known_parties:
            parties.add(name, kind, certifications=certs)
    with ctx.db.write() as s:
        known = set(s.scalars(select(Location.name)))
        for site in (*SITES, DATA_CENTRE, STORE_ROOM):
            if site.location not in known:
                s.add(Location(name=site.location, address=site.address, country="GB" if site.currency == "GBP" else "CN"))
        emails = set(s.scalars(select(Person.email)))
        for i, (name, local, department, _site) in enumerate(PEOPLE, start=1):
            email = f"{local}@{EMAIL_DOMAIN}"
            if email not in emails:
                s.add(Person(name=name, email=email, employee_no=f"NW{1000 + i:05d}", department=department))


def generate_demo(
    services: Services,
    *,
    count: int = 300,
    seed: int = 7,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> DemoSummary:
    """Fill an empty database with a demo fleet through the ordinary services.

    Refuses a database that already holds assets. Writes in many short transactions; when cancelled it
    stops between two of them and returns a summary with ``cancelled=True`` (what was written stays,
    consistent and in the history).
    """
    today = today or date.today()
    ctx = services.ctx
    ctx.require(security.DEMO)
    with ctx.db.read() as s:
        existing = s.scalar(select(func.count()).select_from(Asset))
    if existing:
        raise ValidationError(
            tr(
                "the database already holds {existing} assets; demo data goes only into an empty database "
                "(start a new one with --db)",
                existing=existing,
            )
        )
    plans = plan_demo(count=count, seed=seed, today=today)
    total = len(plans) + sum(len(p.steps) for p in plans)
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, total)

    def cancelled() -> bool:
        return bool(is_cancelled and is_cancelled())

    _ensure_reference_data(services)

    # Goods-in: one transaction per delivery batch, one operation per batch.
    ids: dict[str, int] = {}
    media_ids: dict[str, list[int]] = {}
    batch = 50
    for start in range(0, len(plans), batch):
        if cancelled():
            return _summary(services, seed, today, cancelled=True)
        chunk = plans[start : start + batch]
        with ctx.unit_of_work(operation=ctx.new_operation_id()) as uow:
            for p in chunk:
                bought = p.values["purchase_date"]
                reason = f"Goods received against PO-{bought:%Y%m}-{1 + bought.day // 8:02d}"
                asset = services.assets.create_in(
                    uow, {k: v for k, v in p.values.items() if v is not None},
                    macs=p.macs, ips=p.ips, media=p.media, reason=reason,
                )
                ids[p.values["asset_tag"]] = asset.id
            uow.session.flush()
            rows = uow.session.execute(
                select(StorageMedium.asset_id, StorageMedium.id)
                .where(StorageMedium.asset_id.in_([ids[p.values["asset_tag"]] for p in chunk]))
                .order_by(StorageMedium.id)
            )
            for asset_id, medium_id in rows:
                media_ids.setdefault(asset_id, []).append(medium_id)
        tick(len(chunk))

    # Lives: round r applies every asset's r-th step, so histories interleave as they would.
    rounds = max((len(p.steps) for p in plans), default=0)
    for r in range(rounds):
        current = [(p, p.steps[r]) for p in plans if len(p.steps) > r]
        sanitize = [(p, st) for p, st in current if st.kind == "sanitize"]
        updates = [(p, st) for p, st in current if st.kind == "update"]
        moves = [(p, st) for p, st in current if st.kind == "move"]
        if cancelled():
            return _summary(services, seed, today, cancelled=True)
        if sanitize:
            with ctx.unit_of_work() as uow:
                for p, st in sanitize:
                    tag = p.values["asset_tag"]
                    asset = uow.session.get(Asset, ids[tag])
                    for rec in st.records:
                        fields = {k: v for k, v in rec.items() if k != "medium"}
                        fields["ended_at"] = min(fields["ended_at"], utcnow())
                        record_sanitization(uow, asset, media_ids[ids[tag]][rec["medium"]], WipeEntry(**fields))
            tick(len(sanitize))
        if updates:
            with ctx.unit_of_work() as uow:
                for p, st in updates:
                    asset = uow.session.get(Asset, ids[p.values["asset_tag"]])
                    services.assets.update_in(uow, asset, st.values, reason=st.reason)
            tick(len(updates))
        # Moves that share target, reason and party go as one bulk move, as a person would do them.
        groups: dict[tuple, list[str]] = {}
        for p, st in moves:
            tag = p.values["asset_tag"]
            if st.assignee or st.outcome:
                if cancelled():
                    return _summary(services, seed, today, cancelled=True)
                outcome = dict(st.outcome or {})
                parts = tuple(Part.parse("fitted" if st.target != "harvested" else "recovered", x)
                              for x in outcome.pop("parts", ()))
                if "value" in outcome or "cost" in outcome:
                    outcome["currency"] = p.values["currency"]
                services.lifecycle.move(tag, st.target, reason=st.reason, party=st.party, assignee=st.assignee,
                                        occurred_at=st.on, parts=parts, **outcome)
                tick(1)
            else:
                groups.setdefault((st.target, st.reason, st.party, st.on), []).append(tag)
        for (target, reason, party, on), tags in groups.items():
            if cancelled():
                return _summary(services, seed, today, cancelled=True)
            if len(tags) == 1:
                services.lifecycle.move(tags[0], target, reason=reason, party=party, occurred_at=on)
            else:
                services.lifecycle.move_many(tags, target, reason=reason, party=party, occurred_at=on)
            tick(len(tags))
    services.db.analyze()
    return _summary(services, seed, today)


def _summary(services: Services, seed: int, today: date, *, cancelled: bool = False) -> DemoSummary:
    with services.ctx.db.read() as s:
        by_category = dict(s.execute(select(Asset.category, func.count()).group_by(Asset.category).order_by(Asset.category)).all())
        by_status = dict(s.execute(select(Asset.status, func.count()).group_by(Asset.status).order_by(Asset.status)).all())

        def count(model: type) -> int:
            return s.scalar(select(func.count()).select_from(model)) or 0

        return DemoSummary(
            seed=seed,
            today=today,
            assets=sum(by_category.values()),
            by_category=by_category,
            by_status=by_status,
            media=count(StorageMedium),
            sanitization_records=count(SanitizationRecord),
            history_entries=count(HistoryEntry),
            flagged=s.scalar(select(func.count()).select_from(Asset).where(Asset.flag.is_not(None))) or 0,
            people=count(Person),
            locations=count(Location),
            parties=count(Party),
            cancelled=cancelled,
        )


__all__ = ["DemoSummary", "generate_demo", "plan_demo"]
