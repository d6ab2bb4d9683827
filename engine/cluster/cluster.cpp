#include "engine/cluster/cluster.h"

#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>

#include "engine/sim/tally_words.h"

#ifdef SEATCAST_WITH_MPI
#include <mpi.h>
#endif

namespace seatcast {

bool launched_by_mpirun() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(v)) return true;
  return false;
}

#ifdef SEATCAST_WITH_MPI

namespace {

// Messages larger than an int counts are cut into pieces.
constexpr std::size_t kMaxCount = std::numeric_limits<int>::max() / 2;

void check(int status, const char* what) {
  if (status != MPI_SUCCESS)
    throw std::runtime_error(std::string("MPI: ").append(what).append(" failed"));
}

// One message per vector: kept draws go block by block and tallies are a few MB, far
// below an int's count.
template <class T>
void send(const std::vector<T>& v, MPI_Datatype type, int to) {
  if (v.size() > kMaxCount) throw std::runtime_error("MPI: message too large");
  check(MPI_Send(v.data(), static_cast<int>(v.size()), type, to, 0, MPI_COMM_WORLD), "send");
}

// Receives a message of unknown length from `from`.
template <class T>
std::vector<T> receive(MPI_Datatype type, int from) {
  MPI_Status st;
  check(MPI_Probe(from, 0, MPI_COMM_WORLD, &st), "probe");
  int n = 0;
  check(MPI_Get_count(&st, type, &n), "count");
  std::vector<T> v(static_cast<std::size_t>(n));
  check(MPI_Recv(v.data(), n, type, from, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "receive");
  return v;
}

}  // namespace

Cluster::Cluster() {
  if (!launched_by_mpirun()) return;
  int provided = 0;
  // Only the calling thread talks to MPI (between waves); TBB's workers never do.
  check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "init");
  mpi_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Cluster::~Cluster() {
  if (mpi_) MPI_Finalize();
}

int Cluster::agree(int status) const {
  if (!mpi_) return status;
  int worst = status;
  check(MPI_Allreduce(&status, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD), "allreduce");
  return worst;
}

void Cluster::reduce(Tally& tally) const {
  if (!mpi_ || size_ == 1) return;
  const std::vector<std::uint64_t> mine = to_words(tally);
  std::vector<std::uint64_t> sum(root() ? mine.size() : 0);
  for (std::size_t at = 0; at < mine.size(); at += kMaxCount) {
    const std::size_t n = std::min(kMaxCount, mine.size() - at);
    check(MPI_Reduce(mine.data() + at, root() ? sum.data() + at : nullptr, static_cast<int>(n),
                     MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD),
          "reduce");
  }
  if (root()) from_words(tally, sum);
}

void Cluster::reduce(SweepTally& tally) const {
  if (!mpi_ || size_ == 1) return;
  // 128-bit sums do not add word by word: rank 0 receives each rank's words and merges.
  if (!root()) {
    send(to_words(tally), MPI_UINT64_T, 0);
    return;
  }
  const SweepTally shape = tally;
  for (int r = 1; r < size_; ++r) {
    SweepTally other = shape;
    from_words(other, receive<std::uint64_t>(MPI_UINT64_T, r));
    tally.merge(other);
  }
}

void Cluster::send_records(const std::vector<BlockRecord>& records) const {
  if (!mpi_ || root()) return;
  for (const BlockRecord& r : records) {
    send(r.shares, MPI_FLOAT, 0);
    send(r.seats, MPI_UINT16_T, 0);
  }
}

void Cluster::receive_records(const std::vector<std::uint64_t>& blocks, std::size_t options,
                              const std::function<void(const BlockRecord&)>& sink) const {
  if (!mpi_ || !root()) return;
  for (int r = 1; r < size_; ++r)
    for (std::uint64_t k = 0; k < blocks[static_cast<std::size_t>(r)]; ++k) {
      BlockRecord rec;
      rec.shares = receive<float>(MPI_FLOAT, r);
      rec.seats = receive<std::uint16_t>(MPI_UINT16_T, r);
      rec.count = options ? rec.shares.size() / options : 0;
      sink(rec);
    }
}

void Cluster::abort(int status) const {
  MPI_Abort(MPI_COMM_WORLD, status);
  std::_Exit(status);
}

#else  // one process: every collective is the identity

Cluster::Cluster() {
  if (launched_by_mpirun())
    throw std::runtime_error(
        "started by mpirun, but this seatcast was built without MPI (SEATCAST_MPI=OFF); "
        "rebuild with -DSEATCAST_MPI=ON or run shards (seatcast run --shard I/N)");
}
Cluster::~Cluster() = default;
int Cluster::agree(int status) const {
  return status;
}
void Cluster::reduce(Tally&) const {}
void Cluster::reduce(SweepTally&) const {}
void Cluster::send_records(const std::vector<BlockRecord>&) const {}
void Cluster::abort(int status) const {
  std::_Exit(status);
}
void Cluster::receive_records(const std::vector<std::uint64_t>&, std::size_t,
                              const std::function<void(const BlockRecord&)>&) const {}

#endif

}  // namespace seatcast
