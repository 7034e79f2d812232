// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <clocale>
#include <cstdlib>
#include <locale>

int main(int argc, char** argv)
{
    // Pin the locale so that number formatting never depends on the machine running the tests.
    setenv("LC_ALL", "C", 1);
    std::setlocale(LC_ALL, "C");
    std::locale::global(std::locale::classic());
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
