// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <mpi.h>

#include "core/plan/solvegroup.h"

namespace fw::mpi {

/// The ranks of an MPI communicator as the group futures are shared between. Collectives are called
/// from the thread that runs the command only (MPI_THREAD_FUNNELED).
class MpiGroup final : public core::plan::SolveGroup {
public:
    explicit MpiGroup(MPI_Comm communicator);
    int rank() const override { return rank_; }
    int ranks() const override { return ranks_; }
    /// MPI_Allgather of the sizes, then MPI_Allgatherv of the bytes. ValidationError when the ranks'
    /// bytes together pass 2 GiB (MPI counts are int).
    std::vector<std::string> allGather(const std::string& mine) const override;

private:
    MPI_Comm communicator_;
    int rank_ = 0;
    int ranks_ = 1;
};

} // namespace fw::mpi
