#pragma once

#include "clients/SimClient.h"

/// One scripted client op, as a lesson's "do" entry would give it.
inline mux::ClientOp op(mux::ClientOp::Kind kind, int client, const QByteArray &data = {})
{
    mux::ClientOp o;
    o.kind = kind;
    o.client = client;
    o.data = data;
    return o;
}
