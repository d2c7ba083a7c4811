<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Deadline</name>
    <message>
        <location filename="../../core/programs/FileUploadServer.cpp" line="80"/>
        <source>the file did not arrive within %1 s of its first byte; the partial file was removed.</source>
        <translation>文件从第一个字节起 %1 秒内没有传完；不完整的文件已删除。</translation>
    </message>
    <message>
        <location filename="../../core/programs/LengthPrefixServer.cpp" line="80"/>
        <source>no whole frame within %1 s of its first byte.</source>
        <translation>从第一个字节起 %1 秒内没有收到完整的一帧。</translation>
    </message>
    <message>
        <location filename="../../core/programs/LoginServer.cpp" line="58"/>
        <source>no whole login request within %1 s.</source>
        <translation>%1 秒内没有收到完整的登录请求。</translation>
    </message>
    <message>
        <location filename="../../core/programs/MsgFileServer.cpp" line="70"/>
        <source>the message or file was not finished within %1 s of its first byte.</source>
        <translation>消息或文件从第一个字节起 %1 秒内没有传完。</translation>
    </message>
</context>
<context>
    <name>client::ClientConnection</name>
    <message>
        <location filename="../../app/client/ClientConnection.cpp" line="39"/>
        <source>The server closed the connection before %1 was sent whole.</source>
        <translation>%1 尚未完整发出，服务器就关闭了连接。</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientConnection.cpp" line="46"/>
        <source>Could not connect to %1:%2: %3.</source>
        <translation>无法连接到 %1:%2：%3。</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientConnection.cpp" line="85"/>
        <source>%1 is still being sent; wait for it to finish.</source>
        <translation>%1 仍在发送中，请等它发完。</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientConnection.cpp" line="90"/>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
</context>
<context>
    <name>client::ClientWindow</name>
    <message>
        <location filename="../../app/client/ClientWindow.cpp" line="20"/>
        <source>muxlab client — %1:%2</source>
        <translation>muxlab 客户端 — %1:%2</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientWindow.cpp" line="25"/>
        <source>Framed (message/file protocol)</source>
        <translation>分帧（消息/文件协议）</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientWindow.cpp" line="27"/>
        <location filename="../../app/client/ClientWindow.cpp" line="151"/>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientWindow.cpp" line="31"/>
        <source>What the server sends appears here.</source>
        <translation>服务器发来的内容显示在这里。</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientWindow.cpp" line="33"/>
        <source>Type a line and press Enter to send it</source>
        <translation>输入一行，按回车发送</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientWindow.cpp" line="34"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientWindow.cpp" line="35"/>
        <source>Upload a file…</source>
        <translation>上传文件…</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientWindow.cpp" line="36"/>
        <source>Say close</source>
        <translation>发送 close</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientWindow.cpp" line="38"/>
        <source>%p% sent</source>
        <translation>已发送 %p%</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientWindow.cpp" line="40"/>
        <source>Not connected.</source>
        <translation>未连接。</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientWindow.cpp" line="43"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientWindow.cpp" line="45"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientWindow.cpp" line="76"/>
        <source>Connected to %1.</source>
        <translation>已连接到 %1。</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientWindow.cpp" line="85"/>
        <source>Sending %1: %2 of %3 bytes.</source>
        <translation>正在发送 %1：%2 / %3 字节。</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientWindow.cpp" line="88"/>
        <source>sent %1 (%2 bytes)</source>
        <translation>已发送 %1（%2 字节）</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientWindow.cpp" line="90"/>
        <source>Sent %1 (%2 bytes); the server&apos;s answer appears above.</source>
        <translation>已发送 %1（%2 字节）；服务器的回答显示在上方。</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientWindow.cpp" line="97"/>
        <source>The connection is closed.</source>
        <translation>连接已关闭。</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientWindow.cpp" line="105"/>
        <source>Connecting to %1:%2…</source>
        <translation>正在连接 %1:%2…</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientWindow.cpp" line="124"/>
        <source>Upload a file</source>
        <translation>上传文件</translation>
    </message>
    <message>
        <location filename="../../app/client/ClientWindow.cpp" line="151"/>
        <source>Disconnect</source>
        <translation>断开</translation>
    </message>
</context>
<context>
    <name>gui</name>
    <message numerus="yes">
        <location filename="../../app/gui/ReadyReason.cpp" line="19"/>
        <source>%n waiting in the backlog</source>
        <translation>
            <numerusform>积压队列中有 %n 个连接</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/ReadyReason.cpp" line="20"/>
        <source>backlog empty</source>
        <translation>积压队列为空</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/ReadyReason.cpp" line="23"/>
        <source>%n bytes of datagrams</source>
        <translation>
            <numerusform>%n 字节数据报待读</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/ReadyReason.cpp" line="24"/>
        <source>%n bytes to read</source>
        <translation>
            <numerusform>%n 字节待读</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/ReadyReason.cpp" line="27"/>
        <source>FIN seen: peer closed</source>
        <translation>收到 FIN：对方已关闭</translation>
    </message>
    <message>
        <location filename="../../app/gui/ReadyReason.cpp" line="30"/>
        <source>RST seen: peer reset</source>
        <translation>收到 RST：对方已重置</translation>
    </message>
    <message>
        <location filename="../../app/gui/ReadyReason.cpp" line="36"/>
        <source>nothing to read</source>
        <translation>没有可读数据</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/ReadyReason.cpp" line="43"/>
        <source>no room to send (%n bytes unacked)</source>
        <translation>
            <numerusform>发送缓冲区已满（%n 字节未确认）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/ReadyReason.cpp" line="44"/>
        <source>no room to send</source>
        <translation>发送缓冲区已满</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/ReadyReason.cpp" line="45"/>
        <source>room to send (%n bytes unacked)</source>
        <translation>
            <numerusform>发送缓冲区有空间（%n 字节未确认）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/ReadyReason.cpp" line="46"/>
        <source>room to send</source>
        <translation>发送缓冲区有空间</translation>
    </message>
    <message>
        <location filename="../../app/gui/ReadyReason.cpp" line="63"/>
        <location filename="../../app/gui/ReadyReason.cpp" line="73"/>
        <source>urgent data (MSG_OOB)</source>
        <translation>有紧急数据（MSG_OOB）</translation>
    </message>
    <message>
        <location filename="../../app/gui/ReadyReason.cpp" line="63"/>
        <source>no urgent data</source>
        <translation>没有紧急数据</translation>
    </message>
    <message>
        <location filename="../../app/gui/ReadyReason.cpp" line="75"/>
        <source>hang-up: both directions closed</source>
        <translation>挂断：双向都已关闭</translation>
    </message>
    <message>
        <location filename="../../app/gui/ReadyReason.cpp" line="77"/>
        <source>socket error pending</source>
        <translation>套接字有待处理的错误</translation>
    </message>
    <message>
        <location filename="../../app/gui/ReadyReason.cpp" line="79"/>
        <source>not an open descriptor</source>
        <translation>不是已打开的描述符</translation>
    </message>
</context>
<context>
    <name>gui::AccessibleNames</name>
    <message>
        <location filename="../../app/gui/AccessibleNames.cpp" line="86"/>
        <source>Tick view</source>
        <translation>拍视图</translation>
    </message>
</context>
<context>
    <name>gui::Actions</name>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="109"/>
        <source>&amp;Step</source>
        <translation>单步(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="110"/>
        <source>Run one tick: clients act, the call is made, the server handles what came back</source>
        <translation>运行一拍：客户端动作，发起调用，服务器处理返回的结果</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="111"/>
        <source>Step &amp;Back</source>
        <translation>后退一拍(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="112"/>
        <source>Show the tick before (history; nothing is undone in the kernel)</source>
        <translation>显示上一拍（只是历史记录，内核里的状态不会撤销）</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="113"/>
        <source>Step &amp;Forward</source>
        <translation>前进一拍(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="114"/>
        <source>Show the next recorded tick, or run a new one at the newest</source>
        <translation>显示已记录的下一拍；若已在最新一拍则运行新的一拍</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="115"/>
        <source>Return to &amp;Live</source>
        <translation>回到实时(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="115"/>
        <source>Show the newest tick again</source>
        <translation>回到最新的一拍</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="116"/>
        <source>&amp;Run / Pause</source>
        <translation>运行 / 暂停(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="117"/>
        <source>Run tick after tick at the chosen speed; pauses before a question</source>
        <translation>按所选速度一拍接一拍地运行；遇到提问前会暂停</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="118"/>
        <source>Res&amp;tart Lesson</source>
        <translation>重新开始本课(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="119"/>
        <source>Start the lesson again from tick 0 with fresh sockets</source>
        <translation>用全新的套接字从第 0 拍重新开始本课</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="120"/>
        <source>Replay to &amp;Here</source>
        <translation>重放到此处(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="121"/>
        <source>Restart the lesson and run it again up to the tick shown, rebuilding the real sockets</source>
        <translation>重新开始本课并运行到当前显示的这一拍，重建真实的套接字</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="123"/>
        <source>&amp;Jump to Tick…</source>
        <translation>跳到某一拍(&amp;J)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="123"/>
        <source>Show a recorded tick by its number</source>
        <translation>按编号显示已记录的一拍</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="124"/>
        <source>&amp;Open Trace…</source>
        <translation>打开轨迹(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="124"/>
        <source>Open a saved trace (JSON) to browse it</source>
        <translation>打开保存的轨迹（JSON）进行浏览</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="125"/>
        <source>&amp;Save Trace…</source>
        <translation>保存轨迹(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="125"/>
        <source>Save every recorded tick as JSON</source>
        <translation>把记录的每一拍保存为 JSON</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="126"/>
        <source>Export Tick as &amp;PNG…</source>
        <translation>导出本拍为 &amp;PNG…</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="126"/>
        <source>Save the tick view as a picture</source>
        <translation>把拍视图保存为图片</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="127"/>
        <source>Export Tick as S&amp;VG…</source>
        <translation>导出本拍为 S&amp;VG…</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="127"/>
        <source>Save the tick view as a scalable drawing</source>
        <translation>把拍视图保存为可缩放的矢量图</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="128"/>
        <source>Export as &amp;Web Page…</source>
        <translation>导出为网页(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="129"/>
        <source>Save the run so far as one web page that steps through it in any browser, offline</source>
        <translation>把到目前为止的运行保存为一个网页：任何浏览器都能离线逐拍查看</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="131"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="131"/>
        <source>Close muxlab</source>
        <translation>关闭 muxlab</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="132"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="132"/>
        <source>Make every pane bigger</source>
        <translation>放大所有窗格</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="133"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="133"/>
        <source>Make every pane smaller</source>
        <translation>缩小所有窗格</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="134"/>
        <source>&amp;Normal Size</source>
        <translation>正常大小(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="134"/>
        <source>Every pane at its normal size</source>
        <translation>所有窗格恢复正常大小</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="135"/>
        <source>&amp;Presenter Mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="136"/>
        <source>For a projector: full screen, everything bigger, high contrast, secondary panes hidden</source>
        <translation>用于投影：全屏、全部放大、高对比度、隐藏次要窗格</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="139"/>
        <source>&amp;Animate Steps</source>
        <translation>单步动画(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="140"/>
        <source>Show a step in the order it happened: lists in, ready ones light up, list changes</source>
        <translation>按发生顺序展示一拍：列表传入，就绪的亮起，再显示列表的改动</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="141"/>
        <source>Listen on the Lesson&apos;s &amp;Ports</source>
        <translation>监听课程自己的端口(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="142"/>
        <source>Use the documents&apos; ports (9991…) so their Python clients can connect; takes effect at the next restart</source>
        <translation>使用文档里的端口（9991…），文档中的 Python 客户端就能连上；下次重新开始时生效</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="147"/>
        <source>select(): three lists in, three lists out</source>
        <translation>select()：传入三个列表，返回三个列表</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="149"/>
        <source>poll(): an array of pollfd with events and revents</source>
        <translation>poll()：一个 pollfd 数组，带 events 和 revents</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="151"/>
        <source>epoll: interest registered once, only the ready ones come back</source>
        <translation>epoll：关注的事件只注册一次，只返回就绪的</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="153"/>
        <source>epoll edge-triggered: told once per change, not while it stays ready</source>
        <translation>epoll 边缘触发：每次变化只通知一次，保持就绪时不再通知</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="154"/>
        <source>&amp;First Lesson</source>
        <translation>第一课(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="154"/>
        <source>Open the first lesson</source>
        <translation>打开第一课</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="155"/>
        <source>&amp;About muxlab</source>
        <translation>关于 muxlab(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="155"/>
        <source>What muxlab is</source>
        <translation>muxlab 是什么</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="156"/>
        <source>&amp;Connect a client…</source>
        <translation>连接客户端(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/Actions.cpp" line="157"/>
        <source>Commands to connect nc, telnet, the lesson&apos;s Python client or muxlab&apos;s own client to this server, and a button to start one</source>
        <translation>把 nc、telnet、本课的 Python 客户端或 muxlab 自带客户端连到这个服务器的命令，以及启动按钮</translation>
    </message>
</context>
<context>
    <name>gui::ClassPane</name>
    <message>
        <location filename="../../app/gui/ClassPane.cpp" line="115"/>
        <source>Connect a client…</source>
        <translation>连接客户端…</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClassPane.cpp" line="117"/>
        <source>Commands for nc, telnet, the lesson&apos;s Python client and muxlab&apos;s own client, copyable, and a button that starts one</source>
        <translation>nc、telnet、本课的 Python 客户端和 muxlab 自带客户端的命令，可复制，并可一键启动</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClassPane.cpp" line="119"/>
        <source>Freeze</source>
        <translation>冻结</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClassPane.cpp" line="121"/>
        <source>Run no tick while students connect: their connections wait in the accept queue</source>
        <translation>学生连接期间不运行任何一拍：他们的连接在 accept 队列中等待</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClassPane.cpp" line="122"/>
        <source>At most</source>
        <translation>最多</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClassPane.cpp" line="123"/>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClassPane.cpp" line="124"/>
        <source> clients</source>
        <translation> 个客户端</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClassPane.cpp" line="126"/>
        <source>Beyond this many external clients, one more is told the class is full and let go</source>
        <translation>外部客户端超过这个数目时，多出的那个会被告知课堂已满并断开</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClassPane.cpp" line="228"/>
        <source>Open a lesson to serve real clients.</source>
        <translation>打开一课，才能为真实客户端服务。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClassPane.cpp" line="234"/>
        <source>Listening on %1 · external clients: %2</source>
        <translation>监听 %1 · 外部客户端：%2</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClassPane.cpp" line="238"/>
        <source> · waiting to be accepted: %1</source>
        <translation> · 等待 accept：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClassPane.cpp" line="127"/>
        <source>Only this network&apos;s machines</source>
        <translation>只接受本网络的机器</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClassPane.cpp" line="129"/>
        <source>A client from any other network is told so in one line and let go; the window logs it</source>
        <translation>来自其他网络的客户端会收到一行说明并被断开；窗口里记录下来</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClassPane.cpp" line="131"/>
        <source>Open to this network</source>
        <translation>向本网络开放</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClassPane.cpp" line="132"/>
        <source>The lesson restarts listening on the chosen address, on the same ports, so the students&apos; machines can connect</source>
        <translation>课程在所选地址的相同端口上重新开始监听，学生的机器就能连上</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClassPane.cpp" line="134"/>
        <source>Close to this machine</source>
        <translation>只限本机</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClassPane.cpp" line="135"/>
        <source>The lesson restarts listening on 127.0.0.1 only</source>
        <translation>课程重新开始，只在 127.0.0.1 上监听</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClassPane.cpp" line="136"/>
        <source>The network the students&apos; machines are on</source>
        <translation>学生的机器所在的网络</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClassPane.cpp" line="138"/>
        <source>no network with an IPv4 address</source>
        <translation>没有带 IPv4 地址的网络</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClassPane.cpp" line="205"/>
        <source>Connect to %1 port %2</source>
        <translation>连接到 %1 端口 %2</translation>
    </message>
</context>
<context>
    <name>gui::ClientsModel</name>
    <message>
        <location filename="../../app/gui/ClientsModel.cpp" line="25"/>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsModel.cpp" line="27"/>
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsModel.cpp" line="29"/>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsModel.cpp" line="31"/>
        <source>half-closed (sent FIN)</source>
        <translation>半关闭（已发送 FIN）</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsModel.cpp" line="33"/>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsModel.cpp" line="35"/>
        <source>reset (sent RST)</source>
        <translation>已重置（已发送 RST）</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsModel.cpp" line="37"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsModel.cpp" line="49"/>
        <source>open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsModel.cpp" line="45"/>
        <source>no socket</source>
        <translation>没有套接字</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsModel.cpp" line="73"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsModel.cpp" line="73"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsModel.cpp" line="108"/>
        <source>client %1</source>
        <translation>客户端 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsModel.cpp" line="136"/>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsModel.cpp" line="138"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsModel.cpp" line="140"/>
        <source>Reading</source>
        <translation>读取中</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsModel.cpp" line="142"/>
        <source>Bytes sent</source>
        <translation>已发送字节</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsModel.cpp" line="144"/>
        <source>Received so far</source>
        <translation>目前收到的</translation>
    </message>
</context>
<context>
    <name>gui::ClientsPane</name>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="133"/>
        <source>Connect to</source>
        <translation>连接到</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="249"/>
        <source>connect(): open a TCP connection to the chosen listener</source>
        <translation>connect()：向所选监听套接字建立 TCP 连接</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="134"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="255"/>
        <source>send(): the text typed on the left, as UTF-8</source>
        <translation>send()：发送左边输入的文字（UTF-8）</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="135"/>
        <source>Type a message for the selected client…</source>
        <translation>为所选客户端输入一条消息…</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="136"/>
        <source>Half-close</source>
        <translation>半关闭</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="254"/>
        <source>Client %1 is already connected.</source>
        <translation>客户端 %1 已经连接。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="257"/>
        <source>The text to send, as UTF-8</source>
        <translation>要发送的文本（UTF-8）</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="260"/>
        <source>shutdown(SHUT_WR): send FIN but keep reading</source>
        <translation>shutdown(SHUT_WR)：发送 FIN，但继续读取</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="137"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="262"/>
        <source>close(): send FIN and drop the socket</source>
        <translation>close()：发送 FIN 并丢弃套接字</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="138"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="263"/>
        <source>close() with SO_LINGER 0: the kernel sends RST</source>
        <translation>设置 SO_LINGER 0 后 close()：内核发送 RST</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="139"/>
        <source>Urgent</source>
        <translation>紧急数据</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="258"/>
        <source>send(MSG_OOB): one urgent byte, the first of the text (or !)</source>
        <translation>send(MSG_OOB)：发送一个紧急字节，即文字的第一个字节（没有则为 !）</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="140"/>
        <source>Stop reading</source>
        <translation>停止读取</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="264"/>
        <source>The client stops calling recv: replies pile up in its receive buffer</source>
        <translation>客户端不再调用 recv：回复会堆积在它的接收缓冲区里</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="141"/>
        <source>Resume reading</source>
        <translation>恢复读取</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="268"/>
        <source>The client reads whatever is waiting again</source>
        <translation>客户端重新读取所有待读的数据</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="142"/>
        <source>Add client</source>
        <translation>添加客户端</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="143"/>
        <source>Adds another simulated client (not yet connected)</source>
        <translation>再添加一个模拟客户端（尚未连接）</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="144"/>
        <source>Step at once</source>
        <translation>立即单步</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="146"/>
        <source>Run the tick right after an action; untick to gather several actions into one tick</source>
        <translation>动作之后立刻运行这一拍；取消勾选可把几个动作放进同一拍</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="147"/>
        <source>The client that acts</source>
        <translation>执行动作的客户端</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="227"/>
        <source>Client %1 is not connected: connect it first.</source>
        <translation>客户端 %1 尚未连接：请先连接。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="230"/>
        <source>Client %1 is closed: its socket is gone, so there is nothing to send on or close. Connect it again first.</source>
        <translation>客户端 %1 已关闭：它的套接字已不存在，无法再发送或关闭。请先重新连接。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="236"/>
        <source>Client %1 was reset (RST): its socket is gone. Connect it again first.</source>
        <translation>客户端 %1 已被重置（RST）：它的套接字已不存在。请先重新连接。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="248"/>
        <source>Client %1 has half-closed (sent FIN): it can no longer send.</source>
        <translation>客户端 %1 已半关闭（已发送 FIN）：不能再发送。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="251"/>
        <source>Client %1 is already connected: close or reset it first.</source>
        <translation>客户端 %1 已经连接：请先关闭或重置。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="253"/>
        <source>The listener to connect to</source>
        <translation>要连接的监听套接字</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="158"/>
        <source>client %1</source>
        <translation>客户端 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="261"/>
        <source>Client %1 has already half-closed.</source>
        <translation>客户端 %1 已经半关闭。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="266"/>
        <source>Client %1 has already stopped reading.</source>
        <translation>客户端 %1 已经停止读取。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="270"/>
        <source>Client %1 is reading already.</source>
        <translation>客户端 %1 正在读取。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="291"/>
        <source>Waiting for the next step (F10): %1</source>
        <translation>等待下一拍（F10）：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/ClientsPane.cpp" line="338"/>
        <source>Type something to send first…</source>
        <translation>请先输入要发送的内容…</translation>
    </message>
</context>
<context>
    <name>gui::ConnectDialog</name>
    <message>
        <location filename="../../app/gui/ConnectDialog.cpp" line="21"/>
        <source>Connect a client</source>
        <translation>连接客户端</translation>
    </message>
    <message>
        <location filename="../../app/gui/ConnectDialog.cpp" line="27"/>
        <source>The server of &lt;b&gt;%1&lt;/b&gt; listens on &lt;b&gt;%2&lt;/b&gt;. Run any of these in a terminal — or press Launch — and the connection appears in the next tick as an external client.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 的服务器监听在 &lt;b&gt;%2&lt;/b&gt;。在终端里运行下面任意一条命令（或按“启动”），连接会在下一拍中作为外部客户端出现。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ConnectDialog.cpp" line="48"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../app/gui/ConnectDialog.cpp" line="49"/>
        <source>Launch</source>
        <translation>启动</translation>
    </message>
    <message>
        <location filename="../../app/gui/ConnectDialog.cpp" line="53"/>
        <source>%1 (not installed)</source>
        <translation>%1（未安装）</translation>
    </message>
    <message>
        <location filename="../../app/gui/ConnectDialog.cpp" line="68"/>
        <source>No terminal emulator is installed here, so Launch opens muxlab&apos;s own client window on the lesson&apos;s port.</source>
        <translation>这里没有安装终端模拟器，所以“启动”会在本课的端口上打开 muxlab 自带的客户端窗口。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ConnectDialog.cpp" line="70"/>
        <source>Launch opens the command in %1.</source>
        <translation>“启动”会在 %1 中运行这条命令。</translation>
    </message>
</context>
<context>
    <name>gui::ConnectedModel</name>
    <message>
        <location filename="../../app/gui/ConnectedModel.cpp" line="46"/>
        <source>unknown program</source>
        <translation>未知程序</translation>
    </message>
    <message>
        <location filename="../../app/gui/ConnectedModel.cpp" line="55"/>
        <source>1 byte waiting</source>
        <translation>1 字节在等待</translation>
    </message>
    <message>
        <location filename="../../app/gui/ConnectedModel.cpp" line="55"/>
        <source>%1 bytes waiting</source>
        <translation>%1 字节在等待</translation>
    </message>
    <message>
        <location filename="../../app/gui/ConnectedModel.cpp" line="69"/>
        <source>Program</source>
        <translation>程序</translation>
    </message>
    <message>
        <location filename="../../app/gui/ConnectedModel.cpp" line="71"/>
        <source>Peer address</source>
        <translation>对端地址</translation>
    </message>
    <message>
        <location filename="../../app/gui/ConnectedModel.cpp" line="73"/>
        <source>fd</source>
        <translation>fd</translation>
    </message>
    <message>
        <location filename="../../app/gui/ConnectedModel.cpp" line="75"/>
        <source>Waiting for the next tick</source>
        <translation>等待下一拍</translation>
    </message>
</context>
<context>
    <name>gui::Exporter</name>
    <message>
        <location filename="../../app/gui/Exporter.cpp" line="42"/>
        <source>The picture could not be written to %1: is the folder there and writable?</source>
        <translation>无法把图片写入 %1：文件夹是否存在并且可写？</translation>
    </message>
    <message>
        <location filename="../../app/gui/Exporter.cpp" line="55"/>
        <source>One tick of muxlab: the lists passed in and what came back ready.</source>
        <translation>muxlab 的一拍：传入的列表和返回的就绪套接字。</translation>
    </message>
    <message>
        <location filename="../../app/gui/Exporter.cpp" line="59"/>
        <source>The drawing could not be written to %1: is the folder there and writable?</source>
        <translation>无法把矢量图写入 %1：文件夹是否存在并且可写？</translation>
    </message>
    <message>
        <location filename="../../app/gui/Exporter.cpp" line="66"/>
        <source>The drawing could not be written to %1.</source>
        <translation>无法把矢量图写入 %1。</translation>
    </message>
</context>
<context>
    <name>gui::HelpMenu</name>
    <message>
        <location filename="../../app/gui/HelpDialogs.cpp" line="130"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../app/gui/HelpDialogs.cpp" line="131"/>
        <source>&amp;What is a tick?</source>
        <translation>什么是一拍？(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../app/gui/HelpDialogs.cpp" line="132"/>
        <source>How to &amp;connect a real client</source>
        <translation>如何连接真实的客户端(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/gui/HelpDialogs.cpp" line="174"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../app/gui/HelpDialogs.cpp" line="178"/>
        <source>What is a tick?</source>
        <translation>什么是一拍？</translation>
    </message>
    <message>
        <location filename="../../app/gui/HelpDialogs.cpp" line="180"/>
        <source>passed in</source>
        <translation>传入</translation>
    </message>
    <message>
        <location filename="../../app/gui/HelpDialogs.cpp" line="180"/>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../app/gui/HelpDialogs.cpp" line="180"/>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../app/gui/HelpDialogs.cpp" line="180"/>
        <source>removed</source>
        <translation>已移除</translation>
    </message>
    <message>
        <location filename="../../app/gui/HelpDialogs.cpp" line="186"/>
        <source>How to connect a real client</source>
        <translation>如何连接真实的客户端</translation>
    </message>
    <message>
        <location filename="../../app/gui/HelpDialogs.cpp" line="210"/>
        <source>Every command of the window, and the keys that run it wherever the focus is:</source>
        <translation>窗口的每条命令，以及无论焦点在哪里都能执行它的按键：</translation>
    </message>
    <message>
        <location filename="../../app/gui/HelpDialogs.cpp" line="212"/>
        <source>In the timeline, ← and → move one tick; in a list, Tab moves between panes.</source>
        <translation>在时间轴上，← 和 → 移动一拍；在列表中，Tab 在窗格之间切换。</translation>
    </message>
    <message>
        <location filename="../../app/gui/HelpDialogs.cpp" line="217"/>
        <source>&lt;p&gt;A &lt;b&gt;tick&lt;/b&gt; is one call of the server&apos;s wait — &lt;code&gt;select()&lt;/code&gt;, &lt;code&gt;poll()&lt;/code&gt; or &lt;code&gt;epoll_wait()&lt;/code&gt; — and what the server does with its answer. Each step (F10) runs exactly one:&lt;/p&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Clients act&lt;/b&gt;: the lesson&apos;s clients connect, send or close.&lt;/li&gt;&lt;li&gt;&lt;b&gt;The server waits&lt;/b&gt;: the call is given its lists (rlist, wlist, xlist; poll&apos;s pollfd array; epoll&apos;s interest list) and the kernel returns the sockets that are ready.&lt;/li&gt;&lt;li&gt;&lt;b&gt;The server handles them&lt;/b&gt;: accept, recv, send, close — each a line in the syscall log.&lt;/li&gt;&lt;li&gt;&lt;b&gt;The tick is recorded&lt;/b&gt;: step back to look at it again.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Between ticks nothing runs. A real client that sends something waits: its bytes sit in the kernel until the next tick, as in a real server.&lt;/p&gt;&lt;h3&gt;How to read the chips&lt;/h3&gt;&lt;p&gt;Each chip is one socket in a list the call was given. Above, from left to right:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Passed in&lt;/b&gt;: outlined in its role&apos;s colour. The server asked about it; the kernel had nothing to report.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Ready&lt;/b&gt;: filled, with a ring and ✓. The kernel returned it; the line under its name says why (bytes to read, a connection waiting, the peer closed).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Added&lt;/b&gt; (+): a dashed green border. The server appended it to its list for the next call.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Removed&lt;/b&gt; (−): a dashed red border, faded. The server took it off its list, usually because the conn was closed.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;The colour says what the socket is: a listener, a conn the server accepted, a client, an outside client.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;一拍&lt;/b&gt;就是服务器的一次等待调用——&lt;code&gt;select()&lt;/code&gt;、&lt;code&gt;poll()&lt;/code&gt; 或 &lt;code&gt;epoll_wait()&lt;/code&gt;——以及服务器对其结果的处理。每按一次单步（F10）正好运行一拍：&lt;/p&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;客户端动作&lt;/b&gt;：本课的客户端连接、发送或关闭。&lt;/li&gt;&lt;li&gt;&lt;b&gt;服务器等待&lt;/b&gt;：调用拿到它的列表（rlist、wlist、xlist；poll 的 pollfd 数组；epoll 的关注列表），内核返回已就绪的套接字。&lt;/li&gt;&lt;li&gt;&lt;b&gt;服务器处理&lt;/b&gt;：accept、recv、send、close——每个调用都是系统调用日志里的一行。&lt;/li&gt;&lt;li&gt;&lt;b&gt;记录这一拍&lt;/b&gt;：可以后退回来再看。&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;两拍之间什么都不运行。真实的客户端发来的数据会等着：字节留在内核里，直到下一拍，和真实的服务器一样。&lt;/p&gt;&lt;h3&gt;怎样看懂这些方块&lt;/h3&gt;&lt;p&gt;每个方块是调用所拿到的某个列表中的一个套接字。上图从左到右：&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;传入&lt;/b&gt;：用其角色的颜色描边。服务器问到了它，内核没有可报告的。&lt;/li&gt;&lt;li&gt;&lt;b&gt;就绪&lt;/b&gt;：实心填充，带一圈光环和 ✓。内核返回了它；名字下面一行说明原因（有字节可读、有连接在等、对方已关闭）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;新增&lt;/b&gt;（+）：绿色虚线边框。服务器把它加进了下一次调用的列表。&lt;/li&gt;&lt;li&gt;&lt;b&gt;已移除&lt;/b&gt;（−）：红色虚线边框，颜色变淡。服务器把它从列表中拿掉，通常是因为连接已关闭。&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;颜色表示套接字是什么：监听套接字、服务器接受的连接、客户端、外部客户端。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../app/gui/HelpDialogs.cpp" line="249"/>
        <source>&lt;p&gt;Open a lesson first: its server then listens on a real port, and this page shows the commands that connect to it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;请先打开一课：它的服务器会在真实的端口上监听，这一页会显示连接它的命令。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../app/gui/HelpDialogs.cpp" line="270"/>
        <source>&lt;p&gt;The server of &lt;b&gt;%1&lt;/b&gt; listens on &lt;b&gt;%2:%3&lt;/b&gt;, on this machine only. To let the students&apos; machines connect, choose a network in the Class tab and press &lt;b&gt;Open to this network&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; 的服务器在 &lt;b&gt;%2:%3&lt;/b&gt; 上监听，只有本机能连。要让学生的机器连上，请在“课堂”标签页中选一个网络，然后按&lt;b&gt;向本网络开放&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../app/gui/HelpDialogs.cpp" line="276"/>
        <source>&lt;p&gt;The server of &lt;b&gt;%1&lt;/b&gt; listens on &lt;b&gt;%2:%3&lt;/b&gt;: the students&apos; machines on this network can connect to it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; 的服务器在 &lt;b&gt;%2:%3&lt;/b&gt; 上监听：本网络中学生的机器都能连上它。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../app/gui/HelpDialogs.cpp" line="280"/>
        <source>&lt;p&gt;Type one of these in a terminal:&lt;/p&gt;</source>
        <translation>&lt;p&gt;在终端里输入下面任意一条：&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../app/gui/HelpDialogs.cpp" line="281"/>
        <source>&lt;p&gt;&lt;b&gt;nc&lt;/b&gt; and &lt;b&gt;telnet&lt;/b&gt; send what you type and print what comes back. The lesson&apos;s Python client plays the lesson&apos;s exchange; &lt;b&gt;--&amp;#8288;wait&lt;/b&gt; lets it wait as long as the class does, since the server runs a tick only when the teacher steps (F10). The connection shows in the next tick as an outside client.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;nc&lt;/b&gt; 和 &lt;b&gt;telnet&lt;/b&gt; 把你输入的内容发出去，并打印收到的内容。本课的 Python 客户端按本课的流程收发；&lt;b&gt;--&amp;#8288;wait&lt;/b&gt; 让它跟全班一起等，因为只有老师单步（F10）时服务器才运行一拍。这个连接会在下一拍中作为外部客户端出现。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>gui::Launcher</name>
    <message>
        <location filename="../../app/gui/Launcher.cpp" line="134"/>
        <source>Started %1 in %2.</source>
        <translation>已在 %2 中启动 %1。</translation>
    </message>
    <message>
        <location filename="../../app/gui/Launcher.cpp" line="139"/>
        <source>No terminal emulator is installed, so muxlab&apos;s own client window was opened on port %1.</source>
        <translation>没有安装终端模拟器，所以在端口 %1 上打开了 muxlab 自带的客户端窗口。</translation>
    </message>
    <message>
        <location filename="../../app/gui/Launcher.cpp" line="145"/>
        <source>%1 could not be started: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
</context>
<context>
    <name>gui::LessonsModel</name>
    <message>
        <location filename="../../app/gui/LessonsModel.cpp" line="49"/>
        <source>000 · Lesson 55: select + socket</source>
        <translation>000 · 第五十五节：select + socket</translation>
    </message>
    <message>
        <location filename="../../app/gui/LessonsModel.cpp" line="51"/>
        <source>001 · I/O multiplexing</source>
        <translation>001 · IO 多路复用</translation>
    </message>
    <message>
        <location filename="../../app/gui/LessonsModel.cpp" line="53"/>
        <source>002 · select, poll, epoll</source>
        <translation>002 · select、poll、epoll</translation>
    </message>
    <message>
        <location filename="../../app/gui/LessonsModel.cpp" line="55"/>
        <source>003 · Socket programming</source>
        <translation>003 · socket 网络编程</translation>
    </message>
    <message>
        <location filename="../../app/gui/LessonsModel.cpp" line="57"/>
        <source>004 · select in depth</source>
        <translation>004 · select 进阶</translation>
    </message>
    <message>
        <location filename="../../app/gui/LessonsModel.cpp" line="59"/>
        <source>Beyond the documents</source>
        <translation>文档之外</translation>
    </message>
    <message>
        <location filename="../../app/gui/LessonsModel.cpp" line="163"/>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
</context>
<context>
    <name>gui::MainWindow</name>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="70"/>
        <source>A lesson file could not be read and was left out: %1</source>
        <translation>有一个课程文件无法读取，已跳过：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="103"/>
        <source>At the next restart the lesson listens on its own ports, so the documents&apos; clients can connect.</source>
        <translation>下次重新开始时，课程会监听它自己的端口，文档中的客户端就能连上。</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="105"/>
        <source>At the next restart the lesson listens on ports the system chooses.</source>
        <translation>下次重新开始时，课程会监听由系统选择的端口。</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="149"/>
        <source>There is no backend called &quot;%1&quot;: use select, poll, epoll or epoll-et.</source>
        <translation>没有名为“%1”的后端：请使用 select、poll、epoll 或 epoll-et。</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="156"/>
        <source>Your program makes its own calls: change select, poll or epoll in its source, then run it again (Ctrl+Enter).</source>
        <translation>你的程序自己决定调用什么：在它的源代码里改用 select、poll 或 epoll，然后重新运行（Ctrl+Enter）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="161"/>
        <source>Open a lesson first: a saved trace keeps the backend it was recorded on.</source>
        <translation>请先打开一课：保存的轨迹只能使用录制时的后端。</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="170"/>
        <source>The Chinese translation could not be loaded, so the window stays in English.</source>
        <translation>无法加载中文翻译，窗口仍显示英文。</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="195"/>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="195"/>
        <location filename="../../app/gui/MainWindow.cpp" line="234"/>
        <source>Lesson</source>
        <translation>本课</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="196"/>
        <location filename="../../app/gui/MainWindow.cpp" line="235"/>
        <source>Python program</source>
        <translation>Python 程序</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="196"/>
        <source>Syscall log</source>
        <translation>系统调用日志</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="197"/>
        <source>Sockets</source>
        <translation>套接字</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="197"/>
        <source>Clients</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="198"/>
        <source>Message queues</source>
        <translation>消息队列</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="199"/>
        <source>Cost per call</source>
        <translation>每次调用的开销</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="227"/>
        <source>Res&amp;tart Program</source>
        <translation>重新运行程序(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="228"/>
        <source>Restart Program</source>
        <translation>重新运行程序</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="230"/>
        <source>Stop the program and run it again from its start (%1)</source>
        <translation>停止程序并从头重新运行（%1）</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="234"/>
        <source>Your program</source>
        <translation>你的程序</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="235"/>
        <source>Source</source>
        <translation>源代码</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="244"/>
        <source>%1 — %2 (%3, the Python program) — muxlab</source>
        <translation>%1 — %2（%3，Python 程序）— muxlab</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="247"/>
        <source>%1 (your program, traced) — muxlab</source>
        <translation>%1（你的程序，跟踪中）— muxlab</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="253"/>
        <source>%1 (saved trace) — muxlab</source>
        <translation>%1（保存的轨迹）— muxlab</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="264"/>
        <source>Jump to tick</source>
        <translation>跳到某一拍</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="264"/>
        <source>Tick number (0 to %1):</source>
        <translation>拍的编号（0 到 %1）：</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindowPanes.cpp" line="117"/>
        <location filename="../../app/gui/MainWindowPanes.cpp" line="182"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="113"/>
        <source>About muxlab</source>
        <translation>关于 muxlab</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="114"/>
        <source>&lt;p&gt;&lt;b&gt;muxlab&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;A playground for I/O multiplexing: a real TCP server and simulated clients on this machine, with every select, poll and epoll call shown as one tick.&lt;/p&gt;&lt;p&gt;Everything you see was measured from the running kernel.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;muxlab&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;IO 多路复用的实验场：在本机运行真实的 TCP 服务器和模拟客户端，每一次 select、poll、epoll 调用显示为一拍。&lt;/p&gt;&lt;p&gt;你看到的一切都来自正在运行的内核的实测。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../app/gui/WindowSettings.cpp" line="76"/>
        <source>There is no lesson called &quot;%1&quot;; the first lesson is open instead.</source>
        <translation>没有名为“%1”的课程，已改为打开第一课。</translation>
    </message>
    <message>
        <location filename="../../app/gui/MainWindow.cpp" line="198"/>
        <source>Class</source>
        <translation>课堂</translation>
    </message>
</context>
<context>
    <name>gui::MessageBar</name>
    <message>
        <location filename="../../app/gui/MessageBar.cpp" line="18"/>
        <source>Dismiss</source>
        <translation>关闭提示</translation>
    </message>
</context>
<context>
    <name>gui::NarrationPane</name>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="97"/>
        <source>No lesson open</source>
        <translation>没有打开课程</translation>
    </message>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="98"/>
        <source>Pick a lesson in the navigator on the left.</source>
        <translation>请在左边的课程列表中选一课。</translation>
    </message>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="111"/>
        <source>Saved trace: %1</source>
        <translation>保存的轨迹：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="112"/>
        <source>Browsing only: step back and forward through what was recorded.</source>
        <translation>仅供浏览：在记录的各拍之间前后切换。</translation>
    </message>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="120"/>
        <source>Tick %1 of %2</source>
        <translation>第 %1 / %2 拍</translation>
    </message>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="118"/>
        <source>Tick %1</source>
        <translation>第 %1 拍</translation>
    </message>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="121"/>
        <source>Tick %1 (the lesson&apos;s script ended at tick %2)</source>
        <translation>第 %1 拍（本课脚本在第 %2 拍结束）</translation>
    </message>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="125"/>
        <source>Correction: here the document is wrong or incomplete; this is what the kernel does.</source>
        <translation>纠正：文档在这里有误或不完整；以下是内核的实际行为。</translation>
    </message>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="135"/>
        <source>The server is listening. Press Step (F10) to run the first tick.</source>
        <translation>服务器已在监听。按单步（F10）运行第一拍。</translation>
    </message>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="143"/>
        <source>The lesson&apos;s script has ended, and the program has ended too.</source>
        <translation>本课的脚本已结束，程序也已经结束。</translation>
    </message>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="145"/>
        <source>The lesson&apos;s script has ended. The server keeps running: add a client, type and send, or close one, then step to see what the kernel says.</source>
        <translation>本课的脚本已结束，服务器仍在运行：可以添加客户端、输入并发送、或关闭一个客户端，再单步看看内核怎么说。</translation>
    </message>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="148"/>
        <source>Nothing new is scripted for this tick.</source>
        <translation>这一拍没有安排新的动作。</translation>
    </message>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="158"/>
        <source>Here the Python program differs from muxlab&apos;s server: %1</source>
        <translation>这一拍 Python 程序与 muxlab 的服务器不同：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="171"/>
        <source>✓ Every checkpoint of this tick held.</source>
        <translation>✓ 这一拍的所有检查点都通过了。</translation>
    </message>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="172"/>
        <source>✗ A checkpoint failed: %1</source>
        <translation>✗ 有检查点没通过：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/NarrationPane.cpp" line="180"/>
        <source>Outside clients are connected to this lesson (%n of them): the script expects only its own clients, so the kernel&apos;s answer differs from what it says. Restart the lesson without them to see it as written.</source>
        <translation>
            <numerusform>有 %n 个外部客户端连在这节课的服务器上：脚本只认识它自己的客户端，所以内核的回答和脚本说的不一样。想按原样看这节课，请断开它们后重新开始本课。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="194"/>
        <source>The program ended: %1</source>
        <translation>程序已结束：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="225"/>
        <location filename="../../app/gui/NarrationPane.cpp" line="228"/>
        <source>%1.</source>
        <extracomment>a sentence&apos;s full stop</extracomment>
        <translation>%1。</translation>
    </message>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="230"/>
        <source>expected the call to return %1; it returned %2.</source>
        <translation>预期调用返回 %1；实际返回 %2。</translation>
    </message>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="238"/>
        <source>expected the server to call %1; it called %2.</source>
        <translation>预期服务器调用 %1；实际调用了 %2。</translation>
    </message>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="239"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="239"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../app/gui/NarrationPane.cpp" line="245"/>
        <source>expected %1 to have received %2 so far; it received %3.</source>
        <translation>预期%1 到目前为止共收到 %2；实际收到 %3。</translation>
    </message>
</context>
<context>
    <name>gui::PortBanner</name>
    <message>
        <location filename="../../app/gui/PortBanner.cpp" line="40"/>
        <source>Port %1 was taken, so this lesson listens on &lt;b&gt;%2&lt;/b&gt;: connect there.</source>
        <translation>端口 %1 已被占用，所以本课监听在 &lt;b&gt;%2&lt;/b&gt;：请连接这里。</translation>
    </message>
</context>
<context>
    <name>gui::PresenterMode</name>
    <message>
        <location filename="../../app/gui/PresenterMode.cpp" line="67"/>
        <source>Presenter mode: F10 steps, Space runs, F5 leaves.</source>
        <translation>演示模式：F10 单步，空格运行，F5 退出。</translation>
    </message>
</context>
<context>
    <name>gui::ProgramDialog</name>
    <message>
        <location filename="../../app/gui/ProgramDialog.cpp" line="19"/>
        <source>Open a program</source>
        <translation>打开程序</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramDialog.cpp" line="22"/>
        <source>Run your own server under the microscope: each select, poll or epoll call it makes becomes a tick, and it waits before each call until you step. Choose a Python file, or type a whole command line (python3 server.py 9000, ./my_server).</source>
        <translation>把你自己的服务器放到显微镜下：它的每一次 select、poll 或 epoll 调用都是一拍，每次调用前它都会等你单步。选择一个 Python 文件，或输入完整的命令行（python3 server.py 9000、./my_server）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramDialog.cpp" line="32"/>
        <source>Choose a .py file…</source>
        <translation>选择 .py 文件…</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramDialog.cpp" line="37"/>
        <source>Command line:</source>
        <translation>命令行：</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramDialog.cpp" line="40"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramDialog.cpp" line="44"/>
        <source>Runs in:</source>
        <translation>运行目录：</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramDialog.cpp" line="47"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramDialog.cpp" line="78"/>
        <source>Choose your Python server</source>
        <translation>选择你的 Python 服务器</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramDialog.cpp" line="79"/>
        <source>Python files (*.py)</source>
        <translation>Python 文件 (*.py)</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramDialog.cpp" line="90"/>
        <source>The directory it runs in</source>
        <translation>程序的运行目录</translation>
    </message>
</context>
<context>
    <name>gui::ProgramEditor</name>
    <message>
        <location filename="../../app/gui/ProgramEditor.cpp" line="217"/>
        <source># This program&apos;s calls carry no source line (only Python programs do).
# It was started as:
#   %1
</source>
        <translation># 这个程序的调用不带源代码行号（只有 Python 程序才有）。
# 它的启动命令是：
#   %1
</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramEditor.cpp" line="224"/>
        <source># %1 could not be read: %2
</source>
        <translation># 无法读取 %1：%2
</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramEditor.cpp" line="255"/>
        <source>No source file</source>
        <translation>没有源文件</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramEditor.cpp" line="260"/>
        <source>%1 (read-only: the run called from this file)</source>
        <translation>%1（只读：这次调用来自这个文件）</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramEditor.cpp" line="262"/>
        <source>%1 (the lesson&apos;s own program, read-only) — Ctrl+Enter runs it again</source>
        <translation>%1（本课自带的程序，只读）— Ctrl+Enter 重新运行</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramEditor.cpp" line="264"/>
        <source>%1 — edited: Ctrl+S saves, Ctrl+Enter saves and runs it again</source>
        <translation>%1 — 已修改：Ctrl+S 保存，Ctrl+Enter 保存并重新运行</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramEditor.cpp" line="266"/>
        <source>%1 — Ctrl+Enter runs it again</source>
        <translation>%1 — Ctrl+Enter 重新运行</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramEditor.cpp" line="278"/>
        <source>%1 could not be saved: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
</context>
<context>
    <name>gui::ProgramFiles</name>
    <message>
        <location filename="../../app/gui/ProgramFiles.cpp" line="70"/>
        <source>The program could not be run: %1</source>
        <translation>无法运行该程序：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramFiles.cpp" line="124"/>
        <source>The program has no listening socket yet: step until it has called listen(), then connect a client.</source>
        <translation>程序还没有监听套接字：单步运行到它调用 listen() 之后，再连接客户端。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramFiles.cpp" line="140"/>
        <source>Open &amp;program…</source>
        <translation>打开程序(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramFiles.cpp" line="141"/>
        <source>Run your own server with its select, poll and epoll calls traced, one tick per call</source>
        <translation>运行你自己的服务器并跟踪它的 select、poll 和 epoll 调用，每次调用一拍</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramFiles.cpp" line="143"/>
        <source>Recent programs</source>
        <translation>最近的程序</translation>
    </message>
</context>
<context>
    <name>gui::ProgramPane</name>
    <message>
        <source>%1 was killed by signal %2 (%3).</source>
        <translation type="vanished">%1 被信号 %2（%3）杀死。</translation>
    </message>
    <message>
        <source>%1 exited with status %2 before making any select, poll or epoll call.</source>
        <translation type="vanished">%1 在调用任何 select、poll 或 epoll 之前就退出了，退出状态 %2。</translation>
    </message>
    <message>
        <source>%1 exited with status %2.</source>
        <translation type="vanished">%1 已退出，退出状态 %2。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramPane.cpp" line="92"/>
        <source>Your program: %1</source>
        <translation>你的程序：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramPane.cpp" line="95"/>
        <source>in %1</source>
        <translation>运行目录 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramPane.cpp" line="111"/>
        <source>Tick %1: before the first call</source>
        <translation>第 %1 拍：第一次调用之前</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramPane.cpp" line="112"/>
        <source>Tick %1</source>
        <translation>第 %1 拍</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramPane.cpp" line="117"/>
        <location filename="../../app/gui/ProgramPane.cpp" line="139"/>
        <source> (line %1)</source>
        <translation>（第 %1 行）</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramPane.cpp" line="120"/>
        <source>History: the program has ended; this is what it did at this tick.</source>
        <translation>历史：程序已经结束；这是它在这一拍做的事。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramPane.cpp" line="122"/>
        <source>History: the program waits at tick %1. Ctrl+End returns there.</source>
        <translation>历史：程序停在第 %1 拍。按 Ctrl+End 回到那里。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramPane.cpp" line="126"/>
        <source>running, no select/poll/epoll call yet</source>
        <translation>正在运行，还没有 select/poll/epoll 调用</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramPane.cpp" line="127"/>
        <source>Starting: the program runs until its first select, poll or epoll call.</source>
        <translation>启动中：程序会一直运行到它第一次调用 select、poll 或 epoll。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramPane.cpp" line="130"/>
        <source>Held before its next call%1. Press Step (F10) to let it make the call.</source>
        <translation>停在下一次调用之前%1。按单步（F10）让它执行这次调用。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramPane.cpp" line="135"/>
        <source>Running freely at full speed: every call is recorded, none waits. Its last call: tick %1%2. Step (F10) or Pause holds it before its next call.</source>
        <translation>全速自由运行：每次调用都被记录，没有一次在等待。它最近的一次调用：第 %1 拍%2。单步（F10）或暂停会让它停在下一次调用之前。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramPane.cpp" line="141"/>
        <source>In its call: the tick appears when the call returns (a client connects or sends, or the timeout ends).</source>
        <translation>正在调用中：调用返回时（有客户端连接或发送数据，或超时到期）这一拍才会出现。</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramPane.cpp" line="149"/>
        <source>Run it again</source>
        <translation>重新运行</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramPane.cpp" line="157"/>
        <source>The end of its output (stdout and stderr):</source>
        <translation>它最后的输出（stdout 和 stderr）：</translation>
    </message>
    <message>
        <location filename="../../app/gui/ProgramPane.cpp" line="158"/>
        <source>Its output so far (stdout and stderr):</source>
        <translation>它到目前为止的输出（stdout 和 stderr）：</translation>
    </message>
</context>
<context>
    <name>gui::PythonModel</name>
    <message>
        <location filename="../../app/gui/PythonModel.cpp" line="100"/>
        <source>This line performs: %1 (branch: %2)</source>
        <translation>这一行执行：%1（分支：%2）</translation>
    </message>
    <message>
        <location filename="../../app/gui/PythonModel.cpp" line="103"/>
        <source>This line performs: %1</source>
        <translation>这一行执行：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/PythonModel.cpp" line="128"/>
        <source>Python</source>
        <translation>Python</translation>
    </message>
</context>
<context>
    <name>gui::QueuesModel</name>
    <message>
        <location filename="../../app/gui/QueuesModel.cpp" line="27"/>
        <source>A saved trace does not hold the server&apos;s queues.</source>
        <translation>保存的轨迹里没有服务器的消息队列。</translation>
    </message>
    <message>
        <location filename="../../app/gui/QueuesModel.cpp" line="30"/>
        <source>The queues live in the running program: go to the newest tick to see them.</source>
        <translation>消息队列存在于运行中的程序里：回到最新一拍才能看到。</translation>
    </message>
    <message>
        <location filename="../../app/gui/QueuesModel.cpp" line="39"/>
        <source>No message is waiting to be sent.</source>
        <translation>没有等待发送的消息。</translation>
    </message>
    <message>
        <location filename="../../app/gui/QueuesModel.cpp" line="87"/>
        <source>Conn</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../app/gui/QueuesModel.cpp" line="89"/>
        <source>Waiting</source>
        <translation>等待数</translation>
    </message>
    <message>
        <location filename="../../app/gui/QueuesModel.cpp" line="91"/>
        <source>Messages, oldest first</source>
        <translation>消息（最早的在前）</translation>
    </message>
</context>
<context>
    <name>gui::QuizBox</name>
    <message>
        <location filename="../../app/gui/QuizBox.cpp" line="189"/>
        <source>Score for this lesson: %1 right of %2 answered (%3 questions).</source>
        <extracomment>%1 right answers, %2 answered questions, %3 questions in the lesson</extracomment>
        <translation>本课得分：已答 %2 题，答对 %1 题（共 %3 题）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/QuizBox.cpp" line="207"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../app/gui/QuizBox.cpp" line="211"/>
        <source>%1: %2</source>
        <extracomment>%1 is rlist, wlist or xlist (or POLLIN, EPOLLOUT…), %2 the sockets in it</extracomment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../app/gui/QuizBox.cpp" line="247"/>
        <source>Predict tick %1</source>
        <translation>预测第 %1 拍</translation>
    </message>
    <message>
        <location filename="../../app/gui/QuizBox.cpp" line="288"/>
        <source>Tick if you think %1 will come back ready in the %2.</source>
        <translation>如果你认为 %1 会在 %2 中就绪返回，就勾选它。</translation>
    </message>
    <message>
        <location filename="../../app/gui/QuizBox.cpp" line="303"/>
        <source>nothing comes back ready</source>
        <translation>没有套接字就绪</translation>
    </message>
    <message>
        <location filename="../../app/gui/QuizBox.cpp" line="316"/>
        <source>Tick the sockets you expect to come back ready (or nothing), then press Step (F10).</source>
        <translation>勾选你认为会就绪返回的套接字（或“没有套接字就绪”），然后按单步（F10）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/QuizBox.cpp" line="352"/>
        <source>%1 returned %2: %3</source>
        <extracomment>%1 the call (select, poll, epoll_wait), %2 its return value, %3 the sockets</extracomment>
        <translation>%1 返回 %2：%3</translation>
    </message>
    <message>
        <location filename="../../app/gui/QuizBox.cpp" line="369"/>
        <source>Right! %1.</source>
        <translation>答对了！%1。</translation>
    </message>
    <message>
        <location filename="../../app/gui/QuizBox.cpp" line="371"/>
        <source>Right for %1. Here, on %2, %3.</source>
        <translation>在 %1 上是对的。这里运行在 %2 上，%3。</translation>
    </message>
    <message>
        <location filename="../../app/gui/QuizBox.cpp" line="374"/>
        <source>Not quite. You picked %1; %2.</source>
        <translation>不太对。你选的是 %1；%2。</translation>
    </message>
    <message>
        <location filename="../../app/gui/QuizBox.cpp" line="382"/>
        <source>No answer was given. %1.</source>
        <translation>没有作答。%1。</translation>
    </message>
    <message>
        <location filename="../../app/gui/QuizBox.cpp" line="384"/>
        <source>Tick %1: the verdict</source>
        <translation>第 %1 拍：判定</translation>
    </message>
    <message>
        <location filename="../../app/gui/QuizBox.cpp" line="408"/>
        <source>End of the lesson</source>
        <translation>本课结束</translation>
    </message>
    <message>
        <location filename="../../app/gui/QuizBox.cpp" line="409"/>
        <source>The script of &quot;%1&quot; has ended; the server keeps running if you go on.</source>
        <translation>“%1”的脚本已结束；继续单步时服务器仍在运行。</translation>
    </message>
    <message>
        <location filename="../../app/gui/QuizBox.cpp" line="417"/>
        <source>Next lesson: %1</source>
        <translation>下一课：%1</translation>
    </message>
</context>
<context>
    <name>gui::ScalingChart</name>
    <message>
        <location filename="../../app/gui/ScalingChart.cpp" line="161"/>
        <source>Sockets watched, none ready (both axes in powers of ten)</source>
        <translation>监视的套接字数，都不就绪（两条轴都按 10 的幂分度）</translation>
    </message>
    <message>
        <location filename="../../app/gui/ScalingChart.cpp" line="162"/>
        <source>Median µs per call</source>
        <translation>微秒/次（中位数）</translation>
    </message>
    <message>
        <location filename="../../app/gui/ScalingChart.cpp" line="175"/>
        <source>%1: refused at %2 sockets</source>
        <translation>%1：%2 个套接字时被拒绝</translation>
    </message>
</context>
<context>
    <name>gui::Session</name>
    <message>
        <location filename="../../app/gui/SessionLesson.cpp" line="17"/>
        <source>There is no lesson called &quot;%1&quot;.</source>
        <translation>没有名为“%1”的课程。</translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionLesson.cpp" line="22"/>
        <source>The lesson &quot;%1&quot; does not run on %2, so it runs on %3.</source>
        <translation>课程“%1”不能在 %2 上运行，已改用 %3。</translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionLesson.cpp" line="37"/>
        <source>Open a lesson first: a saved trace keeps the backend it was recorded on.</source>
        <translation>请先打开一课：保存的轨迹只能使用录制时的后端。</translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionLesson.cpp" line="42"/>
        <source>The lesson &quot;%1&quot; does not run on %2.</source>
        <translation>课程“%1”不能在 %2 上运行。</translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionLesson.cpp" line="59"/>
        <source>A saved trace cannot be replayed; open its lesson to run it again.</source>
        <translation>保存的轨迹不能重放；请打开它对应的课程重新运行。</translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionLesson.cpp" line="97"/>
        <source>Port %1 is already in use (is another muxlab or server running?), so the lesson listens on ports the system chose instead.</source>
        <translation>端口 %1 已被占用（是否有另一个 muxlab 或服务器在运行？），课程改为监听系统选择的端口。</translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionLesson.cpp" line="111"/>
        <source>The lesson &quot;%1&quot; could not start its server: %2</source>
        <translation>课程“%1”无法启动服务器：%2</translation>
    </message>
    <message>
        <location filename="../../app/gui/Session.cpp" line="110"/>
        <source>&quot;%1&quot; could not be opened as a muxlab trace: %2</source>
        <translation>无法把“%1”作为 muxlab 轨迹打开：%2</translation>
    </message>
    <message>
        <location filename="../../app/gui/Session.cpp" line="115"/>
        <source>&quot;%1&quot; holds no ticks, so there is nothing to show.</source>
        <translation>“%1”里没有任何一拍，没有可显示的内容。</translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionProgram.cpp" line="126"/>
        <source>%1 could not start: %2</source>
        <translation>%1 无法启动：%2</translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionProgram.cpp" line="163"/>
        <source>Simulated clients act between the program&apos;s calls: pause it first (or pick a speed below full speed).</source>
        <translation>模拟客户端只在程序的两次调用之间动作：请先暂停它（或选一个低于全速的速度）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionProgram.cpp" line="166"/>
        <source>The program has ended: restart it to let a client act.</source>
        <translation>程序已经结束：请重新启动它，客户端才能动作。</translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionProgram.cpp" line="168"/>
        <source>The program has no listening socket (yet), so a simulated client has nothing to connect to; connect a real client if it connects out instead.</source>
        <translation>程序（还）没有监听套接字，模拟客户端无处可连；如果是它主动向外连接，请改用真实的客户端。</translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionProgram.cpp" line="189"/>
        <source>This lesson has no Python program of its own.</source>
        <translation>这一课没有自己的 Python 程序。</translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionProgram.cpp" line="193"/>
        <source>This lesson&apos;s Python program is a blocking server: it makes no select, poll or epoll call, so there is no tick to stop it at.</source>
        <translation>这一课的 Python 程序是阻塞式服务器：它不调用 select、poll 或 epoll，所以没有可以停下来的拍。</translation>
    </message>
    <message>
        <source>This lesson&apos;s Python program is a client, not a server: the lesson&apos;s clients would have nothing to connect to.</source>
        <translation type="vanished">这一课的 Python 程序是客户端而不是服务器：本课的客户端无处可连。</translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionProgram.cpp" line="197"/>
        <source>This lesson&apos;s Python program %1 is not found beside the lesson.</source>
        <translation>在这一课旁边找不到它的 Python 程序 %1。</translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionProgram.cpp" line="201"/>
        <source>python3 is not installed, so the lesson&apos;s Python program cannot run.</source>
        <translation>没有安装 python3，本课的 Python 程序无法运行。</translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionProgram.cpp" line="227"/>
        <source>%1 It runs on muxlab&apos;s server instead.</source>
        <translation>%1 因此改用 muxlab 的服务器运行。</translation>
    </message>
    <message>
        <location filename="../../app/gui/Session.cpp" line="183"/>
        <source>This is the last tick of the saved trace.</source>
        <translation>这是保存的轨迹的最后一拍。</translation>
    </message>
    <message>
        <location filename="../../app/gui/Session.cpp" line="187"/>
        <source>The server is frozen while students connect: their connections wait in the accept queue. Unfreeze it to run the next tick.</source>
        <translation>学生连接期间服务器已冻结：他们的连接在 accept 队列中等待。解除冻结才能运行下一拍。</translation>
    </message>
    <message>
        <source>Simulated clients act only in lessons. Connect a real client to the program instead (Lesson ▸ Connect a client…).</source>
        <translation type="vanished">模拟客户端只在课程中使用。请改为给程序连接一个真实的客户端（课程 ▸ 连接客户端…）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/Session.cpp" line="225"/>
        <source>A saved trace is only for browsing; open a lesson to act as a client.</source>
        <translation>保存的轨迹仅供浏览；请打开一课再以客户端身份操作。</translation>
    </message>
    <message>
        <location filename="../../app/gui/Session.cpp" line="235"/>
        <source>The program is not running: restart it to add a client.</source>
        <translation>程序没有在运行：请重新启动它再添加客户端。</translation>
    </message>
    <message>
        <location filename="../../app/gui/Session.cpp" line="239"/>
        <source>A saved trace is only for browsing; open a lesson to add a client.</source>
        <translation>保存的轨迹仅供浏览；请打开一课再添加客户端。</translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionLesson.cpp" line="175"/>
        <source>Sorry, the class is full (at most %1 clients): please wait a moment and connect again.</source>
        <translation>Sorry, the class is full (at most %1 clients): please wait a moment and connect again. 抱歉，课堂已满（最多 %1 个客户端）：请稍等片刻再连接。</translation>
    </message>
    <message>
        <location filename="../../app/gui/SessionLesson.cpp" line="180"/>
        <source>Sorry, this class server takes clients from %2 only, and %1 is not on that network.</source>
        <translation>Sorry, this class server takes clients from %2 only, and %1 is not on that network. 抱歉，本课堂服务器只接受来自 %2 的客户端，%1 不在这个网络中。</translation>
    </message>
</context>
<context>
    <name>gui::SocketLabel</name>
    <message>
        <location filename="../../app/gui/SocketLabel.cpp" line="27"/>
        <location filename="../../app/gui/SocketLabel.cpp" line="58"/>
        <source>listener %1</source>
        <translation>监听套接字 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketLabel.cpp" line="28"/>
        <location filename="../../app/gui/SocketLabel.cpp" line="52"/>
        <location filename="../../app/gui/TickViewLanes.cpp" line="66"/>
        <source>conn %1</source>
        <translation>连接 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketLabel.cpp" line="29"/>
        <location filename="../../app/gui/SocketLabel.cpp" line="54"/>
        <source>client %1</source>
        <translation>客户端 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketLabel.cpp" line="30"/>
        <location filename="../../app/gui/SocketLabel.cpp" line="56"/>
        <source>udp %1</source>
        <translation>UDP 套接字 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketLabel.cpp" line="101"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketLabel.cpp" line="108"/>
        <source>ready to read</source>
        <translation>可读</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketLabel.cpp" line="109"/>
        <source>ready to write</source>
        <translation>可写</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketLabel.cpp" line="110"/>
        <source>with an exceptional condition</source>
        <translation>有异常条件</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketLabel.cpp" line="120"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketLabel.cpp" line="123"/>
        <source>the lesson&apos;s answer was that no socket comes back %1; the kernel returned: %2</source>
        <translation>课程的答案是没有套接字返回时%1；内核返回的是：%2</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketLabel.cpp" line="128"/>
        <source>the lesson&apos;s answer was that %1 comes back %2; the kernel returned: %3</source>
        <translation>课程的答案是%1 返回时%2；内核返回的是：%3</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketLabel.cpp" line="135"/>
        <source>expected no socket to come back %1; the kernel returned: %2</source>
        <translation>预期没有套接字返回时%1；内核返回的是：%2</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketLabel.cpp" line="139"/>
        <source>expected %1 to come back %2; the kernel returned: %3</source>
        <translation>预期%1 返回时%2；内核返回的是：%3</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketLabel.cpp" line="144"/>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>gui::SocketsModel</name>
    <message>
        <location filename="../../app/gui/SocketsModel.cpp" line="44"/>
        <source>%1 s left to finish: %2</source>
        <translation>还剩 %1 秒完成：%2</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketsModel.cpp" line="102"/>
        <source>listener</source>
        <translation>监听套接字</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketsModel.cpp" line="104"/>
        <source>conn</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketsModel.cpp" line="106"/>
        <source>client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketsModel.cpp" line="108"/>
        <source>external peer</source>
        <translation>外部对端</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketsModel.cpp" line="110"/>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketsModel.cpp" line="159"/>
        <source>backlog %1 · waiting for accept</source>
        <translation>backlog %1 · 等待 accept</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketsModel.cpp" line="161"/>
        <source>%1 bytes waiting · send-q %2</source>
        <translation>%1 字节在等待 · send-q %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketsModel.cpp" line="166"/>
        <source>backlog %1</source>
        <translation>积压 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketsModel.cpp" line="167"/>
        <source>recv-q %1 · send-q %2</source>
        <translation>接收队列 %1 · 发送队列 %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketsModel.cpp" line="201"/>
        <source>fd</source>
        <translation>fd</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketsModel.cpp" line="203"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketsModel.cpp" line="205"/>
        <source>Socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketsModel.cpp" line="207"/>
        <source>Local address</source>
        <translation>本地地址</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketsModel.cpp" line="209"/>
        <source>Peer address</source>
        <translation>对端地址</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketsModel.cpp" line="211"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketsModel.cpp" line="213"/>
        <source>Bytes in</source>
        <translation>收到字节</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketsModel.cpp" line="215"/>
        <source>Bytes out</source>
        <translation>发出字节</translation>
    </message>
    <message>
        <location filename="../../app/gui/SocketsModel.cpp" line="217"/>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
</context>
<context>
    <name>gui::StatusLine</name>
    <message>
        <location filename="../../app/gui/StatusLine.cpp" line="29"/>
        <source>The program is running; its first select, poll or epoll call is tick 1.</source>
        <translation>程序正在运行；它的第一次 select、poll 或 epoll 调用是第 1 拍。</translation>
    </message>
    <message>
        <location filename="../../app/gui/StatusLine.cpp" line="30"/>
        <source>Pick a lesson on the left to begin.</source>
        <translation>从左边选一课开始。</translation>
    </message>
    <message>
        <location filename="../../app/gui/StatusLine.cpp" line="37"/>
        <source>tick %1 — live: F10 runs the next tick</source>
        <translation>第 %1 拍 — 实时：按 F10 运行下一拍</translation>
    </message>
    <message>
        <location filename="../../app/gui/StatusLine.cpp" line="39"/>
        <source>tick %1 of %2 recorded — history: F10 moves forward, Ctrl+End returns to live</source>
        <translation>已记录 %2 拍中的第 %1 拍 — 历史：F10 前进，Ctrl+End 回到实时</translation>
    </message>
    <message>
        <location filename="../../app/gui/StatusLine.cpp" line="43"/>
        <source>tick %1 of %2 — saved trace</source>
        <translation>第 %1 / %2 拍 — 保存的轨迹</translation>
    </message>
</context>
<context>
    <name>gui::SyscallLogModel</name>
    <message>
        <location filename="../../app/gui/CursorViews.cpp" line="66"/>
        <location filename="../../app/gui/SyscallLogModel.cpp" line="93"/>
        <source>server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../app/gui/SyscallLogModel.cpp" line="75"/>
        <source># setup</source>
        <translation># 初始化</translation>
    </message>
    <message>
        <location filename="../../app/gui/SyscallLogModel.cpp" line="81"/>
        <source>timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../app/gui/SyscallLogModel.cpp" line="80"/>
        <source>nothing ready (a real call would still be waiting)</source>
        <translation>没有就绪的（真实的调用此刻还在等待）</translation>
    </message>
    <message>
        <location filename="../../app/gui/CursorViews.cpp" line="67"/>
        <location filename="../../app/gui/SyscallLogModel.cpp" line="94"/>
        <source>client %1</source>
        <translation>客户端 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/SyscallLogModel.cpp" line="91"/>
        <source>program</source>
        <translation>程序</translation>
    </message>
    <message>
        <location filename="../../app/gui/SyscallLogModel.cpp" line="240"/>
        <source>Tick</source>
        <translation>拍</translation>
    </message>
    <message>
        <location filename="../../app/gui/SyscallLogModel.cpp" line="242"/>
        <source>Who</source>
        <translation>谁</translation>
    </message>
    <message>
        <location filename="../../app/gui/SyscallLogModel.cpp" line="244"/>
        <source>Call (strace form)</source>
        <translation>调用（strace 格式）</translation>
    </message>
</context>
<context>
    <name>gui::TickView</name>
    <message>
        <location filename="../../app/gui/TickView.cpp" line="120"/>
        <source>tick %1</source>
        <translation>第 %1 拍</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickView.cpp" line="414"/>
        <source>%1 (%2, fd %3)
%4</source>
        <translation>%1（%2，fd %3）
%4</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewPaint.cpp" line="63"/>
        <source>Pick a lesson on the left, then press Step (F10) to run one tick.</source>
        <translation>从左边选一课，然后按单步（F10）运行一拍。</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewPaint.cpp" line="87"/>
        <source>Nothing has been called yet: Step (F10) makes the first call with the lists below.</source>
        <translation>还没有发起任何调用：按单步（F10）用下面的列表发起第一次调用。</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewAccessible.cpp" line="84"/>
        <location filename="../../app/gui/TickViewStyle.h" line="38"/>
        <source>passed in</source>
        <translation>传入</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/TickView.cpp" line="154"/>
        <source>%n waiting to be accepted now</source>
        <translation>
            <numerusform>现在有 %n 个连接等待 accept</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/TickView.cpp" line="155"/>
        <source>%n bytes waiting for the next call</source>
        <translation>
            <numerusform>%n 字节在内核里等下一次调用</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewAccessible.cpp" line="86"/>
        <location filename="../../app/gui/TickViewStyle.h" line="39"/>
        <source>came back ready</source>
        <translation>就绪返回</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewAccessible.cpp" line="88"/>
        <location filename="../../app/gui/TickViewStyle.h" line="40"/>
        <source>appended for the next call</source>
        <translation>为下次调用追加</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewAccessible.cpp" line="90"/>
        <location filename="../../app/gui/TickViewStyle.h" line="41"/>
        <source>removed</source>
        <translation>已移除</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewPaint.cpp" line="151"/>
        <source>(empty: no socket in this list)</source>
        <translation>（空：这个列表里没有套接字）</translation>
    </message>
</context>
<context>
    <name>gui::TickViewModel</name>
    <message>
        <location filename="../../app/gui/TickViewModel.cpp" line="85"/>
        <source>pollfd array</source>
        <translation>pollfd 数组</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewModel.cpp" line="87"/>
        <source>interest list</source>
        <translation>关注列表</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewModel.cpp" line="89"/>
        <source>ready list</source>
        <translation>就绪列表</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewModel.cpp" line="98"/>
        <source>ready to read</source>
        <translation>可读</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewModel.cpp" line="100"/>
        <source>ready to write</source>
        <translation>可写</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewModel.cpp" line="102"/>
        <source>exceptional</source>
        <translation>异常</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewModel.cpp" line="104"/>
        <source>events → revents</source>
        <translation>events → revents</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewModel.cpp" line="106"/>
        <source>epoll_ctl</source>
        <translation>epoll_ctl</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewModel.cpp" line="108"/>
        <source>epoll_wait</source>
        <translation>epoll_wait</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewModel.cpp" line="134"/>
        <source>setup: the program opens its listeners and sets its first interest</source>
        <translation>初始化：程序打开监听套接字，设置最初的关注列表</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewModel.cpp" line="153"/>
        <source>(nothing ready: with no timeout a real call would still be waiting)</source>
        <translation>（没有就绪的：不设超时的真实调用此刻仍在等待）</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewModel.cpp" line="154"/>
        <source>(timeout: nothing was ready)</source>
        <translation>（超时：没有任何套接字就绪）</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewLanes.cpp" line="87"/>
        <source>refused: select() cannot watch descriptor %1, an fd_set holds only 0 to %2 (FD_SETSIZE); the server told the client and closed it</source>
        <translation>已拒绝：select() 无法监视描述符 %1，fd_set 只能容纳 0 到 %2（FD_SETSIZE）；服务器告知客户端后关闭了它</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewLanes.cpp" line="92"/>
        <source>refused and closed: %1</source>
        <translation>已拒绝并关闭：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/TickViewLanes.cpp" line="101"/>
        <source>%n connections with nothing to read</source>
        <translation>
            <numerusform>%n 个连接没有可读的数据</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/TickViewLanes.cpp" line="103"/>
        <source>%n connections not ready to write</source>
        <translation>
            <numerusform>%n 个连接暂时不可写</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/TickViewLanes.cpp" line="105"/>
        <source>%n connections with nothing exceptional</source>
        <translation>
            <numerusform>%n 个连接没有异常情况</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/TickViewLanes.cpp" line="111"/>
        <source>%n connections where nothing happened</source>
        <translation>
            <numerusform>%n 个连接没有任何事件</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewLanes.cpp" line="181"/>
        <source>added for the next call</source>
        <translation>为下次调用而加入</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/TickViewModel.cpp" line="232"/>
        <source>%n passed in</source>
        <translation>
            <numerusform>传入 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/TickViewModel.cpp" line="234"/>
        <source>%n ready</source>
        <translation>
            <numerusform>就绪 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewModel.cpp" line="250"/>
        <source>click to fold them again</source>
        <translation>点击重新收起</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewModel.cpp" line="251"/>
        <source>click to show them</source>
        <translation>点击展开</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewModel.cpp" line="288"/>
        <source>%1 (fd %2) — %3</source>
        <translation>%1（fd %2）— %3</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewModel.cpp" line="327"/>
        <source>Socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewModel.cpp" line="329"/>
        <source>fd</source>
        <translation>fd</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewModel.cpp" line="331"/>
        <source>Asked for</source>
        <translation>关注的事件</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewModel.cpp" line="333"/>
        <source>Came back</source>
        <translation>返回的事件</translation>
    </message>
    <message>
        <location filename="../../app/gui/TickViewModel.cpp" line="335"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>gui::TimelineModel</name>
    <message>
        <location filename="../../app/gui/TimelineModel.cpp" line="109"/>
        <source>setup</source>
        <translation>初始化</translation>
    </message>
    <message>
        <location filename="../../app/gui/TimelineModel.cpp" line="111"/>
        <source>clients act</source>
        <translation>客户端动作</translation>
    </message>
    <message>
        <location filename="../../app/gui/TimelineModel.cpp" line="113"/>
        <source>timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../app/gui/TimelineModel.cpp" line="115"/>
        <source>accept</source>
        <translation>accept</translation>
    </message>
    <message>
        <location filename="../../app/gui/TimelineModel.cpp" line="117"/>
        <source>recv</source>
        <translation>recv</translation>
    </message>
    <message>
        <location filename="../../app/gui/TimelineModel.cpp" line="119"/>
        <source>send</source>
        <translation>send</translation>
    </message>
    <message>
        <location filename="../../app/gui/TimelineModel.cpp" line="121"/>
        <source>close</source>
        <translation>close</translation>
    </message>
    <message>
        <location filename="../../app/gui/TimelineModel.cpp" line="123"/>
        <source>list changed</source>
        <translation>列表改动</translation>
    </message>
    <message>
        <location filename="../../app/gui/TimelineModel.cpp" line="125"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../app/gui/TimelineModel.cpp" line="131"/>
        <source>Ticks 0–%1 were dropped: at full speed only the newest %2 ticks are kept.</source>
        <translation>第 0–%1 个 tick 已丢弃：全速运行时只保留最新的 %2 个 tick。</translation>
    </message>
    <message>
        <location filename="../../app/gui/TimelineModel.cpp" line="161"/>
        <source>tick %1</source>
        <translation>第 %1 拍</translation>
    </message>
    <message>
        <location filename="../../app/gui/TimelineModel.cpp" line="163"/>
        <source>tick %1: %2</source>
        <translation>第 %1 拍：%2</translation>
    </message>
    <message>
        <location filename="../../app/gui/TimelineModel.cpp" line="165"/>
        <source>returned %1</source>
        <translation>返回 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/TimelineModel.cpp" line="187"/>
        <source>Tick</source>
        <translation>拍</translation>
    </message>
</context>
<context>
    <name>gui::TimelineView</name>
    <message>
        <location filename="../../app/gui/TimelineView.cpp" line="62"/>
        <source>Drag to show any recorded tick. ←/→ move one tick, Home/End go to the first and the newest.</source>
        <translation>拖动可查看任意已记录的一拍。←/→ 移动一拍，Home/End 跳到第一拍和最新一拍。</translation>
    </message>
    <message>
        <location filename="../../app/gui/TimelineView.cpp" line="65"/>
        <source>Tick in the history</source>
        <translation>历史中的拍</translation>
    </message>
    <message>
        <location filename="../../app/gui/TimelineView.cpp" line="67"/>
        <source>Timeline</source>
        <translation>时间轴</translation>
    </message>
    <message>
        <location filename="../../app/gui/TimelineView.cpp" line="75"/>
        <source>ticks before %1 dropped</source>
        <translation>%1 之前的 tick 已丢弃</translation>
    </message>
    <message>
        <location filename="../../app/gui/TimelineView.cpp" line="314"/>
        <source>Show tick %1</source>
        <translation>显示第 %1 拍</translation>
    </message>
    <message>
        <location filename="../../app/gui/TimelineView.cpp" line="315"/>
        <source>Restart and replay to tick %1</source>
        <translation>重新开始并重放到第 %1 拍</translation>
    </message>
    <message>
        <location filename="../../app/gui/TimelineView.cpp" line="328"/>
        <source>A accept · R recv · S send · C close · T timeout · ? question</source>
        <translation>A accept · R recv · S send · C close · T 超时 · ? 提问</translation>
    </message>
</context>
<context>
    <name>gui::TraceFiles</name>
    <message>
        <location filename="../../app/gui/TraceFiles.cpp" line="20"/>
        <source>Open a saved trace</source>
        <translation>打开保存的轨迹</translation>
    </message>
    <message>
        <location filename="../../app/gui/TraceFiles.cpp" line="21"/>
        <source>muxlab traces (*.json);;All files (*)</source>
        <translation>muxlab 轨迹 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../app/gui/TraceFiles.cpp" line="27"/>
        <source>Save the trace</source>
        <translation>保存轨迹</translation>
    </message>
    <message>
        <location filename="../../app/gui/TraceFiles.cpp" line="28"/>
        <source>muxlab traces (*.json)</source>
        <translation>muxlab 轨迹 (*.json)</translation>
    </message>
    <message>
        <location filename="../../app/gui/TraceFiles.cpp" line="43"/>
        <source>Export the tick as PNG</source>
        <translation>把本拍导出为 PNG</translation>
    </message>
    <message>
        <location filename="../../app/gui/TraceFiles.cpp" line="43"/>
        <source>PNG pictures (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../app/gui/TraceFiles.cpp" line="47"/>
        <source>Export the tick as SVG</source>
        <translation>把本拍导出为 SVG</translation>
    </message>
    <message>
        <location filename="../../app/gui/TraceFiles.cpp" line="47"/>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../app/gui/TraceFiles.cpp" line="52"/>
        <source>Export the run as a web page</source>
        <translation>把这次运行导出为网页</translation>
    </message>
    <message>
        <location filename="../../app/gui/TraceFiles.cpp" line="53"/>
        <source>Web pages (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <location filename="../../app/gui/TraceFiles.cpp" line="99"/>
        <source>There is no trace to save yet: open a lesson and step first.</source>
        <translation>还没有可保存的轨迹：请先打开一课并单步运行。</translation>
    </message>
    <message>
        <location filename="../../app/gui/TraceFiles.cpp" line="105"/>
        <source>The trace could not be saved to %1: %2</source>
        <translation>无法把轨迹保存到 %1：%2</translation>
    </message>
</context>
<context>
    <name>gui::TransportBar</name>
    <message>
        <location filename="../../app/gui/TransportBar.cpp" line="162"/>
        <location filename="../../app/gui/TransportBar.cpp" line="189"/>
        <source>%1 ticks/s</source>
        <translation>%1 拍/秒</translation>
    </message>
    <message>
        <location filename="../../app/gui/TransportBar.cpp" line="194"/>
        <source>Transport</source>
        <translation>播放控制</translation>
    </message>
    <message>
        <location filename="../../app/gui/TransportBar.cpp" line="166"/>
        <source>Run speed</source>
        <translation>运行速度</translation>
    </message>
    <message>
        <location filename="../../app/gui/TransportBar.cpp" line="161"/>
        <source>full speed</source>
        <translation>全速</translation>
    </message>
    <message>
        <location filename="../../app/gui/TransportBar.cpp" line="164"/>
        <source>Full speed: the program runs freely and the view shows its newest tick; Pause or Step holds it at its next call</source>
        <translation>全速：程序自由运行，视图显示最新的 tick；暂停或单步会让它停在下一次调用之前</translation>
    </message>
    <message>
        <location filename="../../app/gui/TransportBar.cpp" line="195"/>
        <source>muxlab&apos;s server</source>
        <translation>muxlab 的服务器</translation>
    </message>
    <message>
        <location filename="../../app/gui/TransportBar.cpp" line="196"/>
        <source>the Python program</source>
        <translation>Python 程序</translation>
    </message>
    <message>
        <location filename="../../app/gui/TransportBar.cpp" line="199"/>
        <source>The multiplexing call the server makes; switching restarts the lesson</source>
        <translation>服务器使用的多路复用调用；切换后本课会重新开始</translation>
    </message>
    <message>
        <location filename="../../app/gui/TransportBar.cpp" line="216"/>
        <source>Open a lesson to choose which server runs it.</source>
        <translation>打开一课后即可选择由哪个服务器运行它。</translation>
    </message>
    <message>
        <location filename="../../app/gui/TransportBar.cpp" line="219"/>
        <source>Which server runs the lesson: muxlab&apos;s own, or the lesson&apos;s Python program under the tracer, each call held until you step; switching restarts the lesson</source>
        <translation>由哪个服务器运行本课：muxlab 自带的，或本课的 Python 程序（在跟踪器下运行，每次调用都停住，等你单步）；切换后本课会重新开始</translation>
    </message>
    <message>
        <location filename="../../app/gui/TransportBar.cpp" line="277"/>
        <source>Paused before tick %1: predict which sockets come back ready, then press Step (F10).</source>
        <translation>在第 %1 拍之前暂停：先预测哪些套接字会就绪返回，再按单步（F10）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/TransportBar.cpp" line="282"/>
        <source>The lesson&apos;s script has ended; the server keeps running if you go on.</source>
        <translation>本课的脚本已经结束；继续的话服务器会一直运行。</translation>
    </message>
</context>
<context>
    <name>gui::WindowMenus</name>
    <message>
        <location filename="../../app/gui/Menus.cpp" line="55"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Menus.cpp" line="56"/>
        <source>&amp;Tick</source>
        <translation>拍(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Menus.cpp" line="57"/>
        <source>&amp;Lesson</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Menus.cpp" line="58"/>
        <source>&amp;Backend</source>
        <translation>后端(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Menus.cpp" line="59"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Menus.cpp" line="60"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/gui/Menus.cpp" line="61"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>mux::exec::TracedProcess</name>
    <message>
        <location filename="../../core/exec/TracedProcess.cpp" line="257"/>
        <source>%1 was stopped.</source>
        <translation>%1 已被停止。</translation>
    </message>
    <message>
        <location filename="../../core/exec/TracedProcess.cpp" line="259"/>
        <source>%1 was killed by signal %2 (%3).</source>
        <translation>%1 被信号 %2（%3）杀死。</translation>
    </message>
    <message>
        <location filename="../../core/exec/TracedProcess.cpp" line="264"/>
        <source>%1 exited with status %2 before making any select, poll or epoll call.</source>
        <translation>%1 在调用任何 select、poll 或 epoll 之前就退出了，退出状态 %2。</translation>
    </message>
    <message>
        <location filename="../../core/exec/TracedProcess.cpp" line="267"/>
        <source>%1 exited with status %2.</source>
        <translation>%1 已退出，退出状态 %2。</translation>
    </message>
</context>
</TS>
