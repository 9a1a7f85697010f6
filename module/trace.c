// SPDX-License-Identifier: GPL-2.0
/*
 * The module's tracepoints, declared in trace.h, are created here (and
 * only here: CFLAGS_trace.o in Kbuild lets define_trace.h find trace.h).
 */
#define CREATE_TRACE_POINTS
#include "trace.h"
