// Who may come in from outside: the subnets a server bound to an address serves, and the
// refusal a peer from elsewhere hears (its address and the subnets, in one line).

#include "engine/Admission.h"
#include "net/Interfaces.h"

#include <QtTest>

using mux::Admission;
using mux::Refusal;
using mux::net::Subnet;

class TestAdmission : public QObject {
    Q_OBJECT
private slots:
    void aSubnetHoldsItsAddresses_data();
    void aSubnetHoldsItsAddresses();
    void loopbackServesOnlyLoopback();
    void everyInterfaceAddressIsServedWithItsSubnet();
    void aPeerFromElsewhereIsToldWhy_data();
    void aPeerFromElsewhereIsToldWhy();
};

void TestAdmission::aSubnetHoldsItsAddresses_data()
{
    QTest::addColumn<QString>("network");
    QTest::addColumn<int>("prefix");
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("inside");
    QTest::addColumn<QString>("text");
    QTest::newRow("same /24") << "10.213.0.0" << 24 << "10.213.0.2" << true << "10.213.0.0/24";
    QTest::newRow("next /24") << "10.213.0.0" << 24 << "10.214.0.2" << false << "10.213.0.0/24";
    QTest::newRow("host bits ignored")
        << "192.168.1.23" << 24 << "192.168.1.200" << true << "192.168.1.0/24";
    QTest::newRow("/16") << "172.16.0.0" << 16 << "172.16.99.1" << true << "172.16.0.0/16";
    QTest::newRow("/32 only itself") << "10.0.0.1" << 32 << "10.0.0.2" << false << "10.0.0.1/32";
    QTest::newRow("/0 everything") << "0.0.0.0" << 0 << "8.8.8.8" << true << "0.0.0.0/0";
    QTest::newRow("not an address") << "10.0.0.0" << 8 << "localhost" << false << "10.0.0.0/8";
    QTest::newRow("IPv6 is not IPv4") << "10.0.0.0" << 8 << "::1" << false << "10.0.0.0/8";
}

void TestAdmission::aSubnetHoldsItsAddresses()
{
    QFETCH(QString, network);
    QFETCH(int, prefix);
    QFETCH(QString, address);
    QFETCH(bool, inside);
    QFETCH(QString, text);
    const Subnet s{*mux::net::parseIpv4(network), prefix};
    QCOMPARE(s.contains(address), inside);
    QCOMPARE(s.toString(), text);
}

void TestAdmission::loopbackServesOnlyLoopback()
{
    const QList<Subnet> served = mux::net::subnetsServedBy(QStringLiteral("127.0.0.1"));
    QCOMPARE(served.size(), 1);
    QCOMPARE(served.first().toString(), QStringLiteral("127.0.0.0/8"));
    QVERIFY(mux::net::subnetsServedBy(QStringLiteral("not-an-address")).isEmpty());
}

void TestAdmission::everyInterfaceAddressIsServedWithItsSubnet()
{
    // The machine's own interfaces, read from the kernel: each address serves its own subnet
    // and loopback, and 0.0.0.0 serves them all.
    const QList<Subnet> all = mux::net::subnetsServedBy(QStringLiteral("0.0.0.0"));
    for (const mux::net::Interface &i : mux::net::ipv4Interfaces()) {
        if (i.loopback)
            continue;
        const QList<Subnet> served = mux::net::subnetsServedBy(i.address);
        QVERIFY2(served.contains(i.subnet), qPrintable(i.name));
        QVERIFY(served.first().contains(QStringLiteral("127.0.0.1")));
        QVERIFY(all.contains(i.subnet));
    }
}

void TestAdmission::aPeerFromElsewhereIsToldWhy_data()
{
    QTest::addColumn<QString>("peer");
    QTest::addColumn<bool>("refused");
    QTest::newRow("same subnet") << "10.213.0.2" << false;
    QTest::newRow("this machine") << "127.0.0.1" << false;
    QTest::newRow("another subnet") << "10.214.0.2" << true;
}

void TestAdmission::aPeerFromElsewhereIsToldWhy()
{
    QFETCH(QString, peer);
    QFETCH(bool, refused);
    Admission a;
    QVERIFY(!a.forPeer(peer)); // no policy: anyone
    a.setAllowedSubnets({{*mux::net::parseIpv4(QStringLiteral("10.213.0.0")), 24},
                         {*mux::net::parseIpv4(QStringLiteral("127.0.0.0")), 8}},
                        QStringLiteral("only %2; %1 is not on it"));
    const std::optional<Refusal> r = a.forPeer(peer);
    QCOMPARE(bool(r), refused);
    if (r) {
        QCOMPARE(r->reason, Refusal::Reason::OutsideSubnets);
        QCOMPARE(r->text,
                 QStringLiteral("only 10.213.0.0/24, 127.0.0.0/8; %1 is not on it").arg(peer));
        QCOMPARE(r->err, 0);
    }
}

QTEST_GUILESS_MAIN(TestAdmission)
#include "tst_admission.moc"
