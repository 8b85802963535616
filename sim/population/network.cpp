// Network construction in five parallel passes over preallocated arrays, with no per-resident
// containers: propose partners, count degrees, prefix-sum into offsets, scatter both directions
// of every tie, then sort and deduplicate each row and compact the rows.
#include "sim/population/network.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <unordered_set>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "sim/core/rng.hpp"

namespace wijksim {
namespace {

constexpr std::uint32_t kNoPartner = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint32_t kAgeGroupCount = 4;
constexpr std::uint32_t kEducationCount = 3;
constexpr std::uint32_t kMigrationCount = 3;
// Ties run along age group, education and migration background alike (ODD 5, network.homophily).
constexpr std::uint32_t kSimilarityGroups = kAgeGroupCount * kEducationCount * kMigrationCount;

std::uint32_t similarity_group(const Residents& residents, std::uint32_t i) {
  return (residents.age_group[i] * kEducationCount + residents.education[i]) * kMigrationCount +
         residents.migration[i];
}

template <typename Body>
void for_each_resident(std::uint32_t count, const Body& body) {
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, count, 4096),
                    [&](const tbb::blocked_range<std::uint32_t>& range) {
                      for (std::uint32_t i = range.begin(); i != range.end(); ++i) body(i);
                    });
}

// Residents ordered by (similarity group, resident). Because buurten are contiguous, the members
// of group g in buurt b form one contiguous run of this order, which gives both the buurt's
// similar residents and the similar residents elsewhere without any per-buurt lists.
struct SimilarityIndex {
  std::vector<std::uint32_t> members;
  std::vector<std::uint32_t> group_begin;  // kSimilarityGroups + 1 entries
  std::vector<std::uint32_t> run_begin;    // [buurt * kSimilarityGroups + group]
  std::vector<std::uint32_t> run_size;     // [buurt * kSimilarityGroups + group]
};

SimilarityIndex index_by_similarity(const Residents& residents,
                                    const std::vector<Buurt>& buurten) {
  const std::size_t runs = buurten.size() * kSimilarityGroups;
  SimilarityIndex index{std::vector<std::uint32_t>(residents.size()),
                        std::vector<std::uint32_t>(kSimilarityGroups + 1, 0),
                        std::vector<std::uint32_t>(runs, 0), std::vector<std::uint32_t>(runs, 0)};
  tbb::parallel_for(std::size_t{0}, buurten.size(), [&](std::size_t b) {
    const Buurt& buurt = buurten[b];
    for (std::uint32_t i = buurt.first_resident; i < buurt.first_resident + buurt.resident_count;
         ++i)
      ++index.run_size[b * kSimilarityGroups + similarity_group(residents, i)];
  });
  for (std::uint32_t g = 0; g < kSimilarityGroups; ++g) {
    std::uint32_t next = index.group_begin[g];
    for (std::size_t b = 0; b < buurten.size(); ++b) {
      index.run_begin[b * kSimilarityGroups + g] = next;
      next += index.run_size[b * kSimilarityGroups + g];
    }
    index.group_begin[g + 1] = next;
  }
  tbb::parallel_for(std::size_t{0}, buurten.size(), [&](std::size_t b) {
    const Buurt& buurt = buurten[b];
    std::vector<std::uint32_t> cursor(index.run_begin.begin() + b * kSimilarityGroups,
                                      index.run_begin.begin() + (b + 1) * kSimilarityGroups);
    for (std::uint32_t i = buurt.first_resident; i < buurt.first_resident + buurt.resident_count;
         ++i)
      index.members[cursor[similarity_group(residents, i)]++] = i;
  });
  return index;
}

// Lifeworld ties stay within the gemeente: work, school and clubs are mostly regional, and a
// country-wide run should not tie Groningen to Maastricht. A gemeente is a run of consecutive
// buurten with the same spec.gemeente; a synthetic municipality is one run.
struct LifeworldArea {
  std::uint32_t first_buurt;
  std::uint32_t end_buurt;
};

std::vector<LifeworldArea> lifeworld_areas(const std::vector<Buurt>& buurten) {
  std::vector<LifeworldArea> area_of(buurten.size());
  std::unordered_set<std::string> finished;
  for (std::uint32_t first = 0; first < buurten.size();) {
    const std::string& gemeente = buurten[first].spec.gemeente;
    std::uint32_t end = first + 1;
    while (end < buurten.size() && buurten[end].spec.gemeente == gemeente) ++end;
    if (!finished.insert(gemeente).second)
      throw std::invalid_argument("network: the buurten of gemeente '" + gemeente +
                                  "' are not consecutive; order buurten by gemeente");
    std::fill(area_of.begin() + first, area_of.begin() + end, LifeworldArea{first, end});
    first = end;
  }
  return area_of;
}

// Uniform over [begin, begin + size) without the sub-range [skip_begin, skip_begin + skip_size),
// which lies inside it. Returns kNoPartner when nothing is left.
std::uint32_t draw_outside(RandomStream& stream, std::uint32_t begin, std::uint32_t size,
                           std::uint32_t skip_begin, std::uint32_t skip_size) {
  if (size <= skip_size) return kNoPartner;
  const std::uint32_t position = begin + stream.below(size - skip_size);
  return position >= skip_begin ? position + skip_size : position;
}

// Proposes the partners of one resident. A homophilous draw falls back to a uniform one when the
// resident has no similar candidate.
class PartnerDrawer {
 public:
  PartnerDrawer(const Residents& residents, const std::vector<Buurt>& buurten,
                const SimilarityIndex& index, double homophily)
      : residents_(residents), buurten_(buurten), index_(index), homophily_(homophily),
        area_of_(lifeworld_areas(buurten)) {}

  std::uint32_t neighbour(RandomStream& stream, std::uint32_t i) const {
    const Buurt& buurt = buurten_[residents_.buurt[i]];
    if (stream.bernoulli(homophily_)) {
      const std::size_t run = run_of(i);
      // Runs are sorted by resident, so skipping the position where i would sit excludes i.
      const std::uint32_t begin = index_.run_begin[run], size = index_.run_size[run];
      if (size > 1) {
        const std::uint32_t position = begin + stream.below(size - 1);
        return index_.members[position] >= i ? index_.members[position + 1]
                                              : index_.members[position];
      }
    }
    return draw_outside(stream, buurt.first_resident, buurt.resident_count, i, 1);
  }

  // Similar residents of the gemeente are one contiguous stretch of the index, as runs are
  // ordered by buurt within each group.
  std::uint32_t lifeworld(RandomStream& stream, std::uint32_t i) const {
    const Buurt& buurt = buurten_[residents_.buurt[i]];
    const LifeworldArea area = area_of_[residents_.buurt[i]];
    if (stream.bernoulli(homophily_)) {
      const std::uint32_t group = similarity_group(residents_, i);
      const std::size_t run = run_of(i);
      const std::size_t first_run = std::size_t{area.first_buurt} * kSimilarityGroups + group;
      const std::size_t last_run = std::size_t{area.end_buurt - 1} * kSimilarityGroups + group;
      const std::uint32_t begin = index_.run_begin[first_run];
      const std::uint32_t position =
          draw_outside(stream, begin, index_.run_begin[last_run] + index_.run_size[last_run] - begin,
                       index_.run_begin[run], index_.run_size[run]);
      if (position != kNoPartner) return index_.members[position];
    }
    const Buurt& first = buurten_[area.first_buurt];
    const Buurt& last = buurten_[area.end_buurt - 1];
    return draw_outside(stream, first.first_resident,
                        last.first_resident + last.resident_count - first.first_resident,
                        buurt.first_resident, buurt.resident_count);
  }

 private:
  std::size_t run_of(std::uint32_t i) const {
    return std::size_t{residents_.buurt[i]} * kSimilarityGroups + similarity_group(residents_, i);
  }
  const Residents& residents_;
  const std::vector<Buurt>& buurten_;
  const SimilarityIndex& index_;
  double homophily_;
  std::vector<LifeworldArea> area_of_;  // per buurt
};

// A mean number of proposals as a whole part plus a chance of one more.
struct ProposalCount {
  explicit ProposalCount(double mean)
      : whole(static_cast<std::uint32_t>(std::floor(mean))), extra_chance(mean - whole) {}
  std::uint32_t draw(RandomStream& stream) const {
    return whole + (stream.bernoulli(extra_chance) ? 1 : 0);
  }
  std::uint32_t most() const { return whole + (extra_chance > 0.0 ? 1 : 0); }
  std::uint32_t whole;
  double extra_chance;
};

// Partners proposed by each resident, in fixed slots of `slots_per_resident`; unused slots hold
// kNoPartner, so every resident writes only its own slots.
struct Proposals {
  std::uint32_t slots_per_resident = 0;
  std::vector<std::uint32_t> partners;
};

Proposals propose_partners(const Residents& residents, const std::vector<Buurt>& buurten,
                           const NetworkParams& params, std::uint64_t seed,
                           std::uint32_t replicate) {
  const ProposalCount neighbour_count(params.neighbour_ties / 2.0);
  const ProposalCount lifeworld_count(params.lifeworld_ties / 2.0);
  Proposals proposals;
  proposals.slots_per_resident = neighbour_count.most() + lifeworld_count.most();
  proposals.partners.assign(std::size_t{proposals.slots_per_resident} * residents.size(),
                            kNoPartner);
  const SimilarityIndex index = index_by_similarity(residents, buurten);
  const PartnerDrawer drawer(residents, buurten, index, params.homophily);
  for_each_resident(static_cast<std::uint32_t>(residents.size()), [&](std::uint32_t i) {
    RandomStream stream(seed, replicate, 0, i, Stream::network);
    std::uint32_t* slot = proposals.partners.data() + std::size_t{i} * proposals.slots_per_resident;
    const std::uint32_t neighbours = neighbour_count.draw(stream);
    const std::uint32_t lifeworld = lifeworld_count.draw(stream);
    for (std::uint32_t k = 0; k < neighbours; ++k) *slot++ = drawer.neighbour(stream, i);
    for (std::uint32_t k = 0; k < lifeworld; ++k) *slot++ = drawer.lifeworld(stream, i);
  });
  return proposals;
}

struct HouseholdRange {
  std::uint32_t begin;
  std::uint32_t end;
};

HouseholdRange household_of(const Residents& residents, std::uint32_t i) {
  HouseholdRange range{i, i + 1};
  while (range.begin > 0 && residents.household[range.begin - 1] == residents.household[i])
    --range.begin;
  while (range.end < residents.size() && residents.household[range.end] == residents.household[i])
    ++range.end;
  return range;
}

template <typename Visit>
void for_each_proposal(const Proposals& proposals, std::uint32_t i, const Visit& visit) {
  const std::uint32_t* slot =
      proposals.partners.data() + std::size_t{i} * proposals.slots_per_resident;
  for (std::uint32_t k = 0; k < proposals.slots_per_resident; ++k)
    if (slot[k] != kNoPartner) visit(slot[k]);
}

void add_relaxed(std::uint32_t& counter, std::uint32_t amount) {
  std::atomic_ref<std::uint32_t>(counter).fetch_add(amount, std::memory_order_relaxed);
}

std::uint32_t take_slot(std::uint32_t& row_end) {
  return std::atomic_ref<std::uint32_t>(row_end).fetch_sub(1, std::memory_order_relaxed) - 1;
}

// Offsets and targets with every tie in both directions, duplicates included. Each row is filled
// backwards from its end, so afterwards offsets[i] is the start of row i.
Network scatter_ties(const Residents& residents, const Proposals& proposals) {
  const auto count = static_cast<std::uint32_t>(residents.size());
  Network network;
  network.offsets.assign(std::size_t{count} + 1, 0);
  std::vector<std::uint32_t>& degree = network.offsets;
  for_each_resident(count, [&](std::uint32_t i) {
    const HouseholdRange household = household_of(residents, i);
    std::uint32_t own = household.end - household.begin - 1;
    for_each_proposal(proposals, i, [&](std::uint32_t partner) {
      ++own;
      add_relaxed(degree[partner], 1);
    });
    add_relaxed(degree[i], own);
  });

  std::uint64_t running = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    running += degree[i];
    if (running > std::numeric_limits<std::uint32_t>::max())
      throw std::length_error("network: more than 2^32 tie ends; use fewer residents or ties");
    network.offsets[i] = static_cast<std::uint32_t>(running);
  }
  network.offsets[count] = static_cast<std::uint32_t>(running);
  network.targets.resize(running);

  for_each_resident(count, [&](std::uint32_t i) {
    const HouseholdRange household = household_of(residents, i);
    for (std::uint32_t member = household.begin; member < household.end; ++member)
      if (member != i) network.targets[take_slot(network.offsets[i])] = member;
    for_each_proposal(proposals, i, [&](std::uint32_t partner) {
      network.targets[take_slot(network.offsets[i])] = partner;
      network.targets[take_slot(network.offsets[partner])] = i;
    });
  });
  return network;
}

// Sorts every row (which makes the scatter order irrelevant), drops repeated partners, and
// closes the gaps. The compaction is sequential because rows only move towards the front.
void sort_and_deduplicate(Network& network) {
  const auto count = static_cast<std::uint32_t>(network.offsets.size() - 1);
  std::vector<std::uint32_t> kept(count);
  for_each_resident(count, [&](std::uint32_t i) {
    std::uint32_t* begin = network.targets.data() + network.offsets[i];
    std::uint32_t* end = network.targets.data() + network.offsets[i + 1];
    std::sort(begin, end);
    kept[i] = static_cast<std::uint32_t>(std::unique(begin, end) - begin);
  });
  std::uint32_t written = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint32_t start = network.offsets[i];
    if (start != written)
      std::memmove(network.targets.data() + written, network.targets.data() + start,
                   kept[i] * sizeof(std::uint32_t));
    network.offsets[i] = written;
    written += kept[i];
  }
  network.offsets[count] = written;
  network.targets.resize(written);
}

}  // namespace

Network build_network(const Residents& residents, const std::vector<Buurt>& buurten,
                      const NetworkParams& params, std::uint64_t seed, std::uint32_t replicate) {
  const auto is_count = [](double mean) { return std::isfinite(mean) && mean >= 0.0; };
  if (!is_count(params.neighbour_ties) || !is_count(params.lifeworld_ties) ||
      !(params.homophily >= 0.0 && params.homophily <= 1.0))
    throw std::invalid_argument(
        "network: expected neighbour_ties and lifeworld_ties >= 0 and homophily in [0, 1]");
  Network network;
  {
    const Proposals proposals = propose_partners(residents, buurten, params, seed, replicate);
    network = scatter_ties(residents, proposals);
  }  // the proposals are freed before deduplication needs its own scratch
  sort_and_deduplicate(network);
  return network;
}

}  // namespace wijksim
