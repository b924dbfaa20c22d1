// StoreView: the part of the store a service may use. A service declares the aggregates it needs
// (StoreView<EktpStore> for the e-KTP service) and cannot reach the others: the stock ledger is not
// in an e-KTP service's view, so no code there can call it. Built from a Store (implicitly, so
// callers pass their store as before); one connection underneath, so a use case spanning the
// parts of its view still runs in one transaction.
#pragma once
#include <tuple>

#include "store/store.h"

namespace ktpel {

template <class... Parts>
class StoreView {
 public:
  StoreView(Store& s) : tx_(&s), parts_(static_cast<Parts*>(&s)...) {}  // NOLINT: implicit on purpose
  // A narrower view of a view (a service handing part of its view to another).
  template <class... Others>
  StoreView(const StoreView<Others...>& wider)  // NOLINT: implicit on purpose
      : tx_(&wider.transactions()), parts_(&wider.template as<Parts>()...) {}
  template <class Part>
  Part& as() const {
    return *std::get<Part*>(parts_);
  }
  // A view of one part reads as that part.
  auto* operator->() const
    requires(sizeof...(Parts) == 1)
  {
    return std::get<0>(parts_);
  }
  Transactions& transactions() const { return *tx_; }

 private:
  Transactions* tx_;
  std::tuple<Parts*...> parts_;
};

}  // namespace ktpel
