<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Chinese for the external-client and class strings (issue 5); loaded after muxlab_zh_CN.qm.
     Kept apart so two branches do not both rewrite one .ts; fold into muxlab_zh_CN.ts with lupdate. -->
<TS version="2.1" language="zh_CN">
<context>
    <name>gui::ClassPane</name>
    <message>
        <source>Connect a client…</source>
        <translation>连接客户端…</translation>
    </message>
    <message>
        <source>Commands for nc, telnet, the lesson's Python client and muxlab's own client, copyable, and a button that starts one</source>
        <translation>nc、telnet、本课的 Python 客户端和 muxlab 自带客户端的命令，可复制，并可一键启动</translation>
    </message>
    <message>
        <source>Freeze</source>
        <translation>冻结</translation>
    </message>
    <message>
        <source>Run no tick while students connect: their connections wait in the accept queue</source>
        <translation>学生连接期间不运行任何一拍：他们的连接在 accept 队列中等待</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>最多</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source> clients</source>
        <translation> 个客户端</translation>
    </message>
    <message>
        <source>Beyond this many external clients, one more is told the class is full and let go</source>
        <translation>外部客户端超过这个数目时，多出的那个会被告知课堂已满并断开</translation>
    </message>
    <message>
        <source>Open a lesson to serve real clients.</source>
        <translation>打开一课，才能为真实客户端服务。</translation>
    </message>
    <message>
        <source>Listening on %1 · external clients: %2</source>
        <translation>监听 %1 · 外部客户端：%2</translation>
    </message>
    <message>
        <source> · waiting to be accepted: %1</source>
        <translation> · 等待 accept：%1</translation>
    </message>
</context>
<context>
    <name>gui::ConnectedModel</name>
    <message>
        <source>unknown program</source>
        <translation>未知程序</translation>
    </message>
    <message>
        <source>1 byte waiting</source>
        <translation>1 字节在等待</translation>
    </message>
    <message>
        <source>%1 bytes waiting</source>
        <translation>%1 字节在等待</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>程序</translation>
    </message>
    <message>
        <source>Peer address</source>
        <translation>对端地址</translation>
    </message>
    <message>
        <source>fd</source>
        <translation>fd</translation>
    </message>
    <message>
        <source>Waiting for the next tick</source>
        <translation>等待下一拍</translation>
    </message>
</context>
<context>
    <name>gui::ConnectDialog</name>
    <message>
        <source>Connect a client</source>
        <translation>连接客户端</translation>
    </message>
    <message>
        <source>The server of &lt;b&gt;%1&lt;/b&gt; listens on &lt;b&gt;%2&lt;/b&gt;. Run any of these in a terminal — or press Launch — and the connection appears in the next tick as an external client.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 的服务器监听在 &lt;b&gt;%2&lt;/b&gt;。在终端里运行下面任意一条命令（或按“启动”），连接会在下一拍中作为外部客户端出现。</translation>
    </message>
    <message>
        <source>%1 (not installed)</source>
        <translation>%1（未安装）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Launch</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>No terminal emulator is installed here, so Launch opens muxlab's own client window on the lesson's port.</source>
        <translation>这里没有安装终端模拟器，所以“启动”会在本课的端口上打开 muxlab 自带的客户端窗口。</translation>
    </message>
    <message>
        <source>Launch opens the command in %1.</source>
        <translation>“启动”会在 %1 中运行这条命令。</translation>
    </message>
</context>
<context>
    <name>gui::Launcher</name>
    <message>
        <source>Started %1 in %2.</source>
        <translation>已在 %2 中启动 %1。</translation>
    </message>
    <message>
        <source>No terminal emulator is installed, so muxlab's own client window was opened on port %1.</source>
        <translation>没有安装终端模拟器，所以在端口 %1 上打开了 muxlab 自带的客户端窗口。</translation>
    </message>
    <message>
        <source>%1 could not be started: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
</context>
<context>
    <name>gui::MainWindow</name>
    <message>
        <source>Class</source>
        <translation>课堂</translation>
    </message>
    <message>
        <source>&amp;Connect a client…</source>
        <translation>连接客户端(&amp;C)…</translation>
    </message>
    <message>
        <source>Commands to connect nc, telnet, the lesson's Python client or muxlab's own client to this server, and a button to start one</source>
        <translation>把 nc、telnet、本课的 Python 客户端或 muxlab 自带客户端连到这个服务器的命令，以及启动按钮</translation>
    </message>
    <message>
        <source>%1 s left to finish: %2</source>
        <translation>还剩 %1 秒完成：%2</translation>
    </message>
</context>
<context>
    <name>gui::Session</name>
    <message>
        <source>The server is frozen while students connect: their connections wait in the accept queue. Unfreeze it to run the next tick.</source>
        <translation>学生连接期间服务器已冻结：他们的连接在 accept 队列中等待。解除冻结才能运行下一拍。</translation>
    </message>
    <message>
        <source>Sorry, the class is full (at most %1 clients): please wait a moment and connect again.</source>
        <translation>Sorry, the class is full (at most %1 clients): please wait a moment and connect again. 抱歉，课堂已满（最多 %1 个客户端）：请稍等片刻再连接。</translation>
    </message>
</context>
<context>
    <name>gui::SocketsModel</name>
    <message>
        <source>backlog %1 · waiting for accept</source>
        <translation>backlog %1 · 等待 accept</translation>
    </message>
    <message>
        <source>%1 bytes waiting · send-q %2</source>
        <translation>%1 字节在等待 · send-q %2</translation>
    </message>
</context>
</TS>
