// The printable suket (surat keterangan pengganti KTP-el): an A4 PDF drawn with cairo, with the
// resident's data, photo, validity and a QR code (libqrencode) that holds the signed token.
#pragma once
#include <string>

#include "core/registry/resident.h"
#include "store/print_store.h"

namespace ktpel {

struct SuketDocument {
  SuketRecord suket;
  Resident resident;
  std::string office_name, village_name, kecamatan_name;
  std::string photo_jpeg;  // "" or not a readable JPEG: a photo box is drawn instead
  std::string verify_url;  // what the QR holds: the public page <base>/v/<token>, or "" for the bare token
};

std::string render_suket_pdf(const SuketDocument& doc);  // the PDF bytes
// Width and height of a baseline or progressive JPEG from its SOF header; false when unreadable.
bool jpeg_size(const std::string& jpeg, int& width, int& height);

}  // namespace ktpel
