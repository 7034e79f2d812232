// SPDX-License-Identifier: Apache-2.0
#include <iostream>
#include <string>
#include <vector>

#include "app/cli/commands.h"
#include "core/error.h"
#include "core/version.h"

namespace {

constexpr const char* usage = R"(usage: fleetwright-cli <command> [options]

commands:
  --version                              print the version
  new FILE [--sample]                    create a fleet database with the shipped catalog
  info FILE [--json]                     schema version and record counts of a fleet database
  catalog [FILE] [--vendor V] [--kind accelerator|system|network|announced] [--json]
                                         list the catalog (the file's own, or the shipped one) and
                                         the announced next-generation parts
  classify --rules ID|latest [--sku SKU[,SKU]] [--dest CC[,CC]] [--hq CC] [--parent-hq CC]
           [--date YYYY-MM-DD] [--quantity N] [--consignee NAME] [--rule-file FILE] [--json]
                                         export-control classification and treatment
  estimate training --sku SKU --accelerators N --params P [--active-params A] --tokens D
           [--precision bf16|fp8|…] [--tp T] [--cp C] [--mfu M] [--goodput G]
           [--interruptions-per-accelerator-day X] [--checkpoint-s S] [--restart-s S]
           [--usd-per-hour X] [--pue P] [--layers L --width W --sequence T]
           [--rl-rollouts N [--rl-prompt-tokens P] [--rl-output-tokens O] [--model NAME]] [--json]
  estimate inference --sku SKU (--model NAME | --params P [--active-params A] [--layers L]
           [--hidden H] [--experts E --experts-per-token K] [--attention-flops-per-context-token F])
           [--precision bf16|fp8|fp4] [--kv-cache bf16|fp8] [--kv-bytes-per-token K]
           [--input-tokens I] [--output-tokens O] [--context T] [--tokens-per-s-per-user S]
           [--ttft-s T] [--prefix-cache-hit H] [--draft-tokens N --draft-acceptance A]
           [--disaggregated [--prefill-sku SKU]] [--max-replica N] [--target-tokens-per-s X] [--json]
  estimate inference --calibration [--fit] [--json]
  estimate power --system SYS [--count N] [--pue P] [--utilization U] [--network-share S]
           [--available-mw MW [--power-oversubscription-gain G]] [--json]
  estimate tco --system SYS [--count N] [--years Y] [--price-usd X] [--pue P] [--utilization U]
           [--usd-per-kwh X] [--maintenance S] [--discount-rate R] [--installation-share S]
           [--facility-usd-per-mw X] [--colocation-usd-per-kw-month X]
           [--tokens-per-s-per-accelerator T] [--json]
                                         capacity, power and cost models (defaults echoed)
  topology --nodes N [--accelerators-per-node A] [--rails R] [--nic-ports N] [--nic-gbps G]
           (--switch SKU | --switch-radix K --port-gbps P) [--tiers auto|2|3]
           [--oversubscription 1:1[,1:1]] [--planes P] [--no-rail-optimised]
           [--spine-rule divide|fewest] [--nodes-per-su N] [--management-nodes M --management-ports P]
           [--scale-up-domain D --scale-up-gbytes-s B]
           [--kind fat-tree|dragonfly|torus] [--dims XxYxZ] [--routers-per-group A
           --terminals-per-router P --global-links-per-router H --groups G]
           [--fail-switches N | --fail-links PCT] [--trials T] [--seed S] [--graphml FILE] [--json]
                                         design a fabric: bill of materials and metrics; planes
                                         multiply NIC ports (--nic-ports defaults to --planes);
                                         a dragonfly without its shape is sized from --switch-radix
                                         and --nodes; bisection_gbps: the minimum over candidate
                                         balanced cuts of the max flow from one half of the nodes
                                         to the other, one direction, Gb/s (bisection_cut names it;
                                         bisection_exact says whether it is exact or an upper bound)
  plan FILE [--scenario NAME] [--time-limit S] [--gap G] [--baseline greedy] [--save] [--json]
                                         optimise the scenario's purchase plan (CBC MILP)
  import FILE --scenario IN.json         add or replace a scenario (by name)
  export FILE --scenario NAME --json OUT write a scenario as JSON
  export FILE [--scenario NAME] --xlsx OUT | --csv DIR
                                         the scenario's plan as XLSX sheets or CSV files
  import FILE --catalog-csv IN           replace the file's catalog with a CSV (all or nothing)
  import FILE --netbox DIR [--scenario NAME] [--map MAP.csv] [--device-status S[,S]]
                                         sites, power and installed systems from NetBox REST JSON
  import FILE [--scenario NAME] [--fleet-csv IN] [--demand-csv IN] [--market-csv IN]
                                         a scenario's tables from spreadsheet CSV (all or nothing)
  export FILE --catalog-csv OUT          write the file's catalog as CSV
  report FILE [--scenario NAME] --pdf OUT [--paper a4|letter] [--time-limit S] [--timings]
                                         write the PDF report (the plan report of the scenario)

exit codes: 0 success, 1 error in the input (message on stderr), 2 bad command line
)";

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> arguments(argv + 1, argv + argc);
    if (arguments.empty() || arguments[0] == "--help" || arguments[0] == "-h") {
        std::cout << usage;
        return arguments.empty() ? 2 : 0;
    }
    if (arguments[0] == "--version") {
        std::cout << "fleetwright " << fw::core::version << "\n";
        return 0;
    }
    const std::string command = arguments[0];
    fw::cli::Arguments rest(std::vector<std::string>(arguments.begin() + 1, arguments.end()));
    try {
        if (command == "new") {
            return fw::cli::runNew(std::move(rest));
        }
        if (command == "info") {
            return fw::cli::runInfo(std::move(rest));
        }
        if (command == "catalog") {
            return fw::cli::runCatalog(std::move(rest));
        }
        if (command == "classify") {
            return fw::cli::runClassify(std::move(rest));
        }
        if (command == "plan") {
            return fw::cli::runPlan(std::move(rest));
        }
        if (command == "topology") {
            return fw::cli::runTopology(std::move(rest));
        }
        if (command == "estimate") {
            return fw::cli::runEstimate(std::move(rest));
        }
        if (command == "import") {
            return fw::cli::runImport(std::move(rest));
        }
        if (command == "export") {
            return fw::cli::runExport(std::move(rest));
        }
        if (command == "report") {
            return fw::cli::runReport(std::move(rest), argc, argv);
        }
        throw fw::cli::UsageError("unknown command '" + command + "'");
    } catch (const fw::cli::UsageError& e) {
        std::cerr << "fleetwright-cli: " << e.what() << "\n" << usage;
        return 2;
    } catch (const fw::core::Error& e) {
        std::cerr << "fleetwright-cli: " << e.what() << "\n";
        return 1;
    }
}
