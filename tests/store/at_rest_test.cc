// Secrets and biometrics at rest (issue [8]), on both backends: what the database file or server
// holds is sealed, every reader still sees clear values, rotation re-seals in batches, and a wrong
// master key or a tampered or moved value fails with a message that says what is wrong.
#include <gtest/gtest.h>

#include <filesystem>

#include "crypto/envelope.h"
#include "crypto/key_vault.h"
#include "io/files.h"
#include "service/key_rotation.h"
#include "sql/connection.h"
#include "store/store.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

using Strings = std::vector<std::string>;

class AtRestTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (test::skip_unavailable(GetParam())) GTEST_SKIP() << "PostgreSQL not available (run through make test)";
    location_ = test::fresh_database(GetParam());
    store_ = open_store(location_);
  }
  bool sqlite() const { return GetParam() == "sqlite"; }

  // A real ISO 19794-2 template and a photo with a recognisable byte run.
  static std::string iso_template() {
    return read_file(test::fingerprints_dir() + "/fvc2002/DB1_B/101_1.iso");
  }
  static std::string photo() {
    std::string p = "\xff\xd8\xff\xe0";
    for (int i = 0; i < 64; ++i) p += "PHOTO-RUN-" + std::to_string(i);
    return p;
  }
  static Enrolment enrolment(const std::string& nik, const std::string& tmpl) {
    Enrolment e;
    e.nik = nik, e.station_id = "ST657101001", e.operator_id = "op1", e.captured_at = "2025-01-05T08:00:00Z";
    e.photo_jpeg = photo(), e.signature_png = "\x89PNG-signature", e.iris_right = "IRIS-RIGHT", e.iris_left = "IRIS-LEFT";
    e.fingers = {{1, 90, tmpl}, {6, 80, tmpl}};
    e.photo_quality = 80;
    return e;
  }
  // Three enrolments, six gallery fingers, the centre's keys and an office key.
  void write_everything() {
    StoreTransaction tx(*store_);
    for (int i = 1; i <= 3; ++i) {
      const std::string n = "657101450190000" + std::to_string(i);
      store_->put_enrolment("ST657101001-" + std::to_string(i), enrolment(n, iso_template()), Strings{"h" + n, "g" + n},
                            "2025-01-05T09:00:00Z");
      store_->put_gallery_finger(n, 1, "COMPACT-1-" + n);
      store_->put_gallery_finger(n, 6, "COMPACT-6-" + n);
    }
    centre_ = {make_box_key_pair().public_key, make_box_key_pair().secret_key, sign_.public_key, sign_.secret_key};
    store_->put_centre_keys(centre_);
    store_->insert_office_key({"65.71", to_hex(sign_.public_key), to_hex(sign_.secret_key)});
    tx.commit();
  }
  // Every protected value, read through the store as callers do.
  void expect_everything_readable(Store& s) {
    for (int i = 1; i <= 3; ++i) {
      const std::string n = "657101450190000" + std::to_string(i);
      EXPECT_EQ(s.enrolment_photo(n), photo());
      const auto fingers = s.enrolled_fingers(n);
      ASSERT_EQ(fingers.size(), 2u);
      EXPECT_EQ(fingers[1].iso_template, iso_template());
    }
    std::map<std::string, std::string> gallery;
    s.scan_gallery([&](const std::string& nik, int finger, const std::string& c) { gallery[nik + "/" + std::to_string(finger)] = c; });
    ASSERT_GE(gallery.size(), 6u);  // and any a test added
    EXPECT_EQ(gallery["6571014501900002/6"], "COMPACT-6-6571014501900002");
    const auto keys = s.centre_keys();
    ASSERT_TRUE(keys);
    EXPECT_EQ(keys->sign_secret, centre_.sign_secret);
    EXPECT_EQ(keys->box_secret, centre_.box_secret);
    EXPECT_EQ(s.office_key("65.71")->sign_secret, to_hex(sign_.secret_key));
  }
  // Raw column bytes, read past the store.
  std::string raw(const std::string& sql) {
    auto c = sql::connect(location_);
    auto s = c->cached(sql);
    EXPECT_TRUE(s.step()) << sql;
    return s.blob(0);
  }
  void exec(const std::string& sql) { sql::connect(location_)->exec(sql); }
  std::map<int64_t, int64_t> values_per_key() {
    std::map<int64_t, int64_t> out;
    for (const auto& k : store_->data_keys()) out[k.id] = k.values;
    return out;
  }

  std::string location_;
  std::unique_ptr<Store> store_;
  SignKeyPair sign_ = make_sign_key_pair();
  CentreKeys centre_;
};

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST_P(AtRestTest, StoredBytesHoldNoClearBiometricsOrKeys) {
  write_everything();
  expect_everything_readable(*store_);
  const std::string tmpl = iso_template(), run = photo().substr(100, 40);
  ASSERT_GT(tmpl.size(), 100u);
  const std::string tmpl_run = tmpl.substr(tmpl.size() / 2, 48);
  const std::string secret_hex = to_hex(sign_.secret_key);
  if (sqlite()) {
    // The database file and its write-ahead log, as a thief would copy them (open and closed).
    for (int pass = 0; pass < 2; ++pass) {
      std::string bytes = read_file(location_);
      if (std::filesystem::exists(location_ + "-wal")) bytes += read_file(location_ + "-wal");
      ASSERT_TRUE(contains(bytes, "ST657101001-2")) << "the file holds the rows";
      EXPECT_FALSE(contains(bytes, tmpl_run)) << "a finger template in clear, pass " << pass;
      EXPECT_FALSE(contains(bytes, run)) << "the photo in clear, pass " << pass;
      EXPECT_FALSE(contains(bytes, "IRIS-RIGHT")) << pass;
      EXPECT_FALSE(contains(bytes, "COMPACT-6-6571014501900002")) << pass;
      EXPECT_FALSE(contains(bytes, secret_hex)) << "a private key in clear, pass " << pass;
      EXPECT_FALSE(contains(bytes, sign_.secret_key)) << pass;
      EXPECT_FALSE(contains(bytes, to_hex(centre_.box_secret))) << pass;
      store_.reset();
    }
    store_ = open_store(location_);
  }
  // Column by column, on either backend.
  const std::string stored_photo = raw("SELECT photo FROM enrolments WHERE packet_id = 'ST657101001-1'");
  EXPECT_EQ(stored_photo.size(), photo().size() + 45);
  EXPECT_EQ(stored_photo[0], '\x01');
  EXPECT_FALSE(contains(stored_photo, run));
  EXPECT_FALSE(contains(raw("SELECT fingers FROM enrolments WHERE packet_id = 'ST657101001-1'"), tmpl_run));
  EXPECT_FALSE(contains(raw("SELECT iris_left FROM enrolments WHERE packet_id = 'ST657101001-1'"), "IRIS-LEFT"));
  EXPECT_FALSE(contains(raw("SELECT compact FROM abis_gallery WHERE nik = '6571014501900001' AND finger = 1"), "COMPACT"));
  EXPECT_NE(raw("SELECT sign_secret FROM centre_keys"), to_hex(centre_.sign_secret));
  EXPECT_NE(raw("SELECT sign_secret FROM office_keys"), secret_hex);
  EXPECT_EQ(raw("SELECT sign_public FROM office_keys"), to_hex(sign_.public_key));  // public keys stay readable
  // One data key, made on first use, wrapped by the master key, which the database never holds.
  const auto keys = store_->data_keys();
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0].id, 1);
  EXPECT_TRUE(keys[0].active);
  EXPECT_EQ(keys[0].master_key_id, store_->master_key_id());
  EXPECT_EQ(keys[0].values, 3 * 5 + 6 + 2 + 1);
}

TEST_P(AtRestTest, RotationResealsEverythingUnderANewKeyInBatches) {
  write_everything();
  // Rows written before sealing existed (data_key NULL) are read as they are, then sealed.
  exec("INSERT INTO abis_gallery (nik, finger, compact) VALUES ('6571019999990001', 2, 'CLEAR-LEGACY')");
  EXPECT_EQ(values_per_key(), (std::map<int64_t, int64_t>{{1, 24}, {0, 1}}));

  // Half way through a rotation, values under the old key and the new one are both readable.
  {
    StoreTransaction tx(*store_);
    EXPECT_EQ(store_->add_data_key(), 2);
    tx.commit();
  }
  EXPECT_EQ(store_->rows_to_reseal(), 3 + 7 + 1 + 1);
  ResealCursor cursor;
  {
    StoreTransaction tx(*store_);
    EXPECT_EQ(store_->reseal_rows(cursor, 2), 2);
    tx.commit();
  }
  EXPECT_EQ(values_per_key(), (std::map<int64_t, int64_t>{{1, 14}, {2, 10}, {0, 1}}));
  expect_everything_readable(*store_);
  store_->put_gallery_finger("6571019999990003", 1, "UNDER-KEY-2");
  EXPECT_EQ(values_per_key()[2], 11);

  std::vector<std::pair<int64_t, int64_t>> progress;
  const RotationReport report = rotate_data_key(*store_, 3, [&](int64_t done, int64_t total) { progress.emplace_back(done, total); });
  EXPECT_EQ(report.new_key, 3);
  EXPECT_EQ(report.resealed, 3 + 8 + 1 + 1);
  EXPECT_EQ(report.passes, 1);
  EXPECT_EQ(progress.size(), 5u);  // batches of 3 rows, each its own transaction
  EXPECT_EQ(progress.back(), std::make_pair(int64_t{13}, int64_t{13}));
  EXPECT_EQ(values_per_key(), (std::map<int64_t, int64_t>{{1, 0}, {2, 0}, {3, 26}}));
  EXPECT_EQ(store_->rows_to_reseal(), 0);
  expect_everything_readable(*store_);
  std::string legacy;
  store_->scan_gallery([&](const std::string& nik, int, const std::string& c) {
    if (nik == "6571019999990001") legacy = c;
  });
  EXPECT_EQ(legacy, "CLEAR-LEGACY");
  // Another process (a server) sees everything too, and seals new values under key 3.
  auto other = open_store(location_);
  expect_everything_readable(*other);
  other->put_gallery_finger("6571019999990002", 1, "NEW");
  EXPECT_EQ(values_per_key()[3], 27);
}

// The warm start reads one batch while the last is opened on other threads: order and contents
// must come out as stored across batch boundaries, and a bad row in a later batch must end the
// scan with the error, not a crash or a partial silent load.
TEST_P(AtRestTest, GalleryScanAcrossBatchesKeepsOrderAndFailsCleanly) {
  constexpr int kPeople = 4000;  // 40,000 fingers: two full batches of 16,384 and a partial one
  auto nik_of = [](int i) { return "65710199" + std::to_string(10000000 + i).substr(0, 8); };
  {
    StoreTransaction tx(*store_);
    for (int i = 0; i < kPeople; ++i)
      for (int f = 1; f <= 10; ++f) store_->put_gallery_finger(nik_of(i), f, "T" + std::to_string(i * 10 + f));
    tx.commit();
  }
  int seen = 0;
  std::string last;
  bool in_order = true, contents_right = true;
  store_->scan_gallery([&](const std::string& nik, int finger, const std::string& c) {
    const std::string key = nik + "/" + (finger < 10 ? "0" : "") + std::to_string(finger);
    in_order = in_order && key > last;
    last = key;
    contents_right = contents_right && c == "T" + std::to_string((std::stoi(nik.substr(8)) - 10000000) * 10 + finger);
    ++seen;
  });
  EXPECT_EQ(seen, kPeople * 10);
  EXPECT_TRUE(in_order);
  EXPECT_TRUE(contents_right);
  // A finger of person 3,500 (in the third batch) swapped with another's: authentication fails.
  exec("UPDATE abis_gallery SET compact = (SELECT compact FROM abis_gallery WHERE nik = '" + nik_of(1) +
       "' AND finger = 1) WHERE nik = '" + nik_of(3500) + "' AND finger = 1");
  auto s = open_store(location_);
  int before_error = 0;
  EXPECT_THROW(s->scan_gallery([&](const std::string&, int, const std::string&) { ++before_error; }), StoreError);
  EXPECT_EQ(before_error, 3500 * 10);  // handed on in order up to the bad finger, none after
}

TEST_P(AtRestTest, NewMasterKeyRewrapsTheDataKeys) {
  const MasterKey old_master = master_key(make_data_key());
  store_ = open_store(location_, [&] { return old_master; });
  write_everything();
  {
    StoreTransaction tx(*store_);
    store_->add_data_key();
    tx.commit();
  }
  const MasterKey next = master_key(make_data_key());
  EXPECT_EQ(rewrap_data_keys(*store_, next), 2);
  for (const auto& k : store_->data_keys()) EXPECT_EQ(k.master_key_id, next.id);
  auto with_next = open_store(location_, [&] { return next; });
  expect_everything_readable(*with_next);
  auto with_old = open_store(location_, [&] { return old_master; });
  try {
    with_old->enrolment_photo("6571014501900001");
    FAIL() << "the old master key still opens the data keys";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("the master key (id " + old_master.id + ") does not open data key 1, which was wrapped"
                                         " by master key " + next.id + ": check KTPEL_MASTER_KEY / KTPEL_MASTER_KEY_FILE"),
              std::string::npos)
        << e.what();
  }
}

TEST_P(AtRestTest, WrongMasterKeyIsAClearErrorOnReadAndWrite) {
  write_everything();
  const std::string right = store_->master_key_id();
  const MasterKey wrong = master_key(make_data_key());
  auto s = open_store(location_, [&] { return wrong; });
  const std::string expected = "the master key (id " + wrong.id + ") does not open data key 1, which was wrapped by master key " +
                               right + ": check KTPEL_MASTER_KEY / KTPEL_MASTER_KEY_FILE";
  auto message = [](auto&& f) {
    try {
      f();
    } catch (const StoreError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message([&] { s->enrolment_photo("6571014501900001"); }), expected);
  EXPECT_EQ(message([&] { s->centre_keys(); }), expected);
  EXPECT_EQ(message([&] { s->scan_gallery([](const std::string&, int, const std::string&) {}); }), expected);
  EXPECT_EQ(message([&] { s->put_gallery_finger("6571014501900009", 1, "X"); }), expected);
  // Reading what is not sealed still works.
  EXPECT_EQ(s->count_gallery_fingers(), 6);
}

TEST_P(AtRestTest, TamperedOrMovedValuesFailAuthentication) {
  write_everything();
  store_.reset();
  const std::string photo1 = raw("SELECT photo FROM enrolments WHERE packet_id = 'ST657101001-1'");
  auto write_photo = [&](const std::string& packet, const std::string& bytes) {
    auto c = sql::connect(location_);
    auto u = c->cached("UPDATE enrolments SET photo = ?1 WHERE packet_id = ?2");
    u.bind_blob(1, bytes).bind(2, packet);
    EXPECT_EQ(u.run(), 1);
  };
  auto photo_error = [&](const std::string& nik) {
    auto s = open_store(location_);
    try {
      s->enrolment_photo(nik);
    } catch (const StoreError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  // One bit flipped in the ciphertext.
  std::string flipped = photo1;
  flipped[60] = static_cast<char>(flipped[60] ^ 1);
  write_photo("ST657101001-1", flipped);
  EXPECT_EQ(photo_error("6571014501900001"),
            "enrolments.photo:ST657101001-1 does not authenticate under data key 1: the stored value was altered or moved"
            " from another row");
  // A valid ciphertext copied from another row.
  write_photo("ST657101001-1", photo1);
  EXPECT_EQ(photo_error("6571014501900001"), "no error");
  write_photo("ST657101001-2", photo1);
  EXPECT_EQ(photo_error("6571014501900002"),
            "enrolments.photo:ST657101001-2 does not authenticate under data key 1: the stored value was altered or moved"
            " from another row");
  // Gallery fingers swapped between two people.
  exec("UPDATE abis_gallery SET compact = (SELECT compact FROM abis_gallery WHERE nik = '6571014501900003' AND finger = 1)"
       " WHERE nik = '6571014501900001' AND finger = 1");
  auto s = open_store(location_);
  EXPECT_THROW(s->scan_gallery([](const std::string&, int, const std::string&) {}), StoreError);
  // A truncated value.
  write_photo("ST657101001-3", "\x01\x00");
  EXPECT_EQ(photo_error("6571014501900003"),
            "enrolments.photo:ST657101001-3 is not a sealed value (damaged, or of an unknown version)");
}

INSTANTIATE_TEST_SUITE_P(Backends, AtRestTest, ::testing::ValuesIn(test::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ktpel
