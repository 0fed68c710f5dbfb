<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Access</name>
    <message>
        <location filename="../../ui/access.py" line="+43"/>
        <source>Needs the role {roles}; you are {user} ({role}).</source>
        <extracomment>Where a widget keeps the tooltip it had before a refusal replaced it. The refusal tooltip ``gate`` set (to tell it from one the page set since).</extracomment>
        <translation>需要角色 {roles}；您是 {user}（{role}）。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No users are registered in this inventory yet: whoever opens it is its administrator (Settings → Users adds them).</source>
        <translation>此清单尚未注册任何用户：打开它的人即为管理员（可在“设置 → 用户”中添加用户）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your role allows: {actions}</source>
        <translation>您的角色允许：{actions}</translation>
    </message>
</context>
<context>
    <name>AddAssetsDialog</name>
    <message>
        <location filename="../../ui/pages/batches.py" line="+521"/>
        <source>Add assets to {batch}</source>
        <translation>向 {batch} 添加资产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asset tags or serial numbers, one per line (a scanner&apos;s output pastes as it is):</source>
        <translation>资产编号或序列号，每行一个（扫描枪的输出可直接粘贴）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept serials that are not in the inventory (a client&apos;s list)</source>
        <translation>接受不在资产清单中的序列号（客户提供的清单）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Type or paste at least one asset tag or serial number.</source>
        <translation>请输入或粘贴至少一个资产编号或序列号。</translation>
    </message>
</context>
<context>
    <name>AssetDialog</name>
    <message>
        <location filename="../../ui/dialogs/asset_dialog.py" line="+59"/>
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
        <location line="+867"/>
        <location line="+104"/>
        <source>Status</source>
        <extracomment>Names of the lifecycle-owned values and addresses that are not asset fields.</extracomment>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-970"/>
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
        <location line="+141"/>
        <source>&amp;Edit</source>
        <extracomment>Widest a column of the record tables gets when fitted to its contents (the tooltip shows it whole). Fields set by discovery, not by a person. The tabs, in order. Details, Storage media and History keep the places they had before the other tabs came. Audits of one asset this close together belong to one run (one per method tried). Emitted after the asset changed through this dialog (edit saved or lifecycle move).</extracomment>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit the fields (Ctrl+E)</source>
        <translation>编辑字段（Ctrl+E）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the changes (Ctrl+S)</source>
        <translation>保存更改（Ctrl+S）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel edit</source>
        <translation>取消编辑</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Actions</source>
        <translation>操作(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+317"/>
        <source>The lifecycle moves allowed from this asset&apos;s status</source>
        <translation>此资产当前状态允许的生命周期流转</translation>
    </message>
    <message>
        <location line="-238"/>
        <source>Asset {label}</source>
        <translation>资产 {label}</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location line="+39"/>
        <source>Recommendation</source>
        <translation>建议</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Discovery</source>
        <translation>网络发现</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sanitization ({n})</source>
        <translation>数据清除（{n}）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sanitization</source>
        <translation>数据清除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificates ({n})</source>
        <translation>证书（{n}）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not available here: the dialog was opened without a database.</source>
        <translation>此处不可用：打开此对话框时未连接数据库。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not read this: {error}</source>
        <translation>无法读取：{error}</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+28"/>
        <location line="+528"/>
        <location line="+2"/>
        <source>{label}:</source>
        <translation>{label}：</translation>
    </message>
    <message>
        <location line="-547"/>
        <source>MAC addresses</source>
        <translation>MAC 地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IP addresses</source>
        <translation>IP 地址</translation>
    </message>
    <message>
        <location line="-388"/>
        <location line="+764"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="-763"/>
        <location line="+764"/>
        <source>Interface</source>
        <translation>接口</translation>
    </message>
    <message>
        <location line="-763"/>
        <location line="+767"/>
        <source>Capacity (GB)</source>
        <translation>容量 (GB)</translation>
    </message>
    <message>
        <location line="-549"/>
        <source>A&amp;udit now…</source>
        <translation>立即审计(&amp;U)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask the device itself (SNMP, SSH or WinRM, with the stored credentials) for its model, serial, disks and software</source>
        <translation>使用已存储的凭据（SNMP、SSH 或 WinRM）直接向设备查询其型号、序列号、磁盘和软件</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>Audits &amp;&amp; software ({n})</source>
        <translation>审计与软件 ({n})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audits &amp;&amp; software</source>
        <translation>审计与软件</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Why you change these values (kept in the history)</source>
        <translation>修改这些值的原因（记入历史记录）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>A (like new) to F (broken)</source>
        <translation>A（近乎全新）至 F（损坏）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. CNY, EUR</source>
        <translation>例如 CNY、EUR</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Save or cancel your edits first</source>
        <translation>请先保存或取消您的编辑</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Discard changes?</source>
        <translation>放弃更改？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You have changed fields of this asset without saving. Discard the changes?</source>
        <translation>您修改了此资产的字段但尚未保存。要放弃这些更改吗？</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>{field}: {error}</source>
        <translation>{field}：{error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not saved; correct these values:</source>
        <translation>未保存；请更正以下值：</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Not saved: someone else changed this asset after you opened it. Your edits are still here; note them, close this window and open the asset again to see the current values.</source>
        <translation>未保存：在您打开此资产后，其他人修改了它。您的编辑仍保留在此；请记下它们，关闭此窗口并重新打开该资产以查看当前的值。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not saved: {error}</source>
        <translation>未保存：{error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not saved because of an unexpected error: {error}</source>
        <translation>因意外错误未保存：{error}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{action} → {target}</source>
        <translation>{action} → {target}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Refused now: {reason}</source>
        <translation>当前会被拒绝：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No moves are allowed from this status</source>
        <translation>此状态不允许任何流转</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cannot read the parties: {error}</source>
        <translation>无法读取相关方：{error}</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Nothing was moved: {error}</source>
        <translation>未流转：{error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was moved because of an unexpected error: {error}</source>
        <translation>因意外错误未流转：{error}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Sanitized</source>
        <translation>已清除数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Removed</source>
        <translation>已拆除</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No storage media recorded for this asset.</source>
        <translation>此资产没有登记存储介质。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Recommended lever:</source>
        <translation>建议的杠杆：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stage {n}</source>
        <translation>第 {n} 阶段</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Age {age:.1f} years; refresh cycle {refresh:g} years.</source>
        <translation>已使用 {age:.1f} 年；更新周期 {refresh:g} 年。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Medium</source>
        <translation>介质</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Category</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Technique</source>
        <translation>技术</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+179"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="-178"/>
        <location line="+177"/>
        <location line="+90"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="-267"/>
        <source>Verified</source>
        <translation>已核验</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Counts</source>
        <translation>是否计入</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(destruction run)</source>
        <translation>（销毁作业）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No sanitization or destruction records for this asset.</source>
        <translation>此资产没有数据清除或销毁记录。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>种类</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Issued at</source>
        <translation>签发时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Issued by</source>
        <translation>签发人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sanitization certificate</source>
        <translation>数据清除证书</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Destruction certificate</source>
        <translation>销毁证书</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Superseded by {number}</source>
        <translation>已被 {number} 取代</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Current (corrects {number})</source>
        <translation>有效（更正 {number}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Current</source>
        <translation>有效</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save &amp;PDF…</source>
        <translation>保存 PDF(&amp;P)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the selected certificate as a PDF file</source>
        <translation>将所选证书保存为 PDF 文件</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No certificate has been issued for this asset.</source>
        <translation>尚未为此资产签发任何证书。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Save certificate</source>
        <translation>保存证书</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not save the certificate: {error}</source>
        <translation>无法保存证书：{error}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>MAC addresses:</source>
        <translation>MAC 地址：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IP addresses:</source>
        <translation>IP 地址：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Never seen by discovery.</source>
        <translation>网络发现从未见过此资产。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Discovered devices matched to this asset</source>
        <translation>与此资产匹配的已发现设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+50"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>MAC</source>
        <translation>MAC</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hostname</source>
        <translation>主机名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Looks like</source>
        <translation>疑似类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seen</source>
        <translation>发现次数</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+75"/>
        <source>Last seen</source>
        <translation>最近发现</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>{n} times</source>
        <translation>{n} 次</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Differences between a scan and what a person entered</source>
        <translation>扫描结果与人工录入值之间的差异</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recorded value</source>
        <translation>记录值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seen by the scan</source>
        <translation>扫描所见</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scans matched this asset; there is no other discovery evidence.</source>
        <translation>扫描已匹配到此资产；没有其他网络发现证据。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Never audited. A credentialed audit (SNMP, SSH or WinRM) reads the maker, model, serial number, disks and installed software from the device itself: use Audit now… once credentials for its address are stored in Settings → Credentials.</source>
        <translation>从未审计。凭据审计（SNMP、SSH 或 WinRM）直接从设备读取制造商、型号、序列号、磁盘和已安装软件：在“设置 → 凭据”中保存其地址的凭据后，使用“立即审计…”。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The latest audit ({when}, {method}) failed: {reason}</source>
        <translation>最近一次审计（{when}，{method}）失败：{reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Credential</source>
        <translation>凭据</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Audited</source>
        <translation>已审计</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+25"/>
        <source>Installed software ({n})</source>
        <translation>已安装软件 ({n})</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>No audit has listed installed software on this asset.</source>
        <translation>尚无审计列出此资产上的已安装软件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Filter by name, version or vendor</source>
        <translation>按名称、版本或厂商筛选</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vendor</source>
        <translation>厂商</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First seen</source>
        <translation>首次发现</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Installed software ({shown} of {n})</source>
        <translation>已安装软件（{n} 个中的 {shown} 个）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Latest successful audit: {method}, {when}, credential {credential}</source>
        <translation>最近一次成功审计：{method}，{when}，凭据 {credential}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Manufacturer:</source>
        <translation>制造商：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model:</source>
        <translation>型号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial number:</source>
        <translation>序列号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UUID:</source>
        <translation>UUID：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hostname:</source>
        <translation>主机名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operating system:</source>
        <translation>操作系统：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kernel:</source>
        <translation>内核：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{model} ({n} cores)</source>
        <translation>{model}（{n} 核）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPU:</source>
        <translation>CPU：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Memory:</source>
        <translation>内存：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{gb:.1f} GB</source>
        <translation>{gb:.1f} GB</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disks:</source>
        <translation>磁盘：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{gb:,.0f} GB</source>
        <translation>{gb:,.0f} GB</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interfaces:</source>
        <translation>网络接口：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed pages:</source>
        <translation>打印页数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System description:</source>
        <translation>系统描述：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not read:</source>
        <translation>未能读取：</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <location filename="../../ui/models/asset_table.py" line="+68"/>
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
        <location line="+9"/>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Found again after being lost or missing</source>
        <extracomment>Pages kept in memory at most (40 × 200 rows: 8,000 rows, whatever the size of the inventory). Pages read on workers at the same time at most. What a cell shows until its page has been read. Flags that lifecycle transitions set (resources/lifecycle.toml), as a person would read them.</extracomment>
        <translation>丢失或未发现后重新找到</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{method}, {when}</source>
        <extracomment>How the audit methods are written (names of protocols: the same in every language).</extracomment>
        <translation>{method}，{when}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not audited ({when}): {reason}</source>
        <translation>未能审计（{when}）：{reason}</translation>
    </message>
    <message>
        <location line="+383"/>
        <source>Flagged for review: {flag}</source>
        <extracomment>The number of assets matching the current filter, once counted (on a worker). A page could not be read (the message is for the user). A page read on a worker has been cached (its number); for tests and benchmarks.</extracomment>
        <translation>需要复核：{flag}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>This column cannot be sorted</source>
        <translation>此列不能排序</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../ui/dialogs/audit_dialog.py" line="+106"/>
        <source>Audit now</source>
        <extracomment>The audit ran (an AuditRun): assets may have changed. The audit could not start or failed as a whole: the message shown.</extracomment>
        <translation>立即审计</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asks the devices themselves for manufacturer, model, serial number, disks and installed software, with the stored credentials whose scope covers them (SNMP, SSH or WinRM, chosen by the open ports). What a person entered is kept: differences appear as conflicts on the Discovery page.</source>
        <translation>使用范围涵盖这些设备的已存储凭据（根据开放端口选择 SNMP、SSH 或 WinRM），直接向设备查询制造商、型号、序列号、磁盘和已安装软件。人工录入的内容会被保留：差异将作为冲突显示在“发现”页面上。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Asset:</source>
        <translation>资产：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scan:</source>
        <translation>扫描：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Assets:</source>
        <translation>资产：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Addresses:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Addresses and CIDR blocks, separated by spaces or commas</source>
        <translation>地址和 CIDR 地址段，以空格或逗号分隔</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vault &amp;passphrase:</source>
        <translation>保险库口令(&amp;P)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The credential vault&apos;s passphrase (this computer&apos;s keyring does not hold its key)</source>
        <translation>凭据保险库的口令（本机密钥环中未保存其密钥）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Audit</source>
        <translation>审计(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Found</source>
        <translation>发现内容</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No credentials are stored yet: add them in Settings → Credentials.</source>
        <translation>尚未存储任何凭据：请在“设置 → 凭据”中添加。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Auditing…</source>
        <translation>正在审计…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancelling: hosts already being audited finish first…</source>
        <translation>正在取消：正在审计的主机将先完成…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{audited} of {total} hosts audited.</source>
        <translation>已审计 {audited}/{total} 台主机。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled: the hosts not reached were not audited.</source>
        <translation>已取消：未连接到的主机未被审计。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} asset(s) have no IP address and were not audited: {assets}.</source>
        <translation>{n} 项资产没有 IP 地址，未审计：{assets}。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>S/N {serial}; {disks} disks; {packages} packages</source>
        <translation>序列号 {serial}；{disks} 块磁盘；{packages} 个软件包</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No matching asset: kept for the review queue</source>
        <translation>无匹配资产：保留在待审核队列中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asset #{id} (matched by {rule})</source>
        <translation>资产 #{id}（匹配规则：{rule}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>set {fields}</source>
        <translation>已设置 {fields}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>conflicts: {fields}</source>
        <translation>冲突：{fields}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} disks added</source>
        <translation>已添加 {n} 块磁盘</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../../ui/dialogs/backup_dialog.py" line="+96"/>
        <source>Back up the database</source>
        <extracomment>The job ended well: the BackupResult or RestoreResult. The job failed or was refused: the message shown.</extracomment>
        <translation>备份数据库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copies the whole inventory while it stays in use: assets, history, custody, wipe records and certificate PDFs. The copy is checked (integrity and every hash chain) before it is kept. The signing key in the data folder is not part of it: keep a copy of that apart.</source>
        <translation>在数据库继续使用的同时复制整个清单：资产、历史记录、监管链、数据清除记录和证书 PDF。副本在保留之前会经过检查（完整性和每条哈希链）。数据文件夹中的签名密钥不包含在内：请另行保存其副本。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Back up</source>
        <translation>备份(&amp;B)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replaces the inventory in use with a backup made by itam. The backup is checked first (readable, a schema this version knows, every hash chain intact); the database as it is now is kept beside it, so a restore can be undone.</source>
        <translation>用 itam 制作的备份替换当前使用的清单。备份会先经过检查（可读取、架构为此版本所知、每条哈希链完整）；当前的数据库会保留在旁边，因此恢复可以撤销。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>I understand that this replaces the inventory everyone using this database sees</source>
        <translation>我了解这将替换所有使用此数据库的人看到的清单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B&amp;rowse…</source>
        <translation>浏览(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup file</source>
        <translation>备份文件</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>itam backups (*.backup);;All files (*)</source>
        <translation>itam 备份 (*.backup);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>itam backups (*.backup *.bak *.dump);;All files (*)</source>
        <translation>itam 备份 (*.backup *.bak *.dump);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking the backup, then restoring…</source>
        <translation>正在检查备份，然后恢复…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{assets} assets, {entries} history entries and {certificates} certificates; every hash chain verifies.</source>
        <translation>{assets} 项资产、{entries} 条历史记录和 {certificates} 份证书；每条哈希链均校验通过。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Backed up to {file} ({size:,} bytes).</source>
        <translation>已备份到 {file}（{size:,} 字节）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restored from {file}.</source>
        <translation>已从 {file} 恢复。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database as it was is kept in {file}.</source>
        <translation>恢复前的数据库保存在 {file}。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled: no backup was written.</source>
        <translation>已取消：未写入备份。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled: the database is unchanged.</source>
        <translation>已取消：数据库未改变。</translation>
    </message>
</context>
<context>
    <name>Batches</name>
    <message>
        <location filename="../../ui/pages/batches.py" line="-433"/>
        <location line="+244"/>
        <source>Open</source>
        <extracomment>Scans the log keeps (newest first). Colours of the scan log: (text, background) per outcome.</extracomment>
        <translation>未冻结</translation>
    </message>
    <message>
        <location line="-243"/>
        <location line="+8"/>
        <source>Manifest frozen</source>
        <translation>清单已冻结</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+8"/>
        <source>Collected</source>
        <translation>已收取</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+9"/>
        <source>In transit</source>
        <translation>运输中</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+9"/>
        <location line="+188"/>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <location line="-196"/>
        <location line="+9"/>
        <source>Processed</source>
        <translation>已处理</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+13"/>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Sealed</source>
        <translation>已封签</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Shipped downstream</source>
        <translation>已发往下游</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destroyed</source>
        <translation>已销毁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discrepancy</source>
        <translation>差异</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extra</source>
        <translation>多出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Broken seal</source>
        <translation>封签破损</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Whole units for reuse</source>
        <translation>整机再利用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Components for reuse</source>
        <translation>零部件再利用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Circuit boards</source>
        <translation>电路板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ferrous metals</source>
        <translation>黑色金属</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Non-ferrous metals</source>
        <translation>有色金属</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aluminium</source>
        <translation>铝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copper</source>
        <translation>铜</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plastics</source>
        <translation>塑料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batteries</source>
        <translation>电池</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Glass</source>
        <translation>玻璃</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cables</source>
        <translation>线缆</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shredded media</source>
        <translation>粉碎后的介质</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mixed e-waste</source>
        <translation>混合电子废物</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>serials</source>
        <extracomment>Names of the details custody events carry.</extracomment>
        <translation>序列号数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>list</source>
        <translation>清单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seals</source>
        <translation>封签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>carrier</source>
        <translation>承运方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stream</source>
        <translation>物料流</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kg</source>
        <translation>千克</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recycler</source>
        <translation>回收商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>certification</source>
        <translation>认证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>witness</source>
        <translation>见证人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected</source>
        <translation>预期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+139"/>
        <source>extra</source>
        <translation>多出</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>seals intact</source>
        <translation>完好封签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seals broken</source>
        <translation>破损封签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weights</source>
        <translation>重量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>total kg</source>
        <translation>总重（千克）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seal</source>
        <translation>封签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>discrepancy</source>
        <translation>差异</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open discrepancies</source>
        <translation>未解决差异</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Job number</source>
        <extracomment>Event kinds a person records here, in the order of a job.</extracomment>
        <translation>作业编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Client</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vendor</source>
        <translation>服务商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open discrepancies</source>
        <translation>未解决差异</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Created {at} by {who}</source>
        <translation>{who} 创建于 {at}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manifest frozen {at}, SHA-256 {sha}</source>
        <translation>清单冻结于 {at}，SHA-256 {sha}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asset</source>
        <translation>资产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On manifest</source>
        <translation>在清单中</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Checked out</source>
        <translation>已出库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weight (kg)</source>
        <translation>重量（千克）</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+21"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+23"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Ledger hash {hash}</source>
        <translation>台账哈希 {hash}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial or seal</source>
        <translation>序列号或封签</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved: {note}</source>
        <translation>已解决：{note}</translation>
    </message>
</context>
<context>
    <name>BatchesPage</name>
    <message>
        <location line="+827"/>
        <source>Batches &amp; custody</source>
        <extracomment>A batch changed (assets were added to a manifest, received …): the inventory may want to read again. The batch list has been read again. The selected batch&apos;s detail has been read (BatchDetail).</extracomment>
        <translation>批次与监管链</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>&amp;New batch…</source>
        <translation>新建批次(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start an ITAD job for a vendor</source>
        <translation>为服务商创建一个 ITAD 作业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add assets…</source>
        <translation>添加资产(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put assets on the selected batch&apos;s manifest (tags or serials, one per line)</source>
        <translation>将资产加入所选批次的清单（资产编号或序列号，每行一个）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Freeze manifest…</source>
        <translation>冻结清单(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fix the manifest: its serials and their SHA-256 go into the custody ledger</source>
        <translation>固定清单：其序列号及 SHA-256 写入监管链台账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record &amp;event…</source>
        <translation>记录事件(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collected, sealed, in transit, processed, shipped downstream, or a note</source>
        <translation>已收取、已封签、运输中、已处理、已发往下游或备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Scan mode</source>
        <translation>扫描模式(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check serials in or out one after another with a barcode scanner</source>
        <translation>用条码扫描枪逐个扫描序列号入库或出库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Receive…</source>
        <translation>接收(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare what arrived with the manifest; record seals and weights</source>
        <translation>将到货与清单核对；记录封签和重量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close batch…</source>
        <translation>关闭批次(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close a received batch</source>
        <translation>关闭已接收的批次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manifest ({n})</source>
        <translation>清单（{n}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custody timeline ({n})</source>
        <translation>监管链时间线（{n}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discrepancies ({n} open)</source>
        <translation>差异（{n} 项未解决）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discrepancies are never deleted: resolving one records how it was settled.</source>
        <translation>差异永不删除：解决差异时会记录其处理方式。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;solve…</source>
        <translation>解决(&amp;S)…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No batch selected</source>
        <translation>未选择批次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a batch, or choose one from the list.</source>
        <translation>请新建批次，或从列表中选择一个。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{client} → {vendor}</source>
        <translation>{client} → {vendor}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>manifest of {n} frozen {at}, SHA-256 {sha}…</source>
        <translation>{n} 件的清单冻结于 {at}，SHA-256 {sha}…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>manifest open: {n} items</source>
        <translation>清单未冻结：{n} 件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>received {n}</source>
        <translation>已接收 {n} 件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} open discrepancies</source>
        <translation>{n} 项未解决差异</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Cannot read the batches</source>
        <translation>无法读取批次</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Batch {batch} created</source>
        <translation>已创建批次 {batch}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{n} added to {batch}</source>
        <translation>已向 {batch} 添加 {n} 件</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Recorded: {event}</source>
        <translation>已记录：{event}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{batch} received: {n} discrepancies</source>
        <translation>{batch} 已接收：{n} 项差异</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Freeze the manifest of {batch} with its {n} serials?

The list and its SHA-256 go into the custody ledger; afterwards no serial can be added or removed.</source>
        <translation>冻结 {batch} 含 {n} 个序列号的清单？

清单及其 SHA-256 将写入监管链台账；此后不能再添加或移除序列号。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Manifest of {batch} frozen</source>
        <translation>{batch} 的清单已冻结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot freeze the manifest</source>
        <translation>无法冻结清单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Freeze the manifest?</source>
        <translation>冻结清单？</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{batch} has {n} open discrepancies.

Close it anyway? The discrepancies stay open on record and appear on its certificate.</source>
        <translation>{batch} 有 {n} 项未解决差异。

仍要关闭吗？这些差异将以未解决状态留存记录，并显示在其证书上。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close {batch}? No more custody events can be recorded afterwards.</source>
        <translation>关闭 {batch}？关闭后不能再记录监管链事件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{batch} closed</source>
        <translation>{batch} 已关闭</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cannot close the batch</source>
        <translation>无法关闭批次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the batch?</source>
        <translation>关闭批次？</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close with open discrepancies</source>
        <translation>带着未解决差异关闭</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Resolve discrepancy #{seq}</source>
        <translation>解决差异 #{seq}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How was the discrepancy ({type} {what}) settled?</source>
        <translation>该差异（{type} {what}）是如何处理的？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Discrepancy #{seq} resolved</source>
        <translation>差异 #{seq} 已解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot resolve the discrepancy</source>
        <translation>无法解决差异</translation>
    </message>
</context>
<context>
    <name>BulkIssueDialog</name>
    <message>
        <location filename="../../ui/dialogs/certificate_dialog.py" line="+645"/>
        <source>The folder {folder} cannot be used: {reason}</source>
        <extracomment>(the asset as listed, its certificate). (the asset as listed, why no certificate was issued). Assets the run did not reach because it was cancelled.</extracomment>
        <translation>无法使用文件夹 {folder}：{reason}</translation>
    </message>
    <message>
        <location line="+156"/>
        <source>Issue certificates for several assets</source>
        <extracomment>A run ended (BulkOutcome), also a cancelled one; None when it stopped on an error (some certificates may have been issued before it). The list the last run was for: issuing it again would certify the same assets twice.</extracomment>
        <translation>为多项资产签发证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Assets: asset tags or serial numbers, one per line</source>
        <translation>资产(&amp;A)：资产编号或序列号，每行一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IT-000101
IT-000102
PF2ABCD1</source>
        <translation>IT-000101
IT-000102
PF2ABCD1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Folder:</source>
        <translation>文件夹(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>where the PDF files are saved</source>
        <translation>PDF 文件的保存位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hoose…</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each asset gets a certificate of sanitization of its own, signed and saved as &lt;number&gt;.pdf in the folder. Assets that cannot be certified yet are skipped and listed with the reason.</source>
        <translation>每项资产单独签发一份数据清除证书，签名后以“&lt;编号&gt;.pdf”保存到该文件夹。尚不能签发证书的资产将被跳过，并列出原因。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asset</source>
        <translation>资产</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Certificate or reason</source>
        <translation>证书或原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Issue</source>
        <translation>签发(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number, sign and record a certificate for each listed asset</source>
        <translation>为列出的每项资产编号、签名并记录一份证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%v of %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Folder for the certificates</source>
        <translation>证书保存文件夹</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Issuing {n} certificates…</source>
        <translation>正在签发 {n} 份证书…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Issuing… {done} of {total} assets done</source>
        <translation>正在签发…已处理 {done} / {total} 项资产</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Cancelling… the certificate being signed is finished first.</source>
        <translation>正在取消…正在签名的证书会先完成。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The run stopped. Any certificate issued before the problem is in the folder and in the list.</source>
        <translation>签发已中止。出现问题之前签发的证书均已保存在文件夹中，并列在证书列表里。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{issued} certificates issued into {folder}; {skipped} assets skipped.</source>
        <translation>已签发 {issued} 份证书到 {folder}；跳过 {skipped} 项资产。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancelled: {n} assets were not reached; they are left in the list.</source>
        <translation>已取消：{n} 项资产未处理，仍保留在列表中。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Issued ({n})</source>
        <translation>已签发（{n}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skipped ({n})</source>
        <translation>已跳过（{n}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not reached ({n})</source>
        <translation>未处理（{n}）</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <location line="-645"/>
        <source>Issue a certificate of sanitization</source>
        <extracomment>What a worker returns when it stopped because the person cancelled. Milliseconds after the last change of an option before the preview is rendered again. Batch statuses a certificate of destruction may follow. A preview was shown (its PDF bytes), or could not be made (None). The certificate was issued and saved (Issued).</extracomment>
        <translation>签发数据清除证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Asset:</source>
        <translation>资产(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>asset tag or serial number, then Enter</source>
        <translation>输入资产编号或序列号后按回车</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issue a certificate of destruction</source>
        <translation>签发销毁证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Batch:</source>
        <translation>批次(&amp;B)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a received batch&apos;s job number</source>
        <translation>已接收批次的作业编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Operator:</source>
        <translation>操作员(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>as recorded at receipt when empty</source>
        <translation>留空则使用接收时的记录</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>&amp;Witness:</source>
        <translation>见证人(&amp;W)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This &amp;corrects an earlier certificate</source>
        <translation>更正先前的证书(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Supersedes:</source>
        <translation>取代(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>why the earlier certificate is replaced</source>
        <translation>替换先前证书的原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Preview again</source>
        <translation>重新预览(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Issue and save…</source>
        <translation>签发并保存(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number, sign and record the certificate, then save the PDF</source>
        <translation>为证书编号、签名并记录，然后保存 PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Checking {asset}…</source>
        <translation>正在检查 {asset}…</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No certificate can be issued yet:</source>
        <translation>暂时无法签发证书：</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Rendering the preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+112"/>
        <source>Preview cancelled.</source>
        <translation>预览已取消。</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>Unsigned preview: the issued certificate gets its number and signature.</source>
        <translation>未签名的预览：正式签发的证书将获得编号和签名。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Save the certificate</source>
        <translation>保存证书</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Issuing and signing…</source>
        <translation>正在签发并签名…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancelled: no certificate was issued.</source>
        <translation>已取消：未签发任何证书。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Certificate {number} issued and saved to {file}</source>
        <translation>证书 {number} 已签发并保存到 {file}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing was issued:</source>
        <translation>未签发：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>CertificatesPage</name>
    <message>
        <location filename="../../ui/pages/certificates.py" line="+163"/>
        <source>{file} is {mb} MB: too large to be a certificate</source>
        <translation>{file} 大小为 {mb} MB：不可能是证书</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot read {file}: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{file} could not be written: {reason}</source>
        <translation>无法写入 {file}：{reason}</translation>
    </message>
    <message>
        <location line="+201"/>
        <source>Certificates</source>
        <extracomment>The list has been read again. A file was verified (VerifyResult), or could not be read (None). A certificate PDF was saved (its path). The rows shown: (mark, name, detail) labels.</extracomment>
        <translation>证书</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Issue &amp;sanitization certificate…</source>
        <translation>签发数据清除证书(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A certificate of data sanitization for one asset&apos;s media</source>
        <translation>为一项资产的存储介质签发数据清除证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issue &amp;destruction certificate…</source>
        <translation>签发销毁证书(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A certificate of destruction and recycling for a received batch</source>
        <translation>为已接收的批次签发销毁与回收证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issue for several &amp;assets…</source>
        <translation>为多项资产签发(&amp;A)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificates of sanitization for a list of assets, saved into a folder as one PDF each</source>
        <translation>为一组资产签发数据清除证书，每份证书保存为文件夹中的一个 PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save &amp;PDF…</source>
        <translation>保存 PDF(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the selected certificate&apos;s PDF as it was issued</source>
        <translation>按签发原样保存所选证书的 PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Organisation…</source>
        <translation>组织信息(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The issuer printed on every certificate: name, contacts, logo</source>
        <translation>印在每份证书上的签发方：名称、联系方式、徽标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Si&amp;gning certificate…</source>
        <translation>签名证书(&amp;G)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The key that signs certificates: its fingerprint, importing your own, exporting the CA certificate</source>
        <translation>为证书签名的密钥：查看其指纹、导入自己的证书、导出 CA 证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+155"/>
        <source>Verify a certificate</source>
        <translation>验证证书</translation>
    </message>
    <message>
        <location line="-154"/>
        <source>Drop a certificate PDF here to verify it</source>
        <translation>将证书 PDF 拖放到此处进行验证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Verify file…</source>
        <translation>验证文件(&amp;V)…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{n} certificates issued</source>
        <translation>已签发 {n} 份证书</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cannot read the certificates</source>
        <translation>无法读取证书</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Certificate {number} issued</source>
        <translation>证书 {number} 已签发</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{issued} certificates issued, {skipped} assets skipped</source>
        <translation>已签发 {issued} 份证书，跳过 {skipped} 项资产</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Organisation saved: {name}</source>
        <translation>组织信息已保存：{name}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Certificates are now signed by {subject}</source>
        <translation>证书现由 {subject} 签名</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save the certificate</source>
        <translation>保存证书</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{number} saved to {file}</source>
        <translation>{number} 已保存到 {file}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot save the certificate</source>
        <translation>无法保存证书</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>PDF files (*.pdf);;All files (*)</source>
        <translation>PDF 文件 (*.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Verifying {file}…</source>
        <translation>正在验证 {file}…</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>✗ {file} cannot be verified: {reason}</source>
        <translation>✗ 无法验证 {file}：{reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No file verified yet.</source>
        <translation>尚未验证任何文件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>✓ {file}: certificate {number} is genuine and unchanged</source>
        <translation>✓ {file}：证书 {number} 真实且未被修改</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>✗ {file} does not verify: {n} checks failed</source>
        <translation>✗ {file} 验证未通过：{n} 项检查失败</translation>
    </message>
</context>
<context>
    <name>CertificatesTable</name>
    <message>
        <location line="-592"/>
        <source>Sanitization</source>
        <extracomment>Largest file the page reads for verification (a certificate is tens of kilobytes).</extracomment>
        <translation>数据清除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destruction</source>
        <translation>销毁</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signature</source>
        <extracomment>The verifier&apos;s checks (reports.verify, itam.services.certificates) as a person reads them.</extracomment>
        <translation>签名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signer trusted</source>
        <translation>签名者可信</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature covers the file</source>
        <translation>签名覆盖整个文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature padding</source>
        <translation>签名填充</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature container</source>
        <translation>签名容器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Embedded record</source>
        <translation>内嵌记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued by this database</source>
        <translation>由本数据库签发</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Number</source>
        <extracomment>Characters of an unbroken run (a hash, a path) after which a line may break.</extracomment>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>种类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued</source>
        <translation>签发时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>By</source>
        <translation>签发人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Supersedes</source>
        <translation>取代</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Superseded by</source>
        <translation>被取代于</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Issuer: {issuer}</source>
        <translation>签发方：{issuer}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record SHA-256: {sha}</source>
        <translation>记录 SHA-256：{sha}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF SHA-256: {sha}</source>
        <translation>PDF SHA-256：{sha}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
</context>
<context>
    <name>CredentialDialog</name>
    <message>
        <location filename="../../ui/pages/credentials_panel.py" line="+95"/>
        <source>default</source>
        <extracomment>kind -&gt; the form rows it shows (besides name, kind and scope).</extracomment>
        <translation>默认</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Add a credential set</source>
        <translation>添加凭据集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SNMP v1/v2c (community)</source>
        <translation>SNMP v1/v2c（团体名）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SNMPv3 (user)</source>
        <translation>SNMPv3（用户）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SSH (Linux, macOS, BSD)</source>
        <translation>SSH（Linux、macOS、BSD）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>WinRM (Windows)</source>
        <translation>WinRM（Windows）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Scope:</source>
        <translation>范围(&amp;S)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;User:</source>
        <translation>用户(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Community:</source>
        <translation>团体名(&amp;C)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Authentication:</source>
        <translation>认证：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authentication &amp;key:</source>
        <translation>认证密钥(&amp;K)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Privacy:</source>
        <translation>加密：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pri&amp;vacy key:</source>
        <translation>加密密钥(&amp;V)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Private key &amp;file:</source>
        <translation>私钥文件(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key passphrase:</source>
        <translation>密钥口令：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Transport:</source>
        <translation>传输方式：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HTTPS:</source>
        <translation>HTTPS：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vault passphrase:</source>
        <translation>保险库口令：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vault passphrase again:</source>
        <translation>再次输入保险库口令：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A name to choose this set by, e.g. lab-snmp</source>
        <translation>用于选择此凭据集的名称，例如 lab-snmp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The addresses and CIDR blocks this set may be used for, e.g. 10.1.0.0/16, 10.2.3.4 — it is never tried anywhere else</source>
        <translation>此凭据集可用于的地址和 CIDR 地址段，例如 10.1.0.0/16, 10.2.3.4——绝不会在其他地方尝试使用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unlocks the credential vault; other computers sharing this database need it</source>
        <translation>用于解锁凭据保险库；共用此数据库的其他计算机也需要它</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the credential vault&apos;s passphrase (at least 8 characters); other computers sharing this database will need it</source>
        <translation>设置凭据保险库的口令（至少 8 个字符）；共用此数据库的其他计算机将需要它</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>B&amp;rowse…</source>
        <translation>浏览(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>port 5986, TLS</source>
        <translation>端口 5986，TLS</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Private key</source>
        <translation>私钥</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cannot read the key file: {error}</source>
        <translation>无法读取密钥文件：{error}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The two vault passphrases differ.</source>
        <translation>两次输入的保险库口令不一致。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sealing the secrets…</source>
        <translation>正在加密机密信息…</translation>
    </message>
</context>
<context>
    <name>CredentialsPanel</name>
    <message>
        <location line="+64"/>
        <source>Credential sets let audits ask devices for their serial numbers, models, disks and software. Each is used only for the addresses in its scope. Secrets are encrypted in the database; this computer&apos;s keyring remembers the vault&apos;s key when there is one, otherwise the vault passphrase is asked for.</source>
        <translation>凭据集使审计能够向设备查询其序列号、型号、磁盘和软件。每个凭据集仅用于其范围内的地址。机密信息在数据库中加密存储；如果本机密钥环中保存了保险库密钥，则自动使用，否则会要求输入保险库口令。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added by</source>
        <translation>添加者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The credential sets audits may use; their secrets are never shown</source>
        <translation>审计可使用的凭据集；其中的机密信息从不显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store a new credential set</source>
        <translation>存储新的凭据集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected credential set</source>
        <translation>删除所选凭据集</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Stored {name} for {scope}.</source>
        <translation>已为 {scope} 存储 {name}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Remove a credential set</source>
        <translation>删除凭据集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the credential set {name}? Audits will no longer use it.</source>
        <translation>删除凭据集 {name}？审计将不再使用它。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Removed {name}.</source>
        <translation>已删除 {name}。</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="+97"/>
        <source>Assets in the register</source>
        <extracomment>What a missing figure shows. Masses and emissions from this many kilograms on are shown in tonnes. Width a KPI tile needs; the grid has as many columns as fit (2 to 5). Below this width the charts stand one above the other. Statuses that count as the active fleet (in use, in stock, in repair). KPI tiles in display order: key -&gt; short title.</extracomment>
        <translation>登记资产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retired in the period</source>
        <translation>本期退役</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collection rate</source>
        <translation>回收率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recovery rate</source>
        <translation>回收利用率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reuse share</source>
        <translation>再使用比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-waste diverted</source>
        <translation>避免填埋的电子废物</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CO2e avoided</source>
        <translation>避免的 CO2e 排放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use-phase emissions</source>
        <translation>使用阶段排放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service life vs target</source>
        <translation>使用寿命达成率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Circularity index P</source>
        <translation>循环指数 P</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every asset of the slice in the register now, whatever its status: a snapshot, not limited to the period.</source>
        <extracomment>What each tile means (tooltip and What&apos;s This).</extracomment>
        <translation>当前登记在册、属于所选范围的全部资产，不论状态：是当前快照，不限于所选期间。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Assets retired, lost or gone missing in the period, each counted once (GB/T 43145-2023 Annex A: the waste products arising, n_pr and m_pr).</source>
        <translation>本期内退役、丢失或未发现的资产，每项只计一次（GB/T 43145-2023 附录 A：产生的废弃产品 n_pr 和 m_pr）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>R_col = m_col / m_pr (GB/T 43145-2023 Annex A): mass of the period&apos;s retired assets that were collected through a documented channel (not lost, stolen or missing now) over the mass of all assets retired in the period.</source>
        <translation>R_col = m_col / m_pr（GB/T 43145-2023 附录 A）：本期退役资产中经有记录的渠道回收（目前未丢失、被盗或未发现）的质量，除以本期全部退役资产的质量。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>R_rov = (m_u + m_m + m_r + m_rov) / processed mass (GB/T 43145-2023 Annex A): reused, refurbished or harvested, certified-recycled and energy-recovered mass over the mass of the retired assets processed in the period.</source>
        <translation>R_rov = (m_u + m_m + m_r + m_rov) / 已处理质量（GB/T 43145-2023 附录 A）：再使用、翻新或拆解回收部件、经认证再生利用及能量回收的质量，除以本期已处理退役资产的质量。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(m_u + m_m) / processed mass: the share of the processed mass that was redeployed, remarketed, donated, refurbished or harvested for parts, the higher levers of the waste hierarchy.</source>
        <translation>(m_u + m_m) / 已处理质量：已处理质量中再部署、二次营销、捐赠、翻新或拆解回收部件的比例，即废物层级中较高的循环杠杆。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mass whose documented fate in the period is reuse, parts harvest, or recycling or destruction by a processor holding a current certification.</source>
        <translation>本期内有记录去向为再使用、部件回收，或由持有有效认证的处理商再生利用或销毁的质量。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Emissions avoided by the reuse pathways: the displaced new devices&apos; embodied footprint × the share of a reference life delivered × a displacement factor, minus the process&apos;s own share. Reported apart from the emissions inventory and never netted off it. The default figure, with its low–high range.</source>
        <translation>再使用途径避免的排放：被替代新设备的隐含碳足迹 × 实现的参考寿命比例 × 替代系数，减去处理过程自身的份额。与排放清单分开报告，绝不从中抵扣。显示默认值及其低–高范围。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Electricity used by the active fleet in the period × the grid intensity of each site&apos;s country: part of the organisation&apos;s own inventory (Scope 2), not offset by the avoided emissions.</source>
        <translation>在用设备本期耗电量 × 各站点所在国家的电网排放因子：属于组织自身排放清单（范围 2），不以避免的排放抵消。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Years from purchase to retirement of the assets retired in the period, over their category&apos;s refresh target (Σ actual / Σ target): 100% means they lived as long as planned.</source>
        <translation>本期退役资产从采购到退役的年数，除以其类别的更新周期目标（Σ 实际 / Σ 目标）：100% 表示达到计划寿命。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Composite circularity index P = Σ weight × (actual / benchmark) over the indicators of the IT circularity set; grade 1 (P ≥ 0.9, very high) to 5 (P &lt; 0.6, very low).</source>
        <translation>综合循环指数 P = Σ 权重 × (实际值 / 基准值)，按 IT 循环指标体系计算；等级 1（P ≥ 0.9，很高）至 5（P &lt; 0.6，很低）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No asset was retired, lost or went missing in the period: there is nothing to divide by.</source>
        <extracomment>Why a tile shows &quot;—&quot; (the denominator was zero), and words that find the core&apos;s note about it.</extracomment>
        <translation>本期没有资产退役、丢失或未发现：分母为零，无法计算。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+7"/>
        <source>No retired asset was processed (reused, refurbished, harvested, recycled or destroyed) in the period.</source>
        <translation>本期没有退役资产被处理（再使用、翻新、拆解回收、再生利用或销毁）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No asset with a purchase date was retired in the period.</source>
        <translation>本期没有带采购日期的资产退役。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The composite index could not be computed.</source>
        <translation>无法计算综合指数。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Assets by status</source>
        <translation>按状态统计资产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assets by value-chain stage</source>
        <translation>按价值链阶段统计资产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age of the active fleet</source>
        <translation>在用设备机龄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retirements and fates by month</source>
        <translation>每月退役与去向</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CO2e avoided by pathway (kg)</source>
        <translation>各途径避免的 CO2e（千克）</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Not computed for this period.</source>
        <extracomment>A steady colour per pathway, so that every chart and report reads alike.</extracomment>
        <translation>本期未计算。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{active} in use, in stock or in repair</source>
        <translation>{active} 项在用、库存或维修中</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{kg} · {collected} collected</source>
        <translation>{kg} · 已回收 {collected} 项</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>by count {share}</source>
        <translation>按数量 {share}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>of {kg} processed</source>
        <translation>已处理 {kg}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{kg} reused, refurbished or harvested</source>
        <translation>{kg} 再使用、翻新或拆解回收</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{share} of the processed mass</source>
        <translation>占已处理质量的 {share}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing processed in the period</source>
        <translation>本期没有处理任何资产</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>avoided, not netted · range {low}–{high}</source>
        <translation>避免量，不抵扣 · 范围 {low}–{high}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>CO2e from {kwh} of electricity</source>
        <translation>CO2e，来自 {kwh} 用电</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>of the target life · {n} retired assets</source>
        <translation>目标寿命的比例 · {n} 项退役资产</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>not computed for this period</source>
        <translation>本期未计算</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>grade {grade} · {label}</source>
        <translation>等级 {grade} · {label}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>covers {share} of the weight</source>
        <translation>覆盖 {share} 的权重</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location line="+485"/>
        <source>Dashboard</source>
        <extracomment>A computation was shown (the FleetMetrics). A computation failed (its message). Open an asset&apos;s details (its tag or serial), asked by a double-click on a finding&apos;s example. Show the inventory searched for this text. The figures shown (None before the first computation).</extracomment>
        <translation>仪表板</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>The figures cannot be computed: {reason}</source>
        <translation>无法计算指标：{reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Computing the figures for {period}…</source>
        <translation>正在计算 {period} 的指标…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{period} ({days} days) · {slice} · computed {time} · factors: {factors}</source>
        <translation>{period}（{days} 天）· {slice} · 计算于 {time} · 因子：{factors}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>all assets</source>
        <translation>全部资产</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>No assets in this slice</source>
        <translation>此范围内没有资产</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No active assets in this slice</source>
        <translation>此范围内没有在用资产</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+44"/>
        <source>assets</source>
        <translation>资产数</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>years since purchase</source>
        <translation>采购后年数</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No retirement or disposal in this period</source>
        <translation>本期没有退役或处置</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>No reuse in this period: no avoided emissions</source>
        <translation>本期没有再使用：没有避免的排放</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>range up to the high bound</source>
        <translation>至高值的范围</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>kg CO2e</source>
        <translation>千克 CO2e</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+18"/>
        <source>{pathway}: {default} (low {low}, high {high})</source>
        <translation>{pathway}：{default}（低 {low}，高 {high}）</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Double-click to open {asset}</source>
        <translation>双击打开 {asset}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>… and {n} more</source>
        <translation>… 另有 {n} 项</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Notes ({n})</source>
        <translation>说明（{n}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No fallback was needed: every figure uses recorded data.</source>
        <translation>无需任何替代值：所有指标均使用已记录的数据。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Factor set: {label}</source>
        <translation>因子集：{label}</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compute the figures again from the database (F5)</source>
        <translation>从数据库重新计算指标（F5）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>by status</source>
        <translation>按状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>by stage</source>
        <translation>按阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Count the register by operational status or by value-chain stage</source>
        <translation>按运行状态或价值链阶段统计登记资产</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assets that were retired, lost or went missing, and the fates (reuse, resale, recycling …) recorded each month of the period</source>
        <translation>本期每月退役、丢失或未发现的资产，以及记录的去向（再使用、转售、再生利用……）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Avoided emissions of each reuse pathway: low, default and high bounds. Reported apart from the inventory, never netted off it.</source>
        <translation>各再使用途径避免的排放：低值、默认值和高值。与排放清单分开报告，绝不从中抵扣。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Assets in use, in stock or in repair by whole years since purchase</source>
        <translation>在用、库存或维修中的资产，按采购后的整年数统计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Findings</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finding and example assets</source>
        <translation>问题及示例资产</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Assets</source>
        <translation>资产数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Double-click an example asset to open its details and history</source>
        <translation>双击示例资产以打开其详情和历史记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open asset</source>
        <translation>打开资产(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the selected example asset&apos;s details and history</source>
        <translation>打开所选示例资产的详情和历史记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show in &amp;inventory</source>
        <translation>在资产清单中显示(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the inventory for the selected example asset</source>
        <translation>在资产清单中搜索所选示例资产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which defaults and fallbacks the figures used (show or hide)</source>
        <translation>指标使用了哪些默认值和替代值（显示或隐藏）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The dashboard shows the fleet&apos;s circularity figures for the chosen period and slice. Hover over a figure for its definition; a figure shown as — could not be computed, and its tooltip says why.</source>
        <translation>仪表板显示所选期间和范围内设备群的循环指标。将鼠标悬停在指标上可查看其定义；显示为 — 的指标无法计算，其提示说明原因。</translation>
    </message>
</context>
<context>
    <name>DestructionDialog</name>
    <message>
        <location filename="../../ui/dialogs/wipe_dialog.py" line="+869"/>
        <source>Record a destruction</source>
        <translation>记录销毁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Assets:</source>
        <translation>资产(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asset tags or serial numbers, one per line</source>
        <translation>资产编号或序列号，每行一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every storage medium still in these assets is recorded as destroyed</source>
        <translation>这些资产中现存的每个存储介质都将记录为已销毁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Method:</source>
        <translation>方法(&amp;M)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Equipment:</source>
        <translation>设备(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. shredder make and model</source>
        <translation>例如：粉碎机品牌和型号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Particle size:</source>
        <translation>颗粒尺寸(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not stated</source>
        <translation>未说明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Operator:</source>
        <translation>操作员(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Witness:</source>
        <translation>见证人(&amp;W)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;lace:</source>
        <translation>地点(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Time:</source>
        <translation>时间(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Record</source>
        <translation>记录(&amp;R)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Name at least one asset, one per line.</source>
        <translation>请至少填写一项资产，每行一个。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;{zone}&apos; is not a time zone: choose one from the list.</source>
        <translation>“{zone}”不是时区：请从列表中选择。</translation>
    </message>
</context>
<context>
    <name>DiscoveryPage</name>
    <message>
        <location filename="../../ui/pages/discovery.py" line="+88"/>
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
        <location line="+400"/>
        <source>Discovery</source>
        <extracomment>Widest a column gets when fitted to its contents (the user can widen it further). Milliseconds after the last change of the &quot;days&quot; box before the missing list is read again. Colour of the inline target error (a dark red that reads on light and dark backgrounds alike). The inventory changed (devices accepted, assets seen by a scan, marked missing, a conflict applied). A scan or import has been shown (its outcome), or failed (None). For tests and the window. The review queue, conflicts and missing lists have been read again.</extracomment>
        <translation>网络发现</translation>
    </message>
    <message>
        <location line="+92"/>
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
        <location line="+51"/>
        <source>Scan the targets with nmap {version} (Enter)</source>
        <translation>用 nmap {version} 扫描目标（回车键）</translation>
    </message>
    <message>
        <location line="-49"/>
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
        <source>A&amp;udit the hosts found…</source>
        <translation>审计发现的主机(&amp;U)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask the hosts of the last scan for their serials, models, disks and software (SNMP, SSH, WinRM) with the stored credentials (Settings → Credentials)</source>
        <translation>使用已存储的凭据（设置 → 凭据）向上次扫描发现的主机查询其序列号、型号、磁盘和软件（SNMP、SSH、WinRM）</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+19"/>
        <source>Scan #{scan}</source>
        <translation>扫描 #{scan}</translation>
    </message>
    <message>
        <location line="+34"/>
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
        <location line="+13"/>
        <source>An internal error occurred ({kind}). The details are in the log.</source>
        <translation>发生内部错误（{kind}）。详细信息见日志。</translation>
    </message>
</context>
<context>
    <name>DiscoveryTables</name>
    <message>
        <location filename="../../ui/models/discovery_tables.py" line="+59"/>
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
        <location line="+99"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="-97"/>
        <location line="+99"/>
        <source>MAC address</source>
        <translation>MAC 地址</translation>
    </message>
    <message>
        <location line="-98"/>
        <location line="+99"/>
        <source>Vendor</source>
        <translation>厂商</translation>
    </message>
    <message>
        <location line="-98"/>
        <location line="+99"/>
        <source>Hostname</source>
        <translation>主机名</translation>
    </message>
    <message>
        <location line="-98"/>
        <location line="+99"/>
        <location line="+47"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="-144"/>
        <location line="+98"/>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>Open ports</source>
        <translation>开放端口</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Audited</source>
        <translation>已审计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not audited: {reason}</source>
        <translation>未能审计：{reason}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Times seen</source>
        <translation>发现次数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+44"/>
        <source>Last seen</source>
        <translation>最近发现</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>{method} audit, {when}: {what}</source>
        <translation>{method} 审计，{when}：{what}</translation>
    </message>
    <message>
        <location line="+4"/>
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
    <name>EventDialog</name>
    <message>
        <location filename="../../ui/pages/batches.py" line="-897"/>
        <source>Record a custody event for {batch}</source>
        <translation>为 {batch} 记录监管链事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Event:</source>
        <translation>事件(&amp;E)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Seal numbers:</source>
        <translation>封签编号(&amp;S)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Carrier:</source>
        <translation>承运方(&amp;C)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Vehicle:</source>
        <translation>车辆(&amp;V)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Material stream:</source>
        <translation>物料流(&amp;M)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Weight:</source>
        <translation>重量(&amp;W)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Recycler:</source>
        <translation>回收商(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ertification:</source>
        <translation>认证(&amp;E)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Operator:</source>
        <translation>操作员(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Witness:</source>
        <translation>见证人(&amp;W)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>separated by commas or spaces</source>
        <translation>用逗号或空格分隔</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. R2v3 12345 (taken from the recycler when empty)</source>
        <translation>例如 R2v3 12345（留空则取自回收商资料）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Record</source>
        <translation>记录(&amp;R)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>No custody event can follow the batch&apos;s status {status}.</source>
        <translation>批次处于“{status}”状态，不能记录任何监管链事件。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="+82"/>
        <location line="+91"/>
        <source>Import a spreadsheet</source>
        <translation>导入电子表格</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>Columns are matched to asset fields by their headers (Snipe-IT, GLPI and most exports are recognised). Rows find existing assets by serial, then asset tag. Nothing is written until you confirm the preview.</source>
        <translation>按表头将各列对应到资产字段（可识别 Snipe-IT、GLPI 及大多数导出格式）。各行先按序列号、再按资产编号匹配现有资产。确认预览之前不会写入任何内容。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>CSV or XLSX file</source>
        <translation>CSV 或 XLSX 文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Importing {file}…</source>
        <translation>正在导入 {file}…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Spreadsheets (*.csv *.xlsx);;CSV files (*.csv);;Excel workbooks (*.xlsx);;All files (*)</source>
        <translation>电子表格 (*.csv *.xlsx);;CSV 文件 (*.csv);;Excel 工作簿 (*.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cancelled: nothing was imported.</source>
        <translation>已取消：未导入任何内容。</translation>
    </message>
    <message>
        <location line="-137"/>
        <source>{file}: {rows} rows; {creates} new assets, {updates} changed, {unchanged} unchanged.</source>
        <extracomment>Problems listed in the dialog before &quot;… and N more&quot;.</extracomment>
        <translation>{file}：{rows} 行；新资产 {creates} 项，更改 {updates} 项，未变 {unchanged} 项。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>… and {more} more</source>
        <translation>… 另有 {more} 项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{invalid} rows cannot be imported:</source>
        <translation>{invalid} 行无法导入：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is nothing to import from this file.</source>
        <translation>此文件中没有可导入的内容。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import the &amp;valid rows only</source>
        <translation>仅导入有效行(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import {count} assets</source>
        <translation>导入 {count} 项资产(&amp;I)</translation>
    </message>
</context>
<context>
    <name>ImportWipeDialog</name>
    <message>
        <location filename="../../ui/dialogs/wipe_dialog.py" line="+306"/>
        <source>Import an nwipe log</source>
        <translation>导入 nwipe 日志</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import a wipe CSV</source>
        <translation>导入擦除记录 CSV</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File: {file}</source>
        <translation>文件：{file}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time &amp;zone of the log:</source>
        <translation>日志的时区(&amp;Z)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The zone of the computer that wrote the log (its times carry none)</source>
        <translation>写入该日志的计算机所在时区（日志中的时间不含时区）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drives not in the inventory:</source>
        <translation>不在资产清单中的硬盘：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Stop and list them</source>
        <translation>停止并列出它们(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put them on &amp;asset:</source>
        <translation>归入资产(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>asset tag or serial number</source>
        <translation>资产编号或序列号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Create an asset per unknown drive, category:</source>
        <translation>为每个未知硬盘创建资产(&amp;C)，类别：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Operator:</source>
        <translation>操作员(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>who ran the wipe (not in the log)</source>
        <translation>执行擦除的人（日志中没有）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Verifier:</source>
        <translation>核验人(&amp;V)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data c&amp;lassification:</source>
        <translation>数据密级(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not stated</source>
        <translation>未说明</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drive</source>
        <translation>硬盘</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Asset</source>
        <translation>资产</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Technique</source>
        <translation>技术</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Counts</source>
        <translation>是否计入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>&apos;{zone}&apos; is not a time zone: choose one from the list.</source>
        <translation>“{zone}”不是时区：请从列表中选择。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Checking {n} files…</source>
        <translation>正在检查 {n} 个文件…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Checking the file…</source>
        <translation>正在检查文件…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%v of %m files</source>
        <translation>%v / %m 个文件</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Nothing can be imported as the options stand:</source>
        <translation>按当前选项无法导入任何内容：</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+86"/>
        <source>Problems ({n})</source>
        <translation>问题（{n}）</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>This file was imported before (SHA-256 {sha}…): importing it again records nothing.</source>
        <translation>此文件此前已导入（SHA-256 {sha}…）：再次导入不会记录任何内容。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Importing would record {records} wipes, add {media} storage media and create {assets} assets.</source>
        <translation>导入将记录 {records} 条擦除、添加 {media} 个存储介质并创建 {assets} 项资产。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Records ({n})</source>
        <translation>记录（{n}）</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>(masked serial)</source>
        <translation>（序列号已隐藏）</translation>
    </message>
    <message>
        <location line="-221"/>
        <source>Import nwipe logs</source>
        <extracomment>A dry run finished: its ImportOutcome, or None when it failed (the reason is shown); with several files, the list of FileResult. The import was written (its ImportOutcome); one file only. Several files were imported (the list of FileResult, one per ticked file reached). Several files: each is checked, shown and imported on its own. Every problem of the file the last check or import found (ImportFileError.problems). Several files: the last dry run&apos;s result per file, then what the import did per file. Several files: the paths ticked for import. Several files: those the import was started for (the ticked ones).</extracomment>
        <translation>导入 nwipe 日志</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Import wipe CSVs</source>
        <translation>导入擦除记录 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} files: {names}</source>
        <translation>{n} 个文件：{names}</translation>
    </message>
    <message>
        <location line="+243"/>
        <source>Storage media to add ({n})</source>
        <translation>将添加的存储介质（{n}）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Storage media added ({n})</source>
        <translation>已添加的存储介质（{n}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assets to create ({n})</source>
        <translation>将创建的资产（{n}）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Assets created ({n})</source>
        <translation>已创建的资产（{n}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings ({n})</source>
        <translation>警告（{n}）</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>{ok} of {n} files can be imported: {records} wipes, {media} storage media to add, {assets} assets to create. Files that cannot be imported are unticked and skipped.</source>
        <translation>{n} 个文件中有 {ok} 个可以导入：{records} 条擦除，将添加 {media} 个存储介质，将创建 {assets} 项资产。无法导入的文件未勾选，将被跳过。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>None of the {n} files can be imported as the options stand.</source>
        <translation>按当前选项，{n} 个文件都无法导入。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>✗ {file}: cannot be imported</source>
        <translation>✗ {file}：无法导入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: imported before (SHA-256 {sha}…), nothing new to record</source>
        <translation>{file}：此前已导入（SHA-256 {sha}…），没有新内容可记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: nothing to record</source>
        <translation>{file}：没有可记录的内容</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: {records} wipes, {warnings} warnings</source>
        <translation>{file}：{records} 条擦除，{warnings} 条警告</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>✓ {file}: {n} wipes recorded</source>
        <translation>✓ {file}：已记录 {n} 条擦除</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+14"/>
        <source>– {file}: imported before, nothing new recorded</source>
        <translation>– {file}：此前已导入，未记录新内容</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>✗ {file}: not imported</source>
        <translation>✗ {file}：未导入</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>– {file}: not imported (cancelled)</source>
        <translation>– {file}：未导入（已取消）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✗ {file}: not imported, it failed the check</source>
        <translation>✗ {file}：未导入，未通过检查</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>– {file}: skipped (not ticked)</source>
        <translation>– {file}：已跳过（未勾选）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Imported {ok} of {n} files: {records} wipes recorded, {media} storage media added, {assets} assets created.</source>
        <translation>已导入 {n} 个文件中的 {ok} 个：记录了 {records} 条擦除，添加了 {media} 个存储介质，创建了 {assets} 项资产。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{n} files were not imported (see why below).</source>
        <translation>{n} 个文件未导入（原因见下方）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} files were skipped.</source>
        <translation>{n} 个文件已跳过。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled: {n} files were not reached.</source>
        <translation>已取消：{n} 个文件未处理。</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Importing {n} files…</source>
        <translation>正在导入 {n} 个文件…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelled: nothing was imported.</source>
        <translation>已取消：未导入任何内容。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Check cancelled.</source>
        <translation>检查已取消。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancelling… the file being imported finishes whole.</source>
        <translation>正在取消…正在导入的文件会完整完成。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelling… an import that has begun to write finishes whole.</source>
        <translation>正在取消…已开始写入的导入会完整完成。</translation>
    </message>
</context>
<context>
    <name>InventoryPage</name>
    <message>
        <location filename="../../ui/pages/inventory.py" line="+214"/>
        <source>Inventory</source>
        <extracomment>Milliseconds of quiet typing before the search runs. Rows whose ids a bulk action reads one page at a time; selecting every row uses the listing&apos;s ids instead. Widest a column gets when fitted to its contents (the user can widen it further). Assets were moved from this page (other pages&apos; lists change).</extracomment>
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
        <location line="+3"/>
        <source> S&amp;tage: </source>
        <translation> 阶段(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> &amp;Department: </source>
        <translation> 部门(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> &amp;Location: </source>
        <translation> 位置(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All locations</source>
        <translation>全部位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Double-click or Enter opens an asset; right-click acts on the selected ones</source>
        <translation>双击或按回车打开资产；右键单击可对所选资产执行操作</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location line="+59"/>
        <source>Inventory not read</source>
        <translation>未能读取资产清单</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot read the inventory</source>
        <translation>无法读取资产清单</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cannot open the asset</source>
        <translation>无法打开资产</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Move {n} asset(s) to</source>
        <translation>将 {n} 项资产移至(&amp;M)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Assign to…</source>
        <translation>分配给(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add to ITAD &amp;batch…</source>
        <translation>加入 ITAD 批次(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export selected…</source>
        <translation>导出所选(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;udit {n} asset(s)…</source>
        <translation>审计 {n} 项资产(&amp;U)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credentialed audit (SNMP, SSH or WinRM) of the selected assets at their IP addresses</source>
        <translation>按所选资产的 IP 地址进行凭据审计（SNMP、SSH 或 WinRM）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{n} selected asset(s)</source>
        <translation>已选 {n} 项资产</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Moved {n} asset(s) to “{target}”.</source>
        <translation>已将 {n} 项资产移至“{target}”。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing was moved</source>
        <translation>未移动任何资产</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Assign to</source>
        <translation>分配给</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person (name or e-mail) for {n} asset(s); empty removes the assignment:</source>
        <translation>为 {n} 项资产指定使用人（姓名或电子邮件）；留空则取消分配：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assigned from the inventory</source>
        <translation>在资产清单中分配</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assigned {n} asset(s).</source>
        <translation>已分配 {n} 项资产。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing was assigned</source>
        <translation>未分配任何资产</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No open batch</source>
        <translation>没有未结批次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a batch on the Batches &amp; custody page first.</source>
        <translation>请先在“批次与监管链”页面创建批次。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add to ITAD batch</source>
        <translation>加入 ITAD 批次</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Batch:</source>
        <translation>批次：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not added</source>
        <translation>未加入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Added {n} asset(s) to batch {batch}.</source>
        <translation>已将 {n} 项资产加入批次 {batch}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} without a serial number were left out.</source>
        <translation>{n} 项没有序列号的资产未加入。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export the selected assets</source>
        <translation>导出所选资产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx);;CSV file (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exported {rows} assets to {file}</source>
        <translation>已将 {rows} 项资产导出到 {file}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>JobDialog</name>
    <message>
        <location filename="../../ui/dialogs/job_dialog.py" line="+60"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>LifecyclePage</name>
    <message>
        <location filename="../../ui/pages/lifecycle.py" line="+405"/>
        <source>Lifecycle</source>
        <extracomment>Assets were moved (other pages show them differently now). A worklist page has been read and shown. A move finished (True) or was refused (False). The last move&apos;s error text, as shown to the user (tests read it).</extracomment>
        <translation>生命周期</translation>
    </message>
    <message>
        <location line="+42"/>
        <location line="+71"/>
        <source>Computing recommendations…</source>
        <translation>正在计算建议…</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>&amp;Retire…</source>
        <translation>退役(&amp;R)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Take the selected assets out of use; they wait for a decision</source>
        <translation>让所选资产停止使用；它们将等待处置决定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;deploy</source>
        <translation>再部署(&amp;D)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Put the selected retired or sanitized assets back into use inside the organisation</source>
        <translation>将所选已退役或已清除数据的资产在组织内部重新投入使用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Sell…</source>
        <translation>出售(&amp;S)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Record the sale of the selected assets (remarketing); data-bearing assets need verified sanitization first</source>
        <translation>记录所选资产的出售（二次营销）；含数据资产须先经过验证的数据清除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>D&amp;onate…</source>
        <translation>捐赠(&amp;O)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Record the donation of the selected assets to a party; data-bearing assets need verified sanitization first</source>
        <translation>记录将所选资产捐赠给某一方；含数据资产须先经过验证的数据清除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Harvest…</source>
        <translation>拆解回收(&amp;H)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recover tested parts from the selected assets</source>
        <translation>从所选资产中回收经过测试的部件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;cycle…</source>
        <translation>回收利用(&amp;C)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hand the selected assets to a recycler for material recovery; data-bearing assets need verified sanitization first</source>
        <translation>将所选资产交给回收商进行材料回收；含数据资产须先经过验证的数据清除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Des&amp;troy…</source>
        <translation>销毁(&amp;T)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Record the physical destruction of the selected assets</source>
        <translation>记录所选资产的物理销毁</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Apply recommendation</source>
        <translation>采用建议(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;etails…</source>
        <translation>详情(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the selected asset&apos;s details and history (Enter)</source>
        <translation>打开所选资产的详情和历史记录（回车键）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;more</source>
        <translation>显示更多(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compute recommendations for the next {n} assets</source>
        <translation>为接下来的 {n} 项资产计算建议</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Due for refresh</source>
        <translation>到期待更新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retired — awaiting decision</source>
        <translation>已退役 — 待决定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Awaiting sanitization</source>
        <translation>待数据清除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sanitized — ready to leave</source>
        <translation>已清除数据 — 可离开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing / lost</source>
        <translation>未发现 / 丢失</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deployed or in stock and older than the policy&apos;s refresh cycle for their category, oldest first</source>
        <translation>已部署或在库、且已超过其类别策略更新周期的资产，最旧的在前</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retired assets waiting for a decision</source>
        <translation>等待处置决定的已退役资产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queued for data sanitization</source>
        <translation>排队等待数据清除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sanitized assets that may leave the organisation</source>
        <translation>已清除数据、可离开组织的资产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing (not seen by discovery) or reported lost or stolen</source>
        <translation>未发现（扫描未见）或已报告丢失、被盗</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} ({n})</source>
        <translation>{name}（{n}）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Showing {n} of {total} assets</source>
        <translation>显示 {total} 项资产中的 {n} 项</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 asset</source>
        <translation>1 项资产</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} assets</source>
        <translation>{n} 项资产</translation>
    </message>
    <message>
        <location line="+42"/>
        <location line="+251"/>
        <source>Unexpected error: {error}</source>
        <translation>意外错误：{error}</translation>
    </message>
    <message>
        <location line="-250"/>
        <source>Worklist not read</source>
        <translation>未能读取工作清单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot read the worklist</source>
        <translation>无法读取工作清单</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>{tip}
Not possible from: {statuses}</source>
        <translation>{tip}
以下状态不可执行：{statuses}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{tip}
Select one or more assets first</source>
        <translation>{tip}
请先选择一项或多项资产</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select one asset to act on its recommendation</source>
        <translation>选择一项资产以执行其建议</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The recommended lever ({lever}) is not a move from “{status}”</source>
        <translation>建议的杠杆（{lever}）不是可从“{status}”执行的流转</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Carry out the recommendation: {action}</source>
        <translation>执行建议：{action}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Select an asset to see its recommendation in full.</source>
        <translation>选择一项资产以查看完整建议。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} assets selected</source>
        <translation>已选择 {n} 项资产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recommended levers:</source>
        <translation>建议的杠杆：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age</source>
        <translation>使用年限</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{age} years of a {refresh}-year refresh cycle</source>
        <translation>{age} 年（更新周期 {refresh} 年）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Condition</source>
        <translation>成色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not graded</source>
        <translation>未评级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data-bearing</source>
        <translation>含数据</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Recommended lever:</source>
        <translation>建议的杠杆：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stage {n}</source>
        <translation>第 {n} 阶段</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The recommended lever is not a move from this status; an earlier step (such as sanitization) comes first.</source>
        <translation>建议的杠杆无法从当前状态直接执行；需要先完成前一步骤（例如数据清除）。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cannot open the asset</source>
        <translation>无法打开资产</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Cannot read the parties</source>
        <translation>无法读取相关方</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Moving {n} asset(s)…</source>
        <translation>正在流转 {n} 项资产…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{action}: {n} asset(s) moved to “{target}”</source>
        <translation>{action}：{n} 项资产已流转至“{target}”</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+2"/>
        <source>Nothing was moved</source>
        <translation>未流转任何资产</translation>
    </message>
</context>
<context>
    <name>LifecycleTableModel</name>
    <message>
        <location filename="../../ui/models/lifecycle_table.py" line="+46"/>
        <source>Asset tag</source>
        <extracomment>Role carrying the asset&apos;s database id (an int). Role carrying the whole frozen WorkItem.</extracomment>
        <translation>资产编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age (years)</source>
        <translation>使用年限（年）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Condition</source>
        <translation>成色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recommended lever</source>
        <translation>建议的杠杆</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>life extension</source>
        <extracomment>Lever descriptions the core names inside its reasons (&quot;… that life extension needs&quot;).</extracomment>
        <translation>寿命延长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>redeployment</source>
        <translation>再部署</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>remarketing</source>
        <translation>二次营销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refurbishment</source>
        <translation>翻新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>component recovery</source>
        <translation>部件回收</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>good enough for another user inside the organisation</source>
        <translation>状况良好，可供组织内其他用户使用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>has resale or donation value after a verified wipe</source>
        <translation>经验证的数据擦除后具有转售或捐赠价值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>repairable: refurbish, then redeploy or remarket</source>
        <translation>可修复：翻新后再部署或二次营销</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>recover tested parts (RAM, SSD, PSU, CPU, screen) for spares or resale</source>
        <translation>回收经过测试的部件（内存、SSD、电源、CPU、屏幕）用作备件或转售</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no better lever applies: certified material recycling</source>
        <translation>没有更优的杠杆适用：经认证的材料回收利用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>data-bearing and a sanitization of its media failed (unwipeable)</source>
        <translation>含数据，且其存储介质的数据清除失败（无法擦除）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>beyond repair (condition F)</source>
        <translation>无法修复（成色 F）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no condition grade recorded: assumed C (worn, working); grade the asset to be sure</source>
        <translation>未记录成色等级：按 C（有磨损、可正常使用）处理；请为资产评级以确认</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no purchase date recorded: age rules could not be applied</source>
        <translation>未记录采购日期：无法应用使用年限规则</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>C (assumed)</source>
        <translation>C（推定）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>already taken out of use ({status})</source>
        <extracomment>(pattern of the core&apos;s sentence, translatable template, how each named group is shown).</extracomment>
        <translation>已停止使用（{status}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>too old: {age} years, {what} allows up to {limit}</source>
        <translation>过旧：已使用 {age} 年，{what}最多允许 {limit} 年</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>condition {grade} is below the {minimum} that {what} needs</source>
        <translation>成色 {grade} 低于{what}所需的 {minimum}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no internal demand for {category} (policy)</source>
        <translation>内部对{category}没有需求（策略）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no parts worth recovering in a {category} (policy)</source>
        <translation>{category}中没有值得回收的部件（策略）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>data-bearing and holds media that cannot be purged ({media})</source>
        <translation>含数据，且装有无法清除（Purge）的存储介质（{media}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>still serviceable: keep it in use (age {age} of a {refresh}-year cycle, condition {grade})</source>
        <translation>仍可使用：继续使用（已使用 {age} 年，更新周期 {refresh} 年，成色 {grade}）</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>Passed over {lever}: {reasons}</source>
        <translation>未采用{lever}：{reasons}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+312"/>
        <source>itam — IT asset circularity</source>
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
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
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
        <source>&amp;Import spreadsheet…</source>
        <translation>导入电子表格(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add or update assets from a CSV or XLSX file, after a preview</source>
        <translation>预览后从 CSV 或 XLSX 文件添加或更新资产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export inventory…</source>
        <translation>导出资产清单(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the assets the inventory page lists (filters and sort) as CSV or XLSX</source>
        <translation>将资产清单页面列出的资产（按筛选和排序）保存为 CSV 或 XLSX</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Back up the database…</source>
        <translation>备份数据库(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the whole inventory to a file while it stays in use, checked before it is kept</source>
        <translation>在清单继续使用的同时将其完整复制到文件，保留前会经过检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Res&amp;tore from a backup…</source>
        <translation>从备份恢复(&amp;T)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace the inventory with a checked backup; the database as it was is kept</source>
        <translation>用经过检查的备份替换清单；原数据库会保留</translation>
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
        <location line="-68"/>
        <source>Cannot open the asset</source>
        <extracomment>Extra room beside the widest navigation entry (icon, frame, margins).</extracomment>
        <translation>无法打开资产</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Database: {url}</source>
        <translation>数据库：{url}</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>User: {name}</source>
        <translation>用户：{name}</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Imported: {created} new assets, {updated} changed, {skipped} rows skipped.</source>
        <translation>已导入：新资产 {created} 项，更改 {updated} 项，跳过 {skipped} 行。</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>⚠ Database: {url} (see the warning)</source>
        <translation>⚠ 数据库：{url}（请查看警告）</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Export the inventory</source>
        <translation>导出资产清单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx);;CSV file (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exporting to {file}…</source>
        <translation>正在导出到 {file}…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported {rows} assets to {file}</source>
        <translation>已将 {rows} 项资产导出到 {file}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The database was restored from the backup.</source>
        <translation>数据库已从备份恢复。</translation>
    </message>
    <message>
        <location line="+40"/>
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
    <name>MoveDialog</name>
    <message>
        <location filename="../../ui/pages/lifecycle.py" line="-675"/>
        <source>{action} – {n} asset(s)</source>
        <extracomment>Rows computed per worker run; more are loaded with &quot;Show more&quot;. Narrower caps for columns whose text is long but secondary (the tooltip shows it whole). The page&apos;s move actions: (action key, transition key in resources/lifecycle.toml, asks for details first). The transition that carries out a recommended lever (life extension keeps the asset where it is). The keyword arguments for the service (reason, party, occurred_at; for one asset also value …).</extracomment>
        <translation>{action} – {n} 项资产</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Move {tag} ({model}) from “{source}” to “{target}”.</source>
        <translation>将 {tag}（{model}）从“{source}”流转至“{target}”。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move {n} assets to “{target}”. All of them move, or none does.</source>
        <translation>将 {n} 项资产流转至“{target}”。要么全部流转，要么全部不流转。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(choose a party)</source>
        <translation>（请选择相关方）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The buyer, recipient, recycler or vendor involved</source>
        <translation>涉及的买方、受赠方、回收商或供应商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Party:</source>
        <translation>相关方(&amp;P)：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The day it happened; not in the future</source>
        <translation>发生日期；不能是将来的日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome of this asset</source>
        <translation>该资产的处置结果</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 120.50</source>
        <translation>例如 120.50</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Value received:</source>
        <translation>收到金额(&amp;V)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. 15</source>
        <translation>例如 15</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ost paid:</source>
        <translation>支付费用(&amp;O)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>EUR, CNY, USD…</source>
        <translation>EUR、CNY、USD…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;urrency:</source>
        <translation>币种(&amp;U)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>not weighed</source>
        <translation>未称重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Weight:</source>
        <translation>重量(&amp;W)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. ram:16, ssd:512</source>
        <translation>例如 ram:16, ssd:512</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parts &amp;fitted:</source>
        <translation>安装的部件(&amp;F)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. ram:16, ssd:512x2, psu</source>
        <translation>例如 ram:16, ssd:512x2, psu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parts re&amp;covered:</source>
        <translation>回收的部件(&amp;C)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Value, cost, weight and parts are recorded per asset: move one asset at a time to record them.</source>
        <translation>金额、费用、重量和部件按单项资产记录：如需记录，请一次流转一项资产。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Move</source>
        <translation>流转(&amp;M)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Give a reason for this move.</source>
        <translation>请填写此次流转的原因。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the party involved.</source>
        <translation>请选择涉及的相关方。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The date cannot be in the future.</source>
        <translation>日期不能是将来的日期。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>An amount needs its currency (e.g. EUR).</source>
        <translation>金额需要填写币种（例如 EUR）。</translation>
    </message>
</context>
<context>
    <name>NewBatchDialog</name>
    <message>
        <location filename="../../ui/pages/batches.py" line="-169"/>
        <source>New batch</source>
        <extracomment>The service call succeeded (its result).</extracomment>
        <translation>新建批次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Job number:</source>
        <translation>作业编号(&amp;J)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. ITAD-2025-014</source>
        <translation>例如 ITAD-2025-014</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Client:</source>
        <translation>客户(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Vendor:</source>
        <translation>服务商(&amp;V)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The ITAD vendor or recycler that takes the assets</source>
        <translation>接收这些资产的 ITAD 服务商或回收商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Notes:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Create</source>
        <translation>创建(&amp;C)</translation>
    </message>
</context>
<context>
    <name>OrganisationDialog</name>
    <message>
        <location filename="../../ui/dialogs/certificate_dialog.py" line="+475"/>
        <source>Organisation</source>
        <translation>组织信息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;E-mail:</source>
        <translation>电子邮件(&amp;E)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Registration no.:</source>
        <translation>注册号(&amp;R)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Website:</source>
        <translation>网站(&amp;W)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>printed on every certificate; required</source>
        <translation>印在每份证书上；必填</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logo:</source>
        <translation>徽标：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Choose logo…</source>
        <translation>选择徽标(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A PNG or JPEG image of at most 2 MB</source>
        <translation>不超过 2 MB 的 PNG 或 JPEG 图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;move logo</source>
        <translation>移除徽标(&amp;M)</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>No logo</source>
        <translation>无徽标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not an image</source>
        <translation>不是图片</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>Choose the logo</source>
        <translation>选择徽标</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot read {file}: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file} is not a PNG or JPEG image</source>
        <translation>{file} 不是 PNG 或 JPEG 图片</translation>
    </message>
</context>
<context>
    <name>PeriodSelector</name>
    <message>
        <location filename="../../ui/widgets.py" line="+51"/>
        <source>Last 12 months</source>
        <extracomment>Period presets in the order the combo lists them.</extracomment>
        <translation>最近 12 个月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This year to date</source>
        <translation>今年至今</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last year</source>
        <translation>去年</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last fiscal year</source>
        <translation>上一财年</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom dates</source>
        <translation>自定义日期</translation>
    </message>
    <message>
        <location line="+323"/>
        <source>&amp;Period:</source>
        <extracomment>Milliseconds of quiet after a date was edited before the selection counts as changed. The person chose the month the fiscal year starts in (1 … 12).</extracomment>
        <translation>期间(&amp;P)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The reporting period: events (retirements, disposals, reuse) dated in it count; both ends are included</source>
        <translation>报告期间：计入日期在其中的事件（退役、处置、再使用）；首尾两天均包含在内</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First day of the period (editing a date switches to custom dates)</source>
        <translation>期间的第一天（修改日期会切换为自定义日期）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day of the period (included)</source>
        <translation>期间的最后一天（包含在内）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>starting in</source>
        <translation>起始月份</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The month the organisation&apos;s fiscal year starts in</source>
        <translation>组织财年开始的月份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Department:</source>
        <translation>部门(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L&amp;ocation:</source>
        <translation>位置(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ca&amp;tegory:</source>
        <translation>类别(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All locations</source>
        <translation>全部位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only the assets that match count (a slice of the fleet)</source>
        <translation>只统计匹配的资产（设备群的一部分）</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <location filename="../../ui/pages/batches.py" line="+275"/>
        <source>Receive {batch}</source>
        <translation>接收 {batch}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Serials received:</source>
        <translation>已收到的序列号(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave empty to use the serials scanned in (scan mode)</source>
        <translation>留空则使用扫描入库的序列号（扫描模式）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seals &amp;intact:</source>
        <translation>完好封签(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seals &amp;broken:</source>
        <translation>破损封签(&amp;B)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>seal numbers, separated by commas or spaces</source>
        <translation>封签编号，用逗号或空格分隔</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weights:</source>
        <translation>重量：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Material stream</source>
        <translation>物料流</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weight</source>
        <translation>重量</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Operator:</source>
        <translation>操作员(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Witness:</source>
        <translation>见证人(&amp;W)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Receive</source>
        <translation>接收(&amp;R)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Received {received} of {expected} expected · {missing} missing · {extra} extra</source>
        <translation>预期 {expected} 件，收到 {received} 件 · 缺失 {missing} 件 · 多出 {extra} 件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Missing ({n}):</source>
        <translation>缺失（{n}）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extra ({n}):</source>
        <translation>多出（{n}）：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Broken seals: {seals}</source>
        <translation>破损封签：{seals}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No broken seals.</source>
        <translation>无破损封签。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} discrepancies were recorded; resolve them on the Discrepancies tab.</source>
        <translation>已记录 {n} 项差异；请在“差异”标签页中解决。</translation>
    </message>
</context>
<context>
    <name>Recommendation</name>
    <message>
        <location filename="../../ui/models/lifecycle_table.py" line="+29"/>
        <source>Better levers passed over</source>
        <translation>未采用的更优杠杆</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This is the best lever of the waste hierarchy.</source>
        <translation>这是废弃物层级中的最优杠杆。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../ui/pages/reports.py" line="+63"/>
        <source>Fleet lifecycle report (PDF)</source>
        <extracomment>Report types: key -&gt; (name, file suffix).</extracomment>
        <translation>设备群生命周期报告（PDF）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSR workbook (Excel .xlsx)</source>
        <translation>CSR 工作簿（Excel .xlsx）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asset lifecycle report (PDF)</source>
        <translation>资产生命周期报告（PDF）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The fleet&apos;s circularity for the period and slice, for management: the key figures (GB/T 43145-2023 collection and recovery rates, reuse share, e-waste diverted, CO2e avoided apart from the use-phase emissions), charts, the composite index P with its grade, the findings, and the factors and fallbacks behind every figure.</source>
        <translation>面向管理层的所选期间和范围内设备群循环情况：关键指标（GB/T 43145-2023 回收率和回收利用率、再使用比例、避免填埋的电子废物、与使用阶段排放分开列示的避免 CO2e 排放）、图表、综合指数 P 及其等级、发现的问题，以及每项指标所依据的因子和替代值。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A workbook for sustainability (CSR / ESG) reporting: the period&apos;s figures, one row per lifecycle event with its asset, mass and the factors behind its avoided emissions (so a formula can recompute them), and the factor sources.</source>
        <translation>用于可持续发展（CSR / ESG）报告的工作簿：本期指标；每个生命周期事件一行，列出资产、质量及其避免排放所依据的因子（可用公式复算）；以及因子来源。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>One asset&apos;s life from purchase to its fate: identity, the stages and moves of its history, sanitization of its media, custody, and its footprint. Name the asset by its tag or serial number.</source>
        <translation>单项资产从采购到最终去向的生命周期：身份信息、历史中的阶段和变更、存储介质的数据清除、监管链及其碳足迹。请用资产编号或序列号指定资产。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Choose the file to save the report to.</source>
        <extracomment>What a worker returns when it stopped because the person cancelled.</extracomment>
        <translation>请选择保存报告的文件。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file} is a folder, not a file.</source>
        <translation>{file} 是文件夹，不是文件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You cannot write into {folder}: choose another folder.</source>
        <translation>无法写入 {folder}：请选择其他文件夹。</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+327"/>
        <source>Name the asset by its tag or serial number.</source>
        <translation>请用资产编号或序列号指定资产。</translation>
    </message>
    <message>
        <location line="-299"/>
        <source>{file} could not be written: {reason}</source>
        <translation>无法写入 {file}：{reason}</translation>
    </message>
    <message>
        <location line="+172"/>
        <source>Reports</source>
        <extracomment>A report was written (its path). A report could not be written (the message shown). The person cancelled; no file was written. Progress of the running report (done, total; total 0 while it cannot be told). The last report written (its path), for &quot;Open file&quot; and &quot;Show in folder&quot;.</extracomment>
        <translation>报告</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>Save the report as</source>
        <translation>报告另存为</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Writing {file}…</source>
        <translation>正在写入 {file}…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%v of %m rows</source>
        <translation>%v / %m 行</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cancelled: no file was written.</source>
        <translation>已取消：未写入任何文件。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>✓ Saved {file}</source>
        <translation>✓ 已保存 {file}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Report saved to {file}</source>
        <translation>报告已保存到 {file}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>✗ {reason}</source>
        <translation>✗ {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot write the report</source>
        <translation>无法写入报告</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Report:</source>
        <translation>报告(&amp;R)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Which report to write</source>
        <translation>要生成哪种报告</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Asset:</source>
        <translation>资产(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asset tag or serial number, e.g. IT-000042</source>
        <translation>资产编号或序列号，例如 IT-000042</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The asset whose lifecycle the report tells</source>
        <translation>报告所描述其生命周期的资产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Covering:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The language the report is written in (the interface language unless you choose another)</source>
        <translation>报告所用的语言（默认为界面语言，也可另选）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save &amp;as:</source>
        <translation>保存为(&amp;A)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file the report is written to; an existing file is replaced only once the new report is complete</source>
        <translation>报告写入的文件；已有文件仅在新报告完整生成后才会被替换</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the file with a dialog (Ctrl+Shift+S)</source>
        <translation>通过对话框选择文件（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the report in the background (Ctrl+Enter)</source>
        <translation>在后台生成报告（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop writing the report; no file is left (Esc)</source>
        <translation>停止生成报告；不会留下任何文件（Esc）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open file</source>
        <translation>打开文件(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the report with the program your system uses for it</source>
        <translation>用系统为此类文件指定的程序打开报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show in &amp;folder</source>
        <translation>在文件夹中显示(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the folder that holds the report</source>
        <translation>打开报告所在的文件夹</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write a report: the fleet lifecycle report (PDF) and the CSR workbook (Excel) cover the chosen period and slice; the asset lifecycle report covers one asset. An empty period is not an error: the report says that nothing happened in it.</source>
        <translation>生成报告：设备群生命周期报告（PDF）和 CSR 工作簿（Excel）涵盖所选期间和范围；资产生命周期报告涵盖单项资产。期间内没有数据不算错误：报告会说明该期间没有发生任何事件。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a report and press Generate (Ctrl+Enter).</source>
        <translation>选择报告后按“生成”（Ctrl+Enter）。</translation>
    </message>
</context>
<context>
    <name>Sanitization</name>
    <message>
        <location filename="../../ui/dialogs/wipe_dialog.py" line="-1617"/>
        <source>Clear</source>
        <extracomment>Colour of inline errors (the discovery page&apos;s dark red). Milliseconds after the last change of an import option before the dry run runs again.</extracomment>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purge</source>
        <translation>净化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destroy</source>
        <translation>销毁</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Overwrite</source>
        <translation>覆写</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Block erase</source>
        <translation>块擦除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cryptographic erase</source>
        <translation>加密擦除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ATA Secure Erase</source>
        <translation>ATA 安全擦除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ATA Enhanced Secure Erase</source>
        <translation>ATA 增强安全擦除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NVMe Format</source>
        <translation>NVMe 格式化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NVMe Sanitize</source>
        <translation>NVMe 净化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SCSI Sanitize</source>
        <translation>SCSI 净化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Degauss</source>
        <translation>消磁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shred</source>
        <translation>粉碎</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disintegrate</source>
        <translation>碎解</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pulverize</source>
        <translation>研磨成粉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incinerate</source>
        <translation>焚烧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Melt</source>
        <translation>熔化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Factory reset</source>
        <translation>恢复出厂设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Factory reset with crypto erase</source>
        <translation>恢复出厂设置（含加密擦除）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+36"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass with warnings</source>
        <translation>通过（有警告）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fail</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aborted</source>
        <translation>已中止</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampling</source>
        <translation>抽样</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full read-back</source>
        <translation>全盘回读</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Removed (HPA/DCO reset)</source>
        <translation>已移除（HPA/DCO 已重置）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None found</source>
        <translation>未发现</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Present, not reset</source>
        <translation>存在且未重置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Public</source>
        <translation>公开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internal</source>
        <translation>内部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confidential</source>
        <translation>机密</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secret</source>
        <translation>绝密</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Internal reuse</source>
        <translation>内部再利用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>External reuse</source>
        <translation>外部再利用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recycling</source>
        <translation>回收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the manufacturer</source>
        <translation>退回制造商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destroyed</source>
        <translation>已销毁</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>An internal error occurred ({kind}). The details are in the log.</source>
        <translation>发生内部错误（{kind}）。详细信息见日志。</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>no serial</source>
        <translation>无序列号</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(removed)</source>
        <translation>（已拆除）</translation>
    </message>
    <message>
        <location line="+633"/>
        <source>Cannot read {file}: {reason}</source>
        <extracomment>What the import&apos;s worker returns when the person cancelled before anything was written.</extracomment>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
</context>
<context>
    <name>SanitizationPage</name>
    <message>
        <location filename="../../ui/pages/sanitization.py" line="+265"/>
        <source>Sanitization</source>
        <extracomment>Records were added (assets may have been created, and may now leave custody). The table has been read again. Open dialogs (record, destruction, import); kept for tests and closed on shutdown.</extracomment>
        <translation>数据清除</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&amp;Record wipe…</source>
        <translation>记录擦除(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record how one storage medium of an asset was sanitized</source>
        <translation>记录一项资产的某个存储介质是如何清除的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record &amp;destruction…</source>
        <translation>记录销毁(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record that the media of one or more assets were physically destroyed</source>
        <translation>记录一项或多项资产的存储介质已被物理销毁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import &amp;nwipe logs…</source>
        <translation>导入 nwipe 日志(&amp;N)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import one or more logs of nwipe or ShredOS; each raw log is kept as evidence</source>
        <translation>导入一个或多个 nwipe 或 ShredOS 日志；每份原始日志都作为证据保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import wipe &amp;CSV…</source>
        <translation>导入擦除 CSV(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import wipe results from a CSV file, one medium per row</source>
        <translation>从 CSV 文件导入擦除结果，每行一个介质</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;evidence…</source>
        <translation>查看证据(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the raw wipe log behind the selected record</source>
        <translation>保存所选记录所依据的原始擦除日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Only records that do not count</source>
        <translation>仅显示不计入的记录(&amp;O)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Records that are not verified or do not meet the policy for their data: they do not let an asset leave</source>
        <translation>未经核验或不满足其数据策略的记录：它们不能让资产离开</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{n} records that do not count</source>
        <translation>{n} 条不计入的记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} records · {bad} do not count</source>
        <translation>{n} 条记录 · {bad} 条不计入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the newest {n} are shown</source>
        <translation>仅显示最新的 {n} 条</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Cannot read the sanitization records</source>
        <translation>无法读取数据清除记录</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Recorded for {asset}: {medium} counts as sanitized.</source>
        <translation>已为 {asset} 记录：{medium} 视为已清除。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recorded for {asset}: {medium} does not count yet (see the warnings).</source>
        <translation>已为 {asset} 记录：{medium} 尚不计入（见警告）。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Destruction recorded for {n} storage media.</source>
        <translation>已为 {n} 个存储介质记录销毁。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>nwipe logs (*.log *.txt);;All files (*)</source>
        <translation>nwipe 日志 (*.log *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Import nwipe logs</source>
        <translation>导入 nwipe 日志</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import a wipe CSV</source>
        <translation>导入擦除记录 CSV</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Imported {records} wipe records; {media} storage media added, {assets} assets created.</source>
        <translation>已导入 {records} 条擦除记录；添加了 {media} 个存储介质，创建了 {assets} 项资产。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Imported {files} of {n} wipe logs: {records} wipe records; {media} storage media added, {assets} assets created.</source>
        <translation>已导入 {n} 份擦除日志中的 {files} 份：{records} 条擦除记录；添加了 {media} 个存储介质，创建了 {assets} 项资产。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Save the wipe log</source>
        <translation>保存擦除日志</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot read the wipe log</source>
        <translation>无法读取擦除日志</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot save the wipe log</source>
        <translation>无法保存擦除日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file} could not be written: {reason}</source>
        <translation>无法写入 {file}：{reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wipe log saved to {file}</source>
        <translation>擦除日志已保存到 {file}</translation>
    </message>
</context>
<context>
    <name>SanitizationTable</name>
    <message>
        <location line="-382"/>
        <source>(no serial)</source>
        <extracomment>Most records the page lists (newest first).</extracomment>
        <translation>（无序列号）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Asset</source>
        <translation>资产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medium</source>
        <translation>介质</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Technique</source>
        <translation>技术</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tool&apos;s label</source>
        <translation>工具标注</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Verification</source>
        <translation>核验</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verified</source>
        <translation>已核验</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meets policy</source>
        <translation>符合策略</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verifier</source>
        <translation>核验人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Recorded by hand: no log kept</source>
        <translation>手工记录：无日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wipe log SHA-256: {sha}</source>
        <translation>擦除日志 SHA-256：{sha}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The log masks the drives&apos; serial numbers</source>
        <translation>该日志隐藏了硬盘序列号</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ended: {at}</source>
        <translation>结束：{at}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started: {at}</source>
        <translation>开始：{at}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tool: {tool}</source>
        <translation>工具：{tool}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard: {standard}</source>
        <translation>标准：{standard}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passes: {n}</source>
        <translation>遍数：{n}</translation>
    </message>
</context>
<context>
    <name>ScanPanel</name>
    <message>
        <location filename="../../ui/pages/batches.py" line="+74"/>
        <source>Direction:</source>
        <extracomment>One scan&apos;s outcome arrived (ScanOutcome), or a scan failed (the error).</extracomment>
        <translation>方向：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;In (check-in at the vendor)</source>
        <translation>入库(&amp;I)（在服务商处签收）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>O&amp;ut (leaving downstream)</source>
        <translation>出库(&amp;U)（发往下游）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark scanned-out serials as checked out</source>
        <translation>将已扫描出库的序列号标记为已出库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan or type a serial, then Enter</source>
        <translation>扫描或输入序列号，然后按回车</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Barcode scanners send Enter after each serial: scan one after another</source>
        <translation>条码扫描枪在每个序列号后发送回车：逐个扫描即可</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Choose a batch to scan</source>
        <translation>请选择要扫描的批次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Freeze the manifest before scanning</source>
        <translation>扫描前请先冻结清单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The batch is closed</source>
        <translation>该批次已关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Already received; scan out instead</source>
        <translation>已接收；请改为扫描出库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{expected} expected — scan the first serial</source>
        <translation>预期 {expected} 件 — 请扫描第一个序列号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{scanned} of {expected} expected · {extra} extra</source>
        <translation>预期 {expected} 件，已扫 {scanned} 件 · 多出 {extra} 件</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>✓ {serial} — expected</source>
        <translation>✓ {serial} — 预期内</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✗ {serial} — extra: not on the manifest</source>
        <translation>✗ {serial} — 多出：不在清单中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>↻ {serial} — already scanned</source>
        <translation>↻ {serial} — 已扫描过</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✗ {serial} — not recorded: {reason}</source>
        <translation>✗ {serial} — 未记录：{reason}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Checked out: {n}</source>
        <translation>已出库：{n}</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="+128"/>
        <source>&amp;General</source>
        <extracomment>The levers whose limits the Policies tab edits, each with its age-limit key, best lever first. Tab keys in order (remembered in settings.settings_tab).</extracomment>
        <translation>常规(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Database</source>
        <translation>数据库(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Organisation</source>
        <translation>组织(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Factors and &amp;sites</source>
        <translation>排放因子与站点(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Policies</source>
        <translation>策略(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Users</source>
        <translation>用户(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Credentials</source>
        <translation>凭据(&amp;C)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>shipped</source>
        <translation>随附</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>yours</source>
        <translation>您的</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Choose the SQLite file (Browse…), or type its path.</source>
        <extracomment>The organisation&apos;s text fields, in form order. Example server URL shown as a placeholder and in messages.</extracomment>
        <translation>请选择 SQLite 文件（浏览…），或输入其路径。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the SQLite file&apos;s full path, not {path}.</source>
        <translation>请提供 SQLite 文件的完整路径，而不是 {path}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{path} is a folder: give a file&apos;s path, e.g. {example}.</source>
        <translation>{path} 是文件夹：请提供文件路径，例如 {example}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Type the server&apos;s URL, e.g. {example}.</source>
        <translation>请输入服务器的 URL，例如 {example}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{url} is not a database URL. A server URL looks like {example}.</source>
        <translation>{url} 不是数据库 URL。服务器 URL 形如 {example}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That is a SQLite file: choose &quot;Embedded SQLite file&quot; for it.</source>
        <translation>这是 SQLite 文件：请为它选择“内置 SQLite 文件”。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>itam works with PostgreSQL servers, not {backend}. A server URL looks like {example}.</source>
        <translation>itam 支持 PostgreSQL 服务器，不支持 {backend}。服务器 URL 形如 {example}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>itam talks to PostgreSQL through psycopg 3: write postgresql+psycopg://, not {driver}://.</source>
        <translation>itam 通过 psycopg 3 连接 PostgreSQL：请写 postgresql+psycopg://，而不是 {driver}://。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Leave the password out of the URL: the settings file is plain text. Put it in the file ~/.pgpass or the PGPASSWORD environment variable, where the PostgreSQL driver finds it.</source>
        <translation>请不要在 URL 中写入密码：设置文件是纯文本。请将密码放在 ~/.pgpass 文件或 PGPASSWORD 环境变量中，PostgreSQL 驱动会从那里读取。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The URL names no server. A server URL looks like {example}.</source>
        <translation>URL 中没有服务器。服务器 URL 形如 {example}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The URL names no database (the part after the last /). A server URL looks like {example}.</source>
        <translation>URL 中没有数据库名（最后一个 / 之后的部分）。服务器 URL 形如 {example}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{port} is not a port number (1 … 65535).</source>
        <translation>{port} 不是端口号（1 … 65535）。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{file} exists already: it was not replaced.</source>
        <translation>{file} 已存在：未被替换。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{file} could not be written: {reason}</source>
        <translation>无法写入 {file}：{reason}</translation>
    </message>
    <message>
        <location line="+503"/>
        <source>Settings</source>
        <extracomment>The interface language was switched (its code). The theme was switched (``system``, ``light``, ``dark``). The fiscal year&apos;s first month was chosen (1 … 12): pages with a period selector follow it. The database for the next start was saved (its URL, &quot;&quot; for the default). The database in use was read (DatabaseInfo). The organisation was read (OrganisationProfile) / saved (OrganisationProfile) / not saved (message). The factor sets were listed (list of FactorSetInfo). The shipped set was copied to the user&apos;s active file (its path). The policy file changed (saved or reset): recommendations should be worked out again. The locations were read (list of (name, country)). A user was added or changed (the window reads the acting user&apos;s role again). A location&apos;s country was saved (name, code or &quot;&quot;) / refused (name, message).</extracomment>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Language, theme and fiscal year; changes apply at once</source>
        <translation>语言、主题和财年；更改立即生效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database in use, and the one to open at the next start</source>
        <translation>正在使用的数据库，以及下次启动时要打开的数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The organisation printed on certificates and used by the metrics</source>
        <translation>印在证书上并用于指标计算的组织信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Emission-factor sets, and the country of each site&apos;s electricity grid</source>
        <translation>排放因子集，以及各站点电网所在的国家</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The refresh cycles and discovery limits in force</source>
        <translation>现行的更新周期和发现限制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who may use this inventory, and their roles</source>
        <translation>谁可以使用此清单及其角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credential sets for SNMP, SSH and WinRM audits (secrets encrypted)</source>
        <translation>用于 SNMP、SSH 和 WinRM 审计的凭据集（机密信息已加密）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Settings: the interface language and theme, the database for the next start, the organisation&apos;s profile, the emission-factor sets and the sites&apos; grid countries, and the policies in force.</source>
        <translation>设置：界面语言和主题、下次启动时使用的数据库、组织资料、排放因子集和各站点的电网国家，以及现行策略。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The interface language; it changes at once and is remembered</source>
        <translation>界面语言；立即切换并被记住</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The colours of the interface: follow the system (the style&apos;s standard colours), light or dark</source>
        <translation>界面的配色：跟随系统（样式的标准配色）、浅色或深色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fiscal year starts in:</source>
        <translation>财年起始月份(&amp;F)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The month the organisation&apos;s fiscal year starts in: the dashboard&apos;s and the reports&apos; &quot;Last fiscal year&quot; period begins then</source>
        <translation>组织财年开始的月份：仪表板和报告中的“上一财年”期间从该月开始</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>These choices apply at once and are kept for this user on this computer. The organisation, factor sets and policies are shared by everyone using the same database.</source>
        <translation>这些选项立即生效，并为本计算机上的当前用户保存。组织、因子集和策略由使用同一数据库的所有人共享。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>In use now</source>
        <translation>当前使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database this window works on (without any password)</source>
        <translation>此窗口正在使用的数据库（不含任何密码）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schema revision:</source>
        <translation>架构版本：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The revision of the database&apos;s tables; itam upgrades older databases at start-up, after a backup</source>
        <translation>数据库表结构的版本；itam 在启动时先备份，再升级较旧的数据库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At the next start</source>
        <translation>下次启动时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;The standard embedded database (SQLite, in your data folder)</source>
        <translation>标准内置数据库（SQLite，位于您的数据文件夹）(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the SQLite file itam keeps in your data folder</source>
        <translation>使用 itam 保存在您数据文件夹中的 SQLite 文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Embedded SQLite file:</source>
        <translation>内置 SQLite 文件(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use another SQLite file, e.g. one on a shared drive for a single user</source>
        <translation>使用另一个 SQLite 文件，例如共享驱动器上供单个用户使用的文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>full path of a .sqlite3 file; it is created if it does not exist</source>
        <translation>.sqlite3 文件的完整路径；文件不存在时将被创建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The SQLite file to open at the next start; its folder must exist</source>
        <translation>下次启动时要打开的 SQLite 文件；其所在文件夹必须存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the SQLite file with a dialog</source>
        <translation>通过对话框选择 SQLite 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PostgreSQL ser&amp;ver:</source>
        <translation>PostgreSQL 服务器(&amp;V)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share one database between workstations on a PostgreSQL server</source>
        <translation>在 PostgreSQL 服务器上让多台工作站共享一个数据库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server&apos;s URL: postgresql+psycopg://user@host:5432/database. Leave the password out: put it in ~/.pgpass or PGPASSWORD</source>
        <translation>服务器的 URL：postgresql+psycopg://user@host:5432/database。不要写入密码：请将其放在 ~/.pgpass 或 PGPASSWORD 中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Takes effect at the next start: itam does not switch databases while it runs. Nothing is copied between databases.</source>
        <translation>下次启动时生效：itam 运行期间不会切换数据库。数据库之间不会复制任何数据。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The environment variable {name} is set: it wins over this choice, as does --db on the command line.</source>
        <translation>已设置环境变量 {name}：它优先于此处的选择，命令行中的 --db 同样如此。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+39"/>
        <source>&amp;Revert</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Show the choice that is saved again</source>
        <translation>重新显示已保存的选择</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ave</source>
        <translation>保存(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remember this database for the next start</source>
        <translation>记住此数据库，供下次启动使用</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>P&amp;hone:</source>
        <translation>电话(&amp;H)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;E-mail:</source>
        <translation>电子邮件(&amp;E)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reg&amp;istration no.:</source>
        <translation>注册号(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Website:</source>
        <translation>网站(&amp;W)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Coun&amp;try:</source>
        <translation>国家(&amp;T)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>C&amp;urrency:</source>
        <translation>货币(&amp;U)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The organisation&apos;s name, printed on every certificate; required</source>
        <translation>组织名称，印在每份证书上；必填</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The postal address printed on certificates</source>
        <translation>印在证书上的通信地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A telephone number printed on certificates</source>
        <translation>印在证书上的电话号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An e-mail address printed on certificates</source>
        <translation>印在证书上的电子邮件地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The company registration number (e.g. the unified social credit code)</source>
        <translation>公司注册号（例如统一社会信用代码）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The organisation&apos;s website, printed on certificates</source>
        <translation>组织网站，印在证书上</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ISO 3166 code of two letters (CN, GB, US …): the electricity grid of sites that have no country</source>
        <translation>ISO 3166 两字母代码（CN、GB、US …）：用于未设国家的站点的电网</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ISO 4217 code of three letters (CNY, EUR, USD …): the currency reports use</source>
        <translation>ISO 4217 三字母代码（CNY、EUR、USD …）：报告使用的货币</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>printed on every certificate; required</source>
        <translation>印在每份证书上；必填</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Logo:</source>
        <translation>徽标：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The logo as certificates show it</source>
        <translation>证书上显示的徽标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose &amp;logo…</source>
        <translation>选择徽标(&amp;L)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A PNG or JPEG image of at most 2 MB</source>
        <translation>不超过 2 MB 的 PNG 或 JPEG 图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;move logo</source>
        <translation>移除徽标(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issue certificates without a logo</source>
        <translation>签发不带徽标的证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing &amp;certificate…</source>
        <translation>签名证书(&amp;C)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The certificate that signs every issued certificate: show it, import your own, export the CA</source>
        <translation>为每份签发的证书签名的证书：查看、导入您自己的证书、导出 CA</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discard the changes and show the saved profile again</source>
        <translation>放弃更改并重新显示已保存的资料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sa&amp;ve</source>
        <translation>保存(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the profile in the database (Enter)</source>
        <translation>将资料保存到数据库（Enter）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Emission-factor sets</source>
        <translation>排放因子集</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Origin</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The factor sets itam knows: the shipped ones and yours in {folder}; the one in use is marked</source>
        <translation>itam 已知的因子集：随附的因子集和您在 {folder} 中的因子集；正在使用的已标出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>itam uses {file} when it exists, otherwise the newest shipped set. Reports print the set they used.</source>
        <translation>若 {file} 存在，itam 使用它，否则使用最新的随附因子集。报告会注明所用的因子集。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use a &amp;copy of the shipped set…</source>
        <translation>使用随附因子集的副本(&amp;C)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the newest shipped set to {file} to edit its factors; an existing file is never replaced</source>
        <translation>将最新的随附因子集复制到 {file} 以便编辑其因子；已有文件绝不会被替换</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the factor &amp;folder</source>
        <translation>打开因子文件夹(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open {folder} in the file manager</source>
        <translation>在文件管理器中打开 {folder}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sites</source>
        <translation>站点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The country of each site picks its electricity grid&apos;s emission factor; a site without one uses the organisation&apos;s country. Double-click a country to change it (two letters, e.g. CN; empty clears it).</source>
        <translation>每个站点的国家决定其电网的排放因子；未设国家的站点使用组织所在国家。双击国家即可修改（两个字母，例如 CN；留空则清除）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the Country column: an ISO 3166 code of two letters, or empty</source>
        <translation>编辑“国家”列：ISO 3166 两字母代码，或留空</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Policies in force</source>
        <translation>现行策略</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Policy file:</source>
        <translation>策略文件：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file the recommendation and discovery policies are read from</source>
        <translation>读取推荐策略和发现策略的文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report &amp;missing after:</source>
        <translation>报告未发现的期限(&amp;M)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Planned refresh cycle per category (years)</source>
        <translation>各类别的计划更新周期（年）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many years an asset of each category serves before its planned refresh; the Lifecycle page recommends a lever once an asset is past it</source>
        <translation>各类别资产在计划更新前的服役年数；资产超过该年限后，“生命周期”页会为其推荐循环措施</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Circular levers</source>
        <translation>循环措施</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lever</source>
        <translation>措施</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Age limit</source>
        <translation>年限上限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Worst condition</source>
        <translation>最低成色</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> years past refresh</source>
        <translation> 年（超出更新周期）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most this many years past the category&apos;s refresh cycle</source>
        <translation>最多超出该类别更新周期的年数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> years old</source>
        <translation> 年（机龄）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most this many years old</source>
        <translation>最大机龄（年）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The worst condition grade this lever accepts: A as new, B good, C worn but working, D faulty but repairable, F broken</source>
        <translation>此措施可接受的最低成色等级：A 如新，B 良好，C 有磨损但可正常使用，D 有故障但可修复，F 损坏</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save policy</source>
        <translation>保存策略(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save these values to your own policy file in the data folder (Alt+S); they apply at once</source>
        <translation>将这些值保存到数据文件夹中您自己的策略文件（Alt+S），立即生效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;vert</source>
        <translation>还原(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard the changes not saved yet</source>
        <translation>放弃尚未保存的更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore the shipped &amp;defaults…</source>
        <translation>恢复随附的默认策略(&amp;D)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop using your own policy file (it is kept as policy.toml.bak) and use the shipped policy</source>
        <translation>停用您自己的策略文件（保留为 policy.toml.bak），改用随附的策略</translation>
    </message>
    <message>
        <location line="+600"/>
        <source>Your own policy file is in force. Saved changes apply at once to recommendations, metrics and discovery; you may also edit the file by hand (its comments are kept).</source>
        <translation>当前生效的是您自己的策略文件。保存的更改会立即应用于推荐、指标和发现扫描；您也可以手动编辑该文件（其中的注释会保留）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The shipped policy is in force. Saving writes your own copy to the data folder, which updates of itam leave alone.</source>
        <translation>当前生效的是随附的策略。保存时会在数据文件夹中写入您自己的副本，itam 更新时不会改动它。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nothing to save: the policy is unchanged.</source>
        <translation>无需保存：策略没有变化。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The policy was not saved:</source>
        <translation>策略未保存：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved {n} changes to {file}.</source>
        <translation>已将 {n} 项更改保存到 {file}。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Restore the shipped policy</source>
        <translation>恢复随附的策略</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the shipped policy again? Your policy file is kept as policy.toml.bak in the data folder.</source>
        <translation>重新使用随附的策略？您的策略文件将在数据文件夹中保留为 policy.toml.bak。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The policy was not reset:</source>
        <translation>策略未恢复：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The shipped policy is in force again; your file was kept as {file}.</source>
        <translation>随附的策略已重新生效；您的文件已保留为 {file}。</translation>
    </message>
    <message>
        <location line="-677"/>
        <source>An asset that discovery has seen before but not for this many days is reported as missing</source>
        <translation>发现功能曾见到、但已连续这么多天未再见到的资产将报告为缺失</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Open the policy &amp;folder</source>
        <translation>打开策略文件夹(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the folder that holds the policy file</source>
        <translation>打开存放策略文件的文件夹</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The translation for {language} is missing: the interface stays in English.</source>
        <translation>缺少 {language} 的翻译：界面保持英文。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>cannot be read: {reason}</source>
        <translation>无法读取：{reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none (an empty database)</source>
        <translation>无（空数据库）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{revision} (up to date)</source>
        <translation>{revision}（最新）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{revision} (this version of itam knows up to {head})</source>
        <translation>{revision}（此版本的 itam 最高支持 {head}）</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Choose the SQLite database file</source>
        <translation>选择 SQLite 数据库文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SQLite databases (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>SQLite 数据库 (*.sqlite3 *.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saved. The PostgreSQL driver (psycopg) is not installed: install it before the next start (pip install &quot;psycopg[binary]&quot;).</source>
        <translation>已保存。PostgreSQL 驱动（psycopg）尚未安装：请在下次启动前安装（pip install &quot;psycopg[binary]&quot;）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved: itam opens {url} at the next start.</source>
        <translation>已保存：itam 将在下次启动时打开 {url}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the standard embedded database</source>
        <translation>标准内置数据库</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database for the next start was saved</source>
        <translation>已保存下次启动时使用的数据库</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The organisation cannot be read:</source>
        <translation>无法读取组织信息：</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose the logo</source>
        <translation>选择徽标</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{file} is larger than 2 MB: use a smaller PNG or JPEG.</source>
        <translation>{file} 大于 2 MB：请使用更小的 PNG 或 JPEG。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot read {file}: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{file} is not a PNG or JPEG image.</source>
        <translation>{file} 不是 PNG 或 JPEG 图片。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Organisation saved: {name}</source>
        <translation>组织已保存：{name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was saved:</source>
        <translation>未保存任何内容：</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Certificates are now signed by {subject}</source>
        <translation>证书现在由 {subject} 签名</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The factor sets cannot be listed:</source>
        <translation>无法列出因子集：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(does not load)</source>
        <translation>（无法加载）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>In use: reports and the dashboard compute with this set</source>
        <translation>使用中：报告和仪表板使用此因子集计算</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>You have your own factor set</source>
        <translation>您已有自己的因子集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file} exists already and is the set in use; it was not replaced. Edit it with a text editor, or delete it to go back to the shipped set.

Open its folder?</source>
        <translation>{file} 已存在且正在使用；未被替换。请用文本编辑器编辑它，或删除它以恢复使用随附的因子集。

打开其所在文件夹？</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+21"/>
        <source>Open the folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>There is no shipped factor set to copy.</source>
        <translation>没有可复制的随附因子集。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Copied to {file}: it is the set in use from now on. Edit its factors with a text editor.</source>
        <translation>已复制到 {file}：从现在起使用此因子集。请用文本编辑器编辑其因子。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Factor set copied</source>
        <translation>因子集已复制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The shipped factor set was copied to {file}; itam computes with it from now on.

Open its folder?</source>
        <translation>随附的因子集已复制到 {file}；itam 从现在起使用它计算。

打开其所在文件夹？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing was copied:</source>
        <translation>未复制任何内容：</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>ISO 3166 code of two letters; empty: the organisation&apos;s country</source>
        <translation>ISO 3166 两字母代码；留空：使用组织所在国家</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No locations yet: they come from the assets&apos; Location field.</source>
        <translation>尚无位置：位置来自资产的“位置”字段。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The locations cannot be read:</source>
        <translation>无法读取位置：</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>{location}: country set to {country}.</source>
        <translation>{location}：国家已设为 {country}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(none: the organisation&apos;s)</source>
        <translation>（无：使用组织所在国家）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{location}: not changed: {reason}</source>
        <translation>{location}：未更改：{reason}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The policy cannot be read:</source>
        <translation>无法读取策略：</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <location filename="../../ui/dialogs/sign_in.py" line="+25"/>
        <source>Password of {user} in this inventory:</source>
        <extracomment>``ask(user, problem) -&gt; (password, ok)``; the default is a password dialog.</extracomment>
        <translation>{user} 在此清单中的密码：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in to itam</source>
        <translation>登录 itam</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>itam cannot start</source>
        <translation>itam 无法启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You may not use this inventory.</source>
        <translation>您无权使用此清单。</translation>
    </message>
</context>
<context>
    <name>SignerDialog</name>
    <message>
        <location filename="../../ui/dialogs/signer_dialog.py" line="+117"/>
        <source>Set the organisation&apos;s name first (Organisation…): the new CA and signing certificate carry it.</source>
        <extracomment>Bytes of a fingerprint per line as shown (32 bytes of SHA-256: two lines). The top of the signer&apos;s chain as PEM: what a PDF reader is told to trust.</extracomment>
        <translation>请先设置组织名称（组织信息…）：新的 CA 和签名证书都会载明该名称。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{file} could not be written: {reason}</source>
        <translation>无法写入 {file}：{reason}</translation>
    </message>
    <message>
        <location line="+138"/>
        <source>Signing certificate</source>
        <extracomment>The signer was read (SignerInfo), or could not be (None; the reason is shown). A PKCS#12 file was imported or a new key created (the new SignerInfo). The CA certificate was saved (its path). The PKCS#12 file chosen for import (the password is asked for next). The running task replaces the key (an import or a new key): it finishes whole, and is seen.</extracomment>
        <translation>签名证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The certificate that signs every issued certificate</source>
        <translation>用于为所有签发证书签名的证书</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Subject:</source>
        <translation>主体：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Issued by:</source>
        <translation>颁发者：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256 指纹：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid until:</source>
        <translation>有效期至：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kept in:</source>
        <translation>存放位置：</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+127"/>
        <source>Import a PKCS#12 file</source>
        <translation>导入 PKCS#12 文件</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the password the file was exported with</source>
        <translation>导出该文件时设置的密码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file&apos;s key and certificate sign every certificate issued from now on. The current key is kept in the folder, renamed: certificates signed with it still verify.</source>
        <translation>从现在起签发的每份证书都将由该文件中的密钥和证书签名。当前密钥会改名后保留在文件夹中：用它签名的证书仍可通过验证。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import P&amp;KCS#12…</source>
        <translation>导入 PKCS#12(&amp;K)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign with your own certificate from a public or company CA (.p12, .pfx)</source>
        <translation>使用公共 CA 或公司 CA 颁发的您自己的证书签名（.p12、.pfx）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export CA certificate…</source>
        <translation>导出 CA 证书(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the CA certificate (PEM) for clients to add to their PDF reader&apos;s trusted certificates</source>
        <translation>保存 CA 证书（PEM），供客户添加到其 PDF 阅读器的受信任证书中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create &amp;new key…</source>
        <translation>创建新密钥(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace the signing key and its local CA with new ones</source>
        <translation>用新的签名密钥和本地 CA 替换现有的</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Reading the signing certificate…</source>
        <translation>正在读取签名证书…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There is no signing key yet: one is created, with a local CA, when the first certificate is issued. To sign with your own certificate instead, import it now.</source>
        <translation>尚无签名密钥：签发第一份证书时会同时创建签名密钥和本地 CA。如需改用您自己的证书签名，请现在导入。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Back this folder up: without it no new certificate can be signed (issued ones still verify).</source>
        <translation>请备份此文件夹：没有它就无法为新证书签名（已签发的证书仍可验证）。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>The signing certificate cannot be read:</source>
        <translation>无法读取签名证书：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>PKCS#12 files (*.p12 *.pfx);;All files (*)</source>
        <translation>PKCS#12 文件 (*.p12 *.pfx);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Imported: certificates issued from now on are signed by {subject}.</source>
        <translation>已导入：从现在起签发的证书由 {subject} 签名。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing was imported:</source>
        <translation>未导入任何内容：</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Create a new signing key?</source>
        <translation>创建新的签名密钥？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificates issued from now on will be signed by a new key and chain to a new local CA. Certificates issued so far keep verifying: the current key and CA stay in the folder, renamed.

Clients who added the current CA certificate to their PDF reader need the new one as well (Export CA certificate…).</source>
        <translation>从现在起签发的证书将由新密钥签名，并链接到新的本地 CA。已签发的证书仍可通过验证：当前密钥和 CA 会改名后保留在文件夹中。

已将当前 CA 证书添加到 PDF 阅读器的客户还需要添加新的 CA 证书（导出 CA 证书…）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create new key</source>
        <translation>创建新密钥</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Creating a new key…</source>
        <translation>正在创建新密钥…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A new key was created: certificates issued from now on chain to {ca}.</source>
        <translation>已创建新密钥：从现在起签发的证书链接到 {ca}。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No new key was created:</source>
        <translation>未创建新密钥：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export the CA certificate</source>
        <translation>导出 CA 证书</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PEM certificates (*.pem *.crt)</source>
        <translation>PEM 证书 (*.pem *.crt)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>CA certificate saved to {file}: clients add it to their PDF reader&apos;s trusted certificates to see the signature as valid.</source>
        <translation>CA 证书已保存到 {file}：客户将其添加到 PDF 阅读器的受信任证书后，签名即显示为有效。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The CA certificate was not saved:</source>
        <translation>CA 证书未保存：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wait: the signing key is being replaced…</source>
        <translation>请稍候：正在替换签名密钥…</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../ui/app.py" line="+45"/>
        <source>itam cannot start</source>
        <translation>itam 无法启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database cannot be opened.</source>
        <translation>无法打开数据库。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Database warning</source>
        <translation>数据库警告</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../ui/pages/users_tab.py" line="+59"/>
        <source>Add a user</source>
        <extracomment>The values to add the user with (login, role, display_name, password, create_login).</extracomment>
        <translation>添加用户</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The login name: the operating-system login on a SQLite file, the database login on PostgreSQL</source>
        <translation>登录名：使用 SQLite 文件时为操作系统登录名，使用 PostgreSQL 时为数据库登录名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Login name:</source>
        <translation>登录名(&amp;L)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The person&apos;s full name (optional)</source>
        <translation>此人的全名（可选）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Full name:</source>
        <translation>全名(&amp;F)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What the user may do: a viewer reads, a technician keeps the inventory, an ITAD operator runs batches and certificates, an administrator all</source>
        <translation>用户可执行的操作：查看者只读，技术员维护资产清单，ITAD 操作员处理批次和证书，管理员拥有全部权限</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Create the database login</source>
        <translation>创建数据库登录名(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also create the PostgreSQL login, in the group role of its role</source>
        <translation>同时创建 PostgreSQL 登录名，并加入其角色对应的组角色</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The login&apos;s password on the server (at least 8 characters)</source>
        <translation>该登录名在服务器上的密码（至少 8 个字符）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional: itam asks for it before this user acts (at least 8 characters)</source>
        <translation>可选：此用户执行操作前 itam 会要求输入该密码（至少 8 个字符）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The same password again</source>
        <translation>再次输入相同的密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;peat:</source>
        <translation>确认密码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Give the login name.</source>
        <translation>请输入登录名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location line="+70"/>
        <source>User</source>
        <extracomment>The users were read (list of UserView). A user was added or changed (the window reads the acting user&apos;s role again). A change was refused (the message).</extracomment>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-in</source>
        <translation>登录方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The people who may use this inventory, and their roles</source>
        <translation>可以使用此清单的人员及其角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add user…</source>
        <translation>添加用户(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register a person with a role</source>
        <translation>为人员注册并分配角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change &amp;role…</source>
        <translation>更改角色(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the selected user another role</source>
        <translation>为所选用户分配其他角色</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Enable</source>
        <translation>启用(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Let the selected user act again, with their role</source>
        <translation>允许所选用户以其角色再次执行操作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Disable</source>
        <translation>禁用(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the selected user from acting (the history keeps their name)</source>
        <translation>禁止所选用户执行操作（历史记录中保留其姓名）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No users are registered: whoever opens this inventory is its administrator. Adding the first user makes this list decide who may act (you are registered too, as administrator, when you add someone else).</source>
        <translation>尚未注册任何用户：打开此清单的人即为管理员。添加第一个用户后，将由此列表决定谁可以执行操作（当您添加其他人时，您本人也会被注册为管理员）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You are {user}. Only the users listed here may act, each with their role.</source>
        <translation>您是 {user}。只有此处列出的用户可以执行操作，各自具有相应角色。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>no database login</source>
        <translation>无数据库登录名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>operating-system login</source>
        <translation>操作系统登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>active</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Added {user} as {role}.</source>
        <translation>已将 {user} 添加为{role}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Change the role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role of {user}:</source>
        <translation>{user} 的角色：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{user} is now {role}.</source>
        <translation>{user} 现在是{role}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{user} is disabled.</source>
        <translation>{user} 已禁用。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{user} is enabled again.</source>
        <translation>{user} 已重新启用。</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <location filename="../../ui/dialogs/welcome.py" line="+228"/>
        <location line="+1"/>
        <source>Welcome to itam</source>
        <extracomment>Settings key used when :class:`Settings` has no ``welcome_done`` property. Row problems listed in the import preview (the rest are counted). Choices, as :attr:`WelcomeDialog.choice` names them. The demo fleet was written (its DemoSummary; ``cancelled`` says whether it stopped early). A spreadsheet was imported (its ImportResult). The dry run of the chosen spreadsheet is shown (its ImportPlan). A job failed; the message is shown in the dialog. What the person chose (EMPTY, DEMO, IMPORT), or None when the dialog was just closed. The last DemoSummary / ImportPlan / ImportResult.</extracomment>
        <translation>欢迎使用 itam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>itam keeps a true inventory of your organisation&apos;s IT assets and follows each one from purchase through use, redeployment, resale or donation to recycling: it finds devices on the network, records data sanitization, tracks ITAD batches and chain of custody, issues signed certificates and measures how circular your fleet is. The database is empty. How would you like to start?</source>
        <translation>itam 为贵组织的 IT 资产建立真实可靠的清单，并跟踪每台设备从采购、使用、重新部署、转售或捐赠直至回收的全过程：它能发现网络中的设备，记录数据清除，跟踪 ITAD 批次和监管链，签发带签名的证书，并衡量设备群的循环程度。数据库目前为空。您想如何开始？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>itam keeps a true inventory of your organisation&apos;s IT assets and follows each one from purchase through use, redeployment, resale or donation to recycling. The database now holds the demo assets written before the demo was cancelled.</source>
        <translation>itam 为您的组织保持真实准确的 IT 资产清单，并跟踪每项资产从采购、使用、再部署、转售或捐赠直至回收利用的全过程。数据库中现有演示在取消前已写入的演示资产。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Continue with the {n} demo assets written</source>
        <translation>使用已写入的 {n} 项演示资产继续(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>They are consistent, with their history; add more by hand, by scanning or by importing.</source>
        <translation>这些资产及其历史记录完整一致；您可以手动添加、扫描发现或导入更多资产。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start with an &amp;empty inventory</source>
        <translation>从空白清单开始(&amp;E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add assets by hand, or scan your network on the Discovery page and accept what it finds.</source>
        <translation>手动添加资产，或在“发现”页面扫描网络并接收扫描到的设备。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load the &amp;demo fleet</source>
        <translation>载入演示设备群(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A made-up fleet with its history, wipes, batches and certificates, to explore every page. Demo data goes only into an empty database.</source>
        <translation>一组虚构的设备群，带有历史记录、擦除记录、批次和证书，便于体验每个页面。演示数据只能载入空数据库。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import a spreadsheet…</source>
        <translation>导入电子表格(&amp;I)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bring your assets in from a CSV or Excel file (Snipe-IT exports too); you see what would change first.</source>
        <translation>从 CSV 或 Excel 文件（包括 Snipe-IT 导出的文件）导入资产；导入前会先显示将发生的变更。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nu&amp;mber of demo assets:</source>
        <translation>演示资产数量(&amp;M)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Load</source>
        <translation>载入(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Do&amp;n&apos;t show this again</source>
        <translation>不再显示(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Writing {count} demo assets with their history…</source>
        <translation>正在写入 {count} 项演示资产及其历史记录…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancelled. {assets} demo assets were written before the demo stopped, with their history; they stay in the database and are consistent. Close this window to work with them (the demo only fills an empty database: start a new database to load the whole fleet).</source>
        <translation>已取消。演示停止前已写入 {assets} 项演示资产及其历史记录；这些数据保留在数据库中且完整一致。关闭此窗口即可使用它们（演示数据只能载入空数据库：如需载入完整设备群，请新建数据库）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The demo fleet is ready: {assets} assets, {media} storage media and {entries} history entries.</source>
        <translation>演示设备群已就绪：{assets} 项资产、{media} 个存储介质和 {entries} 条历史记录。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The import was cancelled; nothing was written.</source>
        <translation>导入已取消，未写入任何数据。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Import a spreadsheet</source>
        <translation>导入电子表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spreadsheets (*.csv *.xlsx);;CSV files (*.csv);;Excel workbooks (*.xlsx);;All files (*)</source>
        <translation>电子表格 (*.csv *.xlsx);;CSV 文件 (*.csv);;Excel 工作簿 (*.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Importing {file}…</source>
        <translation>正在导入 {file}…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Imported: {created} new assets, {updated} changed, {skipped} rows skipped.</source>
        <translation>导入完成：新增资产 {created} 项，变更 {updated} 项，跳过 {skipped} 行。</translation>
    </message>
</context>
<context>
    <name>WipeDialog</name>
    <message>
        <location filename="../../ui/dialogs/wipe_dialog.py" line="-421"/>
        <source>Record a wipe</source>
        <extracomment>The record was written (its SanitizationView). The asset named in the dialog was read (AssetDetail), or could not be (None).</extracomment>
        <translation>记录擦除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asset and medium</source>
        <translation>资产与介质</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result and verification</source>
        <translation>结果与核验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who and when</source>
        <translation>人员与时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Asset:</source>
        <translation>资产(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asset tag or serial number, then Enter</source>
        <translation>输入资产编号或序列号后按回车</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Medium:</source>
        <translation>介质(&amp;M)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data c&amp;lassification:</source>
        <translation>数据密级(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <location line="+17"/>
        <source>Not stated</source>
        <translation>未说明</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>&amp;Destination:</source>
        <translation>去向(&amp;D)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Category:</source>
        <translation>类别(&amp;C)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Technique:</source>
        <translation>技术(&amp;T)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tool&apos;s &amp;label:</source>
        <translation>工具标注(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>as the tool names it, e.g. DoD 5220.22-M, PRNG Stream</source>
        <translation>按工具的叫法，例如 DoD 5220.22-M、PRNG Stream</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Standard:</source>
        <translation>标准(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Passes:</source>
        <translation>遍数(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Result:</source>
        <translation>结果(&amp;R)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Verification:</source>
        <translation>核验(&amp;V)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share of the medium that was read back</source>
        <translation>回读的介质比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verification res&amp;ult:</source>
        <translation>核验结果(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Hidden areas:</source>
        <translation>隐藏区域(&amp;H)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Operator:</source>
        <translation>操作员(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>V&amp;erifier:</source>
        <translation>核验人(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>who checked the result</source>
        <translation>检查结果的人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Started:</source>
        <translation>开始(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;nded:</source>
        <translation>结束(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time &amp;zone:</source>
        <translation>时区(&amp;Z)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Record</source>
        <translation>记录(&amp;R)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Looking up {ref}…</source>
        <translation>正在查找 {ref}…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>This asset has no storage media recorded: add them on the asset first.</source>
        <translation>此资产没有记录存储介质：请先在资产上添加。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>{technique} cannot sanitize this medium ({media}).</source>
        <translation>{technique} 无法清除此介质（{media}）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>On this medium ({media}), {technique} reaches {category}.</source>
        <translation>在此介质（{media}）上，{technique} 可达到“{category}”级别。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The data&apos;s classification requires at least {category}.</source>
        <translation>该数据密级至少要求“{category}”。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Choose the asset and the medium that was sanitized.</source>
        <translation>请选择已清除的资产和介质。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;{zone}&apos; is not a time zone: choose one from the list.</source>
        <translation>“{zone}”不是时区：请从列表中选择。</translation>
    </message>
</context>
</TS>
