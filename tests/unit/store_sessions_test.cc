// Sessions end when their lifetime runs out, and nothing of them stays: an
// expired token is refused and deleted when presented, and the periodic purge
// removes the expired ones nobody presents again while the live ones stay.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/accounts.h"
#include "store/sqlite.h"

namespace gongkai::store {
namespace {

namespace fs = std::filesystem;

class StoreSessions : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = fs::temp_directory_path() / ("gongkai-sessions-" + std::to_string(::getpid()) + ".db");
    fs::remove(path_);
    db_ = std::make_unique<Database>(path_.string());
    accounts_ = std::make_unique<Accounts>(*db_);
    ASSERT_TRUE(accounts_->AddUser("张三", Role::kReviewer, "correct horse battery"));
  }
  void TearDown() override {
    accounts_.reset();
    db_.reset();
    fs::remove(path_);
  }
  std::int64_t Rows() {
    Statement s = db_->Prepare("SELECT count(*) FROM sessions");
    s.Step();
    return s.Int(0);
  }
  fs::path path_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Accounts> accounts_;
};

TEST_F(StoreSessions, ExpiredTokenIsRefusedAndDeletedWhenPresented) {
  const std::string live = accounts_->CreateSession("张三", nullptr, 3600);
  const std::string expired = accounts_->CreateSession("张三", nullptr, -10);
  ASSERT_EQ(Rows(), 2);
  EXPECT_FALSE(accounts_->FindSession(expired));
  EXPECT_EQ(Rows(), 1);
  ASSERT_TRUE(accounts_->FindSession(live));
  EXPECT_EQ(accounts_->FindSession(live)->user, "张三");
  EXPECT_EQ(Rows(), 1);
}

TEST_F(StoreSessions, PurgeRemovesOnlyTheExpired) {
  const std::string live = accounts_->CreateSession("张三", nullptr, 3600);
  // Its lifetime runs out while nobody presents it.
  db_->Prepare("UPDATE sessions SET expires_at = expires_at - 7200").Run();
  accounts_->CreateSession("张三", nullptr, 3600);  // purges the one above
  EXPECT_EQ(Rows(), 1);
  accounts_->CreateSession("张三", nullptr, -1);
  accounts_->CreateSession("张三", nullptr, -1);  // purges the first -1 one
  EXPECT_EQ(Rows(), 2);
  EXPECT_EQ(accounts_->PurgeExpiredSessions(), 1u);
  EXPECT_EQ(Rows(), 1);
  EXPECT_EQ(accounts_->PurgeExpiredSessions(), 0u);
  EXPECT_FALSE(accounts_->FindSession(live));  // moved into the past above
}

}  // namespace
}  // namespace gongkai::store
