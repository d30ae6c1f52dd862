// The child side of a large tcp scale run, and the parent's view of it
// (scale_client.hpp).
#include "scale_client.hpp"

#include "scale_users.hpp"

#include <cstdio>
#include <stdexcept>
#include <string>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace bench {
namespace scale {

ChildRun run_child_users(std::uint16_t port, std::size_t n, std::size_t probes, const std::function<void()>& at_idle) {
    int to_child[2], from_child[2];
    if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork");
    if (pid == 0) {
        ::dup2(to_child[0], 0);
        ::dup2(from_child[1], 1);
        const std::string self = "/proc/self/exe";
        const std::string a1 = "--scale-client", a2 = std::to_string(port), a3 = std::to_string(n),
                          a4 = std::to_string(probes);
        ::execl(self.c_str(), "rasshost-bench", a1.c_str(), a2.c_str(), a3.c_str(), a4.c_str(), nullptr);
        ::_exit(127);
    }
    ::close(to_child[0]);
    ::close(from_child[1]);
    FILE* in = ::fdopen(from_child[0], "r");
    ChildRun run;
    char line[64];
    if (!std::fgets(line, sizeof line, in) || std::sscanf(line, "idle %zu %zu %lf", &run.prompted, &run.failed, &run.connect_seconds) != 3)
        throw std::runtime_error("scale client: no idle line");
    at_idle();
    if (::write(to_child[1], "go\n", 3) != 3) throw std::runtime_error("scale client: write");
    auto read_list = [&](const char* tag, std::vector<double>& out) {
        std::size_t count = 0;
        if (std::fscanf(in, " %63s %zu", line, &count) != 2 || std::strcmp(line, tag) != 0)
            throw std::runtime_error("scale client: bad result");
        out.resize(count);
        for (auto& v : out)
            if (std::fscanf(in, "%lf", &v) != 1) throw std::runtime_error("scale client: bad value");
    };
    read_list("probe", run.probe);
    read_list("burst", run.burst);
    std::fclose(in);
    ::close(to_child[1]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return run;
}

}  // namespace scale

// The child: connects the users, reports "idle P F S", waits for "go", runs
// the probes one at a time and then the burst, and prints the latencies.
int run_scale_client(std::uint16_t port, std::size_t n, std::size_t probes) {
    using namespace scale;
    raise_fd_limit(n + 1024);
    Clients clients(2);
    std::vector<std::unique_ptr<User>> users;
    for (std::size_t i = 0; i < n; ++i) users.push_back(std::make_unique<User>());
    const auto start = clock::now();
    const auto deadline = start + 120s;
    if (open_users_tcp(users, clients, port, 512, deadline) != 0) return 1;
    while (clients.prompted.load() + clients.failed.load() < n && clock::now() < deadline)
        std::this_thread::sleep_for(1ms);
    std::printf("idle %zu %zu %f\n", clients.prompted.load(), clients.failed.load(), seconds_since(start));
    std::fflush(stdout);
    char line[16];
    if (!std::fgets(line, sizeof line, stdin)) return 1;
    std::vector<User*> ready;
    for (auto& u : users)
        if (u->state.load() == 1) ready.push_back(u.get());
    const std::size_t k = std::min(probes, ready.size());
    std::vector<double> probe, burst;
    for (std::size_t i = 0; i < k; ++i) {
        User& user = *ready[i];
        user.answered = clock::now();
        if (::write(user.fd, the_answer, sizeof the_answer - 1) != sizeof the_answer - 1) continue;
        if (wait_state(user, 2, clock::now() + 10s))
            probe.push_back(nanoseconds_between(user.answered, user.hung_up_at) / 1e3);
    }
    for (std::size_t i = k; i < ready.size(); ++i) {
        ready[i]->answered = clock::now();
        if (::write(ready[i]->fd, the_answer, sizeof the_answer - 1) != sizeof the_answer - 1) continue;
    }
    const auto burst_deadline = clock::now() + 120s;
    for (std::size_t i = k; i < ready.size(); ++i)
        if (wait_state(*ready[i], 2, burst_deadline))
            burst.push_back(nanoseconds_between(ready[i]->answered, ready[i]->hung_up_at) / 1e3);
    std::printf("probe %zu", probe.size());
    for (double v : probe) std::printf(" %.3f", v);
    std::printf("\nburst %zu", burst.size());
    for (double v : burst) std::printf(" %.3f", v);
    std::printf("\n");
    std::fflush(stdout);
    for (auto& u : users)
        if (u->fd >= 0) ::close(u->fd);
    return 0;
}

}  // namespace bench
