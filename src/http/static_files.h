// The dashboard's files (web/dist), read once when the server starts with their Brotli and gzip
// forms (the .br/.gz that `npm run build` writes beside each file, else compressed here once):
// a request only picks the form its Accept-Encoding takes. Compressing the 1.1 MB bundle on every
// request cost 2.5 s of blank page on the office LAN (issue [11]).
#pragma once
#include <map>
#include <memory>
#include <string>

#include <httplib.h>

namespace ktpel::http {

class StaticFiles {
 public:
  // Every file under `dir` (not the .br/.gz forms themselves); false when it has no index.html.
  bool load(const std::string& dir);
  bool loaded() const { return !files_.empty(); }
  // Answers a GET or HEAD for one of the files ("/" is index.html): false when `path` is none.
  // Hashed assets (assets/name-HASH.ext) may be cached for a year; index.html is revalidated
  // (no-cache, ETag), so a new build is seen on the next load.
  bool serve(const httplib::Request& req, httplib::Response& res) const;

 private:
  struct File {
    std::string type, etag, cache_control;
    std::shared_ptr<const std::string> identity, br, gzip;  // br/gzip null when not worth it
  };
  std::map<std::string, File, std::less<>> files_;  // by URL path ("/assets/index-abc.js")
};

// The encodings a client accepts, from its Accept-Encoding ("br;q=1, gzip", "identity", "*;q=0").
struct AcceptedEncodings {
  bool br = false, gzip = false;
};
AcceptedEncodings accepted_encodings(const std::string& header);

}  // namespace ktpel::http
