#include "http/static_files.h"

#include <brotli/encode.h>
#include <zlib.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <vector>

#include "io/files.h"

namespace ktpel::http {

namespace {

namespace fs = std::filesystem;

std::string content_type(const std::string& path) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".json", "application/json"},            {".svg", "image/svg+xml"},
      {".png", "image/png"},                 {".ico", "image/x-icon"},                 {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"}, {".map", "application/json"},             {".geojson", "application/geo+json"}};
  auto it = types.find(fs::path(path).extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

bool compressible(const std::string& type) {
  return type.starts_with("text/") || type.starts_with("application/json") || type.starts_with("application/geo+json") ||
         type == "image/svg+xml";
}

std::shared_ptr<const std::string> brotli(const std::string& in) {
  std::string out(BrotliEncoderMaxCompressedSize(in.size()), '\0');
  size_t size = out.size();
  if (!BrotliEncoderCompress(BROTLI_MAX_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, in.size(),
                             reinterpret_cast<const uint8_t*>(in.data()), &size, reinterpret_cast<uint8_t*>(out.data())))
    return nullptr;
  out.resize(size);
  return std::make_shared<const std::string>(std::move(out));
}

std::shared_ptr<const std::string> gzip(const std::string& in) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 31, 9, Z_DEFAULT_STRATEGY) != Z_OK) return nullptr;
  std::string out(deflateBound(&z, in.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return nullptr;
  return std::make_shared<const std::string>(std::move(out));
}

// The build's .br/.gz beside the file when there is one (and it is newer), else compressed now.
std::shared_ptr<const std::string> encoded(const fs::path& file, const char* ext, const std::string& identity,
                                           std::shared_ptr<const std::string> (*compress)(const std::string&)) {
  const fs::path pre = file.string() + ext;
  std::error_code ec;
  if (fs::is_regular_file(pre, ec) && fs::last_write_time(pre, ec) >= fs::last_write_time(file, ec))
    return std::make_shared<const std::string>(read_file(pre.string()));
  return compress(identity);
}

std::string fnv1a_hex(const std::string& bytes) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.erase(0, 1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

// Each comma-separated element of a header, trimmed.
std::vector<std::string> elements(const std::string& header) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= header.size()) {
    size_t end = header.find(',', pos);
    if (end == std::string::npos) end = header.size();
    if (auto e = trim(header.substr(pos, end - pos)); !e.empty()) out.push_back(e);
    pos = end + 1;
  }
  return out;
}

}  // namespace

AcceptedEncodings accepted_encodings(const std::string& header) {
  AcceptedEncodings a;
  for (const auto& e : elements(header)) {
    const size_t semi = e.find(';');
    std::string name = trim(e.substr(0, semi));
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool refused = false;  // q=0 (or 0.0, 0.000): "not this one"
    if (semi != std::string::npos) {
      const std::string param = trim(e.substr(semi + 1));
      if (param.starts_with("q=") || param.starts_with("Q=")) refused = std::strtod(param.c_str() + 2, nullptr) <= 0;
    }
    if (name == "br" || name == "*") a.br = !refused;
    if (name == "gzip" || name == "x-gzip" || name == "*") a.gzip = !refused;
  }
  return a;
}

bool StaticFiles::load(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::path(dir) / "index.html", ec)) return false;
  static const std::regex hashed(R"(^/assets/.+-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$)");
  std::map<std::string, File, std::less<>> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec)) {
    if (!entry.is_regular_file()) continue;
    const std::string ext = entry.path().extension().string();
    if (ext == ".br" || ext == ".gz") continue;
    const std::string url = "/" + fs::relative(entry.path(), dir).generic_string();
    File f;
    f.type = content_type(url);
    f.identity = std::make_shared<const std::string>(read_file(entry.path().string()));
    f.etag = "\"" + fnv1a_hex(*f.identity) + "\"";
    f.cache_control = std::regex_match(url, hashed) ? "public, max-age=31536000, immutable" : "no-cache";
    if (compressible(f.type) && f.identity->size() >= 256) {
      f.br = encoded(entry.path(), ".br", *f.identity, brotli);
      f.gzip = encoded(entry.path(), ".gz", *f.identity, gzip);
      if (f.br && f.br->size() >= f.identity->size()) f.br = nullptr;  // not worth a Content-Encoding
      if (f.gzip && f.gzip->size() >= f.identity->size()) f.gzip = nullptr;
    }
    files.emplace(url, std::move(f));
  }
  files_ = std::move(files);
  return true;
}

bool StaticFiles::serve(const httplib::Request& req, httplib::Response& res) const {
  if (req.method != "GET" && req.method != "HEAD") return false;
  auto it = files_.find(req.path == "/" ? std::string_view("/index.html") : std::string_view(req.path));
  if (it == files_.end()) return false;
  const File& f = it->second;
  const AcceptedEncodings accepts = accepted_encodings(req.get_header_value("Accept-Encoding"));
  std::shared_ptr<const std::string> body = f.identity;
  std::string encoding, etag = f.etag;
  if (accepts.br && f.br) {
    body = f.br, encoding = "br", etag.insert(etag.size() - 1, "-br");
  } else if (accepts.gzip && f.gzip) {
    body = f.gzip, encoding = "gzip", etag.insert(etag.size() - 1, "-gz");
  }
  res.set_header("ETag", etag);
  res.set_header("Cache-Control", f.cache_control);
  if (f.br || f.gzip) res.set_header("Vary", "Accept-Encoding");
  for (auto tag : elements(req.get_header_value("If-None-Match"))) {
    if (tag.starts_with("W/")) tag.erase(0, 2);
    if (tag == etag || tag == "*") {
      res.status = 304;
      return true;
    }
  }
  res.status = 200;
  if (body->empty()) {
    res.set_content("", f.type);
    return true;
  }
  if (!encoding.empty()) res.set_header("Content-Encoding", encoding);
  // A content provider of known length: httplib compresses a body, never such a provider, so the
  // stored bytes go out as they are.
  res.set_content_provider(body->size(), f.type, [body](size_t offset, size_t length, httplib::DataSink& sink) {
    return sink.write(body->data() + offset, length);
  });
  return true;
}

}  // namespace ktpel::http
