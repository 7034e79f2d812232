// SPDX-License-Identifier: Apache-2.0
// fleetwright-mpi: risk and robust with the futures shared between the ranks of an MPI job
// (`mpirun -np N fleetwright-mpi robust FILE …`, or `srun` under Slurm). Every rank reads FILE and runs
// the same command; rank k mod N solves future k, and every rank reduces the answers in the futures'
// order, so the document is the one fleetwright-cli prints with the same options. Only rank 0 prints.
#include <iostream>
#include <streambuf>
#include <string>
#include <vector>

#include <mpi.h>

#include "app/cli/futurejson.h"
#include "app/cli/program.h"
#include "app/mpi/mpigroup.h"
#include "app/mpi/untracked.h"

namespace {

/// Where ranks other than 0 write: nowhere.
class Discard final : public std::streambuf {
protected:
    int overflow(int c) override { return traits_type::not_eof(c); }
    std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

/// MPI from MPI_Init to MPI_Finalize (what OpenMPI allocates there is untracked: untracked.h).
class MpiRuntime {
public:
    MpiRuntime(int& argc, char**& argv)
    {
        [[maybe_unused]] const fw::mpi::MpiUntracked untracked;
        int provided = 0;
        MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    }
    ~MpiRuntime()
    {
        [[maybe_unused]] const fw::mpi::MpiUntracked untracked;
        MPI_Finalize();
    }
    MpiRuntime(const MpiRuntime&) = delete;
    MpiRuntime& operator=(const MpiRuntime&) = delete;
};

const std::vector<fw::cli::Command>& sharedCommands()
{
    static const std::vector<fw::cli::Command> commands{{&fw::cli::riskCommand, fw::cli::runRisk},
                                                        {&fw::cli::robustCommand, fw::cli::runRobust}};
    return commands;
}

} // namespace

int main(int argc, char** argv)
{
    const MpiRuntime mpi(argc, argv);
    const fw::mpi::MpiGroup group(MPI_COMM_WORLD);
    Discard discard;
    std::streambuf* out = std::cout.rdbuf();
    std::streambuf* err = std::cerr.rdbuf();
    if (group.rank() != 0) {
        std::cout.rdbuf(&discard);
        std::cerr.rdbuf(&discard);
    }
    fw::cli::useSolveGroup(group);
    const fw::cli::Program program{"fleetwright-mpi",
                                   "Risk and robust plans of a Fleetwright fleet file with the futures' solves "
                                   "shared between the ranks of an MPI job; only rank 0 prints.",
                                   sharedCommands()};
    const int code = fw::cli::runProgram(program, std::vector<std::string>(argv + 1, argv + argc));
    std::cout.flush();
    std::cout.rdbuf(out);
    std::cerr.rdbuf(err);
    return code;
}
