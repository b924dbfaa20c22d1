// Identity in the core and its crypto: the permission matrix and scopes, TOTP against RFC 6238's
// own test vectors, and the audit chain's verifier against each kind of tampering.
#include <gtest/gtest.h>

#include "core/identity/caller.h"
#include "core/text/mask.h"
#include "crypto/audit_chain.h"
#include "crypto/envelope.h"
#include "crypto/password.h"
#include "crypto/totp.h"

namespace ktpel {
namespace {

TEST(Permissions, TheMatrixOfIssue8) {
  // Viewers never see a person; auditors read everything and alone read the audit log.
  EXPECT_FALSE(role_may(Role::Viewer, Permission::PersonRead));
  EXPECT_TRUE(role_may(Role::Viewer, Permission::AggregateRead));
  for (Role r : kAllRoles) EXPECT_EQ(role_may(r, Permission::AuditRead), r == Role::Auditor) << to_string(r);
  // Only the centre executes a duplicate deletion; only a regency supervisor asks for one.
  EXPECT_EQ(roles_with(Permission::DuplicateDeletionExecute), std::vector<Role>{Role::Centre});
  EXPECT_EQ(roles_with(Permission::DuplicateDeletionRequest), std::vector<Role>{Role::Supervisor});
  EXPECT_EQ(roles_with(Permission::CorrectionApprove), std::vector<Role>{Role::Supervisor});
  // The desk: operators register and print but do not adjudicate, approve or manage printers.
  for (Permission p : {Permission::PersonWrite, Permission::EktpEvent, Permission::SuketIssue, Permission::PrintDesk,
                       Permission::CorrectionPropose})
    EXPECT_TRUE(role_may(Role::Operator, p)) << to_string(p);
  for (Permission p : {Permission::Adjudicate, Permission::CorrectionApprove, Permission::PrinterManage, Permission::StockManage,
                       Permission::StationManage, Permission::UserManage})
    EXPECT_FALSE(role_may(Role::Operator, p)) << to_string(p);
  // Province: stock transfers and the plan, no desk writes. Auditors write nothing.
  EXPECT_TRUE(role_may(Role::Province, Permission::StockManage));
  EXPECT_TRUE(role_may(Role::Province, Permission::CapacityPlan));
  EXPECT_FALSE(role_may(Role::Province, Permission::PersonWrite));
  for (Permission p : {Permission::PersonWrite, Permission::EktpEvent, Permission::StockManage, Permission::Adjudicate})
    EXPECT_FALSE(role_may(Role::Auditor, p));
  // Names round-trip (the OpenAPI document carries them).
  for (int i = 0; i <= static_cast<int>(Permission::AuditRead); ++i) {
    const auto p = static_cast<Permission>(i);
    EXPECT_EQ(parse_permission(to_string(p)), p);
  }
  for (Role r : kAllRoles) EXPECT_EQ(parse_role(to_string(r)), r);
}

TEST(Scope, PrefixAtADotBoundary) {
  EXPECT_TRUE(in_scope("", "65.71.01.1001"));
  EXPECT_TRUE(in_scope("65.71", "65.71"));
  EXPECT_TRUE(in_scope("65.71", "65.71.01.1001"));
  EXPECT_FALSE(in_scope("65.71", "65.711"));
  EXPECT_FALSE(in_scope("65.71", "65.02.01"));
  EXPECT_FALSE(in_scope("65.71.01", "65.71"));
  EXPECT_TRUE(above_scope("65.71.01", "65"));
  EXPECT_TRUE(above_scope("65.71.01", "65.71"));
  EXPECT_FALSE(above_scope("65.71.01", "65.02"));
  EXPECT_FALSE(above_scope("65.71", "65.71"));
  EXPECT_EQ(region_of_nik("6571014501900001"), "65.71.01");
  Caller desk{"op", Role::Operator, "65.71.01", "", "", false};
  EXPECT_TRUE(desk.sees_aggregate("65"));
  EXPECT_FALSE(desk.sees_aggregate("64"));
  EXPECT_FALSE(desk.covers("65"));
  EXPECT_TRUE(scope_fits_role(Role::Operator, "65.71.01"));
  EXPECT_FALSE(scope_fits_role(Role::Operator, "65.71"));
  EXPECT_FALSE(scope_fits_role(Role::Centre, "65"));
  EXPECT_EQ(normalise_scope("pusat"), "");
}

// RFC 6238 appendix B: T0 = 0, X = 30, 8 digits, the ASCII seeds of 20, 32 and 64 bytes.
TEST(Totp, Rfc6238Vectors) {
  const std::string sha1 = "12345678901234567890";
  const std::string sha256 = "12345678901234567890123456789012";
  const std::string sha512 = "1234567890123456789012345678901234567890123456789012345678901234";
  struct Row {
    int64_t t;
    const char *s1, *s256, *s512;
  };
  const Row rows[] = {{59, "94287082", "46119246", "90693936"},
                      {1111111109, "07081804", "68084774", "25091201"},
                      {1111111111, "14050471", "67062674", "99943326"},
                      {1234567890, "89005924", "91819424", "93441116"},
                      {2000000000, "69279037", "90698825", "38618901"},
                      {20000000000, "65353130", "77737706", "47863826"}};
  for (const auto& r : rows) {
    EXPECT_EQ(totp_code(sha1, r.t, 8, TotpHash::Sha1), r.s1) << r.t;
    EXPECT_EQ(totp_code(sha256, r.t, 8, TotpHash::Sha256), r.s256) << r.t;
    EXPECT_EQ(totp_code(sha512, r.t, 8, TotpHash::Sha512), r.s512) << r.t;
  }
}

TEST(Totp, OneStepOfDriftAndNeverTwice) {
  const std::string secret = "12345678901234567890";
  const int64_t now = 1111111111;
  const std::string code = totp_code(secret, now);
  EXPECT_EQ(code.size(), 6u);
  const int64_t step = totp_verify(secret, code, now, 0);
  EXPECT_EQ(step, now / 30);
  EXPECT_EQ(totp_verify(secret, code, now, step), -1);        // replayed
  EXPECT_EQ(totp_verify(secret, code, now + 30, 0), step);    // a step late: accepted
  EXPECT_EQ(totp_verify(secret, code, now + 95, 0), -1);      // three steps late: not
  EXPECT_EQ(totp_verify(secret, "000000", now, 0) == step && code != "000000", false);
  EXPECT_EQ(base32_encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(base32_decode("MZXW6YTBOI"), "foobar");
  EXPECT_EQ(base32_decode("not base32!"), "");
}

TEST(Passwords, Argon2idAndRules) {
  const std::string h = hash_password("kata-sandi-rahasia", true);
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(password_matches(h, "kata-sandi-rahasia"));
  EXPECT_FALSE(password_matches(h, "kata-sandi-rahasib"));
  EXPECT_NE(password_problem("budi", "pendek"), "");
  EXPECT_NE(password_problem("budi.santoso", "budi.santoso"), "");
  EXPECT_EQ(password_problem("budi", "panjang-sekali-1"), "");
}

// A chain of n entries as the store writes them.
std::vector<AuditEntry> chain(int n) {
  std::vector<AuditEntry> out;
  std::string prev = kAuditGenesis;
  for (int i = 1; i <= n; ++i) {
    AuditEntry e{i, "2025-01-01T00:00:0" + std::to_string(i % 10) + "Z", "budi", "operator", "POST /api/v1/residents",
                 "657101450190000" + std::to_string(i % 10), "{}", prev, ""};
    e.hash = audit_hash(e);
    prev = e.hash;
    out.push_back(e);
  }
  return out;
}

std::optional<ChainBreak> verify(const std::vector<AuditEntry>& entries, std::vector<AuditCheckpoint> cps = {},
                                 const std::string& key = "") {
  AuditChainVerifier v(std::move(cps), key);
  for (const auto& e : entries) v.add(e);
  v.finish();
  return v.break_at();
}

TEST(AuditChain, EveryKindOfTamperingIsFoundAtItsEntry) {
  auto log = chain(8);
  EXPECT_FALSE(verify(log));
  auto edited = log;
  edited[3].detail = R"({"name":"lain"})";
  EXPECT_EQ(verify(edited)->seq, 4);
  auto deleted = log;
  deleted.erase(deleted.begin() + 4);
  EXPECT_EQ(verify(deleted)->seq, 5);
  auto reordered = log;
  std::swap(reordered[2], reordered[3]);
  EXPECT_EQ(verify(reordered)->seq, 3);  // seq 4 arrives where 3 belongs: the log breaks at 3
  auto swapped_contents = log;
  std::swap(swapped_contents[2].detail, swapped_contents[3].detail);
  std::swap(swapped_contents[2].target, swapped_contents[3].target);
  EXPECT_EQ(verify(swapped_contents)->seq, 3);
  // Insertion with the hash recomputed: the entry after it no longer follows.
  auto inserted = log;
  AuditEntry forged{4, "2025-01-01T00:00:04Z", "mallory", "centre", "POST /api/v1/duplicates/deletions", "x", "{}", log[2].hash, ""};
  forged.hash = audit_hash(forged);
  inserted.insert(inserted.begin() + 3, forged);
  for (size_t i = 4; i < inserted.size(); ++i) inserted[i].seq += 1;
  EXPECT_EQ(verify(inserted)->seq, 5);
}

TEST(AuditChain, SignedCheckpointsCatchARewriteAndACutTail) {
  crypto_init();
  const SignKeyPair centre = make_sign_key_pair(), other = make_sign_key_pair();
  auto log = chain(10);
  const auto cp = sign_checkpoint(6, log[5].hash, centre.secret_key, centre.public_key);
  const std::string trusted = to_hex(centre.public_key);
  EXPECT_FALSE(verify(log, {cp}, trusted));
  // The whole chain rewritten from entry 3 with fresh hashes: consistent, but not the signed one.
  auto rewritten = log;
  rewritten[2].detail = "rewritten";
  for (size_t i = 2; i < rewritten.size(); ++i) {
    rewritten[i].prev_hash = rewritten[i - 1].hash;
    rewritten[i].hash = audit_hash(rewritten[i]);
  }
  EXPECT_FALSE(verify(rewritten));  // without a checkpoint this cannot be seen
  auto b = verify(rewritten, {cp}, trusted);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->seq, 6);
  // A checkpoint signed by someone else is worthless.
  EXPECT_EQ(verify(log, {sign_checkpoint(6, log[5].hash, other.secret_key, other.public_key)}, trusted)->seq, 6);
  // The tail cut below a checkpoint.
  auto cut = log;
  cut.resize(4);
  EXPECT_EQ(verify(cut, {cp}, trusted)->seq, 5);
}

TEST(LogMask, NiksKeepTheirRegionNamesTheirInitial) {
  EXPECT_EQ(mask_person_data("resident 6571014501900001 failed"), "resident 657101********** failed");
  EXPECT_EQ(mask_person_data(R"({"name":"SITI AMINAH","rt":"001"})"), R"({"name":"S***","rt":"001"})");
  EXPECT_EQ(mask_person_data("packet ST657101001-17 at 2025-01-01"), "packet ST657101001-17 at 2025-01-01");
  EXPECT_EQ(mask_person_data("12345678901234567"), "12345678901234567");  // 17 digits: not a NIK
}

}  // namespace
}  // namespace ktpel
