// SPDX-License-Identifier: EUPL-1.2
// artikel1: running Graphviz's dot program as a filter (detail/graphviz.hpp).
#include <artikel1/detail/graphviz.hpp>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace artikel1::detail {

GraphvizRun run_graphviz(const std::string& format_option, const std::string& dot_text, const report::GraphvizLimits& limits) {
    GraphvizRun run;
    int to_dot[2], from_dot[2];
    if (::pipe(to_dot) != 0) {
        run.error = "cannot run Graphviz's dot program (no pipe)";
        return run;
    }
    if (::pipe(from_dot) != 0) {
        ::close(to_dot[0]);
        ::close(to_dot[1]);
        run.error = "cannot run Graphviz's dot program (no pipe)";
        return run;
    }
    posix_spawn_file_actions_t actions;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawn_file_actions_adddup2(&actions, to_dot[0], 0);
    ::posix_spawn_file_actions_adddup2(&actions, from_dot[1], 1);
    ::posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    for (int fd : {to_dot[0], to_dot[1], from_dot[0], from_dot[1]}) ::posix_spawn_file_actions_addclose(&actions, fd);
    char arg0[] = "dot";
    std::string format = format_option;
    char* argv[] = {arg0, format.data(), nullptr};
    pid_t child = -1;
    int spawned = ::posix_spawnp(&child, "dot", &actions, nullptr, argv, environ);
    ::posix_spawn_file_actions_destroy(&actions);
    ::close(to_dot[0]);
    ::close(from_dot[1]);
    if (spawned != 0) {
        ::close(to_dot[1]);
        ::close(from_dot[0]);
        run.error = spawned == ENOENT ? "Graphviz's dot program was not found" : "cannot run Graphviz's dot program";
        return run;
    }
    ::fcntl(to_dot[1], F_SETFL, O_NONBLOCK);
    ::fcntl(from_dot[0], F_SETFL, O_NONBLOCK);
    std::size_t sent = 0;
    bool timed_out = false, too_large = false, input_open = true;
    if (dot_text.empty()) {
        ::close(to_dot[1]);
        input_open = false;
    }
    // A dot that exits early must not kill this process with SIGPIPE: blocked here, and a pending one consumed.
    sigset_t pipe_signal, previous_mask;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    ::pthread_sigmask(SIG_BLOCK, &pipe_signal, &previous_mask);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(limits.timeout_ms);
    for (;;) {
        pollfd fds[2] = {{from_dot[0], POLLIN, 0}, {input_open ? to_dot[1] : -1, POLLOUT, 0}};
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) {
            timed_out = true;
            break;
        }
        if (::poll(fds, 2, static_cast<int>(std::min<long long>(left, 1000))) < 0 && errno != EINTR) break;
        if (input_open && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t n = ::write(to_dot[1], dot_text.data() + sent, dot_text.size() - sent);
            if (n > 0) sent += static_cast<std::size_t>(n);
            if ((n < 0 && errno != EAGAIN && errno != EINTR) || sent == dot_text.size()) {
                ::close(to_dot[1]);
                input_open = false;
            }
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            char buffer[65536];
            ssize_t n = ::read(from_dot[0], buffer, sizeof buffer);
            if (n == 0) break;
            if (n > 0) run.output.append(buffer, static_cast<std::size_t>(n));
            if (n < 0 && errno != EAGAIN && errno != EINTR) break;
            if (run.output.size() > limits.max_output_bytes) {
                too_large = true;
                break;
            }
        }
    }
    if (input_open) ::close(to_dot[1]);
    ::close(from_dot[0]);
    timespec no_wait{0, 0};
    while (::sigtimedwait(&pipe_signal, nullptr, &no_wait) == SIGPIPE) {
    }
    ::pthread_sigmask(SIG_SETMASK, &previous_mask, nullptr);
    if (timed_out || too_large) ::kill(child, SIGKILL);
    int status = -1;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (timed_out || too_large || status != 0) {
        run.output.clear();
        if (timed_out) run.error = "Graphviz's dot program took longer than " + std::to_string(limits.timeout_ms) + " ms and was stopped";
        else if (too_large) run.error = "Graphviz's dot program wrote more than " + std::to_string(limits.max_output_bytes) + " bytes and was stopped";
        else if (WIFEXITED(status) && WEXITSTATUS(status) == 127) run.error = "Graphviz's dot program was not found";
        else run.error = "Graphviz's dot program failed (exit status " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")";
    }
    return run;
}

} // namespace artikel1::detail
