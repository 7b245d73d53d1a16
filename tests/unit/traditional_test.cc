// Traditional script: converted to Simplified for the labels, the original
// kept beside it with a map between their offsets, and findings quoting both.
#include <gtest/gtest.h>

#include <opencc/SimpleConverter.hpp>

#include <string>

#include "../../fuzz/offsets.h"
#include "pipeline/pipeline.h"
#include "readers/reader.h"
#include "readers/simplify.h"
#include "report/evidence.h"
#include "writers/json_writer.h"

namespace gongkai {
namespace {

std::string Fixture(const std::string& rel) {
  return readers::LoadFile(std::string(GONGKAI_SOURCE_DIR) + "/tests/fixtures/" + rel);
}

void Replace(std::string& s, const std::string& from, const std::string& to) {
  const std::size_t at = s.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  s.replace(at, from.size(), to);
}

TEST(OriginalOffset, AlikeStretchesMoveAlongRewrittenOnesMapToTheirStart) {
  // "ab" alike, then 3 bytes rewritten as 4, then "cd" alike.
  const std::vector<OffsetAnchor> anchors = {{0, 0}, {2, 2}, {6, 5}, {8, 7}};
  EXPECT_EQ(OriginalOffset(anchors, 0), 0u);
  EXPECT_EQ(OriginalOffset(anchors, 1), 1u);
  EXPECT_EQ(OriginalOffset(anchors, 2), 2u);
  EXPECT_EQ(OriginalOffset(anchors, 4), 2u);
  EXPECT_EQ(OriginalOffset(anchors, 6), 5u);
  EXPECT_EQ(OriginalOffset(anchors, 7), 6u);
  EXPECT_EQ(OriginalOffset(anchors, 8), 7u);
  EXPECT_EQ(OriginalOffset({}, 42), 42u);
}

TEST(Simplifier, ConvertsLikeOpenCcAndKeepsTheOriginal) {
  const std::string page = Fixture("html/005-duodao-2023-traditional.html");
  Document raw = readers::ReadHtml(page);  // as written
  ASSERT_TRUE(readers::LooksTraditional(raw.text));
  const std::string as_written = raw.text;

  const readers::Simplifier simplifier;
  Document doc = raw;
  simplifier.Apply(doc);
  // Converting only the runs between ASCII, segment by segment, gives what
  // OpenCC gives for the whole text at once.
  EXPECT_EQ(doc.text, opencc::SimpleConverter("t2s.json").Convert(as_written));
  EXPECT_EQ(doc.original, as_written);
  EXPECT_NE(doc.text.find("政府信息公开"), std::string::npos);
  EXPECT_EQ(doc.text.find("公開"), std::string::npos);
  ASSERT_FALSE(doc.original_anchors.empty());
  EXPECT_EQ(doc.original_anchors.back(), (OffsetAnchor{doc.text.size(), doc.original.size()}));
  fuzz::CheckOffsets(doc);  // aborts on a broken offset or anchor

  // Blocks and cells keep their layout; each maps to the same block or cell
  // of the original, converted.
  ASSERT_EQ(doc.blocks.size(), raw.blocks.size());
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    const Block& o = raw.blocks[i];
    EXPECT_EQ(OriginalOffset(doc.original_anchors, b.offset), o.offset);
    EXPECT_EQ(b.text, simplifier.Convert(o.text));
    ASSERT_EQ(b.rows.size(), o.rows.size());
    for (std::size_t r = 0; r < b.rows.size(); ++r) {
      ASSERT_EQ(b.rows[r].size(), o.rows[r].size());
      for (std::size_t c = 0; c < b.rows[r].size(); ++c) {
        EXPECT_EQ(OriginalOffset(doc.original_anchors, b.rows[r][c].offset), o.rows[r][c].offset);
        EXPECT_EQ(b.rows[r][c].text, simplifier.Convert(o.rows[r][c].text));
      }
    }
  }

  // Applying twice changes nothing; Simplified text is left alone.
  const std::string once = doc.text;
  simplifier.Apply(doc);
  EXPECT_EQ(doc.text, once);
  Document simplified = readers::ReadHtml(Fixture("html/001-duodao-2023.html"));
  const std::string before = simplified.text;
  simplifier.Apply(simplified);
  EXPECT_EQ(simplified.text, before);
  EXPECT_TRUE(simplified.original.empty());
  EXPECT_TRUE(simplified.original_anchors.empty());
}

TEST(Simplifier, TraditionalPlainTextToo) {
  const std::string text =
      "政府資訊公開工作年度報告\n一、總體情況\n本機關認真貫徹落實《政府信息公開條例》。\n"
      "四、結轉下年度繼續辦理\t3\t0\n";
  const Document doc = readers::Read(text, readers::Format::kText);
  EXPECT_NE(doc.text.find("四、结转下年度继续办理\t3\t0"), std::string::npos) << doc.text;
  EXPECT_EQ(doc.original, text);
  fuzz::CheckOffsets(doc);
}

// A finding on a Traditional page quotes the page as written, while its
// offset and excerpt still point into the Simplified Document::text.
TEST(TraditionalEvidence, FindingQuotesTheOriginal) {
  std::string page = Fixture("html/005-duodao-2023-traditional.html");
  // One more new request of a natural person than the fixture has: the
  // Table 三 identities no longer hold.
  Replace(page, "新收政府信息公開申請數量</p></td><td valign=\"middle\" align=\"center\"><p>27</p>",
          "新收政府信息公開申請數量</p></td><td valign=\"middle\" align=\"center\"><p>28</p>");
  const Report r = pipeline::ProcessBytes(page, "traditional.html");
  ASSERT_FALSE(r.original.empty());
  EXPECT_EQ(r.text.find("公開"), std::string::npos);

  const Finding* quoted = nullptr;
  for (const Finding& f : r.findings) {
    if (f.offset && f.rule.rfind("table3.", 0) == 0) {
      quoted = &f;
      break;
    }
  }
  ASSERT_NE(quoted, nullptr);
  // The offset and excerpt are in the converted text…
  ASSERT_LE(*quoted->offset, r.text.size());
  EXPECT_EQ(quoted->excerpt, Excerpt(r.text, *quoted->offset));
  EXPECT_EQ(quoted->excerpt.find("開"), std::string::npos) << quoted->excerpt;
  // …and the original is the same place as written: Traditional, and the
  // excerpt once converted.
  EXPECT_FALSE(quoted->original.empty());
  EXPECT_EQ(quoted->original, Excerpt(r.original, OriginalOffset(r.original_anchors, *quoted->offset)));
  EXPECT_NE(quoted->original, quoted->excerpt);
  EXPECT_EQ(readers::Simplifier().Convert(quoted->original), quoted->excerpt);
  EXPECT_TRUE(quoted->original.find("數") != std::string::npos || quoted->original.find("開") != std::string::npos ||
              quoted->original.find("請") != std::string::npos)
      << quoted->original;

  // In JSON: evidence {excerpt, offset} as the contract says, plus `original`.
  const writers::Json j = writers::FindingToJson(*quoted);
  EXPECT_EQ(j["evidence"]["excerpt"], quoted->excerpt);
  EXPECT_EQ(j["evidence"]["offset"], *quoted->offset);
  EXPECT_EQ(j["evidence"]["original"], quoted->original);

  // Every finding with an offset carries the original.
  for (const Finding& f : r.findings) {
    if (f.offset) {
      EXPECT_FALSE(f.original.empty()) << f.rule;
    }
  }
}

TEST(TraditionalEvidence, SimplifiedReportsHaveNoOriginal) {
  std::string page = Fixture("html/001-duodao-2023.html");
  const Report r = pipeline::ProcessBytes(page, "simplified.html");
  EXPECT_TRUE(r.original.empty());
  for (const Finding& f : r.findings) {
    EXPECT_TRUE(f.original.empty());
    EXPECT_FALSE(writers::FindingToJson(f)["evidence"].contains("original"));
  }
}

}  // namespace
}  // namespace gongkai
