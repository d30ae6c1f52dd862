// A program the bench starts and watches: rasshost-serve (start-up and
// isolation sections) or /bin/echo (the start-up baseline).
#pragma once

#include "common.hpp"

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <sys/types.h>

namespace bench {

class Spawned {
public:
    /** Starts `args` with its fd `watched` (1 or 2) on a pipe and the other
     *  of the two on /dev/null. */
    Spawned(std::vector<std::string> args, int watched);
    ~Spawned();
    Spawned(const Spawned&) = delete;
    Spawned& operator=(const Spawned&) = delete;

    /** Reads the watched output until a whole line holding `marker` is in;
     *  returns that line. Throws at EOF or after `timeout` (with what it read). */
    std::string read_line(const std::string& marker, std::chrono::milliseconds timeout);
    /** From now on a thread reads and drops the watched output, so that a
     *  program that goes on logging never blocks on a full pipe. */
    void drain();
    /** SIGTERM, then waits for the program to end. */
    void stop();

    pid_t pid() const { return pid_; }
    clock::time_point started() const { return started_; }

private:
    std::string name_;
    pid_t pid_ = -1;
    int out_ = -1;  // the read end of the watched output
    clock::time_point started_;
    std::string seen_;
    std::thread drainer_;
};

}  // namespace bench
