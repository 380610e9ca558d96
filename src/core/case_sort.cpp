// SPDX-License-Identifier: EUPL-1.2
// artikel1: events sorted by case on disk (include/artikel1/detail/case_sort.hpp).
#include <artikel1/detail/case_sort.hpp>

#include <artikel1/error.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <queue>

#include <unistd.h>

namespace artikel1::detail {

std::string temporary_directory() {
    const char* dir = std::getenv("TMPDIR");
    return dir && *dir ? std::string(dir) : std::string("/tmp");
}

namespace {

constexpr std::size_t merge_fan_in = 64;      // runs merged at once (each with an open file and a read buffer)
constexpr std::size_t file_buffer = 1 << 16;  // stdio buffer of each temporary file

// A temporary file, unlinked at once: it goes away when closed, also when the process dies.
class TemporaryFile {
public:
    TemporaryFile() : dir_(temporary_directory()) {
        std::string path = dir_ + "/artikel1-sort-XXXXXX";
        int fd = ::mkstemp(path.data());
        if (fd < 0) fail("create");
        ::unlink(path.c_str());
        file_ = ::fdopen(fd, "w+b");
        if (!file_) {
            int saved = errno;
            ::close(fd);
            errno = saved;
            fail("create");
        }
        buffer_.reset(new char[file_buffer]);
        std::setvbuf(file_, buffer_.get(), _IOFBF, file_buffer);
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    ~TemporaryFile() { std::fclose(file_); }

    void write(const void* data, std::size_t size) {
        if (size && std::fwrite(data, 1, size, file_) != size) fail("write");
        written_ += size;
    }
    /// Done writing: back to the start, for reading.
    void rewind() {
        if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0) fail("write");
    }
    /// Exactly `size` bytes, or false at the end of the file (a short read inside a record is an error).
    bool read(void* data, std::size_t size) {
        std::size_t got = std::fread(data, 1, size, file_);
        if (got == size) return true;
        if (got == 0 && std::feof(file_)) return false;
        if (std::ferror(file_)) fail("read");
        truncated();
    }
    [[noreturn]] void truncated() const {
        throw Error("sort_file_truncated", {dir_});
    }
    std::uint64_t written() const { return written_; }

private:
    [[noreturn]] void fail(const char* what) const {
        throw Error(std::string("sort_file_") + what, {dir_, std::to_string(errno)});
    }
    std::string dir_;
    std::FILE* file_ = nullptr;
    std::unique_ptr<char[]> buffer_;
    std::uint64_t written_ = 0;
};

void put_varint(std::string& out, std::uint64_t value) {
    while (value >= 0x80) {
        out.push_back(static_cast<char>((value & 0x7F) | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<char>(value));
}

std::uint64_t get_varint(std::string_view& in) {
    std::uint64_t value = 0;
    for (int shift = 0; !in.empty(); shift += 7) {
        const auto byte = static_cast<unsigned char>(in.front());
        in.remove_prefix(1);
        value |= std::uint64_t{byte & 0x7Fu} << shift;
        if (byte < 0x80) break;
    }
    return value;
}

// A record, in memory and on disk: seq, the case id's length, the size of the rest; then the case id and the
// fields with their positions (varints). On disk the three numbers are written as they are in memory.
struct Header {
    std::uint64_t seq;
    std::uint32_t case_bytes;
    std::uint32_t rest_bytes;
};

struct Entry {
    Header header;
    std::size_t offset; // of the case id in the arena
};

// One sorted run being read back.
struct RunReader {
    explicit RunReader(TemporaryFile& file) : file(file) {}
    bool next() {
        if (!file.read(&header, sizeof header)) return false;
        record.resize(std::size_t{header.case_bytes} + header.rest_bytes);
        if (!record.empty() && !file.read(record.data(), record.size())) file.truncated();
        return true;
    }
    std::string_view case_id() const { return std::string_view(record).substr(0, header.case_bytes); }
    std::string_view rest() const { return std::string_view(record).substr(header.case_bytes); }
    TemporaryFile& file;
    Header header{};
    std::string record;
};

bool before(std::string_view case_a, std::uint64_t seq_a, std::string_view case_b, std::uint64_t seq_b) {
    const int order = case_a.compare(case_b);
    return order < 0 || (order == 0 && seq_a < seq_b);
}

void write_record(TemporaryFile& file, const Header& header, std::string_view case_id, std::string_view rest) {
    file.write(&header, sizeof header);
    file.write(case_id.data(), case_id.size());
    file.write(rest.data(), rest.size());
}

// Merges `runs` in order of (case, seq), handing each record to `out`.
template <class Out> void merge_runs(std::span<const std::unique_ptr<TemporaryFile>> runs, const Out& out) {
    std::vector<RunReader> readers;
    readers.reserve(runs.size());
    for (const auto& run : runs) {
        run->rewind();
        readers.emplace_back(*run);
    }
    auto later = [&](std::size_t a, std::size_t b) {
        return before(readers[b].case_id(), readers[b].header.seq, readers[a].case_id(), readers[a].header.seq);
    };
    std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(later)> heap(later);
    for (std::size_t i = 0; i < readers.size(); ++i) {
        if (readers[i].next()) heap.push(i);
    }
    while (!heap.empty()) {
        std::size_t i = heap.top();
        heap.pop();
        out(readers[i].header, readers[i].case_id(), readers[i].rest());
        if (readers[i].next()) heap.push(i);
    }
}

} // namespace

struct CaseSorter::Impl {
    std::size_t run_bytes;
    std::string arena;
    std::vector<Entry> entries;
    std::vector<std::unique_ptr<TemporaryFile>> runs;
    std::uint64_t events = 0, bytes = 0, runs_written = 0;
    std::size_t slots = 0;
    bool spent = false;

    std::size_t held() const { return arena.size() + entries.size() * sizeof(Entry); }

    void sort_entries() {
        std::sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
            return before(std::string_view(arena).substr(a.offset, a.header.case_bytes), a.header.seq,
                          std::string_view(arena).substr(b.offset, b.header.case_bytes), b.header.seq);
        });
    }

    void write_run() {
        sort_entries();
        auto file = std::make_unique<TemporaryFile>();
        for (const Entry& e : entries) {
            std::string_view at = std::string_view(arena).substr(e.offset);
            write_record(*file, e.header, at.substr(0, e.header.case_bytes), at.substr(e.header.case_bytes, e.header.rest_bytes));
        }
        bytes += file->written();
        ++runs_written;
        runs.push_back(std::move(file));
        arena.clear();
        entries.clear();
    }

    // Merges the first runs into one until no more than merge_fan_in are left.
    void reduce_runs() {
        while (runs.size() > merge_fan_in) {
            auto merged = std::make_unique<TemporaryFile>();
            merge_runs(std::span(runs).first(merge_fan_in),
                       [&](const Header& h, std::string_view c, std::string_view r) { write_record(*merged, h, c, r); });
            bytes += merged->written();
            runs.erase(runs.begin(), runs.begin() + merge_fan_in);
            runs.push_back(std::move(merged));
        }
    }
};

CaseSorter::CaseSorter(std::size_t run_bytes) : impl_(std::make_unique<Impl>()) {
    impl_->run_bytes = std::max<std::size_t>(run_bytes, 1);
}

CaseSorter::~CaseSorter() = default;

void CaseSorter::add(std::string_view case_id, std::uint64_t seq, std::span<const std::string_view> fields,
                     std::span<const TextPosition> positions) {
    Impl& s = *impl_;
    s.slots = fields.size();
    Entry entry{{seq, static_cast<std::uint32_t>(case_id.size()), 0}, s.arena.size()};
    s.arena.append(case_id);
    const std::size_t rest_start = s.arena.size();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        put_varint(s.arena, fields[i].size());
        s.arena.append(fields[i]);
        put_varint(s.arena, positions[i].line);
        put_varint(s.arena, positions[i].column);
    }
    entry.header.rest_bytes = static_cast<std::uint32_t>(s.arena.size() - rest_start);
    s.entries.push_back(entry);
    ++s.events;
    if (s.held() >= s.run_bytes) s.write_run();
}

void CaseSorter::for_each(const std::function<void(const SortedEvent&)>& visit) {
    Impl& s = *impl_;
    if (s.spent) throw InvalidArgument("CaseSorter::for_each: the events were read already");
    s.spent = true;
    SortedEvent event;
    event.fields.resize(s.slots);
    event.positions.resize(s.slots);
    auto give = [&](const Header& header, std::string_view case_id, std::string_view rest) {
        event.case_id = case_id;
        event.seq = header.seq;
        for (std::size_t i = 0; i < s.slots; ++i) {
            const std::size_t size = get_varint(rest);
            event.fields[i] = rest.substr(0, size);
            rest.remove_prefix(size);
            event.positions[i].line = get_varint(rest);
            event.positions[i].column = get_varint(rest);
        }
        visit(event);
    };
    if (s.runs.empty()) { // everything fitted in memory
        s.sort_entries();
        for (const Entry& e : s.entries) {
            std::string_view at = std::string_view(s.arena).substr(e.offset);
            give(e.header, at.substr(0, e.header.case_bytes), at.substr(e.header.case_bytes, e.header.rest_bytes));
        }
    } else {
        if (!s.entries.empty()) s.write_run();
        std::string().swap(s.arena);
        std::vector<Entry>().swap(s.entries);
        s.reduce_runs();
        merge_runs(std::span(s.runs), give);
    }
    s.runs.clear();
}

DiskSortStats CaseSorter::stats() const { return {false, impl_->events, impl_->runs_written, impl_->bytes}; }

} // namespace artikel1::detail
