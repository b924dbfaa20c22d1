// The dashboard's files as `ktpel serve` answers them (issue [11]): compressed once (the build's
// .br beside a file is sent as it is; a file without one is compressed at start), chosen by
// Accept-Encoding, with an ETag that revalidates to 304, a year of cache for hashed assets and
// no-cache for index.html.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "http/static_files.h"
#include "support/served_api.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

void write(const std::string& path, const std::string& bytes) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test::temp_dir() + "/dist";
    script_ = "console.log('ktpel');\n";
    for (int i = 0; i < 400; ++i) script_ += "export const v" + std::to_string(i) + " = " + std::to_string(i) + ";\n";
    write(dir_ + "/index.html", "<!doctype html><title>ktpel</title><script src=/assets/index-AbC123_x.js></script>" + std::string(400, ' '));
    write(dir_ + "/assets/index-AbC123_x.js", script_);
    write(dir_ + "/assets/index-AbC123_x.js.br", "BROTLI-FORM-FROM-THE-BUILD");  // not real Brotli: proves it is sent as stored
    store_ = open_store(test::fresh_database("sqlite"));
    server_ = std::make_unique<ApiServer>(*store_, test::wilayah());
    ASSERT_TRUE(server_->serve_web(dir_));
    ASSERT_GT(test::serve_in_thread(*server_, thread_, client_), 0);
    client_->set_decompress(false);
  }
  void TearDown() override { test::stop_serving(server_.get(), thread_); }
  httplib::Result get(const std::string& path, httplib::Headers h = {}) { return client_->Get(path, h); }
  std::string dir_, script_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<ApiServer> server_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(StaticFilesTest, TheBuildsBrotliFormIsSentAsStoredWithAYearOfCache) {
  auto res = get("/assets/index-AbC123_x.js", {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Encoding"), "br");
  EXPECT_EQ(res->body, "BROTLI-FORM-FROM-THE-BUILD");
  EXPECT_EQ(res->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(res->get_header_value("Vary"), "Accept-Encoding");
  EXPECT_TRUE(res->get_header_value("Content-Type").starts_with("text/javascript"));
}

TEST_F(StaticFilesTest, GzipWhenBrotliIsNotTakenAndPlainWhenNothingIs) {
  auto gz = get("/assets/index-AbC123_x.js", {{"Accept-Encoding", "gzip, br;q=0"}});
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->get_header_value("Content-Encoding"), "gzip");
  ASSERT_GE(gz->body.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(gz->body[0]), 0x1f);  // the gzip magic: compressed at start, no .gz on disk
  EXPECT_LT(gz->body.size(), script_.size());
  client_->set_decompress(true);
  auto again = get("/assets/index-AbC123_x.js", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->body, script_);
  auto plain = get("/assets/index-AbC123_x.js", {{"Accept-Encoding", "identity"}});
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->get_header_value("Content-Encoding"), "");
  EXPECT_EQ(plain->body, script_);
}

TEST_F(StaticFilesTest, IndexIsRevalidatedAndAnswers304ForItsETag) {
  auto res = get("/", {{"Accept-Encoding", "br"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-cache");
  const std::string etag = res->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto same = get("/index.html", {{"Accept-Encoding", "br"}, {"If-None-Match", etag}});
  ASSERT_TRUE(same);
  EXPECT_EQ(same->status, 304);
  EXPECT_TRUE(same->body.empty());
  // Another encoding is another representation: its own tag, a full answer.
  auto other = get("/index.html", {{"Accept-Encoding", "gzip"}, {"If-None-Match", etag}});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);
  EXPECT_NE(other->get_header_value("ETag"), etag);
}

TEST_F(StaticFilesTest, ApiAndUnknownPathsAreNotFiles) {
  auto missing = get("/assets/nothing.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  auto health = get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST(AcceptedEncodings, ReadsTokensAndZeroQualities) {
  EXPECT_TRUE(http::accepted_encodings("gzip, deflate, br").br);
  EXPECT_FALSE(http::accepted_encodings("gzip, br;q=0").br);
  EXPECT_FALSE(http::accepted_encodings("gzip, br; q=0.0").br);
  EXPECT_TRUE(http::accepted_encodings("GZIP").gzip);
  EXPECT_TRUE(http::accepted_encodings("*").br);
  EXPECT_FALSE(http::accepted_encodings("").gzip);
  EXPECT_FALSE(http::accepted_encodings("identity").br);
}

}  // namespace
}  // namespace ktpel
