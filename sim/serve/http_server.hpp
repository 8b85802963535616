#pragma once
// The studio over HTTP (Boost.Beast, one thread per connection): checks every request's Host,
// Origin and token before the Studio sees it, bounds request bodies, and streams run progress
// as server-sent events. Beast is included by http_server.cpp alone, to keep rebuilds short.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/serve/studio.hpp"

namespace wijksim::serve {

struct HttpConfig {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8765;  // 0: any free port
  std::string token;          // empty: none needed (loopback only)
  std::size_t max_body_bytes = 64 * 1024;
  int max_connections = 64;
};

// The Host values a browser sends for this server: localhost names on a loopback address, the
// address itself otherwise, each with the port.
std::vector<std::string> allowed_hosts(const std::string& address, std::uint16_t port);

// Listens until SIGINT or SIGTERM; calls `on_listening` with the bound port before serving.
// Throws std::runtime_error when the address cannot be bound.
void serve_http(Studio& studio, const HttpConfig& config, const std::function<void(std::uint16_t)>& on_listening);

}  // namespace wijksim::serve
