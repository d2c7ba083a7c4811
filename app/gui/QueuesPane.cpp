#include "QueuesPane.h"

#include "CursorViews.h"
#include "QueuesModel.h"

#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace gui {

QueuesPane::QueuesPane(QueuesModel *model, QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("queuesPane"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *table = new QTableView(this);
    table->setObjectName(QStringLiteral("queues"));
    table->setModel(model);
    setUpTable(table);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("queuesEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_empty);
    layout->addWidget(table, 1);
    auto update = [this, model] {
        m_empty->setText(model->emptyReason());
        m_empty->setVisible(!model->emptyReason().isEmpty());
    };
    connect(model, &QAbstractItemModel::modelReset, this, update);
    update();
}

} // namespace gui
