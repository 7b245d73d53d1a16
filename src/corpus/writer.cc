#include "corpus/writer.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "corpus/analysis.h"
#include "corpus/cross_year.h"
#include "corpus/ocr_names.h"
#include "util/text.h"

namespace gongkai::corpus {

store::NameRecord NameRecordOf(const Hierarchy& hierarchy, const std::string& name) {
  store::NameRecord n;
  n.name = name;
  n.match_key = text::MatchKey(name);
  n.key = AgencyKey(name);
  for (const std::string& a : hierarchy.Ancestors(name)) n.region_keys.push_back(AgencyKey(a));
  n.unit = hierarchy.Find(name);
  return n;
}

Writer::Writer(store::Store& store) : store_(store) {}
Writer::~Writer() = default;

void Writer::Reload(store::WriteTransaction& tx) {
  identities_ = {};
  names_.clear();
  spellings_.clear();
  agency_of_key_.clear();
  agencies_.clear();
  for (store::StoredAgency& a : tx.Agencies()) {
    agency_of_key_[a.record.key] = a.id;
    agencies_[a.id] = std::move(a.record);
  }
  for (auto& [name, id] : tx.AgencyNames()) {
    const std::string key = AgencyKey(name);
    identities_.Add(key);
    spellings_[key].insert(name);
    names_.emplace(std::move(name), id);
  }
  hierarchy_ = std::make_unique<Hierarchy>(store_.Regions());
  loaded_ = true;
}

store::AgencyRecord Writer::RecordOf(const Identities::Class& c) const {
  store::AgencyRecord a;
  a.key = c.key;
  const auto names = spellings_.find(c.key);
  a.name = names == spellings_.end() || names->second.empty() ? c.key : *names->second.begin();
  const InferredPlace place = InferPlace(a.name);
  const std::string region = hierarchy_->RegionOf(a.name);
  a.region = region.empty() ? place.region : region;
  a.parent = place.parent;
  a.governs = place.governs;
  for (const std::string& k : c.may_be) {
    const auto n = spellings_.find(k);
    if (!a.ambiguous.empty()) a.ambiguous += "、";
    a.ambiguous += n == spellings_.end() || n->second.empty() ? k : *n->second.begin();
  }
  return a;
}

void Writer::Reconcile(store::WriteTransaction& tx, const std::string& key) {
  std::vector<Identities::Class> classes = identities_.GroupOf(key, *hierarchy_);
  // Classes whose identity key has its agency already go first, so that
  // agencies keep their ids where they can.
  std::stable_partition(classes.begin(), classes.end(),
                        [&](const Identities::Class& c) { return agency_of_key_.contains(c.key); });
  std::set<std::int64_t> used;
  for (const Identities::Class& c : classes) {
    std::set<std::string> names;
    for (const std::string& k : c.keys) {
      if (auto it = spellings_.find(k); it != spellings_.end()) names.insert(it->second.begin(), it->second.end());
    }
    const store::AgencyRecord record = RecordOf(c);
    std::int64_t id = 0;
    if (auto it = agency_of_key_.find(c.key); it != agency_of_key_.end() && !used.contains(it->second)) {
      id = it->second;
    } else {
      // An agency that holds some of these spellings takes the new key.
      for (const std::string& n : names) {
        const auto at = names_.find(n);
        if (at != names_.end() && !used.contains(at->second) && (id == 0 || at->second < id)) id = at->second;
      }
      if (id != 0) {
        agency_of_key_.erase(agencies_[id].key);
      } else {
        id = tx.UpsertAgency(record);
        agencies_[id] = record;
      }
      agency_of_key_[c.key] = id;
    }
    used.insert(id);
    if (agencies_[id] != record) {
      tx.UpdateAgency(id, record);
      agencies_[id] = record;
    }
    for (const std::string& n : names) {
      const auto at = names_.find(n);
      if (at == names_.end()) {
        tx.AddName(NameRecordOf(*hierarchy_, n), id);
        names_.emplace(n, id);
      } else if (at->second != id) {
        moved_.insert(at->second);
        moved_.insert(id);
        tx.MoveName(n, id);
        at->second = id;
      }
    }
  }
}

void Writer::Repair(store::WriteTransaction& tx, std::int64_t agency_id) {
  tx.RenumberRevisions(agency_id);
  tx.ResetAgencyPlaces(agency_id);
  bool any = false;
  for (const auto& [name, id] : names_) {
    if (id != agency_id) continue;
    tx.AddName(NameRecordOf(*hierarchy_, name), id);
    any = true;
  }
  if (!any) {
    tx.DeleteAgencyIfUnused(agency_id);
    agency_of_key_.erase(agencies_[agency_id].key);
    agencies_.erase(agency_id);
  }
}

std::int64_t Writer::AgencyId(store::WriteTransaction& tx, const std::string& printed_name) {
  if (auto it = names_.find(printed_name); it != names_.end()) return it->second;
  const std::string key = AgencyKey(printed_name);
  identities_.Add(key);
  spellings_[key].insert(printed_name);
  Reconcile(tx, key);
  return names_.at(printed_name);
}

store::WriteResult Writer::Write(const std::vector<Report>& reports, const std::vector<store::Failure>& failures) {
  store::WriteResult result;
  try {
    store::WriteTransaction tx(store_);
    if (!loaded_ || tx.others_wrote() || store_.commits() != commits_seen_) Reload(tx);
    moved_.clear();
    if (store_.Pending("identity")) {
      // A store upgraded from schema 2: its agencies decided again.
      for (const std::string& k : identities_.Groups()) Reconcile(tx, k);
      tx.ClearPending("identity");
    }
    for (const store::Failure& f : failures) {
      tx.InsertFailure(f);
      ++result.failures;
    }
    // The agencies and years that got a report: their cross-year pairs.
    std::map<std::int64_t, std::set<int>> touched;
    std::map<std::int64_t, const Report*> fresh;  // reports stored now, by id
    std::deque<Report> resolved;  // copies of reports whose OCR'd name was resolved (stable addresses)
    for (const Report& r : reports) {
      if (tx.HasReport(r.source.sha256)) {
        ++result.duplicates;
        continue;
      }
      // A report whose agency could not be read is its own identity: never
      // merge unknowns into one agency.
      std::string name =
          r.meta.agency.empty() ? "（未识别单位）" + r.source.sha256.substr(0, 12) : r.meta.agency;
      // A name the OCR doubted that the corpus does not know: the one known
      // agency (or name of the hierarchy) it is close to takes the report;
      // otherwise it is kept and flagged, never taken as sure.
      const Report* report = &r;
      if (!r.meta.agency.empty() && !names_.contains(name) && AgencyNameDoubted(r)) {
        std::vector<std::string> known;
        known.reserve(agencies_.size() + hierarchy_->names().size());
        for (const auto& [id, record] : agencies_) known.push_back(record.name);
        known.insert(known.end(), hierarchy_->names().begin(), hierarchy_->names().end());
        const NameResolution match = ResolveReadName(name, known);
        if (match.kind != NameResolution::Kind::kKnown) {
          Report& copy = resolved.emplace_back(r);
          Finding f;
          f.severity = "warning";
          f.excerpt = r.meta.agency;
          if (match.kind == NameResolution::Kind::kMatched) {
            f.rule = "read.agency_matched";
            f.message = "单位名称经文字识别读作“" + name + "”，与已知单位“" + match.name + "”相差" +
                        std::to_string(match.distance) + "字，按“" + match.name + "”归档；请核对原件";
            copy.meta.agency = match.name;
            name = match.name;
          } else {
            f.rule = "read.agency_unmatched";
            f.message = "单位名称经文字识别读作“" + name + "”，可能有误，且与已知单位均不相近，作为新单位归档；请人工核对原件";
          }
          copy.findings.push_back(std::move(f));
          report = &copy;
        }
      }
      const std::int64_t agency = AgencyId(tx, name);
      const UnitStats stats = StatsOf(*report);
      const store::StoredReport stored =
          tx.InsertReport(*report, agency, {stats.disclosure.numerator, stats.disclosure.denominator, stats.disclosure.null_term},
                          {stats.correction.numerator, stats.correction.denominator, stats.correction.null_term});
      ++result.inserted;
      if (stored.revision > 1) ++result.new_revisions;
      if (report->meta.year) touched[agency].insert(*report->meta.year);
      fresh[stored.id] = report;
    }
    for (const std::int64_t a : moved_) {
      Repair(tx, a);
      touched.erase(a);
    }
    if (store_.Pending("cross_year")) {
      RefreshAllCrossYear(store_, tx);
    } else {
      for (const std::int64_t a : moved_) {
        if (agencies_.contains(a)) RefreshCrossYear(store_, tx, a, {}, fresh);
      }
      for (const auto& [agency, years] : touched) RefreshCrossYear(store_, tx, agency, years, fresh);
    }
    tx.Commit();
    commits_seen_ = store_.commits();
  } catch (...) {
    loaded_ = false;  // rolled back: ids cached during it do not exist
    throw;
  }
  return result;
}

store::WriteResult Write(store::Store& store, const std::vector<Report>& reports,
                         const std::vector<store::Failure>& failures) {
  return Writer(store).Write(reports, failures);
}

void Writer::SetRegions(const std::vector<store::Region>& regions) {
  try {
    store::WriteTransaction tx(store_);
    Reload(tx);
    tx.ReplaceRegions(regions);
    hierarchy_ = std::make_unique<Hierarchy>(regions);
    moved_.clear();
    // Identities first (the hierarchy resolves short names), then every
    // agency's region, unit and closure as the new hierarchy says.
    for (const std::string& k : identities_.Groups()) Reconcile(tx, k);
    for (auto& [id, record] : agencies_) {
      const std::string region = hierarchy_->RegionOf(record.name);
      const std::string placed = region.empty() ? InferPlace(record.name).region : region;
      if (placed != record.region) {
        record.region = placed;
        tx.SetAgencyRegion(id, placed);
      }
    }
    for (const auto& [name, id] : names_) tx.AddName(NameRecordOf(*hierarchy_, name), id);
    std::vector<std::int64_t> moved(moved_.begin(), moved_.end());
    for (const std::int64_t a : moved) Repair(tx, a);
    for (const std::int64_t a : moved) {
      if (agencies_.contains(a)) RefreshCrossYear(store_, tx, a);
    }
    tx.Commit();
    commits_seen_ = store_.commits();
  } catch (...) {
    loaded_ = false;
    throw;
  }
}

void SetRegions(store::Store& store, const std::vector<store::Region>& regions) { Writer(store).SetRegions(regions); }

}  // namespace gongkai::corpus
