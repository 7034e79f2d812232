// SPDX-License-Identifier: Apache-2.0
#include "app/mpi/mpigroup.h"

#include <climits>
#include <cstdint>

#include "app/mpi/untracked.h"
#include "core/error.h"

namespace fw::mpi {

MpiGroup::MpiGroup(MPI_Comm communicator) : communicator_(communicator)
{
    MPI_Comm_rank(communicator_, &rank_);
    MPI_Comm_size(communicator_, &ranks_);
}

std::vector<std::string> MpiGroup::allGather(const std::string& mine) const
{
    // Every rank learns every size first, so every rank decides alike whether the bytes fit.
    [[maybe_unused]] const MpiUntracked untracked; // OpenMPI's collective components allocate on first use
    const long long size = static_cast<long long>(mine.size());
    std::vector<long long> sizes(static_cast<std::size_t>(ranks_));
    MPI_Allgather(&size, 1, MPI_LONG_LONG, sizes.data(), 1, MPI_LONG_LONG, communicator_);
    std::vector<int> counts;
    std::vector<int> offsets;
    long long total = 0;
    for (const long long s : sizes) {
        if (total + s > INT_MAX) {
            throw core::ValidationError("the futures' answers pass 2 GiB in one MPI exchange: run fewer futures");
        }
        offsets.push_back(static_cast<int>(total));
        counts.push_back(static_cast<int>(s));
        total += s;
    }
    std::string all(static_cast<std::size_t>(total), '\0');
    MPI_Allgatherv(mine.data(), static_cast<int>(size), MPI_CHAR, all.data(), counts.data(), offsets.data(), MPI_CHAR,
                   communicator_);
    std::vector<std::string> shares;
    for (std::size_t r = 0; r < sizes.size(); ++r) {
        shares.push_back(all.substr(static_cast<std::size_t>(offsets[r]), static_cast<std::size_t>(counts[r])));
    }
    return shares;
}

} // namespace fw::mpi
