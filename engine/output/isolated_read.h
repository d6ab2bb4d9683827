// Reading a file a user hands us (a results file, a shard, a checkpoint) in a child
// process first. libhdf5 trusts what a file says: a damaged one has made it loop for ever
// and dereference wild pointers (SIGSEGV in H5HG_read, found by fuzzing), and no check
// of ours can follow every pointer the library does. So the read is first done by a
// forked child; a child killed by a signal, ending abnormally or running over its time
// limit turns into an InputError ("damaged results file (...)", exit 2) in the caller,
// which is then never exposed. When the child finishes (the file read or refused), the
// caller reads the file itself: the same bytes through the same code end the same way.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace seatcast {

// Runs `work` in a forked child process and waits at most `limit` for it. Nothing when
// the child finished `work` (returned or threw: exceptions are the caller's to meet
// again); else why not, e.g. "libhdf5 crashed reading it: SIGSEGV, segmentation
// fault" or "reading it took longer than 60 s". The child resets the fatal signals to
// their defaults (no sanitizer or fuzzer report, no core file), dies with the caller,
// and never returns: it leaves by _exit, so no atexit handler or buffer runs twice.
// Inside such a child, a nested call runs `work` directly.
std::optional<std::string> fails_in_child(const std::function<void()>& work,
                                          std::chrono::milliseconds limit);

// The time a child may take to read a file of `bytes`: 60 s plus 1 s per 16 MiB (kept
// draws make results files large), or SEATCAST_READ_TIMEOUT seconds when set.
std::chrono::milliseconds read_time_limit(std::uintmax_t bytes);

// Runs `read` (a read of the untrusted file at `path`) in a child first; throws
// InputError(path, 0, "", "damaged results file (WHY)") when the child does not finish.
void check_read_in_child(const std::filesystem::path& path, const std::function<void()>& read);

}  // namespace seatcast
