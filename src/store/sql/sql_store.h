// SqlStore: the one implementation of Store, written once in the shared SQL dialect over the
// connection seam (src/sql/connection.h); its methods live in one file per aggregate:
// sql_registry_store.cc, sql_ektp_store.cc, sql_station_store.cc, sql_print_store.cc,
// sql_coverage_store.cc, sql_abis_store.cc, sql_dedup_store.cc, sql_equipment_store.cc, sql_delivery_store.cc; the schema in migrations.cc.
#pragma once
#include <memory>
#include <string>

#include "crypto/key_vault.h"
#include "sql/connection.h"
#include "store/store.h"

namespace ktpel {

class SqlStore final : public Store {
 public:
  SqlStore(std::unique_ptr<sql::Connection> connection, std::shared_ptr<KeyVault> vault);
  std::string_view backend() const override { return postgres() ? "postgresql" : "sqlite"; }
  int schema_version() override;
  void set_durable_commits(bool on) override { db_->set_durable_commits(on); }
  bool truncate_log() override { return db_->truncate_log(); }
  void do_begin() override {
    db_->begin();
    forget_active_key(false);
  }
  void do_commit() override;
  void do_rollback() override {
    checks_.clear();
    db_->rollback();
    forget_active_key(true);
  }

  // Registry
  std::vector<bool> do_insert_residents(std::span<const Resident> rs) override;
  void do_update_resident(const Resident& r) override;
  std::optional<Resident> find_resident(std::string_view nik) override;
  bool resident_exists(std::string_view nik) override;
  bool nik_retired(std::string_view nik) override;
  ResidentPage search_residents(const ResidentQuery& q) override;
  void for_each_resident(std::string_view prefix, const std::function<void(const Resident&)>& f) override;
  std::vector<Resident> residents_born_on(std::string_view region_prefix, Date day) override;
  int64_t count_residents() override;
  void upsert_family_members(std::span<const FamilyMember> ms) override;
  std::vector<FamilyMember> family(std::string_view kk) override;
  void record_change(const ResidentChange& c) override;
  std::vector<ResidentChange> changes(std::string_view nik) override;
  bool take_daily_quota(std::string_view key, std::string_view day, int limit) override;
  int next_serial(std::string_view kind, std::string_view prefix) override;
  void lock_registry_writes() override;
  std::vector<StatsCell> population_cells(Level level, std::string_view prefix, Date as_of) override;
  // EktpStore
  std::optional<EktpRecord> ektp_record(std::string_view nik) override;
  RecordingState recording_state(std::string_view nik) override;
  void do_put_ektp_record(std::string_view nik, EktpStatus status, std::string_view since, bool ikd_activated) override;
  bool do_move_ektp_record(std::string_view nik, std::optional<EktpStatus> expected, EktpStatus status,
                           std::string_view since, bool ikd_activated, bool at_commit) override;
  void add_ektp_transitions(std::span<const EktpTransition> transitions) override;
  std::vector<EktpTransition> ektp_history(std::string_view nik) override;
  std::vector<std::string> niks_in_status(EktpStatus status, int64_t limit) override;
  std::vector<QueueCell> ektp_queue_cells(Level level, std::string_view region_prefix) override;
  std::vector<EktpRecord> ektp_stuck(std::string_view region_prefix, std::string_view cutoff, int64_t limit) override;
  std::vector<QueueCell> ektp_stuck_cells(std::string_view region_prefix, std::string_view cutoff) override;
  std::vector<TransitionMonthCell> ektp_transition_months(std::string_view region_prefix, std::string_view from) override;
  void put_enrolment(std::string_view packet_id, const Enrolment& e, std::span<const std::string> template_hashes,
                     std::string_view received_at) override;
  std::vector<TemplateHit> template_hash_hits(std::span<const std::string> hashes, std::string_view exclude_nik) override;
  std::vector<std::string> template_hashes_of(std::string_view nik) override;
  // StationStore
  std::optional<CentreKeys> centre_keys() override;
  void put_centre_keys(const CentreKeys& k) override;
  void add_station_code(std::string_view code_hash, std::string_view kecamatan, std::string_view expires_at) override;
  std::optional<std::string> take_station_code(std::string_view code_hash, std::string_view station_id,
                                               std::string_view now) override;
  void add_station(const Station& s) override;
  std::optional<Station> station(std::string_view id) override;
  std::vector<Station> stations() override;
  void set_station_status(std::string_view id, std::string_view status) override;
  int64_t count_stations(std::string_view kecamatan) override;
  void add_station_key(const StationKey& k) override;
  void retire_station_keys(std::string_view station_id, std::string_view except_key_hex, int64_t from_sequence) override;
  std::vector<StationKey> station_keys(std::string_view station_id) override;
  void set_station_upload_token(std::string_view id, std::string_view token_hash) override;
  std::optional<Upload> upload(std::string_view packet_id) override;
  bool open_upload(std::string_view packet_id, std::string_view station_id, int64_t total,
                   std::string_view now, const UploadQuota& quota) override;
  int64_t append_upload(std::string_view packet_id, int64_t offset, std::string_view chunk, std::string_view now) override;
  int64_t expire_uploads(std::string_view before) override;
  void delete_upload(std::string_view packet_id) override;
  std::optional<StoredPacket> stored_packet(std::string_view packet_id) override;
  std::vector<StoredPacket> stored_packets(std::span<const std::string> packet_ids) override;
  void put_packet(const StoredPacket& p) override;
  std::vector<StoredPacket> packets(std::string_view status, int64_t limit) override;
  int64_t count_packets(std::string_view status) override;
  void put_refused_packet(const RefusedPacket& p) override;
  std::vector<RefusedPacket> refused_packets(int64_t limit) override;
  int64_t count_refused_packets() override;
  // DeliveryStore
  int64_t insert_delivery(const CardDelivery& d) override;
  std::optional<CardDelivery> last_delivery(std::string_view nik) override;
  std::optional<PrintJob> printed_card(std::string_view nik) override;
  void insert_shipment(const CardShipment& s) override;
  std::optional<CardShipment> shipment_of(std::string_view nik) override;
  int64_t ship_cards(std::string_view from, std::string_view to, Date on, std::string_view by) override;
  int64_t receive_cards(std::string_view from, std::string_view to, Date on, std::string_view by) override;
  std::vector<CardShipment> shipments(std::string_view office_prefix, int64_t limit) override;
  // EquipmentStore
  bool insert_item(const EquipmentItem& item, std::string_view at) override;
  void update_item(const EquipmentItem& item, std::string_view at) override;
  std::optional<EquipmentItem> item(std::string_view serial, bool lock) override;
  std::vector<EquipmentItem> items(std::string_view office_prefix) override;
  void append_item_event(const ItemEvent& e) override;
  std::vector<ItemEvent> item_events(std::string_view office_prefix) override;
  int64_t insert_ticket(const RepairTicket& t) override;
  void update_ticket(const RepairTicket& t) override;
  std::optional<RepairTicket> ticket(int64_t id, bool lock) override;
  std::optional<RepairTicket> open_ticket_of(std::string_view serial) override;
  std::vector<RepairTicket> tickets(std::string_view office_prefix, bool open_only, int64_t limit) override;
  // PrintStore
  bool insert_printer(const Printer& p, std::string_view at) override;
  void update_printer(const Printer& p, std::string_view at) override;
  std::optional<Printer> printer(std::string_view serial) override;
  std::vector<Printer> printers(std::string_view office_prefix) override;
  int64_t stock_balance(std::string_view account, StockItem item, bool lock) override;
  std::optional<std::pair<StockItem, int64_t>> stock_in_transit(std::string_view transfer_id) override;
  bool stock_transfer_known(std::string_view transfer_id) override;
  bool blank_serial_used(std::string_view card_serial) override;
  int64_t append_stock_movement(const StockMovement& m, std::string_view actor, std::string_view at) override;
  std::vector<StoredMovement> stock_movements(std::string_view account_prefix, int64_t limit) override;
  std::vector<StockBalanceRow> stock_balances(std::string_view account_prefix) override;
  int64_t insert_print_job(const PrintJob& j) override;
  std::vector<PrintJob> print_jobs(std::string_view office_prefix, int64_t limit) override;
  std::map<std::string, int64_t> blanks_used_since(std::string_view office_prefix, Date from) override;
  std::map<std::string, std::pair<int64_t, int64_t>> print_job_totals() override;
  std::vector<QueueCandidate> print_candidates(std::string_view region_prefix) override;
  std::vector<QueueCandidate> print_queue_head(std::string_view regency, PrintClass cls, int64_t limit) override;
  std::vector<EktpRecord> ektp_records_in_status(std::string_view region_prefix, EktpStatus status, int64_t limit) override;
  std::optional<std::string> enrolment_photo(std::string_view nik) override;
  std::optional<std::string> enrolment_signature(std::string_view nik) override;
  void insert_suket(const SuketRecord& s) override;
  std::optional<SuketRecord> suket(std::string_view number) override;
  std::optional<SuketRecord> open_suket_of(std::string_view nik) override;
  void close_suket(std::string_view number, std::string_view at, std::string_view card_serial) override;
  std::vector<SuketRecord> sukets(std::string_view office_prefix, bool open_only, int64_t limit) override;
  std::vector<SuketRecord> expired_sukets(std::string_view office_prefix, Date today, int64_t limit) override;
  std::vector<SuketExpiryRow> suket_expiry(std::string_view office_prefix, Date today, Date window_end) override;
  bool mark_suket_renewed(std::string_view number, std::string_view at, std::string_view renewed_to) override;
  void set_suket_token(std::string_view number, std::string_view token) override;
  std::optional<int64_t> print_queue_place(std::string_view regency, std::string_view nik,
                                           const std::vector<PrintClass>& order) override;
  std::optional<OfficeKey> office_key(std::string_view office) override;
  bool insert_office_key(const OfficeKey& k) override;
  void insert_expected_tranche(const ExpectedTranche& t) override;
  std::vector<ExpectedTranche> expected_tranches(std::string_view office_prefix) override;
  std::optional<std::string> setting(std::string_view key) override;
  void put_setting(std::string_view key, std::string_view value) override;
  void do_sync_print_queue(std::string_view nik, bool queued) override;
  // Coverage persistence
  std::optional<Date> coverage_as_of() override;
  void set_coverage_as_of(std::optional<Date> day) override;
  std::optional<Date> coverage_rebuilding() override;
  void set_coverage_rebuilding(std::optional<Date> day) override;
  std::optional<Date> coverage_day_for_writes() override;
  std::optional<Date> coverage_as_of_locked() override;
  std::map<std::string, CoverageCounters> coverage_rows(std::string_view prefix, size_t code_length) override;
  void add_coverage(const std::map<std::string, CoverageCounters>& deltas) override;
  void replace_coverage(std::string_view prefix, size_t min_length, size_t max_length,
                        const std::map<std::string, CoverageCounters>& rows) override;
  std::map<std::string, CoverageCounters> lock_coverage_rows(size_t code_length) override;
  void put_coverage_snapshot(Date day, const std::map<std::string, CoverageCounters>& rows) override;
  std::vector<std::pair<Date, CoverageCounters>> coverage_series(std::string_view code, Date from) override;
  std::optional<CoverageFacts> coverage_facts(std::string_view nik) override;
  void scan_coverage_facts(std::string_view region_prefix, const std::function<void(const CoverageFacts&)>& f) override;
  std::vector<CoverageFacts> coverage_facts_born(std::span<const Date> days) override;
  std::vector<CoverageFacts> coverage_facts_since(Date day) override;
  void scan_coverage_history(std::string_view region_prefix, const std::function<void(const CoverageHistory&)>& f) override;
  void scan_suket_spans(std::string_view region_prefix, const std::function<void(const SuketSpan&)>& f) override;
  std::optional<std::pair<std::string, Date>> birth_certificate(std::string_view nik) override;
  void do_put_birth_certificate(std::string_view nik, std::string_view number, Date issued_on) override;
  void set_birth_certificate_issuer(std::string_view nik, std::string_view office, std::string_view officer,
                                    std::string_view at) override;
  // AbisStore
  void put_gallery_finger(std::string_view nik, int finger, std::string_view compact) override;
  void remove_gallery_person(std::string_view nik) override;
  int64_t count_gallery_fingers() override;
  void scan_gallery(const std::function<void(const std::string& nik, int finger, const std::string& compact)>& f) override;
  std::vector<FingerCapture> enrolled_fingers(std::string_view nik) override;
  int64_t insert_adjudication(const AdjudicationCase& c) override;
  std::vector<AdjudicationCase> adjudications(std::string_view status, int64_t limit) override;
  std::optional<AdjudicationCase> adjudication(int64_t id) override;
  std::vector<AdjudicationCase> open_adjudications_of(std::string_view nik) override;
  bool decide_adjudication(int64_t id, std::string_view status, std::string_view by, std::string_view at,
                           std::string_view note) override;
  bool do_delete_resident(std::string_view nik) override;
  // resident_name_tokens rows of a resident (migration 22), queued in the current transaction.
  void add_name_tokens(const Resident& r);
  void drop_name_tokens(std::string_view nik);
  // IdentityStore
  bool insert_user(const UserAccount& u) override;
  std::optional<UserAccount> user(std::string_view username) override;
  std::vector<UserAccount> users() override;
  int64_t count_users() override;
  void update_user(const UserAccount& u) override;
  int64_t add_failed_login(std::string_view username, std::string_view locked_until_if_over, int64_t threshold) override;
  void clear_failed_logins(std::string_view username) override;
  bool use_totp_step(std::string_view username, int64_t step) override;
  void insert_session(const SessionRow& s) override;
  std::optional<SessionUser> session_user(std::string_view token_hash) override;
  void delete_session(std::string_view token_hash) override;
  void delete_sessions_of(std::string_view username) override;
  void expire_sessions_of(std::string_view username, std::string_view at) override;
  AuditEntry append_audit(const AuditIntent& intent) override;
  std::vector<AuditEntry> audit_entries(const AuditQuery& q) override;
  void scan_audit(const std::function<void(const AuditEntry&)>& f) override;
  std::pair<int64_t, std::string> audit_head() override;
  void insert_audit_checkpoint(const AuditCheckpoint& c, std::string_view at) override;
  std::vector<AuditCheckpoint> audit_checkpoints() override;
  int64_t insert_proposal(const Proposal& p) override;
  std::optional<Proposal> proposal(int64_t id) override;
  std::vector<Proposal> proposals(std::string_view kind, std::string_view status, std::string_view region_prefix,
                                  int64_t limit) override;
  bool decide_proposal(int64_t id, std::string_view expected, std::string_view status, std::string_view by,
                       std::string_view at, std::string_view note) override;
  void insert_retired_nik(const RetiredNik& r) override;
  std::optional<RetiredNik> retired_nik(std::string_view nik) override;
  // DedupStore
  void put_dedup_keys(std::string_view nik, std::span<const uint64_t> keys) override;
  std::vector<std::string> dedup_key_holders(std::span<const uint64_t> keys, std::string_view nik, int64_t per_key) override;
  int64_t dedup_key_count(uint64_t key) override;
  std::string dedup_state(std::string_view name) override;
  void put_dedup_state(std::string_view name, std::string_view value) override;
  bool swap_dedup_state(std::string_view name, std::string_view expected, std::string_view value) override;
  std::vector<ChangedResident> residents_changed_after(int64_t seq, int64_t limit) override;
  void put_duplicate_link(const DuplicateLink& link) override;
  std::optional<DuplicateLink> duplicate_link(std::string_view nik) override;
  std::vector<AdjudicationCase> adjudications_between(std::string_view a, std::string_view b) override;
  std::vector<AdjudicationCase> adjudications_in_region(std::string_view source, std::string_view prefix,
                                                        std::string_view status, int64_t limit) override;
  // KeyStore (sql_key_store.cc)
  std::string master_key_id() override;
  std::vector<DataKeyInfo> data_keys() override;
  int64_t add_data_key() override;
  int64_t rows_to_reseal() override;
  int64_t reseal_rows(ResealCursor& cursor, int64_t limit) override;
  int64_t rewrap_data_keys(const MasterKey& next) override;

 private:
  // Brings audit_lookup up to the committed head (audit searches go through it).
  void catch_up_audit_lookup();
  // Sealing at rest (sql_key_store.cc). A value's place ("enrolments.photo:<packet id>") is bound
  // to its ciphertext; a row's data_key column names its key, NULL when written in clear.
  int64_t active_data_key();  // made on first use; read once per transaction
  std::string seal(int64_t key, std::string_view place, std::string_view plain);
  std::string unseal(std::string_view place, std::string stored, bool sealed);
  // The photo or signature (`column`) of a NIK's latest capture, unsealed; nullopt without one.
  std::optional<std::string> latest_enrolment_image(std::string_view nik, std::string_view column);
  // TEXT columns (private keys, hex in clear) hold the hex of the sealed text.
  std::string seal_text(int64_t key, std::string_view place, std::string_view text);
  std::string unseal_text(std::string_view place, std::string stored, bool sealed);
  UserAccount read_user(const sql::Statement& s);  // opens the sealed TOTP secret
  const std::string& data_key(int64_t id);
  void open_all_data_keys();  // before a long scan, so no key is fetched while it streams
  int64_t insert_data_key(bool replace_active);
  void forget_active_key(bool rolled_back);
  bool postgres() const { return db_->dialect() == sql::Dialect::Postgres; }
  void migrate();
  int64_t next_change_seq();
  // Waits for the queued writes and verifies the conditional ones checked at commit.
  std::vector<int64_t> flush();
  std::vector<size_t> checks_;  // queued writes that must have changed exactly one row
  std::unique_ptr<sql::Connection> db_;
  std::shared_ptr<KeyVault> vault_;
  std::optional<int64_t> active_key_;  // inside a transaction: a rotation elsewhere is seen by the next one
  std::vector<int64_t> keys_made_;     // by the open transaction, forgotten if it rolls back
};

}  // namespace ktpel
