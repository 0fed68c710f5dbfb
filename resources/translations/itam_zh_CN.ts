<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AssetDialog</name>
    <message>
        <location filename="../../ui/dialogs/asset_dialog.py" line="+36"/>
        <source>Created</source>
        <extracomment>History actions as a person would say them.</extracomment>
        <translation>创建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edited</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lifecycle move</source>
        <translation>生命周期变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Storage medium added</source>
        <translation>添加存储介质</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Storage medium changed</source>
        <translation>存储介质已修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Storage medium removed</source>
        <translation>移除存储介质</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address added</source>
        <translation>添加地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address removed</source>
        <translation>移除地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag cleared</source>
        <translation>清除标记</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Status</source>
        <extracomment>Names of the lifecycle-owned values and addresses that are not asset fields.</extracomment>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Circular lever</source>
        <translation>循环杠杆</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag reason</source>
        <translation>标记原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held by</source>
        <translation>持有方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MAC address</source>
        <translation>MAC 地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IP address</source>
        <translation>IP 地址</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Hard disk</source>
        <extracomment>Storage media kinds (itam.services.assets.MEDIA_TYPES).</extracomment>
        <translation>机械硬盘</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SSD</source>
        <translation>固态硬盘</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NVMe SSD</source>
        <translation>NVMe 固态硬盘</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>USB flash drive</source>
        <translation>U 盘</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Memory card</source>
        <translation>存储卡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mobile device storage</source>
        <translation>移动设备存储</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tape</source>
        <translation>磁带</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>desktop app</source>
        <extracomment>Widest the history columns get when fitted to their contents. Where an action came from (Actor.source).</extracomment>
        <translation>桌面应用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>discovery</source>
        <translation>网络发现</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>system</source>
        <translation>系统</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Asset {label}</source>
        <translation>资产 {label}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Storage media ({n})</source>
        <translation>存储介质（{n}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History ({n})</source>
        <translation>历史记录（{n}）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{label}:</source>
        <translation>{label}：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>MAC addresses</source>
        <translation>MAC 地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IP addresses</source>
        <translation>IP 地址</translation>
    </message>
    <message>
        <location line="-152"/>
        <location line="+164"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="-163"/>
        <location line="+164"/>
        <source>Interface</source>
        <translation>接口</translation>
    </message>
    <message>
        <location line="-163"/>
        <location line="+167"/>
        <source>Capacity (GB)</source>
        <translation>容量 (GB)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sanitized</source>
        <translation>已清除数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Removed</source>
        <translation>已拆除</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No storage media recorded for this asset.</source>
        <translation>此资产没有登记存储介质。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{actor} ({source})</source>
        <translation>{actor}（{source}）</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Moved: {transition}</source>
        <translation>变更：{transition}</translation>
    </message>
</context>
<context>
    <name>AssetTableModel</name>
    <message>
        <location filename="../../ui/models/asset_table.py" line="+55"/>
        <source>Status</source>
        <extracomment>Role carrying the asset&apos;s database id (an int). Role carrying the whole frozen AssetRow.</extracomment>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Found again after being lost or missing</source>
        <extracomment>Flags that lifecycle transitions set (resources/lifecycle.toml), as a person would read them.</extracomment>
        <translation>丢失或未发现后重新找到</translation>
    </message>
    <message>
        <location line="+222"/>
        <source>Flagged for review: {flag}</source>
        <extracomment>The number of assets matching the current filter, once counted (on a worker). A batch could not be read (the message is for the user).</extracomment>
        <translation>需要复核：{flag}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>This column cannot be sorted</source>
        <translation>此列不能排序</translation>
    </message>
</context>
<context>
    <name>DiscoveryPage</name>
    <message>
        <location filename="../../ui/pages/discovery.py" line="+87"/>
        <source>Quick sweep</source>
        <extracomment>Profile keys (itam.discovery.model.PROFILES) as a person reads them, and what each does.</extracomment>
        <translation>快速探测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deep</source>
        <translation>深度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Finds which hosts are up (ping sweep, no port scan). Takes seconds; as root it also reads MAC addresses and vendors on the local network.</source>
        <translation>找出在线的主机（Ping 探测，不扫描端口）。只需几秒；以 root 运行时还能读取本地网络上的 MAC 地址和厂商。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checks the ports that tell device kinds apart (printers, phones, Windows PCs …) and names their services. About 20 s for 50 hosts.</source>
        <translation>检查能区分设备种类的端口（打印机、手机、Windows 电脑……）并识别其服务。50 台主机约需 20 秒。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Standard plus the top 200 ports, full service detection and name scripts (NetBIOS, SMB, HTTP titles). OS detection and UDP/SNMP need root (administrator on Windows). Several minutes per subnet.</source>
        <translation>在标准扫描之外再扫描最常用的 200 个端口，进行完整的服务识别并运行名称脚本（NetBIOS、SMB、HTTP 标题）。操作系统识别和 UDP/SNMP 需要 root（Windows 上需要管理员）权限。每个子网需要几分钟。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>no MAC addresses or vendors</source>
        <extracomment>What a scan could not see (itam.discovery.runner.LIMIT_*), in the current language.</extracomment>
        <translation>无 MAC 地址和厂商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no OS detection</source>
        <translation>无操作系统识别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no UDP/SNMP</source>
        <translation>无 UDP/SNMP</translation>
    </message>
    <message>
        <location line="+412"/>
        <source>Discovery</source>
        <extracomment>Widest a column gets when fitted to its contents (the user can widen it further). Milliseconds after the last change of the &quot;days&quot; box before the missing list is read again. Colour of the inline target error (a dark red that reads on light and dark backgrounds alike). The inventory changed (devices accepted, assets seen by a scan, marked missing, a conflict applied). A scan or import has been shown (its outcome), or failed (None). For tests and the window. The review queue, conflicts and missing lists have been read again. The latest message box the page opened (kept for tests; None once closed).</extracomment>
        <translation>网络发现</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>&amp;Targets:</source>
        <translation>目标(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 198.18.0.0/24, 10.0.0.5-40, printer-3f</source>
        <translation>例如 198.18.0.0/24, 10.0.0.5-40, printer-3f</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Addresses, CIDR blocks (198.18.0.0/24), ranges (10.0.0.5-40) or host names, separated by commas or spaces. Press Enter to start.</source>
        <translation>地址、CIDR 网段（198.18.0.0/24）、地址范围（10.0.0.5-40）或主机名，用逗号或空格分隔。按回车键开始。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Profile:</source>
        <translation>扫描方式(&amp;P)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Start scan</source>
        <translation>开始扫描(&amp;S)</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Scan the targets with nmap {version} (Enter)</source>
        <translation>用 nmap {version} 扫描目标（回车键）</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the scan; the hosts found so far are kept (Esc)</source>
        <translation>停止扫描；保留已找到的主机（Esc）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import nmap XML…</source>
        <translation>导入 nmap XML(&amp;I)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reconcile a scan made elsewhere (nmap -oX FILE …); needs no nmap on this computer</source>
        <translation>核对在别处完成的扫描（nmap -oX 文件 …）；本机无需安装 nmap</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Categor&amp;y:</source>
        <translation>类别(&amp;Y)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As classified</source>
        <translation>按识别结果</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The category the accepted assets get (instead of the classifier&apos;s)</source>
        <translation>接收的资产使用此类别（代替自动识别的类别）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asset &amp;tag:</source>
        <translation>资产编号(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An asset tag for the one selected device; needed for devices without a MAC address</source>
        <translation>为选中的一台设备指定资产编号；没有 MAC 地址的设备必须填写</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Accept into inventory</source>
        <translation>接收入库(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create an asset for each selected device</source>
        <translation>为每台选中的设备创建资产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I&amp;gnore for good</source>
        <translation>永久忽略(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Later scans still count these devices but never queue them again</source>
        <translation>以后的扫描仍会统计这些设备，但不会再将其列入待审核</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A scan saw values that differ from what a person entered; a person&apos;s entry wins until you apply the scanned one.</source>
        <translation>扫描到的值与人工录入的值不同；在您采用扫描值之前，以人工录入为准。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A&amp;pply scanned value</source>
        <translation>采用扫描值(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dismiss</source>
        <translation>驳回(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not seen by discovery for at least</source>
        <translation>网络发现未见的天数至少为</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mark as missing…</source>
        <translation>标记为未发现(&amp;M)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move these assets to the status Missing (recorded in their history)</source>
        <translation>将这些资产的状态改为“未发现”（记入其历史记录）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Scan the targets with nmap (Enter)</source>
        <translation>用 nmap 扫描目标（回车键）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Hosts ({n})</source>
        <translation>主机（{n}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review queue ({n})</source>
        <translation>待审核（{n}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflicts ({n})</source>
        <translation>冲突（{n}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing ({n})</source>
        <translation>未发现（{n}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No devices waiting for review. Scan or import to find new ones.</source>
        <translation>没有待审核的设备。扫描或导入以发现新设备。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select devices (Ctrl/Shift-click for several), then accept or ignore them.</source>
        <translation>选择设备（按住 Ctrl/Shift 点击可多选），然后接收或忽略。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Scanning is off: nmap was not found. Importing nmap XML files still works.</source>
        <translation>扫描不可用：未找到 nmap。仍可导入 nmap XML 文件。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Running as root: MAC addresses, vendors, OS detection and UDP probes are available.</source>
        <translation>以 root 运行：可获取 MAC 地址、厂商、操作系统识别和 UDP 探测。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Running without root: {limits}. Hosts and open ports are still found.</source>
        <translation>未以 root 运行：{limits}。仍能发现主机和开放端口。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Running without root: {limits}.</source>
        <translation>未以 root 运行：{limits}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This scan could not see: {limits}.</source>
        <translation>本次扫描未能获取：{limits}。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancelling {scan}…</source>
        <translation>正在取消 {scan}…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scanning {scan}…</source>
        <translation>正在扫描 {scan}…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scanning {scan}… hosts found so far: {n}</source>
        <translation>正在扫描 {scan}… 已找到主机：{n}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Importing {file}…</source>
        <translation>正在导入 {file}…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Enter targets and start a scan, or import an nmap XML file.</source>
        <translation>输入目标并开始扫描，或导入 nmap XML 文件。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cancelled — 1 host found so far was kept.</source>
        <translation>已取消 — 保留了已找到的 1 台主机。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Cancelled — %n hosts found so far were kept.</source>
        <translation>
            <numerusform>已取消 — 保留了已找到的 %n 台主机。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hosts up: {up} · matched: {matched} · new: {new} · flagged: {flagged} · ignored: {ignored}</source>
        <translation>在线主机：{up} · 已匹配：{matched} · 新设备：{new} · 已标记：{flagged} · 已忽略：{ignored}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>new conflicts: {n}</source>
        <translation>新冲突：{n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Imported {file} (scan #{scan})</source>
        <translation>已导入 {file}（扫描 #{scan}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan #{scan} finished</source>
        <translation>扫描 #{scan} 已完成</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Incomplete, the hosts found before the problem were kept: {error}</source>
        <translation>扫描不完整，已保留出错前找到的主机：{error}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Cannot look for nmap</source>
        <translation>无法查找 nmap</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Cannot scan these targets: {reason}</source>
        <translation>无法扫描这些目标：{reason}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>These targets cover {count} addresses, more than the {limit} a scan may cover without asking. Scanning them can take hours and will be noticed on the network.

Scan them anyway?</source>
        <translation>这些目标共 {count} 个地址，超过了无需确认即可扫描的 {limit} 个。扫描可能需要数小时，并会在网络上被察觉。

仍要扫描吗？</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Scan a large network?</source>
        <translation>扫描大型网络？</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>about {n} min left</source>
        <translation>约剩 {n} 分钟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>about {n} s left</source>
        <translation>约剩 {n} 秒</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The scan could not start: nmap was not found.</source>
        <translation>无法开始扫描：未找到 nmap。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The scan failed.</source>
        <translation>扫描失败。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The scan failed</source>
        <translation>扫描失败</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Import nmap XML</source>
        <translation>导入 nmap XML</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>nmap XML (*.xml);;All files (*)</source>
        <translation>nmap XML (*.xml);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Part of the file was imported</source>
        <translation>只导入了文件的一部分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The hosts before the problem were imported; the rest of the file could not be read.</source>
        <translation>已导入出错位置之前的主机；文件其余部分无法读取。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing was imported.</source>
        <translation>未导入任何内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot import the nmap file</source>
        <translation>无法导入 nmap 文件</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cannot read the review queue</source>
        <translation>无法读取待审核列表</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>An asset tag is needed</source>
        <translation>需要资产编号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These devices have no fixed MAC address that would recognise them in later scans: {devices}.

Select one of them at a time and type an asset tag to accept it.</source>
        <translation>这些设备没有固定的 MAC 地址，以后的扫描无法据此识别它们：{devices}。

请每次选择其中一台，输入资产编号后再接收。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Some devices were not accepted</source>
        <translation>部分设备未能接收</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Accepted into the inventory: {n}</source>
        <translation>已接收入库：{n}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Some devices were not ignored</source>
        <translation>部分设备未能忽略</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ignored for good: {n}</source>
        <translation>已永久忽略：{n}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Some conflicts were not settled</source>
        <translation>部分冲突未能处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanned values applied: {n}</source>
        <translation>已采用扫描值：{n}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Conflicts dismissed: {n}</source>
        <translation>已驳回冲突：{n}</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Mark the asset that discovery has not seen for {days} days or more as missing?</source>
        <translation>将网络发现已有 {days} 天或更久未见的这项资产标记为未发现吗？</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Mark %n assets that discovery has not seen for {days} days or more as missing?</source>
        <translation>
            <numerusform>将网络发现已有 {days} 天或更久未见的 %n 项资产标记为未发现吗？</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each gets the status Missing and a history entry; a later scan that sees one flags it as found.</source>
        <translation>每项资产的状态将改为“未发现”并记入历史记录；以后的扫描再次发现时会将其标记为已找到。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mark assets as missing?</source>
        <translation>标记为未发现？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Marked as missing: {n}</source>
        <translation>已标记为未发现：{n}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot mark the assets as missing</source>
        <translation>无法将资产标记为未发现</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>An internal error occurred ({kind}). The details are in the log.</source>
        <translation>发生内部错误（{kind}）。详细信息见日志。</translation>
    </message>
</context>
<context>
    <name>DiscoveryTables</name>
    <message>
        <location filename="../../ui/models/discovery_tables.py" line="+57"/>
        <source>Unknown (likely {category})</source>
        <extracomment>Role carrying the row&apos;s frozen value (DiscoveredHost, CandidateView, ConflictView, MissingAsset).</extracomment>
        <translation>未知（可能是{category}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(randomised MAC)</source>
        <translation>（随机 MAC）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Operating system: {os}</source>
        <translation>操作系统：{os}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Why this category:</source>
        <translation>判断依据：</translation>
    </message>
    <message>
        <location line="+149"/>
        <source>Matched: {asset}</source>
        <translation>已匹配：{asset}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flagged: {asset}</source>
        <translation>已标记：{asset}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New</source>
        <translation>新设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ignored</source>
        <translation>已忽略</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A known asset, {asset}: its addresses and last sighting were updated</source>
        <translation>已知资产 {asset}：已更新其地址和最近发现时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asset {asset} was seen although it is retired, disposed of or lost: flagged for review</source>
        <translation>资产 {asset} 已退役、已处置或已丢失，却被扫描到：已标记待复核</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not in the inventory: waiting in the review queue</source>
        <translation>不在资产清单中：已列入待审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A device someone chose to ignore for good</source>
        <translation>已被设为永久忽略的设备</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>matched by serial number</source>
        <extracomment>How the match was made (HostOutcome.rule).</extracomment>
        <translation>按序列号匹配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>matched by MAC address</source>
        <translation>按 MAC 地址匹配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>matched by hostname</source>
        <translation>按主机名匹配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>matched by IP address only</source>
        <translation>仅按 IP 地址匹配</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+89"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="-87"/>
        <location line="+89"/>
        <source>MAC address</source>
        <translation>MAC 地址</translation>
    </message>
    <message>
        <location line="-88"/>
        <location line="+89"/>
        <source>Vendor</source>
        <translation>厂商</translation>
    </message>
    <message>
        <location line="-88"/>
        <location line="+89"/>
        <source>Hostname</source>
        <translation>主机名</translation>
    </message>
    <message>
        <location line="-88"/>
        <location line="+89"/>
        <location line="+40"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="-127"/>
        <location line="+88"/>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>Open ports</source>
        <translation>开放端口</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Times seen</source>
        <translation>发现次数</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+39"/>
        <source>Last seen</source>
        <translation>最近发现</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>First seen {first}, last seen {last}</source>
        <translation>首次发现 {first}，最近发现 {last}</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+15"/>
        <source>Asset</source>
        <translation>资产</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the inventory</source>
        <translation>资产清单中的值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seen by the scan</source>
        <translation>扫描到的值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days unseen</source>
        <translation>未见天数</translation>
    </message>
</context>
<context>
    <name>InventoryPage</name>
    <message>
        <location filename="../../ui/pages/inventory.py" line="+158"/>
        <source>Inventory</source>
        <extracomment>Milliseconds of quiet typing before the search runs. Widest a column gets when fitted to its contents (the user can widen it further).</extracomment>
        <translation>资产清单</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Search and filters</source>
        <translation>搜索和筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search tag, serial, hostname, MAC, model, user…</source>
        <translation>搜索资产编号、序列号、主机名、MAC、型号、使用人…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Matches asset tag, serial number, hostname, manufacturer, model, MAC or IP address and user</source>
        <translation>匹配资产编号、序列号、主机名、制造商、型号、MAC 或 IP 地址以及使用人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> &amp;Category: </source>
        <translation> 类别(&amp;C)： </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> &amp;Status: </source>
        <translation> 状态(&amp;S)： </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Counting assets…</source>
        <translation>正在统计资产…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 asset</source>
        <translation>1 项资产</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln assets</source>
        <translation>
            <numerusform>%Ln 项资产</numerusform>
        </translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Inventory not read</source>
        <translation>未能读取资产清单</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot read the inventory</source>
        <translation>无法读取资产清单</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Cannot open the asset</source>
        <translation>无法打开资产</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+225"/>
        <source>itam — IT asset circularity</source>
        <extracomment>Extra room beside the widest navigation entry (icon, frame, margins).</extracomment>
        <translation>itam — IT 资产循环管理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the open page again from the database</source>
        <translation>从数据库重新读取当前页面</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{page} ({shortcut})</source>
        <translation>{page}（{shortcut}）</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>&amp;About itam</source>
        <translation>关于 itam(&amp;A)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Database: {url}</source>
        <translation>数据库：{url}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User: {name}</source>
        <translation>用户：{name}</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>About itam</source>
        <translation>关于 itam</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;h3&gt;itam {version}&lt;/h3&gt;&lt;p&gt;IT-asset circularity manager: inventory, discovery, value-chain lifecycle, sanitization and certificates.&lt;/p&gt;&lt;p&gt;Database: {url}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;itam {version}&lt;/h3&gt;&lt;p&gt;IT 资产循环管理：资产清单、网络发现、价值链生命周期、数据清除与证书。&lt;/p&gt;&lt;p&gt;数据库：{url}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../ui/app.py" line="+42"/>
        <source>itam cannot start</source>
        <translation>itam 无法启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database cannot be opened.</source>
        <translation>无法打开数据库。</translation>
    </message>
</context>
</TS>
