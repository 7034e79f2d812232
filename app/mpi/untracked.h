// SPDX-License-Identifier: Apache-2.0
#pragma once

// OpenMPI never frees some of what its components allocate (at MPI_Init, in the first collectives,
// at MPI_Finalize; hwloc's topology): not this program's leaks. Memory allocated while an
// MpiUntracked is alive is not watched by the leak checker of the sanitizer builds.
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#endif

namespace fw::mpi {

#ifdef __SANITIZE_ADDRESS__
using MpiUntracked = __lsan::ScopedDisabler;
#else
struct MpiUntracked {};
#endif

} // namespace fw::mpi
