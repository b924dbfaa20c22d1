// The access log's line: JSON in a fixed key order, and a raw path with no NIK or token in full.
#include "http/access_log.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <utility>

#include "io/files.h"
#include "support/test_env.h"

namespace ktpel::http {
namespace {

TEST(AccessLog, PathsLoseNiksAndLongTokens) {
  const std::string token(120, 'A');
  const std::pair<std::string, std::string> raw_and_logged[] = {
      {"/api/v1/residents/6571014501900001", "/api/v1/residents/657101**********"},
      {"/api/v1/residents/6571014501900001/events", "/api/v1/residents/657101**********/events"},
      {"/api/v1/wilayah/65.71", "/api/v1/wilayah/65.71"},
      {"/", "/"},
      {"", ""},
      {"/api/v1/verify/" + token, "/api/v1/verify/AAAAAAAA..."},
      // A NIK inside a long segment is masked before the segment is cut.
      {"/x/6571014501900001" + token, "/x/657101**..."},
  };
  for (const auto& [raw, logged] : raw_and_logged) EXPECT_EQ(loggable_path(raw), logged) << raw;
}

TEST(AccessLog, OneJsonObjectPerLine) {
  const AccessRecord r{"2026-12-07T05:00:00.123Z", "0123456789abcdef0123456789abcdef", "t-operator", "GET",
                       "/api/v1/residents/{nik}", "/api/v1/residents/657101**********", 200, 1.23456789, 512, "127.0.0.1"};
  const std::string line = access_line(r);
  EXPECT_EQ(line,
            R"({"time":"2026-12-07T05:00:00.123Z","id":"0123456789abcdef0123456789abcdef","user":"t-operator","method":"GET",)"
            R"("route":"/api/v1/residents/{nik}","path":"/api/v1/residents/657101**********","status":200,"ms":1.235,)"
            R"("bytes":512,"remote":"127.0.0.1"})");
  // Whatever bytes a client put in its path, the line stays one line of valid JSON.
  AccessRecord odd = r;
  odd.path = "/\xff\xfe\n\"x";
  const std::string odd_line = access_line(odd);
  EXPECT_EQ(odd_line.find('\n'), std::string::npos);
  EXPECT_TRUE(nlohmann::json::accept(odd_line)) << odd_line;
}

TEST(AccessLog, AppendsToAFile) {
  const std::string path = test::temp_dir() + "/access.log";
  write_file_atomic(path, "earlier\n");
  {
    AccessLog log(path);
    AccessRecord r;
    r.id = "a";
    log.write(r);
    r.id = "b";
    log.write(r);
    // Written through at once, before the log is closed.
    EXPECT_EQ(read_file(path).find("earlier\n{\"time\":\"\",\"id\":\"a\""), 0u) << read_file(path);
  }
  EXPECT_NE(read_file(path).find("\"id\":\"b\""), std::string::npos);
  EXPECT_THROW(AccessLog{test::temp_dir()}, std::runtime_error);  // a folder is no log file
}

}  // namespace
}  // namespace ktpel::http
