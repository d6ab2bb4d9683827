// VoteModel and VoteSampler: dispatch, metadata, agreement with the models, and that the
// hot path never allocates (counted by replacing global operator new in this binary).
#include "models/vote_model.h"

#include <atomic>
#include <cstdlib>
#include <memory>
#include <new>
#include <numeric>
#include <vector>

#include <gtest/gtest.h>

#include "engine/random/streams.h"

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

// Counting replacements of the plain global allocation functions (the aligned and
// nothrow forms keep their defaults, which call these in libstdc++). GCC 12 inlines the
// replaced delete into gtest's code and then warns that free() meets a pointer from
// operator new, not seeing that this operator new is malloc: a false positive.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}

namespace seatcast::models {
namespace {

const std::vector<double> kPollPercent = {58.4, 5.1, 5.4, 5.2, 4.2, 3.9, 1.8, 16.0};

LogisticNormalModel poll_logistic(double t_dof) {
  Eigen::VectorXd m(8);
  for (int i = 0; i < 8; ++i) m[i] = kPollPercent[i];
  Eigen::MatrixXd r = Eigen::MatrixXd::Constant(8, 8, 0.3);
  r.diagonal().setOnes();
  return LogisticNormalModel(m, Eigen::VectorXd::Constant(8, 0.2), r, t_dof);
}

std::vector<VoteModel> all_models() {
  return {DirichletModel::from_poll(kPollPercent, 8000, 1.0), DirichletModel({0.5, 0.7, 3.0}),
          poll_logistic(0.0), poll_logistic(5.0)};
}

TEST(VoteModel, Metadata) {
  const auto models = all_models();
  EXPECT_EQ(size(models[0]), 8);
  EXPECT_EQ(kind_name(models[0]), "dirichlet");
  EXPECT_EQ(variates_per_draw(models[0]), 8u);
  EXPECT_EQ(size(models[1]), 3);
  EXPECT_EQ(variates_per_draw(models[1]), 3u);
  EXPECT_EQ(size(models[2]), 8);
  EXPECT_EQ(kind_name(models[2]), "logistic-normal");
  EXPECT_EQ(variates_per_draw(models[2]), 8u);
  EXPECT_EQ(kind_name(models[3]), "logistic-normal");
  EXPECT_EQ(variates_per_draw(models[3]), 16u);  // 8 normals and a mixing gamma per option
}

// VoteSampler and the free sample() give exactly what the model itself gives.
TEST(VoteModel, SamplerMatchesModel) {
  for (const VoteModel& model : all_models()) {
    const VoteSampler sampler(model);
    EXPECT_EQ(sampler.size(), size(model));
    random::Engine e1(77);
    random::Engine e2(77);
    random::Engine e3(77);
    std::vector<double> a(size(model)), b(size(model)), c(size(model));
    for (int d = 0; d < 1000; ++d) {
      sampler.sample(e1, a);
      sample(model, e2, b);
      std::visit([&](const auto& m) { m.sample(e3, c); }, model);
      ASSERT_EQ(a, b);
      ASSERT_EQ(a, c);
    }
  }
}

// The hot loop of a block: 10k draws per model, zero allocations.
TEST(VoteModel, SamplingDoesNotAllocate) {
  for (const VoteModel& model : all_models()) {
    const VoteSampler sampler(model);
    random::Engine eng(8);
    std::vector<double> shares(sampler.size());
    double sink = 0.0;
    const long before = g_allocations.load();
    for (int d = 0; d < 10'000; ++d) {
      sampler.sample(eng, shares);
      sample(model, eng, shares);
      sink += shares[0];
    }
    EXPECT_EQ(g_allocations.load() - before, 0) << kind_name(model);
    EXPECT_GT(sink, 0.0);
  }
  // The counter does see allocations.
  const long before = g_allocations.load();
  auto* p = new std::vector<double>(3);
  delete p;
  EXPECT_GE(g_allocations.load() - before, 1);
}

// Samplers are independent copies: the original model can go away.
TEST(VoteModel, SamplerOwnsItsModel) {
  auto model = std::make_unique<VoteModel>(DirichletModel({1.0, 2.0}));
  const VoteSampler sampler(*model);
  model.reset();
  random::Engine eng(9);
  std::vector<double> shares(2);
  sampler.sample(eng, shares);
  EXPECT_NEAR(shares[0] + shares[1], 1.0, 1e-15);
}

}  // namespace
}  // namespace seatcast::models
