// SPDX-License-Identifier: EUPL-1.2
// artikel1 command line: writing an output file so that a failure leaves the old file as it was, and the checks on
// -o FILE (not an input file; a format its extension can name).
#pragma once

#include <artikel1/detail/json_reader.hpp>
#include <artikel1/error.hpp>

#include "arguments.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace artikel1::cli {

namespace output_detail {
inline void write_all(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw errno;
        done += static_cast<std::size_t>(n);
    }
}
} // namespace output_detail

/// Writes `text` to `path`. A regular file (or a new one) is written to a temporary file beside it, which is renamed
/// over it once complete: a failed write (a full disk, a size limit) leaves the old file unchanged and no temporary
/// file behind. Anything else (/dev/null, a FIFO, a terminal) is written directly.
inline void write_file_safely(const std::string& path, const std::string& text) {
    auto failed = [&](int error, const std::string& after = {}) {
        return Error("cannot write " + path + ": " + std::strerror(error) + after);
    };
    struct stat info {};
    const bool exists = ::stat(path.c_str(), &info) == 0;
    if (exists && S_ISDIR(info.st_mode)) throw Error("cannot write " + path + ": it is a directory");
    if (exists && !S_ISREG(info.st_mode)) {
        int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) throw failed(errno);
        try {
            output_detail::write_all(fd, text);
        } catch (int error) {
            ::close(fd);
            throw failed(error);
        }
        if (::close(fd) != 0) throw failed(errno);
        return;
    }
    std::filesystem::path target(path);
    std::string temporary = (target.parent_path() / ("." + target.filename().string() + ".artikel1-XXXXXX")).string();
    int fd = ::mkstemp(temporary.data());
    if (fd < 0) throw failed(errno);
    mode_t mode = 0;
    if (exists) {
        mode = info.st_mode & 07777;
    } else {
        mode_t mask = ::umask(0);
        ::umask(mask);
        mode = 0666 & ~mask;
    }
    const std::string unchanged = exists ? " (the old file is unchanged)" : "";
    try {
        if (::fchmod(fd, mode) != 0) throw errno;
        output_detail::write_all(fd, text);
        int closed = ::close(fd);
        fd = -1;
        if (closed != 0) throw errno;
        if (std::rename(temporary.c_str(), path.c_str()) != 0) throw errno;
    } catch (int error) {
        if (fd >= 0) ::close(fd);
        ::unlink(temporary.c_str());
        throw failed(error, unchanged);
    }
}

/// Refuses -o FILE when it is one of the input files (it would be overwritten before or while it is read).
inline void refuse_output_over_input(const std::optional<std::string>& output, const std::vector<std::string>& inputs,
                                     const std::string& option = "-o") {
    if (!output || *output == "-") return;
    std::error_code not_regular;
    // Only a regular file can be overwritten by mistake: /dev/stdin and /dev/stdout may be the same terminal.
    if (!std::filesystem::is_regular_file(*output, not_regular)) return;
    for (const auto& input : inputs) {
        if (input == "-") continue;
        std::error_code ignored;
        if (input == *output || std::filesystem::equivalent(*output, input, ignored))
            throw UsageError(option + " " + *output + " is an input file; write the output to another file");
    }
}

/// The format of the output: --format, else the one the extension of -o FILE names (.txt, .json, .csv, .md, .html,
/// .dot), else `fallback`. An extension that names no format, or a format the command does not write, is refused.
inline std::string output_format(const std::optional<std::string>& format_option, const std::optional<std::string>& output,
                                 const std::vector<std::string>& allowed, const std::string& fallback,
                                 const std::string& command) {
    std::string list;
    for (const auto& f : allowed) list += (list.empty() ? "" : ", ") + f;
    if (format_option) {
        std::string format = *format_option == "markdown" ? "md" : *format_option;
        if (std::find(allowed.begin(), allowed.end(), format) == allowed.end())
            throw UsageError("unknown format " + quote_for_message(*format_option) + " (" + list + ")");
        return format;
    }
    if (!output || *output == "-") return fallback;
    std::string name = std::filesystem::path(*output).filename().string();
    auto dot = name.rfind('.');
    if (dot == std::string::npos || dot == 0) return fallback;
    std::string extension = name.substr(dot + 1);
    for (auto& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    static const std::map<std::string, std::string> formats{{"html", "html"}, {"htm", "html"}, {"json", "json"}, {"csv", "csv"},
                                                            {"md", "md"}, {"markdown", "md"}, {"dot", "dot"}, {"gv", "dot"},
                                                            {"txt", "text"}};
    auto found = formats.find(extension);
    if (found == formats.end())
        throw UsageError("the extension of -o " + *output + " names no format; give --format (" + list + ")");
    if (std::find(allowed.begin(), allowed.end(), found->second) == allowed.end())
        throw UsageError("-o " + *output + " asks for " + found->second + ", which " + command +
                         " does not write (" + list + ")");
    return found->second;
}

} // namespace artikel1::cli
