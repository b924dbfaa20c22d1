// The at-rest seal (crypto/key_vault.h): values bound to their place and key, data keys wrapped by
// the master key, master keys from the environment or a file made on first use.
#include "crypto/key_vault.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "crypto/envelope.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

// Sets (or unsets, with nullptr) an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) setenv(name, value, 1);
    else unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_, old_->c_str(), 1);
    else unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(KeyVault, SealedValuesOpenOnlyInTheirPlaceUnderTheirKey) {
  const std::string key = make_data_key(), other = make_data_key();
  const std::string photo = "\xff\xd8\xff\xe0 a photo";
  const std::string sealed = seal_value(7, key, "enrolments.photo:ST1-1", photo);
  EXPECT_EQ(sealed.size(), photo.size() + 1 + 4 + 24 + 16);
  EXPECT_EQ(sealed[0], '\x01');
  EXPECT_EQ(sealed_key_id(sealed), 7u);
  EXPECT_EQ(open_value(key, "enrolments.photo:ST1-1", sealed), photo);
  EXPECT_FALSE(open_value(key, "enrolments.photo:ST1-2", sealed));      // another row
  EXPECT_FALSE(open_value(key, "enrolments.signature:ST1-1", sealed));  // another column
  EXPECT_FALSE(open_value(other, "enrolments.photo:ST1-1", sealed));    // another key
  for (size_t i = 0; i < sealed.size(); ++i) {                          // any byte changed, header included
    std::string t = sealed;
    t[i] = static_cast<char>(t[i] ^ 0x10);
    EXPECT_FALSE(open_value(key, "enrolments.photo:ST1-1", t)) << "byte " << i;
  }
  EXPECT_FALSE(sealed_key_id("short"));
  EXPECT_NE(seal_value(7, key, "p", photo), seal_value(7, key, "p", photo));  // a fresh nonce each time
}

TEST(KeyVault, DataKeysAreWrappedByTheMasterKey) {
  const MasterKey a = master_key(make_data_key()), b = master_key(make_data_key());
  EXPECT_EQ(a.id.size(), 8u);
  EXPECT_NE(a.id, b.id);
  const std::string data = make_data_key();
  const std::string wrapped = wrap_data_key(a, 3, data);
  EXPECT_EQ(unwrap_data_key(a, 3, wrapped), data);
  EXPECT_FALSE(unwrap_data_key(b, 3, wrapped));
  EXPECT_FALSE(unwrap_data_key(a, 4, wrapped));  // a wrapped key cannot be relabelled

  KeyVault vault([&] { return b; });
  try {
    vault.open_data_key(1, wrap_data_key(a, 1, data), a.id);
    FAIL() << "a wrong master key opened a data key";
  } catch (const KeyError& e) {
    EXPECT_EQ(std::string(e.what()), "the master key (id " + b.id + ") does not open data key 1, which was wrapped by master key " +
                                         a.id + ": check KTPEL_MASTER_KEY / KTPEL_MASTER_KEY_FILE");
  }
  KeyVault right([&] { return a; });
  EXPECT_EQ(right.open_data_key(1, wrap_data_key(a, 1, data), a.id), data);
  EXPECT_EQ(*right.cached(1), data);
}

TEST(KeyVault, MasterKeyFromEnvironmentOrFile) {
  const std::string dir = test::temp_dir();
  const std::string hex(64, 'a');
  {
    ScopedEnv k("KTPEL_MASTER_KEY", hex.c_str());
    EXPECT_EQ(load_master_key(dir + "/unused.key").key, std::string(32, '\xaa'));
    EXPECT_FALSE(std::filesystem::exists(dir + "/unused.key"));
  }
  {
    ScopedEnv k("KTPEL_MASTER_KEY", "abc");
    try {
      load_master_key(dir + "/unused.key");
      FAIL();
    } catch (const KeyError& e) {
      EXPECT_NE(std::string(e.what()).find("KTPEL_MASTER_KEY must hold the master key as 64 hex characters"), std::string::npos);
    }
  }
  ScopedEnv no_key("KTPEL_MASTER_KEY", nullptr);
  {
    std::ofstream(dir + "/named.key") << std::string(64, 'b') << "\n";
    ScopedEnv f("KTPEL_MASTER_KEY_FILE", (dir + "/named.key").c_str());
    EXPECT_EQ(load_master_key(dir + "/unused.key").key, std::string(32, '\xbb'));
  }
  {
    ScopedEnv f("KTPEL_MASTER_KEY_FILE", (dir + "/missing.key").c_str());  // named: never made up
    EXPECT_THROW(load_master_key(dir + "/unused.key"), KeyError);
    EXPECT_FALSE(std::filesystem::exists(dir + "/missing.key"));
  }
  ScopedEnv no_file("KTPEL_MASTER_KEY_FILE", nullptr);
  const std::string made = dir + "/sub/master.key";
  const MasterKey first = load_master_key(made);  // the default file, made on first use
  struct stat st {};
  ASSERT_EQ(stat(made.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(load_master_key(made).key, first.key);  // and read afterwards
}

TEST(KeyVault, FingerprintIsFourGroupsOfHex) {
  const std::string pk = make_sign_key_pair().public_key;
  const std::string fp = key_fingerprint(pk);
  ASSERT_EQ(fp.size(), 19u);
  EXPECT_EQ(fp[4], '-');
  EXPECT_EQ(fp, key_fingerprint(pk));
  EXPECT_NE(fp, key_fingerprint(make_sign_key_pair().public_key));
}

}  // namespace
}  // namespace ktpel
