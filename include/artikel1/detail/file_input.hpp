// SPDX-License-Identifier: EUPL-1.2
// artikel1 internals: opening input files. Every failure names the file and says why; a directory is refused; a
// pipe, a FIFO, /dev/stdin or a character device is read as a stream to its end; a whole-file read is refused at its
// size limit before (or, for a stream, while) it is read.
#pragma once

#include <artikel1/error.hpp>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace artikel1::detail {

/// "UTF-16 (little-endian)" when `head`, the first bytes of a file, look like UTF-16 text (a byte order mark, or
/// an ASCII character followed or preceded by a NUL byte); nullopt otherwise.
inline std::optional<std::string> utf16_kind(std::string_view head) {
    if (head.size() < 2) return std::nullopt;
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(head[i]); };
    if (byte(0) == 0xFF && byte(1) == 0xFE) return "UTF-16 (little-endian)";
    if (byte(0) == 0xFE && byte(1) == 0xFF) return "UTF-16 (big-endian)";
    if (byte(0) != 0 && byte(0) < 0x80 && byte(1) == 0) return "UTF-16 (little-endian)";
    if (byte(0) == 0 && byte(1) != 0 && byte(1) < 0x80) return "UTF-16 (big-endian)";
    return std::nullopt;
}

/// Throws a ParseError at 1:1 of `file` when `head` looks like UTF-16 text: artikel1 reads UTF-8 only.
inline void refuse_utf16(std::string_view head, const std::string& file) {
    if (auto kind = utf16_kind(head))
        throw ParseError("utf16_file", {*kind}, 1, 1, file);
}

/// An input file opened for reading. A regular file of non-zero size has a known size; anything else is a stream.
class InputFile {
public:
    static constexpr std::uint64_t unknown_size = std::numeric_limits<std::uint64_t>::max();

    /// Opens `path`: NotFound "cannot open PATH: <reason>", or Error "cannot read PATH: it is a directory".
    explicit InputFile(std::string path) : path_(std::move(path)) {
        do fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
        while (fd_ < 0 && errno == EINTR);
        if (fd_ < 0) throw NotFound("cannot_open", {path_, std::to_string(errno)});
        inspect();
    }
    /// Standard input (a duplicate of descriptor 0), named `name` in messages.
    static InputFile standard_input(std::string name = "standard input") {
        InputFile file;
        file.path_ = std::move(name);
        file.fd_ = ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0);
        if (file.fd_ < 0) throw NotFound("cannot_open", {file.path_, std::to_string(errno)});
        file.inspect();
        return file;
    }
    InputFile(InputFile&& other) noexcept : path_(std::move(other.path_)), fd_(other.fd_), size_(other.size_) { other.fd_ = -1; }
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;
    InputFile& operator=(InputFile&&) = delete;
    ~InputFile() {
        if (fd_ >= 0) ::close(fd_);
    }

    const std::string& path() const { return path_; }
    /// A regular file with a size: it can be read in ranges and by several threads.
    bool sized() const { return size_ != unknown_size; }
    std::uint64_t size() const { return size_; }

    /// Up to `capacity` bytes from the current position, fewer only at the end (0 at the end).
    std::size_t read(char* buffer, std::size_t capacity) {
        std::size_t total = 0;
        while (total < capacity) {
            ssize_t got = ::read(fd_, buffer + total, capacity - total);
            if (got < 0 && errno == EINTR) continue;
            if (got < 0) throw Error("cannot_read", {path_, std::to_string(errno)});
            if (got == 0) break;
            total += static_cast<std::size_t>(got);
        }
        return total;
    }
    void seek(std::uint64_t offset) {
        if (::lseek(fd_, static_cast<off_t>(offset), SEEK_SET) < 0)
            throw Error("cannot_seek", {path_, std::to_string(errno)});
    }

private:
    InputFile() = default;
    void inspect() {
        struct stat info {};
        if (::fstat(fd_, &info) != 0) throw Error("cannot_read", {path_, std::to_string(errno)});
        if (S_ISDIR(info.st_mode)) {
            ::close(fd_);
            fd_ = -1;
            throw Error("is_directory", {path_});
        }
        // A regular file of size 0 may still have content (/proc): read it as a stream.
        size_ = S_ISREG(info.st_mode) && info.st_size > 0 ? static_cast<std::uint64_t>(info.st_size) : unknown_size;
    }

    std::string path_;
    int fd_ = -1;
    std::uint64_t size_ = unknown_size;
};

/// The bytes of `file`, refused with a LimitError naming it when larger than `max_bytes`: before reading when the
/// size is known, at `max_bytes` + 1 bytes for a stream. UTF-16 text is refused (refuse_utf16).
inline std::string read_whole(InputFile& file, std::size_t max_bytes) {
    if (file.sized() && file.size() > max_bytes)
        throw LimitError("file_too_large", {file.path(), std::to_string(file.size()), std::to_string(max_bytes)});
    std::string text;
    char block[1 << 16];
    while (std::size_t got = file.read(block, sizeof block)) {
        if (got > max_bytes - text.size()) throw LimitError("stream_too_large", {file.path(), std::to_string(max_bytes)});
        if (text.empty()) refuse_utf16(std::string_view(block, got), file.path());
        text.append(block, got);
    }
    return text;
}

} // namespace artikel1::detail
