// The ballot code is shared by the paper and the scanner (placeholder until the tests land).
#include "core/paper/ballot_paper.hpp"

#include <gtest/gtest.h>
