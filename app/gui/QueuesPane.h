#pragma once

#include <QWidget>

class QLabel;

namespace gui {

class QueuesModel;

/// The server's message queues (what each conn still has to be sent) as a table, or one line
/// saying why there is nothing to show (a saved trace, history, nothing waiting).
class QueuesPane : public QWidget {
    Q_OBJECT
public:
    QueuesPane(QueuesModel *model, QWidget *parent = nullptr);

private:
    QLabel *m_empty;
};

} // namespace gui
