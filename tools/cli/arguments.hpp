// SPDX-License-Identifier: EUPL-1.2
// artikel1 command line: the arguments of a command (options with values, flags, positionals), checked against what
// the command accepts. A mistake is a UsageError: the tool prints it with a pointer to --help and exits with 2.
#pragma once

#include <artikel1/detail/json_reader.hpp>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace artikel1::cli {

/// A usage mistake: reported with a pointer to --help, exit code 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Command line arguments: options with values, flags and positionals, checked against what a command accepts.
class Arguments {
public:
    Arguments(int argc, char** argv, int first, const std::vector<std::string>& with_value,
              const std::vector<std::string>& flags) {
        for (int i = first; i < argc; ++i) {
            std::string arg = argv[i];
            if (arg == "-" || arg.size() < 2 || arg[0] != '-') {
                positional_.push_back(arg);
                continue;
            }
            std::string value;
            bool has_value = false;
            if (auto eq = arg.find('='); eq != std::string::npos && arg.rfind("--", 0) == 0) {
                value = arg.substr(eq + 1);
                arg = arg.substr(0, eq);
                has_value = true;
            }
            if (std::find(flags.begin(), flags.end(), arg) != flags.end()) {
                if (has_value) throw UsageError("option " + arg + " takes no value");
                flags_.push_back(arg);
            } else if (std::find(with_value.begin(), with_value.end(), arg) != with_value.end()) {
                if (!has_value) {
                    if (i + 1 >= argc) throw UsageError("option " + arg + " needs a value");
                    value = argv[++i];
                }
                values_.emplace_back(arg, value);
            } else {
                throw UsageError("unknown option " + quote_for_message(arg));
            }
        }
    }
    bool flag(const std::string& name) const { return std::find(flags_.begin(), flags_.end(), name) != flags_.end(); }
    std::optional<std::string> value(const std::string& name, const std::string& alias = {}) const {
        std::optional<std::string> found;
        for (const auto& [key, v] : values_) {
            if (key == name || (!alias.empty() && key == alias)) found = v;
        }
        return found;
    }
    std::vector<std::string> values(const std::string& name) const {
        std::vector<std::string> out;
        for (const auto& [key, v] : values_) {
            if (key == name) out.push_back(v);
        }
        return out;
    }
    const std::vector<std::string>& positional() const { return positional_; }

private:
    std::vector<std::pair<std::string, std::string>> values_;
    std::vector<std::string> flags_;
    std::vector<std::string> positional_;
};

} // namespace artikel1::cli
