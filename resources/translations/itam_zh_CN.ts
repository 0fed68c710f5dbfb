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
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+203"/>
        <source>itam — IT asset circularity</source>
        <extracomment>Milliseconds of quiet typing before the search runs. Widest a column gets when fitted to its contents (the user can widen it further).</extracomment>
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
        <source>Read the inventory again from the database</source>
        <translation>从数据库重新读取资产清单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About itam</source>
        <translation>关于 itam(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <source>Database: {url}</source>
        <translation>数据库：{url}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User: {name}</source>
        <translation>用户：{name}</translation>
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
        <location line="+84"/>
        <source>Inventory not read</source>
        <translation>未能读取资产清单</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot read the inventory</source>
        <translation>无法读取资产清单</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>About itam</source>
        <translation>关于 itam</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;h3&gt;itam {version}&lt;/h3&gt;&lt;p&gt;IT-asset circularity manager: inventory, discovery, value-chain lifecycle, sanitization and certificates.&lt;/p&gt;&lt;p&gt;Database: {url}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;itam {version}&lt;/h3&gt;&lt;p&gt;IT 资产循环管理：资产清单、网络发现、价值链生命周期、数据清除与证书。&lt;/p&gt;&lt;p&gt;数据库：{url}&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Cannot open the asset</source>
        <translation>无法打开资产</translation>
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
