#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace mux {

class Server;

/// The server of document 003 §5.2, as the helper a client-side lesson talks to: answers each
/// message at once, except the sleep word, on which it goes to sleep (time.sleep) for a number
/// of ticks — and while it sleeps nobody is answered, whatever they sent (head-of-line
/// blocking). It is not the program under the tick: it does not take part in the tick's call;
/// it runs once per tick after the client's part, as the other process would have meanwhile,
/// finding out what is ready with a private zero-timeout poll() of its own sockets.
/// Its sockets are opened through Server, so everything it does is in the trace.
class SleepyServer {
public:
    struct Replies {
        QByteArray normal = "已收到普通信息：";
        QByteArray delayed = "已收到延时反馈信息:";
    };
    SleepyServer(QByteArray sleepWord, int sleepTicks, Replies replies);
    /// From a lesson's params: sleep_word, sleep_ticks, normal_reply, delayed_reply.
    static SleepyServer fromParams(const QJsonObject &params);

    /// Listens as listener `index` (L0…).
    bool open(Server &server, int index);
    /// One pass of the server's loop (or one tick of its sleep).
    void run(Server &server);
    int listener() const { return m_listener; }

private:
    void serve(Server &server);

    QByteArray m_sleepWord;
    int m_sleepTicks;
    Replies m_replies;
    int m_listener = -1;
    QList<int> m_conns;
    QList<int> m_pass;   ///< conns found readable in this pass, not yet served
    int m_sleeper = -1;  ///< the conn whose message put the server to sleep
    int m_sleepLeft = 0; ///< ticks of sleep to go
};

} // namespace mux
