// SPDX-License-Identifier: Apache-2.0
#include "core/fileio.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

#include "core/error.h"
#include "core/limits.h"

namespace fw::core {
namespace {

constexpr std::string_view temporaryMark = ".tmp-";

[[noreturn]] void failWrite(const std::filesystem::path& target, const std::string& what, int error)
{
    throw IoError(target.string() + ": " + what + " (" + std::strerror(error) + ")");
}

std::filesystem::path directoryOf(const std::filesystem::path& path)
{
    return path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
}

void syncDirectory(const std::filesystem::path& target)
{
    const int fd = ::open(directoryOf(target).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        failWrite(target, "cannot open its directory to sync it", errno);
    }
    const int rc = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (rc != 0) {
        failWrite(target, "cannot sync its directory", error);
    }
}

} // namespace

std::string readTextFile(const std::filesystem::path& path, const limits::Limit& size)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw IoError(path.string() + ": is a directory, not a file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw IoError(path.string() + ": cannot read (" + std::strerror(errno) + ")");
    }
    const auto bytes = std::filesystem::file_size(path, ec);
    if (!ec) {
        limits::check(size, static_cast<double>(bytes), path.string());
    }
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) {
        throw IoError(path.string() + ": cannot read (" + std::strerror(errno) + ")");
    }
    return content.str();
}

void requireWritableTarget(const std::filesystem::path& target)
{
    std::error_code ec;
    if (std::filesystem::is_directory(target, ec)) {
        throw IoError(target.string() + ": is a directory; give a file name");
    }
    if (!std::filesystem::is_directory(directoryOf(target), ec)) {
        throw IoError(target.string() + ": no such directory " + directoryOf(target).string());
    }
}

TemporaryFile::TemporaryFile(const std::filesystem::path& target) : m_target(target)
{
    requireWritableTarget(target);
    std::random_device seed;
    std::mt19937_64 random(seed());
    for (int attempt = 0; m_fd < 0; ++attempt) {
        m_path = target;
        m_path += std::string(temporaryMark) + std::to_string(random() % 1000000000ULL);
        m_fd = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (m_fd < 0 && (errno != EEXIST || attempt > 100)) {
            failWrite(target, "cannot create a file beside it", errno);
        }
    }
    if (::flock(m_fd, LOCK_EX) != 0) {
        const int error = errno;
        ::close(m_fd);
        ::unlink(m_path.c_str());
        failWrite(target, "cannot lock its temporary file", error);
    }
}

TemporaryFile::~TemporaryFile()
{
    if (!m_committed) {
        ::unlink(m_path.c_str());
        std::filesystem::path journal = m_path;
        journal += "-journal";
        ::unlink(journal.c_str());
    }
    ::close(m_fd); // releases the flock
}

void TemporaryFile::write(std::string_view content)
{
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(m_fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            failWrite(m_target, "cannot write", n < 0 ? errno : ENOSPC);
        }
        done += static_cast<std::size_t>(n);
    }
}

void TemporaryFile::commit()
{
    // The content may have been written through another descriptor (SQLite, libxlsxwriter): fsync
    // flushes the file's data whichever descriptor wrote it.
    if (::fsync(m_fd) != 0) {
        failWrite(m_target, "cannot sync", errno);
    }
    if (::rename(m_path.c_str(), m_target.c_str()) != 0) {
        failWrite(m_target, "cannot replace", errno);
    }
    m_committed = true;
    syncDirectory(m_target);
}

void writeFileAtomically(const std::filesystem::path& path, std::string_view content)
{
    TemporaryFile file(path);
    file.write(content);
    file.commit();
}

void removeStaleTemporaries(const std::filesystem::path& target)
{
    std::error_code ec;
    const std::string prefix = target.filename().string() + std::string(temporaryMark);
    std::filesystem::directory_iterator it(directoryOf(target), ec);
    for (; !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.starts_with(prefix)) {
            continue;
        }
        if (name.ends_with("-journal")) {
            const auto base = it->path().string().substr(0, it->path().string().size() - 8);
            if (!std::filesystem::exists(base, ec)) {
                ::unlink(it->path().c_str()); // its file is gone: nothing to roll back
            }
            continue;
        }
        const int fd = ::open(it->path().c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            continue;
        }
        // A living writer holds the lock; a killed one released it when it died.
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            std::filesystem::path journal = it->path();
            journal += "-journal";
            ::unlink(journal.c_str());
            ::unlink(it->path().c_str());
        }
        ::close(fd);
    }
}

} // namespace fw::core
