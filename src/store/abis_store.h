// AbisStore: the fingerprint gallery (one compact finger per NIK and finger position, loaded
// into memory at start) and the adjudication queue of possible duplicates an officer decides.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/biometrics/enrolment.h"

namespace ktpel {

struct AdjudicationCase {
  int64_t id = 0;
  std::string nik;        // the new enrolment (in DEDUP_REVIEW while open)
  std::string other_nik;  // the person already enrolled it matched
  double score = 0;       // fused person-level score
  std::string fingers_json;  // [{"finger":2,"score":0.41}, ...]
  std::string source;     // "afis"
  std::string created_at;
  std::string status = "OPEN";  // OPEN, SAME_PERSON, DIFFERENT_PEOPLE, CLOSED (another case settled it)
  std::string decided_by, decided_at, note;
  std::string evidence;   // why the matcher raised it (demographic: the pair's explanation)
};

class AbisStore {
 public:
  virtual ~AbisStore() = default;
  virtual void put_gallery_finger(std::string_view nik, int finger, std::string_view compact) = 0;
  virtual void remove_gallery_person(std::string_view nik) = 0;
  virtual int64_t count_gallery_fingers() = 0;
  virtual void scan_gallery(const std::function<void(const std::string& nik, int finger, const std::string& compact)>& f) = 0;
  // The fingers of the NIK's latest enrolment (none when never enrolled).
  virtual std::vector<FingerCapture> enrolled_fingers(std::string_view nik) = 0;
  virtual int64_t insert_adjudication(const AdjudicationCase& c) = 0;
  virtual std::vector<AdjudicationCase> adjudications(std::string_view status, int64_t limit) = 0;  // "" = all
  virtual std::optional<AdjudicationCase> adjudication(int64_t id) = 0;
  virtual std::vector<AdjudicationCase> open_adjudications_of(std::string_view nik) = 0;
  // Conditional on the case still being OPEN: false when someone else decided it first.
  virtual bool decide_adjudication(int64_t id, std::string_view status, std::string_view by, std::string_view at,
                                   std::string_view note) = 0;
};

}  // namespace ktpel
