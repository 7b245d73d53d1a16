// Draft states and unit accounts (store/drafts.h): the latest draft of an
// agency and year replaces the earlier one and counts revisions; a unit's
// agency goes with the user when the user is removed; a store opened again
// keeps both (the tables are created only if missing).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/accounts.h"
#include "store/drafts.h"
#include "store/sqlite.h"

namespace gongkai::store {
namespace {

namespace fs = std::filesystem;

class StoreDrafts : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = fs::temp_directory_path() / ("gongkai-drafts-" + std::to_string(::getpid()) + ".db");
    fs::remove(path_);
  }
  void TearDown() override { fs::remove(path_); }
  fs::path path_;
};

TEST_F(StoreDrafts, LatestDraftReplacesTheEarlierAndCountsRevisions) {
  Database db(path_.string());
  Drafts drafts(db);
  DraftState d{"某区教育局", 2024, "unit1", "", "docx", 2, 1, 0};
  EXPECT_EQ(drafts.Record(d).revisions, 1);
  d.errors = 0;
  d.format = "html";
  const DraftState again = drafts.Record(d);
  EXPECT_EQ(again.revisions, 2);
  EXPECT_FALSE(again.at.empty());
  drafts.Record({"某区财政局", 2024, "rev", "2024-01-01T00:00:00Z", "docx", 0, 0, 0});
  drafts.Record({"某区教育局", 2023, "unit1", "", "docx", 3, 0, 0});
  const auto year = drafts.List(2024);
  ASSERT_EQ(year.size(), 2u);
  EXPECT_EQ(year[0].agency, "某区教育局");  // by agency (byte order of UTF-8)
  EXPECT_TRUE(year[0].passes());
  EXPECT_EQ(year[0].format, "html");
  EXPECT_EQ(year[0].revisions, 2);
  EXPECT_EQ(drafts.List(std::nullopt, "某区教育局").size(), 2u);
  EXPECT_FALSE(drafts.List(2023, "某区教育局")[0].passes());
  EXPECT_TRUE(drafts.List(2022).empty());
}

TEST_F(StoreDrafts, UnitAgencyGoesWithTheUser) {
  {
    Database db(path_.string());
    Accounts accounts(db);
    Drafts drafts(db);
    ASSERT_TRUE(accounts.AddUser("unit1", Role::kViewer, "unit1-password"));
    ASSERT_TRUE(accounts.AddUser("unit2", Role::kViewer, "unit2-password"));
    drafts.SetUnit("unit1", "某区教育局");
    drafts.SetUnit("unit2", "某区财政局");
    drafts.SetUnit("unit2", "某区民政局");  // changed, not added
    EXPECT_EQ(drafts.Units().size(), 2u);
    EXPECT_EQ(drafts.UnitAgency("unit2"), "某区民政局");
    drafts.SetUnit("unit2", "");
    EXPECT_FALSE(drafts.UnitAgency("unit2"));
  }
  Database db(path_.string());
  Accounts accounts(db);
  Drafts drafts(db);
  EXPECT_EQ(drafts.UnitAgency("unit1"), "某区教育局");  // kept across opening
  ASSERT_TRUE(accounts.RemoveUser("unit1"));
  EXPECT_FALSE(drafts.UnitAgency("unit1"));
  ASSERT_TRUE(accounts.AddUser("unit1", Role::kViewer, "unit1-password"));
  EXPECT_FALSE(drafts.UnitAgency("unit1"));  // a new user of that name is not the old unit
}

}  // namespace
}  // namespace gongkai::store
