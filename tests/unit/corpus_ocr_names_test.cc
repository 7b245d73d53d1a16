// OCR'd agency names never create new agencies in the corpus: a name whose
// characters the OCR doubted resolves to the one known agency it is close
// to, or is kept and flagged for a person; a name read without doubt, or a
// doubt elsewhere in the report, changes nothing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "corpus/ocr_names.h"
#include "corpus/writer.h"
#include "pipeline/pipeline.h"
#include "readers/reader.h"
#include "store/store.h"

namespace gongkai::corpus {
namespace {

namespace fs = std::filesystem;
using Kind = NameResolution::Kind;

TEST(OcrNames, CharDistanceCountsCharactersNotBytes) {
  EXPECT_EQ(CharDistance("掇刀区", "援刀区"), 1);
  EXPECT_EQ(CharDistance("掇刀区", "掇刀区"), 0);
  EXPECT_EQ(CharDistance("掇刀区", "刀区"), 1);
  EXPECT_EQ(CharDistance("", "掇刀区"), 3);
  EXPECT_EQ(CharDistance("荆门市掇刀区", "荆门市援力区"), 2);
}

TEST(OcrNames, OneWrongCharacterFindsTheKnownAgency) {
  const std::vector<std::string> known = {"荆门市东宝区人民政府", "荆门市掇刀区人民政府", "硚口区行政审批局"};
  const NameResolution r = ResolveReadName("荆门市援刀区人民政府", known);
  EXPECT_EQ(r.kind, Kind::kMatched);
  EXPECT_EQ(r.name, "荆门市掇刀区人民政府");
  EXPECT_EQ(r.distance, 1);
  // A bare district name against the full one: compared by their roots.
  const NameResolution bare = ResolveReadName("援刀区人民政府", known);
  EXPECT_EQ(bare.kind, Kind::kMatched);
  EXPECT_EQ(bare.name, "荆门市掇刀区人民政府");
  // A department with one character wrong.
  EXPECT_EQ(ResolveReadName("硚口区行政审枇局", known).name, "硚口区行政审批局");
}

TEST(OcrNames, KnownNamesAreKnown) {
  const std::vector<std::string> known = {"荆门市掇刀区人民政府"};
  EXPECT_EQ(ResolveReadName("掇刀区人民政府", known).kind, Kind::kKnown);
  EXPECT_EQ(ResolveReadName("荆门市掇刀区", known).kind, Kind::kKnown);
}

TEST(OcrNames, FarOrAmbiguousNamesAreNotMatched) {
  // Two wrong characters of three: too far.
  EXPECT_EQ(ResolveReadName("援力区", {"掇刀区"}).kind, Kind::kUnmatched);
  // 西城区 is one character from both 东城区 and 北城区: neither is taken.
  const NameResolution tie = ResolveReadName("西城区人民政府", {"东城区人民政府", "北城区人民政府"});
  EXPECT_EQ(tie.kind, Kind::kUnmatched);
  EXPECT_TRUE(tie.name.empty());
  // Two spellings of one agency are no rivals.
  EXPECT_EQ(ResolveReadName("援刀区", {"荆门市掇刀区", "掇刀区人民政府"}).kind, Kind::kMatched);
  // 南京市鼓搂区 is 南京市's 鼓楼区, not 福州市's: full names are compared in full.
  const NameResolution gulou = ResolveReadName("南京市鼓搂区人民政府", {"福州市鼓楼区人民政府", "南京市鼓楼区人民政府"});
  EXPECT_EQ(gulou.kind, Kind::kMatched);
  EXPECT_EQ(gulou.name, "南京市鼓楼区人民政府");
  // Names too short to tell.
  EXPECT_EQ(ResolveReadName("区", {"县"}).kind, Kind::kUnmatched);
}

const Report& Seed() {
  static const Report r = pipeline::ProcessBytes(
      readers::LoadFile(std::string(GONGKAI_SOURCE_DIR) + "/tests/fixtures/seeds/000-qiaokou-approval-2023.txt"),
      "seed.txt");
  return r;
}

Report Make(const std::string& agency, int year, const std::string& sha, bool doubted_name) {
  Report r = Seed();
  r.meta.agency = agency;
  r.meta.year = year;
  r.source.sha256 = sha;
  r.source.path = sha + ".pdf";
  Finding f;
  f.rule = "read.uncertain";
  f.severity = "warning";
  f.message = "文字识别存疑";
  if (doubted_name) f.facts.emplace_back("agency_doubted", "true");
  r.findings.push_back(f);
  return r;
}

struct Stored {
  std::string agency;
  std::vector<std::string> rules;
};

std::map<std::string, Stored> Corpus(store::Store& s) {
  std::map<std::string, Stored> out;
  for (const store::ReportRow& row : s.Reports(true)) {
    Stored& st = out[row.sha256];
    st.agency = row.agency;
    for (const Finding& f : s.LoadReport(row.id).findings) st.rules.push_back(f.rule);
  }
  return out;
}

bool Has(const std::vector<std::string>& rules, const std::string& rule) {
  return std::find(rules.begin(), rules.end(), rule) != rules.end();
}

TEST(OcrNames, WriterFilesADoubtedNameUnderTheKnownAgency) {
  const fs::path db = fs::temp_directory_path() / ("gongkai-ocrnames-" + std::to_string(::getpid()) + ".db");
  fs::remove(db);
  {
    store::Store s(db.string());
    Writer w(s);
    w.Write({Make("荆门市掇刀区人民政府", 2022, "typed2022", false)}, {});
    w.Write({Make("荆门市援刀区人民政府", 2023, "scan2023", true),      // doubted, close: resolved
             Make("荆门市东宝区人民政府", 2023, "scan-dongbao", true),  // doubted, far from all: flagged
             Make("荆门市掇力区人民政府", 2021, "clean2021", false)},   // read without doubt: as read
            {});
    const auto corpus = Corpus(s);
    ASSERT_EQ(corpus.size(), 4u);
    EXPECT_EQ(corpus.at("scan2023").agency, corpus.at("typed2022").agency);
    EXPECT_TRUE(Has(corpus.at("scan2023").rules, "read.agency_matched"));
    EXPECT_NE(corpus.at("scan-dongbao").agency, corpus.at("typed2022").agency);
    EXPECT_TRUE(Has(corpus.at("scan-dongbao").rules, "read.agency_unmatched"));
    EXPECT_NE(corpus.at("clean2021").agency, corpus.at("typed2022").agency);
    EXPECT_FALSE(Has(corpus.at("clean2021").rules, "read.agency_matched"));
    EXPECT_FALSE(Has(corpus.at("typed2022").rules, "read.agency_unmatched"));
    // Three agencies: 掇刀区 (two reports), 东宝区, 掇力区.
    std::set<std::string> agencies;
    for (const auto& [sha, st] : corpus) agencies.insert(st.agency);
    EXPECT_EQ(agencies.size(), 3u);
  }
  fs::remove(db);
  fs::remove(db.string() + "-wal");
  fs::remove(db.string() + "-shm");
}

}  // namespace
}  // namespace gongkai::corpus
