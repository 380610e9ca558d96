// SPDX-License-Identifier: EUPL-1.2
// artikel1 command line: progress of long work on standard error.
#pragma once

#include <artikel1/report/common.hpp>

#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

#include <unistd.h>

namespace artikel1::cli {

/// Progress of long work on standard error, only when it is a terminal: the task and the seconds it has taken so
/// far, refreshed each half second on one line, then a closing line. Silent in pipelines, files and tests.
class Progress {
public:
    explicit Progress(std::string task) : task_(std::move(task)), start_(std::chrono::steady_clock::now()) {
        if (!isatty(STDERR_FILENO)) return;
        show();
        ticker_ = std::thread([this] {
            std::unique_lock lock(mutex_);
            while (!finished_.wait_for(lock, std::chrono::milliseconds(500), [this] { return stopped_; })) show();
        });
    }
    /// Replaces the progress line with `summary` (with the elapsed time).
    void done(const std::string& summary) {
        if (!stop()) return;
        std::cerr << "\r\033[Kartikel1: " << summary << " in " << report::fixed(seconds()) << " s\n" << std::flush;
    }
    ~Progress() {
        if (stop()) std::cerr << "\r\033[K" << std::flush; // failed: the error message follows on a clean line
    }
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

private:
    double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }
    void show() const { std::cerr << "\r\033[Kartikel1: " << task_ << " ... " << report::fixed(seconds(), 0) << " s" << std::flush; }
    /// Stops the ticker; true when there was one (a terminal).
    bool stop() {
        if (!ticker_.joinable()) return false;
        {
            std::lock_guard lock(mutex_);
            stopped_ = true;
        }
        finished_.notify_one();
        ticker_.join();
        return true;
    }
    std::string task_;
    std::chrono::steady_clock::time_point start_;
    std::thread ticker_;
    std::mutex mutex_;
    std::condition_variable finished_;
    bool stopped_ = false;
};

} // namespace artikel1::cli
