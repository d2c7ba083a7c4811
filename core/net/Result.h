#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace mux {

/// An error as a value: the errno the kernel gave (0 when the error is ours, not the kernel's)
/// and one sentence a learner can read.
struct Error {
    int err = 0;
    QString text;
};

/// Error built from errno: "<what>: <strerror> (errno N)".
Error errnoError(const QString &what, int err);

/// A value or an Error. Small on purpose: std::expected is C++23 and Debian 12's g++ has no
/// C++20 spelling of it.
template <typename T> class Result {
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    T &value() { return *m_value; }
    const T &value() const { return *m_value; }
    T &operator*() { return *m_value; }
    const T &operator*() const { return *m_value; }
    T *operator->() { return &*m_value; }
    const T *operator->() const { return &*m_value; }
    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

template <> class Result<void> {
public:
    Result() = default;
    Result(Error error) : m_failed(true), m_error(std::move(error)) {}
    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    bool m_failed = false;
    Error m_error;
};

} // namespace mux
