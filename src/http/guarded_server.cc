#include "http/guarded_server.h"

#include "io/env_setting.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sys/syscall.h>

#include <cstdlib>
#include <utility>

namespace ktpel::http {
// The socket the listening thread accepted last; enqueue() reads it right after (see header).
static thread_local int tl_accepted = -1;
}  // namespace ktpel::http

// The process's accept(): the system call itself, also noting the socket for the thread's next
// enqueue(). httplib is the only caller; every other behaviour is the C library's.
extern "C" int accept(int fd, sockaddr* addr, socklen_t* len) {
  const int sock = static_cast<int>(::syscall(SYS_accept4, fd, addr, len, 0));
  ktpel::http::tl_accepted = sock;
  return sock;
}

namespace ktpel::http {

namespace {

std::string peer_address(socket_t sock) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (getpeername(sock, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return "?";
  char text[INET6_ADDRSTRLEN] = {0};
  if (addr.ss_family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&addr)->sin_addr, text, sizeof text);
  else if (addr.ss_family == AF_INET6)
    inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(&addr)->sin6_addr, text, sizeof text);
  return text;
}

// The connection this thread serves (its watched dup) and its server.
thread_local int tl_watch_fd = -1;
thread_local GuardedServer* tl_server = nullptr;

}  // namespace

// httplib's pool, with each connection job run under its server's limits.
class GuardedQueue : public httplib::TaskQueue {
 public:
  GuardedQueue(GuardedServer& server, size_t threads) : server_(server), pool_(threads) {}
  void enqueue(std::function<void()> fn) override {
    const int sock = std::exchange(tl_accepted, -1);
    pool_.enqueue([this, sock, fn = std::move(fn)] { server_.serve_connection(sock, fn); });
  }
  void shutdown() override { pool_.shutdown(); }
  void on_idle() override { pool_.on_idle(); }

 private:
  GuardedServer& server_;
  httplib::ThreadPool pool_;
};

ConnectionLimits ConnectionLimits::from_env() {
  ConnectionLimits l;
  l.threads = static_cast<int>(env_setting("KTPEL_HTTP_THREADS", l.threads, 2, 4096));
  l.per_address = static_cast<int>(env_setting("KTPEL_HTTP_CONNECTIONS_PER_ADDRESS", l.per_address, 1, 100000));
  l.request_deadline = std::chrono::milliseconds(
      env_setting("KTPEL_HTTP_REQUEST_SECONDS", 60, 1, 3600) * 1000);
  return l;
}

GuardedServer::GuardedServer(ConnectionLimits limits) : limits_(limits) {
  new_task_queue = [this] { return new GuardedQueue(*this, static_cast<size_t>(limits_.threads)); };
  watchdog_ = std::thread([this] { watch(); });
}

GuardedServer::~GuardedServer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  watchdog_.join();
}

void GuardedServer::arm(int watch_fd, Clock::time_point deadline) {
  std::lock_guard lock(mutex_);
  if (auto it = deadlines_.find(watch_fd); it != deadlines_.end()) it->second = deadline;
}

void GuardedServer::handler_started() {
  if (tl_server) tl_server->arm(tl_watch_fd, Clock::time_point::max());
}

void GuardedServer::handler_finished() {
  if (tl_server) tl_server->arm(tl_watch_fd, Clock::now() + tl_server->limits_.request_deadline);
}

void GuardedServer::serve_connection(int sock, const std::function<void()>& job) {
  const std::string address = sock >= 0 ? peer_address(sock) : "?";
  bool over = false;
  {
    std::lock_guard lock(mutex_);
    over = ++per_address_[address] > limits_.per_address;
  }
  int watch_fd = -1;
  if (over) {
    refused_++;
    static const std::string busy = [] {
      const std::string body =
          R"({"error":{"code":"TOO_MANY_CONNECTIONS","message":"too many open connections from this address"}})";
      return "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nConnection: close\r\n"
             "Content-Type: application/json\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\n\r\n" + body;
    }();
    // Read what the client has sent so far: closing with unread bytes would reset the connection
    // and the client might never see this answer.
    char drain[4096];
    while (::recv(sock, drain, sizeof drain, MSG_DONTWAIT) > 0) {
    }
    [[maybe_unused]] auto sent = ::send(sock, busy.data(), busy.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    ::shutdown(sock, SHUT_RDWR);  // httplib's job below finds the stream closed and closes the socket
  } else if (sock >= 0 && (watch_fd = ::dup(sock)) >= 0) {
    std::lock_guard lock(mutex_);
    deadlines_[watch_fd] = Clock::now() + limits_.request_deadline;
  }
  tl_watch_fd = watch_fd;
  tl_server = watch_fd >= 0 ? this : nullptr;
  try {
    job();
  } catch (...) {
  }
  tl_server = nullptr;
  tl_watch_fd = -1;
  {
    std::lock_guard lock(mutex_);
    if (watch_fd >= 0) deadlines_.erase(watch_fd);
    if (--per_address_[address] == 0) per_address_.erase(address);
  }
  if (watch_fd >= 0) ::close(watch_fd);  // after it left the watch list: the number may be reused now
}

void GuardedServer::watch() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::milliseconds(250));
    const auto now = Clock::now();
    for (auto& [fd, deadline] : deadlines_) {
      if (deadline > now) continue;
      ::shutdown(fd, SHUT_RDWR);  // the connection's thread sees end of stream and lets go
      deadline = Clock::time_point::max();
      cut_++;
    }
  }
}

}  // namespace ktpel::http
