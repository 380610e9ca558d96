// SPDX-License-Identifier: EUPL-1.2
// artikel1: the open cases of an event log whose cases are interleaved (a time-sorted export), for deriving each
// event's next step from the following event of its case without sorting the log.
#pragma once

#include <artikel1/disparity.hpp>

#include <string>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace artikel1::detail {

/// Cases whose last event so far waits for its successor while events of other cases come in between. A case is
/// kept from the moment another case's event follows its own until its next event; a case whose last event is at
/// an end step of the model (no outgoing flow) is ended at once, so memory is bounded by the cases open at the same
/// time, not by the events or the cases of the log.
class OpenCases {
public:
    explicit OpenCases(const DisparitySpec& spec) : end_step_(spec.step_count(), true) {
        const auto steps = static_cast<std::int32_t>(spec.step_count());
        for (std::int32_t from = 0; from < steps; ++from) {
            for (std::int32_t to = 0; to < steps && end_step_[static_cast<std::size_t>(from)]; ++to)
                end_step_[static_cast<std::size_t>(from)] = spec.flow_kind(from, to) < 0;
        }
    }

    /// The events of `case_id` stop here for now: its waiting event is ended (an end step or an unknown step) or set
    /// aside with its time.
    void leave(const std::string& case_id, EventSequencer& sequencer, const std::string& time) {
        const std::int32_t step = sequencer.pending_step();
        if (step == missing_code || end_step_[static_cast<std::size_t>(step)]) {
            sequencer.finish();
            return;
        }
        Waiting& waiting = open_[case_id];
        waiting.step = step;
        waiting.groups.assign(sequencer.pending_groups().begin(), sequencer.pending_groups().end());
        waiting.stratum = sequencer.pending_stratum();
        waiting.time = time;
        sequencer.set_aside();
        most_ = std::max<std::uint64_t>(most_, open_.size());
    }

    /// The events of `case_id` go on: true (with its time in `time`) when it was set aside, its event waiting again.
    bool enter(std::string_view case_id, EventSequencer& sequencer, std::string& time) {
        if (open_.empty()) return false;
        auto it = open_.find(case_id);
        if (it == open_.end()) return false;
        sequencer.resume(it->second.step, it->second.groups, it->second.stratum);
        time.swap(it->second.time);
        open_.erase(it);
        return true;
    }

    /// The end of the log: every case still open ends at its last event.
    void finish(EventSequencer& sequencer) {
        for (auto& [id, waiting] : open_) {
            sequencer.resume(waiting.step, waiting.groups, waiting.stratum);
            sequencer.finish();
        }
        open_.clear();
    }

    /// The most cases open at the same time.
    std::uint64_t most_open() const { return most_; }
    /// The cases open now.
    std::size_t size() const { return open_.size(); }

private:
    struct Waiting {
        std::int32_t step = missing_code;
        std::vector<std::int32_t> groups;
        std::int32_t stratum = missing_code;
        std::string time;
    };
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    std::vector<bool> end_step_;
    std::unordered_map<std::string, Waiting, Hash, std::equal_to<>> open_;
    std::uint64_t most_ = 0;
};

} // namespace artikel1::detail
