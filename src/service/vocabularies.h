// Every enumerated value the CLI and the API accept, listed once from the core's own types: the
// CLI's --help shows them (and checks them, any case), the OpenAPI request schemas use them as
// enums, so documentation and validation cannot drift from the code.
#pragma once
#include <string>
#include <vector>

namespace ktpel::vocab {

using Names = std::vector<std::string>;

Names ektp_events();        // capture, receive, ..., refer_adjudication (officer transitions; not decease)
Names ektp_statuses();      // BC, SFE, ..., DEDUP_REVIEW
Names reprint_reasons();    // HILANG, RUSAK, PERUBAHAN DATA
Names resident_events();    // death, move, marital_change, correction (POST /residents/{nik}/events)
Names item_types();         // PC, FINGERPRINT_SCANNER, ...
Names item_statuses();      // active, broken, in_repair, retired
Names fault_causes();       // unknown, power, ...
Names repair_sites();       // on_site, regency, ...
Names printer_statuses();   // active, broken, in_repair, lent (retired is set through the inventory)
Names stock_items();        // blangko, ribbon, cleaning_kit
Names stock_movements();    // tranche, send, arrive, use, return, count, expect (POST /stock/movements)
Names roles();              // operator, supervisor, ...
Names levels();             // provinsi, kabupaten, kecamatan, desa
Names religions();
Names marital_statuses();
Names blood_types();
Names citizenships();
Names relationships();
Names sexes();              // L, P

// "a, b or c": for messages and help texts.
std::string joined(const Names& names);

}  // namespace ktpel::vocab
