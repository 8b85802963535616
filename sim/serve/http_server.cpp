#include "sim/serve/http_server.hpp"

#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <iostream>
#include <thread>

namespace wijksim::serve {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using nlohmann::json;

constexpr const char* kSecurityHeaders =
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

struct Connections {
  std::atomic<int> open{0};
};

void set_timeouts(tcp::socket& socket, int seconds) {
  timeval timeout{seconds, 0};
  setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
}

std::string query_value(const std::string& query, const std::string& key) {
  std::size_t start = 0;
  while (start <= query.size()) {
    const std::size_t end = std::min(query.find('&', start), query.size());
    const std::string pair = query.substr(start, end - start);
    if (pair.rfind(key + "=", 0) == 0) return pair.substr(key.size() + 1);
    start = end + 1;
  }
  return "";
}

std::string cookie_value(const std::string& cookies, const std::string& key) {
  std::size_t at = 0;
  while ((at = cookies.find(key + "=", at)) != std::string::npos) {
    if (at == 0 || cookies[at - 1] == ' ' || cookies[at - 1] == ';') {
      const std::size_t start = at + key.size() + 1;
      return cookies.substr(start, cookies.find(';', start) - start);
    }
    at += key.size();
  }
  return "";
}

// Constant time in the token's length, so its characters cannot be guessed one by one.
bool same_token(const std::string& given, const std::string& token) {
  if (given.size() != token.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < token.size(); ++i) difference |= static_cast<unsigned char>(given[i] ^ token[i]);
  return difference == 0;
}

using Request = http::request<http::string_body>;

ApiResponse refusal(int status, const std::string& message) {
  return {.status = status, .body = json{{"error", message}}.dump()};
}

// The checks every request passes before the studio sees it; nothing when it may pass.
std::optional<ApiResponse> refuse(const Request& request, const HttpConfig& config,
                                  const std::vector<std::string>& hosts, bool& token_in_query) {
  const std::string host(request[http::field::host]);
  if (std::find(hosts.begin(), hosts.end(), host) == hosts.end())
    return refusal(403, "Host '" + host + "' is not this server (expected one of: " + hosts.front() + ")");
  const auto origin = request.find(http::field::origin);
  if (origin != request.end() && std::string(origin->value()) != "http://" + host)
    return refusal(403, "cross-site request refused (Origin " + std::string(origin->value()) + ")");
  const std::string target(request.target());
  const std::size_t question = target.find('?');
  const std::string query = question == std::string::npos ? "" : target.substr(question + 1);
  if (!config.token.empty()) {
    const std::string from_query = query_value(query, "token");
    token_in_query = same_token(from_query, config.token);
    const bool from_cookie = same_token(cookie_value(std::string(request[http::field::cookie]), "wijksim_token"), config.token);
    const bool from_header = same_token(std::string(request["X-Wijksim-Token"]), config.token);
    if (!token_in_query && !from_cookie && !from_header)
      return refusal(401, "this server needs the token it printed at start: open the address it printed");
  }
  if (request.method() == http::verb::post) {
    const std::string type(request[http::field::content_type]);
    if (type.rfind("application/json", 0) != 0) return refusal(415, "expected Content-Type: application/json");
  } else if (request.method() != http::verb::get) {
    return refusal(405, "method not allowed");
  }
  return std::nullopt;
}

void send(tcp::socket& socket, const Request& request, const ApiResponse& answer, bool set_cookie,
          const HttpConfig& config, bool keep_alive) {
  http::response<http::string_body> response{static_cast<http::status>(answer.status), request.version()};
  response.set(http::field::server, "wijksim");
  response.set(http::field::content_type, answer.content_type);
  response.set(http::field::cache_control, "no-store");
  response.set("X-Content-Type-Options", "nosniff");
  response.set("X-Frame-Options", "DENY");
  response.set("Content-Security-Policy", kSecurityHeaders);
  response.set("Referrer-Policy", "no-referrer");
  if (!answer.download_name.empty())
    response.set(http::field::content_disposition, "attachment; filename=\"" + answer.download_name + "\"");
  if (set_cookie)
    response.set(http::field::set_cookie, "wijksim_token=" + config.token + "; HttpOnly; SameSite=Strict; Path=/");
  response.body() = answer.body;
  response.keep_alive(keep_alive);
  response.prepare_payload();
  http::write(socket, response);
}

void stream_events(tcp::socket& socket, Studio& studio, const std::string& id) {
  std::uint64_t seen = 0;
  bool first = true;
  for (;;) {
    const auto event = studio.next_event(id, seen);
    if (!event) {
      if (first) {
        const std::string body = json{{"error", "no such run: " + id}}.dump();
        asio::write(socket, asio::buffer("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: " +
                                         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body));
      }
      return;
    }
    if (first) {
      asio::write(socket, asio::buffer(std::string(
                              "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n"
                              "X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n")));
      first = false;
    }
    asio::write(socket, asio::buffer("event: progress\ndata: " + event->dump() + "\n\n"));
    seen = event->value("version", std::uint64_t{0});
    const std::string state = event->value("state", "");
    if (state == "done" || state == "failed" || state == "cancelled") return;
  }
}

void handle_connection(tcp::socket socket, Studio& studio, const HttpConfig& config,
                       const std::vector<std::string>& hosts) {
  set_timeouts(socket, 30);
  boost::beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(config.max_body_bytes);
    parser.header_limit(16 * 1024);
    boost::system::error_code error;
    http::read(socket, buffer, parser, error);
    if (error == http::error::end_of_stream || error == asio::error::connection_reset) return;
    if (error) {
      const bool too_large = error == http::error::body_limit || error == http::error::header_limit;
      const std::string body = json{{"error", too_large ? "request too large (at most " +
                                                              std::to_string(config.max_body_bytes) + " bytes)"
                                                        : "malformed HTTP request: " + error.message()}}.dump();
      const std::string status = too_large ? "413 Payload Too Large" : "400 Bad Request";
      boost::system::error_code ignored;
      asio::write(socket, asio::buffer("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " +
                                       std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body), ignored);
      return;
    }
    const Request& request = parser.get();
    bool token_in_query = false;
    if (const auto refused = refuse(request, config, hosts, token_in_query)) {
      send(socket, request, *refused, false, config, false);
      return;
    }
    const std::string target(request.target());
    const std::size_t question = target.find('?');
    ApiRequest api{.method = std::string(request.method_string()),
                   .path = target.substr(0, question),
                   .query = question == std::string::npos ? "" : target.substr(question + 1),
                   .body = request.body()};
    if (const auto run = Studio::events_run(api.path); run && request.method() == http::verb::get) {
      stream_events(socket, studio, *run);
      return;
    }
    const bool set_cookie = token_in_query && api.path.rfind("/api/", 0) != 0;
    send(socket, request, studio.handle(api), set_cookie, config, request.keep_alive());
    if (!request.keep_alive()) return;
  }
}

}  // namespace

std::vector<std::string> allowed_hosts(const std::string& address, std::uint16_t port) {
  const std::string suffix = ":" + std::to_string(port);
  const auto parsed = asio::ip::make_address(address);
  if (parsed.is_loopback()) return {"127.0.0.1" + suffix, "localhost" + suffix, "[::1]" + suffix};
  if (parsed.is_v6()) return {"[" + address + "]" + suffix};
  return {address + suffix};
}

void serve_http(Studio& studio, const HttpConfig& config, const std::function<void(std::uint16_t)>& on_listening) {
  asio::io_context context;
  tcp::acceptor acceptor(context);
  const tcp::endpoint endpoint(asio::ip::make_address(config.address), config.port);
  boost::system::error_code error;
  acceptor.open(endpoint.protocol(), error);
  if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) throw std::runtime_error("cannot listen on " + config.address + ":" + std::to_string(config.port) +
                                     ": " + error.message());
  const std::uint16_t port = acceptor.local_endpoint().port();
  const std::vector<std::string> hosts = allowed_hosts(config.address, port);

  // A signal closes the listening socket from the signal thread; the accept loop then ends.
  asio::io_context signals_context;
  asio::signal_set signals(signals_context, SIGINT, SIGTERM);
  std::atomic<bool> stopping{false};
  signals.async_wait([&](const boost::system::error_code&, int) {
    stopping = true;
    ::shutdown(acceptor.native_handle(), SHUT_RDWR);
  });
  std::thread signal_thread([&] { signals_context.run(); });
  on_listening(port);

  Connections connections;
  while (!stopping) {
    tcp::socket socket(context);
    acceptor.accept(socket, error);
    if (error) {
      if (stopping) break;
      continue;
    }
    if (connections.open >= config.max_connections) {
      boost::system::error_code ignored;
      asio::write(socket, asio::buffer(std::string("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                                                   "Connection: close\r\n\r\n")), ignored);
      continue;
    }
    ++connections.open;
    std::thread([socket = std::move(socket), &studio, &config, &hosts, &connections]() mutable {
      try {
        handle_connection(std::move(socket), studio, config, hosts);
      } catch (const std::exception&) {
        // The client went away mid-write; nothing to tell anyone.
      }
      --connections.open;
    }).detach();
  }
  signals_context.stop();
  signal_thread.join();
}

}  // namespace wijksim::serve
